package portal

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/record"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
	"dataskydd/backend/sms"
	"dataskydd/backend/sms/smstest"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

// rig is a real store, search index and two-factor engine with the fake SMS provider,
// and the portal on an httptest server.
type rig struct {
	t    *testing.T
	svc  *services.Services
	fake *smstest.Server
	srv  *Server
	http *httptest.Server
	now  time.Time
	mu   sync.Mutex
}

const (
	phoneA = "+46701234567"
	phoneB = "+46709876543"
	pwA    = "korrekt häst batteri 1"
)

var testLines = []string{
	`{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Anna Andersson","email":"anna@example.se","mobile_phone":"070-123 45 67","personal_number":"19800101-1234"}`,
	`{"type":"customer","id":"C2","customer_number":"1002","kind":"private","name":"Bertil Berg","email":"bertil@example.se","mobile_phone":"070-987 65 43"}`,
	`{"type":"customer","id":"C3","customer_number":"1003","kind":"private","name":"Cecilia Utan","email":"cecilia@example.se"}`,
	`{"type":"quote","id":"QA","number":"1","title":"Nytt kök","customer_number":"1001"}`,
	`{"type":"quote","id":"QB","number":"2","title":"Nytt tak","customer_number":"1002"}`,
	`{"type":"quote","id":"QC","number":"3","title":"Nytt golv","customer_number":"1003"}`,
	`{"type":"work_order","id":"WA","number":"11","title":"Rör","customer_number":"1001","extra_costs":[{"description":"Extra rör","amount":350}],"conversations":[{"from_name":"Kontoret","body":"Hej Anna","sent_at":"2026-11-01T10:00:00Z"}]}`,
	`{"type":"work_order","id":"WB","number":"12","title":"El","customer_number":"1002","extra_costs":[{"description":"Kabel","amount":200}],"conversations":[{"from_name":"Kontoret","body":"Hej Bertil","sent_at":"2026-11-01T10:00:00Z"}]}`,
	`{"type":"project","id":"PA","number":"21","name":"Altan","customer_number":"1001","extra_costs":[{"description":"Ställning","amount":1200}],"payment_plans":[{"payer_name":"Anna Andersson","amount":10000,"due_date":"2026-12-30"}]}`,
	`{"type":"project","id":"PB","number":"22","name":"Garage","customer_number":"1002","extra_costs":[{"description":"Port","amount":900}],"payment_plans":[{"payer_name":"Bertil Berg","amount":5000}]}`,
}

