package portal

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dataskydd/backend/twofactor"
)

func events(t *testing.T, rg *rig, action string) int {
	t.Helper()
	var n int
	if err := rg.svc.Store.DB.QueryRow(`SELECT COUNT(*) FROM records WHERE type = 'event' AND json_extract(data, '$.action') = ?`, action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The whole way of the issue: invitation -> first password with the code -> login from a new
// device asks a code, a trusted device does not, cleared cookies ask again -> approve a quote
// with a code -> the record's approval fields, version history and event log show it.
func TestInvitationLoginApproveQuote(t *testing.T) {
	rg := newRig(t)
	for _, f := range []twofactor.Flow{twofactor.FlowConversations, twofactor.FlowPortalLogin, twofactor.FlowQuotes} {
		rg.flow(f, true)
	}
	b := rg.browser()
	sent := len(rg.fake.Messages())
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	if len(rg.fake.Messages()) != sent+1 {
		t.Fatal("the first password was set without an SMS code")
	}
	if b.cookie(deviceCookie) == "" {
		t.Fatal("no trusted-device cookie after the code")
	}
	// The invitation works once.
	if code, _ := b.get(rg.invite("C1")[:0] + "/invite/x"); code != http.StatusNotFound {
		t.Fatalf("unknown invitation: %d", code)
	}
	b.post("/logout", nil)
	if asked := b.login("anna@example.se", pwA, phoneA); asked {
		t.Fatal("a trusted device was asked for a code")
	}
	b.clearCookies()
	if asked := b.login("ANNA@example.se", pwA, phoneA); !asked {
		t.Fatal("cleared cookies: no code asked")
	}
	if events(t, rg, "portal_login") != 3 {
		t.Fatalf("login events: %d, want 3", events(t, rg, "portal_login"))
	}

	b.get("/r/quote/QA")
	_, body := b.post("/r/quote/QA/approve", nil)
	if !strings.Contains(body, `action="/code"`) {
		t.Fatalf("approving a quote did not ask for a code:\n%s", body)
	}
	r, _ := rg.svc.Store.Get(context.Background(), "quote", "QA")
	if r.String("approved_at") != "" {
		t.Fatal("approved before the code")
	}
	_, body = b.post("/code", url.Values{"code": {rg.lastCode(phoneA)}})
	if !strings.Contains(body, `id="approved"`) {
		t.Fatalf("no approval shown:\n%s", body)
	}
	r, _ = rg.svc.Store.Get(context.Background(), "quote", "QA")
	if r.String("approved_by_name") != "Anna Andersson" || r.String("approved_by_email") != "anna@example.se" ||
		r.String("approved_by_phone") != phoneA || r.String("approved_ip") != "127.0.0.1" || r.String("approved_at") == "" {
		t.Fatalf("approval fields: %v", r.Values)
	}
	if len(r.Rows("versions")) != 1 {
		t.Fatalf("version history: %v", r.Rows("versions"))
	}
	if events(t, rg, "portal_approve") != 1 {
		t.Fatal("no approval event")
	}
	// The search index followed: the approver's phone finds the quote.
	res, err := rg.svc.Index.Search(context.Background(), phoneA, 50)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		if h.Type == "quote" && h.ID == "QA" {
			found = true
		}
	}
	if !found {
		t.Fatal("the search index does not know the approval")
	}
	// A second approval is refused, not recorded twice.
	b.post("/r/quote/QA/approve", nil)
	if n, _ := Approvals(context.Background(), rg.svc.Store.DB); n != 1 {
		t.Fatalf("approvals: %d", n)
	}
}

// With every switch off, nothing asks for a code: the switches are what ask.
func TestSwitchesOffAskNoCode(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	link := rg.invite("C1")
	b.acceptInvite(link, pwA, phoneA)
	b.post("/logout", nil)
	b.clearCookies()
	if code, _ := b.get(link); code != http.StatusNotFound {
		t.Fatalf("a used invitation answered %d, want 404", code)
	}
	if b.login("anna@example.se", pwA, phoneA) {
		t.Fatal("login asked a code with portal_login off")
	}
	b.get("/r/project/PA")
	for _, p := range []string{"/r/quote/QA/approve", "/r/work_order/WA/extra_costs/0/approve", "/r/project/PA/extra_costs/0/approve", "/r/project/PA/payment_plans/0/approve"} {
		_, body := b.post(p, nil)
		if strings.Contains(body, `action="/code"`) {
			t.Fatalf("%s asked a code with its switch off", p)
		}
	}
	if len(rg.fake.Messages()) != 0 {
		t.Fatalf("SMS sent with every switch off: %d", len(rg.fake.Messages()))
	}
	if n, _ := Approvals(context.Background(), rg.svc.Store.DB); n != 4 {
		t.Fatalf("approvals: %d, want 4", n)
	}
	// Reset is not offered with its switches off.
	_, body := b.get("/reset")
	if strings.Contains(body, `action="/reset"`) || !strings.Contains(body, "Firma AB") {
		t.Fatalf("reset with its switches off:\n%s", body)
	}
}

// Extra costs and payment plans each ask a code under their own switch and record who,
// when and from where in the row.
func TestExtraCostAndPaymentPlanCodes(t *testing.T) {
	rg := newRig(t)
	rg.flow(twofactor.FlowExtraCosts, true)
	rg.flow(twofactor.FlowPaymentPlans, true)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	b.get("/r/project/PA")
	// Quotes are off: no code.
	if _, body := b.post("/r/quote/QA/approve", nil); strings.Contains(body, `action="/code"`) {
		t.Fatal("quote asked a code with its switch off")
	}
	for _, p := range []string{"/r/work_order/WA/extra_costs/0/approve", "/r/project/PA/payment_plans/0/approve"} {
		_, body := b.post(p, nil)
		if !strings.Contains(body, `action="/code"`) {
			t.Fatalf("%s: no code asked", p)
		}
		b.post("/code", url.Values{"code": {rg.lastCode(phoneA)}})
	}
	w, _ := rg.svc.Store.Get(context.Background(), "work_order", "WA")
	row := w.Rows("extra_costs")[0]
	if row["approved_by_name"] != "Anna Andersson" || row["approved_by_phone"] != phoneA || row["approved_ip"] != "127.0.0.1" || row["approved_at"] == nil {
		t.Fatalf("extra cost row: %v", row)
	}
	p, _ := rg.svc.Store.Get(context.Background(), "project", "PA")
	if p.Rows("payment_plans")[0]["approved_at"] == nil || p.Rows("extra_costs")[0]["approved_at"] != nil {
		t.Fatalf("project rows: %v", p.Values)
	}
}

// Password reset with a code forgets every trusted device; the old device then asks again.
func TestResetForgetsTrustedDevices(t *testing.T) {
	rg := newRig(t)
	rg.flow(twofactor.FlowPortalLogin, true)
	rg.flow(twofactor.FlowPortalPasswordReset, true)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	b.post("/logout", nil)
	if !b.login("anna@example.se", pwA, phoneA) {
		t.Fatal("first login from this browser asked no code")
	}
	ds, _ := rg.svc.TwoFactor.Devices(context.Background(), twofactor.PersonRef{Kind: twofactor.Customer, ID: "C1"})
	if len(ds) != 1 {
		t.Fatalf("devices: %d", len(ds))
	}
	other := rg.browser()
	other.get("/reset")
	_, body := other.post("/reset", url.Values{"email": {"anna@example.se"}})
	unknown := rg.browser()
	unknown.get("/reset")
	_, body2 := unknown.post("/reset", url.Values{"email": {"nobody@example.se"}})
	if csrfRE.ReplaceAllString(body, "") != csrfRE.ReplaceAllString(body2, "") {
		t.Fatal("reset answers differ for a known and an unknown e-mail")
	}
	const newPW = "ett helt nytt lösenord 2"
	_, body = other.post("/code", url.Values{"code": {rg.lastCode(phoneA)}, "password": {newPW}, "password2": {newPW}})
	if !strings.Contains(body, "alla betrodda enheter") {
		t.Fatalf("reset not done:\n%s", body)
	}
	ds, _ = rg.svc.TwoFactor.Devices(context.Background(), twofactor.PersonRef{Kind: twofactor.Customer, ID: "C1"})
	if len(ds) != 0 {
		t.Fatalf("devices after reset: %d", len(ds))
	}
	// The old browser was logged out and its device cookie no longer counts.
	if _, body := b.get("/home"); strings.Contains(body, "Översikt") {
		t.Fatal("the session survived the reset")
	}
	if !b.login("anna@example.se", newPW, phoneA) {
		t.Fatal("a forgotten device was not asked for a code")
	}
}

// The sixth wrong code is refused even when right: five wrong tries end it.
func TestSixthCodeRefused(t *testing.T) {
	rg := newRig(t)
	rg.flow(twofactor.FlowPortalLogin, true)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	b.clearCookies()
	b.get("/login")
	b.post("/login", url.Values{"email": {"anna@example.se"}, "password": {pwA}})
	right := rg.lastCode(phoneA)
	wrong := "000000"
	if right == wrong {
		wrong = "111111"
	}
	for i := 1; i <= 4; i++ {
		_, body := b.post("/code", url.Values{"code": {wrong}})
		if !strings.Contains(body, fmt.Sprintf("%d försök kvar", 5-i)) {
			t.Fatalf("wrong code %d:\n%s", i, body)
		}
	}
	_, body := b.post("/code", url.Values{"code": {wrong}})
	if !strings.Contains(body, "För många felaktiga koder") {
		t.Fatalf("fifth wrong code:\n%s", body)
	}
	_, body = b.post("/code", url.Values{"code": {right}})
	if strings.Contains(body, "Översikt") {
		t.Fatal("the sixth try passed")
	}
}

func TestCSRFAndHeaders(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	b.get("/r/quote/QA")
	code, _ := b.post("/r/quote/QA/approve", url.Values{"csrf": {"forged"}})
	if code != http.StatusForbidden {
		t.Fatalf("POST with a wrong CSRF token: %d", code)
	}
	resp, err := b.c.PostForm(rg.http.URL+"/r/quote/QA/approve", url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("POST without a CSRF token: %d", resp.StatusCode)
	}
	if n, _ := Approvals(context.Background(), rg.svc.Store.DB); n != 0 {
		t.Fatal("a forged POST approved")
	}
	// Without a session at all, even the login form is refused.
	anon := rg.browser()
	if code, _ := anon.post("/login", url.Values{"csrf": {"x"}, "email": {"a@b.se"}, "password": {"x"}}); code != http.StatusForbidden {
		t.Fatalf("login POST without session: %d", code)
	}
	for _, p := range []string{"/login", "/home", "/static/portal.css"} {
		resp, err := http.Get(rg.http.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
			h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("%s headers: %v", p, h)
		}
	}
	// The session cookie is HttpOnly and SameSite=Strict.
	resp, _ = http.Get(rg.http.URL + "/login")
	resp.Body.Close()
	sc := resp.Header.Get("Set-Cookie")
	if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Strict") {
		t.Fatalf("session cookie: %s", sc)
	}
}

