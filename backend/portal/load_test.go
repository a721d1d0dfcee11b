package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/twofactor"
)

// TestPortalLoad is `make bench-portal`: 200 customers at once on loopback, each logging in
// from a new device (SMS code) and approving their quote (SMS code), against the real store,
// index, two-factor engine and fake SMS provider. It reports p50/p95 of both steps and the
// errors, and checks that no approval is lost or doubled. DATASKYDD_BENCH_PORTAL=1 runs it;
// DATASKYDD_BENCH_PORTAL_KDF=default uses the production Argon2id cost (64 MiB, t=3).
func TestPortalLoad(t *testing.T) {
	if os.Getenv("DATASKYDD_BENCH_PORTAL") != "1" {
		t.Skip("the load test runs with DATASKYDD_BENCH_PORTAL=1 (make bench-portal)")
	}
	const n = 200
	var lines []string
	for i := 0; i < n; i++ {
		lines = append(lines,
			fmt.Sprintf(`{"type":"customer","id":"L%d","customer_number":"%d","kind":"private","name":"Kund %d","email":"kund%d@example.se","mobile_phone":"070-%07d"}`, i, 5000+i, i, i, 1000000+i),
			fmt.Sprintf(`{"type":"quote","id":"LQ%d","number":"%d","title":"Offert %d","customer_number":"%d"}`, i, i, i, 5000+i))
	}
	rg := newRig(t, lines...)
	params := auth.TestParams()
	if os.Getenv("DATASKYDD_BENCH_PORTAL_KDF") == "default" {
		params = auth.DefaultParams()
	}
	lim := DefaultLimits()
	lim.LoginPerIP, lim.CodePerIP = 10*n, 10*n // every customer comes from 127.0.0.1 here
	srv, err := New(Options{Store: rg.svc.Store, TwoFactor: rg.svc.TwoFactor, Index: rg.svc.Index, Params: params, Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	rg.http.Config.Handler = srv
	rg.flow(twofactor.FlowPortalLogin, true)
	rg.flow(twofactor.FlowQuotes, true)
	const pw = "ett långt kundlösenord 7"
	phc, err := auth.HashPassword(pw, params)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < n; i++ {
		inv, err := Invite(ctx, rg.svc.Store, twofactor.PersonRef{Kind: twofactor.Customer, ID: fmt.Sprintf("L%d", i)}, "http://x", "bench", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		_ = inv
	}
	if _, err := rg.svc.Store.DB.Exec("UPDATE portal_accounts SET password_hash = ?", phc); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var logins, approvals []time.Duration
	var errs []string
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := newLoadClient(rg)
			phone := "+4670" + fmt.Sprintf("%07d", 1000000+i)
			t0 := time.Now()
			err := c.login(fmt.Sprintf("kund%d@example.se", i), pw, phone)
			t1 := time.Now()
			if err == nil {
				err = c.approve(fmt.Sprintf("LQ%d", i), phone)
			}
			t2 := time.Now()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Sprintf("customer %d: %v", i, err))
				return
			}
			logins = append(logins, t1.Sub(t0))
			approvals = append(approvals, t2.Sub(t1))
		}(i)
	}
	wg.Wait()
	total := time.Since(start)
	got, err := Approvals(ctx, rg.svc.Store.DB)
	if err != nil {
		t.Fatal(err)
	}
	var approvedQuotes int
	if err := rg.svc.Store.DB.QueryRow(`SELECT COUNT(*) FROM records WHERE type = 'quote' AND json_extract(data, '$.approved_at') IS NOT NULL`).Scan(&approvedQuotes); err != nil {
		t.Fatal(err)
	}
	evs := events(t, rg, "portal_approve")
	report := fmt.Sprintf("bench-portal: %d customers, Argon2id m=%d KiB t=%d p=%d in %d slots, total %s\n  login (password + SMS code): p50 %s p95 %s\n  approve (SMS code): p50 %s p95 %s\n  errors %d; approvals recorded %d, quotes approved %d, approval events %d\n",
		n, params.Memory, params.Time, params.Threads, cap(srv.hashSlots), total.Round(time.Millisecond),
		pct(logins, 50), pct(logins, 95), pct(approvals, 50), pct(approvals, 95), len(errs), got, approvedQuotes, evs)
	fmt.Print(report)
	if out := os.Getenv("DATASKYDD_BENCH_PORTAL_OUT"); out != "" {
		_ = os.WriteFile(out, []byte(report), 0o644)
	}
	for _, e := range errs[:min(len(errs), 5)] {
		t.Error(e)
	}
	if got != n || approvedQuotes != n || evs != n {
		t.Fatalf("approvals lost or doubled: table %d, quotes %d, events %d, want %d each", got, approvedQuotes, evs, n)
	}
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)-1)*p/100].Round(time.Millisecond)
}

type loadClient struct {
	rg   *rig
	c    *http.Client
	csrf string
}

func newLoadClient(rg *rig) *loadClient {
	jar, _ := cookiejar.New(nil)
	return &loadClient{rg: rg, c: &http.Client{Jar: jar, Timeout: 5 * time.Minute}}
}

func (c *loadClient) do(method, path string, vals url.Values) (string, error) {
	var resp *http.Response
	var err error
	if method == http.MethodGet {
		resp, err = c.c.Get(c.rg.http.URL + path)
	} else {
		vals.Set("csrf", c.csrf)
		resp, err = c.c.PostForm(c.rg.http.URL+path, vals)
	}
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body := readAll(resp)
	if resp.StatusCode != 200 {
		return body, fmt.Errorf("%s %s: %d", method, path, resp.StatusCode)
	}
	if m := csrfRE.FindStringSubmatch(body); m != nil {
		c.csrf = m[1]
	}
	return body, nil
}

func (c *loadClient) code(phone string) (string, error) {
	m, ok := c.rg.fake.Last(phone)
	if !ok {
		return "", errors.New("no SMS to " + phone)
	}
	return codeRE.FindStringSubmatch(m.Text)[1], nil
}

func (c *loadClient) login(email, pw, phone string) error {
	if _, err := c.do(http.MethodGet, "/login", nil); err != nil {
		return err
	}
	return c.withCode("login", "/login", url.Values{"email": {email}, "password": {pw}}, phone, "Översikt")
}

// withCode posts form to path, which must ask for an SMS code; answers it with the code sent
// to phone; and expects the page after it to hold want.
func (c *loadClient) withCode(step, path string, form url.Values, phone, want string) error {
	body, err := c.do(http.MethodPost, path, form)
	if err != nil {
		return err
	}
	if !strings.Contains(body, `action="/code"`) {
		return fmt.Errorf("%s: no code asked", step)
	}
	code, err := c.code(phone)
	if err != nil {
		return err
	}
	body, err = c.do(http.MethodPost, "/code", url.Values{"code": {code}})
	if err != nil {
		return err
	}
	if !strings.Contains(body, want) {
		return fmt.Errorf("%s: %q not shown after the code", step, want)
	}
	return nil
}

func (c *loadClient) approve(id, phone string) error {
	if _, err := c.do(http.MethodGet, "/r/quote/"+id, nil); err != nil {
		return err
	}
	return c.withCode("approve", "/r/quote/"+id+"/approve", url.Values{}, phone, `id="approved"`)
}
