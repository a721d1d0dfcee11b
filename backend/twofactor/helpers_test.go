package twofactor_test

import (
	"context"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/secrets"
	"dataskydd/backend/sms"
	"dataskydd/backend/sms/smstest"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is one installation: a real store, the real SMS gateway talking 46elks to
// a local fake provider, in-memory secrets and a clock the test moves.
type env struct {
	st      *store.Store
	eng     *twofactor.Engine
	gw      *sms.Gateway
	fake    *smstest.Server
	secrets *secrets.Memory
	clock   *clock
}

var (
	alice = twofactor.PersonRef{Kind: twofactor.Employee, ID: "U1"}
	bob   = twofactor.PersonRef{Kind: twofactor.Employee, ID: "U2"}
	nils  = twofactor.PersonRef{Kind: twofactor.Employee, ID: "U3"} // no phone
)

const aliceMobile, bobPhone = "+46701234567", "+46739876543"

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Create(ctx, t.TempDir(), store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	put(t, st, "user", "U1", map[string]any{"username": "alice", "mobile_phone": "070-123 45 67", "work_phone": "08-123 456 78"})
	put(t, st, "user", "U2", map[string]any{"username": "bob", "work_phone": "073 987 65 43"})
	put(t, st, "user", "U3", map[string]any{"username": "nils"})

	creds := sms.Credentials{Username: "u", Password: "p"}
	fake := smstest.NewServer(sms.Elks, creds)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	sec := secrets.NewMemory()
	settings := twofactor.NewSettings(st.DB)
	gw := sms.NewGateway(settings, sec, map[sms.Provider]sms.Options{sms.Elks: {BaseURL: srv.URL}})
	if err := gw.Save(ctx, sms.Settings{Provider: sms.Elks, SenderName: "Dataskydd"}, creds); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	eng := twofactor.New(twofactor.Options{DB: st.DB, Secrets: sec, SMS: gw, Now: c.Now})
	return &env{st: st, eng: eng, gw: gw, fake: fake, secrets: sec, clock: c}
}

func put(t testing.TB, st *store.Store, typ, id string, values map[string]any) {
	t.Helper()
	rt, ok := registry.Get(typ)
	if !ok {
		t.Fatalf("no type %s", typ)
	}
	r := record.New(rt, id)
	for k, v := range values {
		r.Set(k, v)
	}
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Put(r, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

var codeRe = regexp.MustCompile(`\b(\d{6})\b`)

// lastCode reads the code from the newest SMS to number.
func (e *env) lastCode(t testing.TB, number string) string {
	t.Helper()
	m, ok := e.fake.Last(number)
	if !ok {
		t.Fatalf("no SMS to %s", number)
	}
	c := codeRe.FindStringSubmatch(m.Text)
	if c == nil {
		t.Fatalf("no code in %q", m.Text)
	}
	return c[1]
}

func (e *env) start(t testing.TB, ref twofactor.PersonRef, f twofactor.Flow) (twofactor.Challenge, string) {
	t.Helper()
	ch, err := e.eng.Start(context.Background(), ref, f)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	number := aliceMobile
	if ref == bob {
		number = bobPhone
	}
	return ch, e.lastCode(t, number)
}

// wrong returns a 6-digit answer that is not code.
func wrong(code string) string {
	if code == "000000" {
		return "111111"
	}
	return "000000"
}