func TestSessionIdleTimeout(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	rg.advance(29 * time.Minute)
	if _, body := b.get("/home"); !strings.Contains(body, "Översikt") {
		t.Fatal("session ended before 30 idle minutes")
	}
	rg.advance(30 * time.Minute)
	if _, body := b.get("/home"); strings.Contains(body, "Översikt") {
		t.Fatal("session alive after 30 idle minutes")
	}
}

func TestLoginRateLimits(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	b.post("/logout", nil)
	b.get("/login")
	lim := DefaultLimits().LoginPerAccount
	for i := 0; i < lim; i++ {
		if code, _ := b.post("/login", url.Values{"email": {"anna@example.se"}, "password": {"wrong password here"}}); code != 200 {
			t.Fatalf("try %d: %d", i, code)
		}
	}
	code, _ := b.post("/login", url.Values{"email": {"anna@example.se"}, "password": {pwA}})
	if code != http.StatusTooManyRequests {
		t.Fatalf("after %d wrong passwords the right one got %d, want 429", lim, code)
	}
	// Per address: many accounts from one address.
	c := rg.browser()
	c.get("/login")
	var last int
	for i := 0; i < DefaultLimits().LoginPerIP+1; i++ {
		last, _ = c.post("/login", url.Values{"email": {fmt.Sprintf("x%d@example.se", i)}, "password": {"whatever password"}})
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("per-address limit: %d", last)
	}
}