func newRig(t *testing.T, lines ...string) *rig {
	t.Helper()
	ctx := context.Background()
	fake := smstest.NewServer(sms.Elks, sms.Credentials{Username: "u", Password: "p"})
	smsSrv := httptest.NewServer(fake)
	t.Cleanup(smsSrv.Close)
	st, err := store.Create(ctx, t.TempDir(), store.CreateOptions{Lang: "sv", OrgName: "Firma AB"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := services.Wire(ctx, st, services.Options{CheapKDF: true, Secrets: secrets.NewMemory(), SMSBaseURL: smsSrv.URL})
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	if err := svc.SMS.Save(ctx, sms.Settings{Provider: sms.Elks, SenderName: "Dataskydd"}, sms.Credentials{Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 {
		lines = testLines
	}
	err = st.Update(ctx, func(tx *store.Tx) error {
		for _, l := range lines {
			r, err := record.Decode([]byte(l))
			if err != nil {
				return err
			}
			if _, err := tx.Put(r, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	rg := &rig{t: t, svc: svc, fake: fake, now: time.Now()}
	rg.srv, err = New(Options{Store: st, TwoFactor: svc.TwoFactor, Index: svc.Index, Params: auth.TestParams(),
		PublicURL: "http://portal.test", Now: rg.clock})
	if err != nil {
		t.Fatal(err)
	}
	rg.http = httptest.NewServer(rg.srv)
	t.Cleanup(rg.http.Close)
	return rg
}

func (rg *rig) clock() time.Time {
	rg.mu.Lock()
	defer rg.mu.Unlock()
	return rg.now
}

func (rg *rig) advance(d time.Duration) {
	rg.mu.Lock()
	rg.now = rg.now.Add(d)
	rg.mu.Unlock()
}

func (rg *rig) flow(f twofactor.Flow, on bool) {
	rg.t.Helper()
	if err := rg.svc.TwoFactor.SetFlow(context.Background(), f, on); err != nil {
		rg.t.Fatal(err)
	}
}

// invite returns the invitation path of a private customer.
func (rg *rig) invite(id string) string {
	rg.t.Helper()
	inv, err := Invite(context.Background(), rg.svc.Store, twofactor.PersonRef{Kind: twofactor.Customer, ID: id}, "http://portal.test", "admin", rg.clock())
	if err != nil {
		rg.t.Fatal(err)
	}
	return strings.TrimPrefix(inv.Link, "http://portal.test")
}

var codeRE = regexp.MustCompile(`\b(\d{6})\b`)

// lastCode is the newest code the fake provider received for number to.
func (rg *rig) lastCode(to string) string {
	rg.t.Helper()
	m, ok := rg.fake.Last(to)
	if !ok {
		rg.t.Fatalf("no SMS to %s", to)
	}
	return codeRE.FindStringSubmatch(m.Text)[1]
}

// browser is one browser: its own cookie jar, no automatic redirects followed across
// the checks we need (it does follow them, keeping the last page).
type browser struct {
	t    *testing.T
	rg   *rig
	c    *http.Client
	jar  *cookiejar.Jar
	last string
}

func (rg *rig) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: rg.t, rg: rg, c: &http.Client{Jar: jar}, jar: jar}
}

func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	resp, err := b.c.Get(b.rg.http.URL + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body := readAll(resp)
	b.last = body
	return resp.StatusCode, body
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *browser) csrf() string {
	m := csrfRE.FindStringSubmatch(b.last)
	if m == nil {
		_, body := b.get("/login")
		m = csrfRE.FindStringSubmatch(body)
	}
	return m[1]
}

// post sends a form with the session's CSRF token (unless vals already has one).
func (b *browser) post(path string, vals url.Values) (int, string) {
	b.t.Helper()
	if vals == nil {
		vals = url.Values{}
	}
	if _, ok := vals["csrf"]; !ok {
		vals.Set("csrf", b.csrf())
	}
	resp, err := b.c.PostForm(b.rg.http.URL+path, vals)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body := readAll(resp)
	b.last = body
	return resp.StatusCode, body
}

func readAll(resp *http.Response) string {
	var sb strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			return sb.String()
		}
	}
}

func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.rg.http.URL)
	for _, c := range b.jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func (b *browser) clearCookies() {
	b.jar, _ = cookiejar.New(nil)
	b.c.Jar = b.jar
	b.last = ""
}

// acceptInvite sets the first password through the invitation (answering the code when
// the conversations flow asks for one) and ends logged in.
func (b *browser) acceptInvite(path, pw, phone string) {
	b.t.Helper()
	if code, _ := b.get(path); code != 200 {
		b.t.Fatalf("invitation page: %d", code)
	}
	_, body := b.post(path, url.Values{"password": {pw}, "password2": {pw}})
	if strings.Contains(body, `action="/code"`) {
		_, body = b.post("/code", url.Values{"code": {b.rg.lastCode(phone)}})
	}
	if !strings.Contains(body, "Översikt") {
		b.t.Fatalf("after the invitation: not logged in:\n%s", body)
	}
}

// login logs in, answering a code if asked; it returns whether a code was asked.
func (b *browser) login(email, pw, phone string) bool {
	b.t.Helper()
	b.get("/login")
	_, body := b.post("/login", url.Values{"email": {email}, "password": {pw}})
	asked := false
	if strings.Contains(body, `action="/code"`) {
		asked = true
		_, body = b.post("/code", url.Values{"code": {b.rg.lastCode(phone)}})
	}
	if !strings.Contains(body, "Översikt") {
		b.t.Fatalf("login failed:\n%s", body)
	}
	return asked
}