// A wrong e-mail and a wrong password get the same page and cost the same Argon2id run.
func TestWrongEmailLooksLikeWrongPassword(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	b.post("/logout", nil)
	var calls atomic.Int32
	rg.srv.hashCalls = func() { calls.Add(1) }
	try := func(email string) string {
		x := rg.browser()
		x.get("/login")
		_, body := x.post("/login", url.Values{"email": {email}, "password": {"not the password"}})
		return csrfRE.ReplaceAllString(body, "")
	}
	wrongPW := try("anna@example.se")
	n1 := calls.Load()
	wrongEmail := try("nobody@example.se")
	n2 := calls.Load() - n1
	if n1 != 1 || n2 != 1 {
		t.Fatalf("Argon2id runs: wrong password %d, wrong e-mail %d", n1, n2)
	}
	wrongPW = strings.Replace(wrongPW, "anna@example.se", "E", 1)
	wrongEmail = strings.Replace(wrongEmail, "nobody@example.se", "E", 1)
	if wrongPW != wrongEmail {
		t.Fatal("the answers differ")
	}
}

// Customer A walks every route with customer B's ids and gets 404 everywhere.
func TestAuthorisationWalk(t *testing.T) {
	rg := newRig(t)
	a := rg.browser()
	a.acceptInvite(rg.invite("C1"), pwA, phoneA)
	bb := rg.browser()
	bb.acceptInvite(rg.invite("C2"), "bertils långa lösenord 9", phoneB)
	// B has a trusted device; A must not reach it.
	rg.flow(twofactor.FlowPortalLogin, true)
	bb.clearCookies()
	bb.login("bertil@example.se", "bertils långa lösenord 9", phoneB)
	ds, _ := rg.svc.TwoFactor.Devices(context.Background(), twofactor.PersonRef{Kind: twofactor.Customer, ID: "C2"})
	if len(ds) != 1 {
		t.Fatal("B has no device")
	}
	a.get("/home")
	gets := []string{"/r/quote/QB", "/r/work_order/WB", "/r/project/PB", "/r/quote/NOPE", "/r/customer/C2", "/r/event/x"}
	posts := []string{"/r/quote/QB/approve", "/r/work_order/WB/extra_costs/0/approve", "/r/project/PB/extra_costs/0/approve",
		"/r/project/PB/payment_plans/0/approve", "/r/work_order/WB/reply", "/r/project/PB/reply", "/devices/" + ds[0].ID + "/remove",
		"/r/quote/QA/payment_plans/0/approve", "/r/work_order/WA/extra_costs/9/approve"}
	for _, p := range gets {
		if code, _ := a.get(p); code != http.StatusNotFound {
			t.Errorf("GET %s as A: %d, want 404", p, code)
		}
	}
	a.get("/home")
	for _, p := range posts {
		if code, _ := a.post(p, url.Values{"body": {"hej"}}); code != http.StatusNotFound {
			t.Errorf("POST %s as A: %d, want 404", p, code)
		}
	}
	if n, _ := Approvals(context.Background(), rg.svc.Store.DB); n != 0 {
		t.Fatal("A approved something")
	}
	w, _ := rg.svc.Store.Get(context.Background(), "work_order", "WB")
	if len(w.Rows("conversations")) != 1 {
		t.Fatal("A wrote into B's conversation")
	}
	if _, body := a.get("/home"); strings.Contains(body, "QB") || strings.Contains(body, "Nytt tak") {
		t.Fatal("A's overview lists B's quote")
	}
	ds, _ = rg.svc.TwoFactor.Devices(context.Background(), twofactor.PersonRef{Kind: twofactor.Customer, ID: "C2"})
	if len(ds) != 1 {
		t.Fatal("A removed B's device")
	}
	// A's own record works.
	if code, body := a.get("/r/work_order/WA"); code != 200 || !strings.Contains(body, "Hej Anna") {
		t.Fatalf("A's own work order: %d", code)
	}
}

func TestConversationReply(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	b.get("/r/work_order/WA")
	_, body := b.post("/r/work_order/WA/reply", url.Values{"body": {"Tack, det går bra på tisdag."}})
	if !strings.Contains(body, "det går bra på tisdag") {
		t.Fatalf("reply not shown:\n%s", body)
	}
	if events(t, rg, "portal_message") != 1 {
		t.Fatal("no event for the reply")
	}
	if code, _ := b.post("/r/work_order/WA/reply", url.Values{"body": {strings.Repeat("x", maxMessage+1)}}); code != http.StatusBadRequest {
		t.Fatalf("over-long message: %d", code)
	}
	if code, _ := b.post("/login", url.Values{"email": {strings.Repeat("a", 300)}, "password": {"x"}}); code != http.StatusBadRequest {
		t.Fatalf("over-long e-mail: %d", code)
	}
}

func TestNoPhoneSaysWhomToCall(t *testing.T) {
	rg := newRig(t)
	rg.flow(twofactor.FlowQuotes, true)
	b := rg.browser()
	b.acceptInvite(rg.invite("C3"), pwA, phoneA)
	b.get("/r/quote/QC")
	_, body := b.post("/r/quote/QC/approve", nil)
	if !strings.Contains(body, "Inget telefonnummer") || !strings.Contains(body, "Firma AB") {
		t.Fatalf("no-phone message:\n%s", body)
	}
}

func TestMyDataReportAndErasureRequest(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	code, body := b.get("/me/report?format=json")
	if code != 200 {
		t.Fatalf("report: %d", code)
	}
	var rep struct {
		Places []struct{ Type, ID, Field, Value string }
	}
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range rep.Places {
		seen[p.Type+"/"+p.ID] = true
		if p.Type == "customer" && p.ID == "C2" {
			t.Fatal("B's record in A's report")
		}
	}
	if !seen["customer/C1"] {
		t.Fatalf("A's own customer record missing: %v", rep.Places)
	}
	if events(t, rg, "portal_report_download") != 1 {
		t.Fatal("no download event")
	}
	b.get("/me")
	b.post("/me/erasure", nil)
	b.get("/me")
	_, body = b.post("/me/erasure", nil)
	if !strings.Contains(body, "redan en begäran") {
		t.Fatal("a second request was not recognised")
	}
	q, err := ErasureRequests(context.Background(), rg.svc.Store.DB)
	if err != nil || len(q) != 1 || q[0].PersonID != "C1" || q[0].Status != "open" {
		t.Fatalf("queue: %v %v", q, err)
	}
	if events(t, rg, "portal_erasure_request") != 1 {
		t.Fatal("no erasure-request event")
	}
	// Nothing was erased.
	if r, _ := rg.svc.Store.Get(context.Background(), "customer", "C1"); r.String("name") != "Anna Andersson" {
		t.Fatal("the portal erased data")
	}
	if err := CloseErasureRequest(context.Background(), rg.svc.Store, q[0].ID, "done", "admin", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := CloseErasureRequest(context.Background(), rg.svc.Store, q[0].ID, "done", "admin", time.Now()); err != ErrNoSuchRequest {
		t.Fatalf("closing twice: %v", err)
	}
}

// At most HashSlots Argon2id runs at once: a burst queues.
func TestHashingIsBounded(t *testing.T) {
	rg := newRig(t)
	var cur, peak atomic.Int32
	rg.srv.hashCalls = func() {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		cur.Add(-1)
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = rg.srv.verifyPassword(context.Background(), "x", rg.srv.dummyHash)
		}()
	}
	wg.Wait()
	if peak.Load() > 2 || peak.Load() < 1 {
		t.Fatalf("peak concurrent Argon2id runs: %d, want at most 2", peak.Load())
	}
}

func TestListenCheck(t *testing.T) {
	for _, c := range []struct {
		l  Listen
		ok bool
	}{
		{Listen{Addr: "127.0.0.1:8080"}, true},
		{Listen{Addr: "[::1]:8080"}, true},
		{Listen{Addr: "localhost:8080"}, true},
		{Listen{Addr: "0.0.0.0:8080"}, false},
		{Listen{Addr: ":8080"}, false},
		{Listen{Addr: "192.168.1.5:8080"}, false},
		{Listen{Addr: "0.0.0.0:8080", BehindProxy: true}, true},
		{Listen{Addr: "0.0.0.0:8443", CertFile: "c.pem", KeyFile: "k.pem"}, true},
		{Listen{Addr: "0.0.0.0:8443", CertFile: "c.pem"}, false},
	} {
		if err := c.l.Check(); (err == nil) != c.ok {
			t.Errorf("%+v: %v", c.l, err)
		}
	}
}

// The trusted-device cookie: HttpOnly, SameSite=Strict, at most 365 days, Secure under TLS;
// the database keeps only its hash.
func TestDeviceCookie(t *testing.T) {
	rg := newRig(t)
	rg.flow(twofactor.FlowPortalLogin, true)
	rg.srv.opts.Secure = true // as under TLS: the jar still sees the header
	b := rg.browser()
	link := rg.invite("C1")
	b.get(link)
	b.post(link, url.Values{"password": {pwA}, "password2": {pwA}})
	b.get("/login")
	resp, err := b.c.PostForm(rg.http.URL+"/login", url.Values{"csrf": {b.csrf()}, "email": {"anna@example.se"}, "password": {pwA}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	b.get("/code")
	req, _ := http.NewRequest(http.MethodPost, rg.http.URL+"/code", strings.NewReader(url.Values{"csrf": {b.csrf()}, "code": {rg.lastCode(phoneA)}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range b.jar.Cookies(req.URL) {
		req.AddCookie(c)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var dev *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == deviceCookie {
			dev = c
		}
	}
	if dev == nil {
		t.Fatalf("no device cookie after the code (status %d)", resp.StatusCode)
	}
	if !dev.HttpOnly || !dev.Secure || dev.SameSite != http.SameSiteStrictMode || dev.MaxAge <= 0 || dev.MaxAge > 365*24*3600 || len(dev.Value) < 43 {
		t.Fatalf("device cookie: %+v", dev)
	}
	var n int
	if err := rg.svc.Store.DB.QueryRow("SELECT COUNT(*) FROM twofactor_devices WHERE token_hash = ? OR CAST(token_hash AS TEXT) = ?", dev.Value, dev.Value).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the token is stored in the clear: %d %v", n, err)
	}
}
