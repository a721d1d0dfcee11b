package desktop

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/records"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
)

func newEmptyApp(t *testing.T) (*App, *recorder) {
	t.Helper()
	a := NewApp(filepath.Join(t.TempDir(), "data"))
	a.session.opts = &services.Options{CheapKDF: true, Secrets: secrets.NewMemory()}
	rec := &recorder{}
	a.rt = rec
	t.Cleanup(func() { a.shutdown() })
	return a, rec
}

const adminPassword = "correct horse battery staple"

func TestFirstRunThenLogin(t *testing.T) {
	a, _ := newEmptyApp(t)
	st, err := a.State()
	if err != nil || st.StoreExists || st.SetUp || st.Session != nil {
		t.Fatalf("empty folder: state %+v, %v", st, err)
	}
	// A refused password creates nothing.
	if _, err := a.FirstRun(FirstRunInput{OrgName: "Test AB", Lang: "en", Username: "anna", Password: "short"}); codeOf(err) != CodePasswordTooShort {
		t.Fatalf("short password: %v", err)
	}
	if _, err := a.FirstRun(FirstRunInput{OrgName: "Test AB", Lang: "en", Username: "anna", Password: "1qaz2wsx3edc"}); codeOf(err) != CodePasswordCommon {
		t.Fatalf("common password: %v", err)
	}
	if _, err := os.Stat(filepath.Join(a.dataDir, "dataskydd.db")); !os.IsNotExist(err) {
		t.Fatalf("a refused first run left a store behind (%v)", err)
	}
	info, err := a.FirstRun(FirstRunInput{OrgName: "Test AB", Lang: "en", Username: "anna", Name: "Anna", Password: adminPassword})
	if err != nil {
		t.Fatal(err)
	}
	if info.Username != "anna" || len(info.Roles) != 1 || info.Roles[0] != "admin" || info.IdleLockMinutes != 15 {
		t.Fatalf("first run session %+v", info)
	}
	st, err = a.State()
	if err != nil || !st.SetUp || st.OrgName != "Test AB" || st.Lang != "en" || st.Session == nil {
		t.Fatalf("after first run: %+v, %v", st, err)
	}
	if _, err := a.FirstRun(FirstRunInput{Username: "eve", Password: adminPassword + "x"}); codeOf(err) != CodeAlreadySetUp {
		t.Fatalf("second first run: %v", err)
	}

	if err := a.Logout(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Me(); codeOf(err) != CodeUnauthenticated {
		t.Fatalf("after logout Me: %v", err)
	}
	if _, err := a.Login("anna", "wrong password here"); codeOf(err) != CodeBadCredentials {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := a.Login("anna", adminPassword); err != nil {
		t.Fatal(err)
	}
	// Back-off: after three free mistakes even the right password waits, and says until when.
	a.forget()
	for i := 0; i < 4; i++ {
		_, _ = a.Login("anna", "wrong password here")
	}
	_, err = a.Login("anna", adminPassword)
	ae, ok := err.(*AppError)
	if !ok || ae.Code != CodeThrottled || ae.RetryAt == "" {
		t.Fatalf("throttled login: %#v", err)
	}
	if _, perr := time.Parse(time.RFC3339, ae.RetryAt); perr != nil {
		t.Fatalf("retryAt %q: %v", ae.RetryAt, perr)
	}
	// The system log has the logins, failed or not.
	sv, _ := a.svc()
	a.setSession(sv, auth.Session{UserID: info.UserID, Username: "anna", Roles: []auth.Role{auth.RoleAdmin}})
	page, err := a.ListRecords(records.Query{Type: "system_log", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]int{}
	for _, r := range page.Items {
		code, _ := r.Values["code"].(string)
		codes[code]++
	}
	if codes["login_ok"] < 1 || codes["bad_credentials"] < 1 {
		t.Fatalf("system log codes %v", codes)
	}
}

func TestIdleLockForgetsTheSession(t *testing.T) {
	a, rec := newEmptyApp(t)
	if _, err := a.FirstRun(FirstRunInput{OrgName: "Test AB", Lang: "sv", Username: "anna", Password: adminPassword}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	a.session.now = func() time.Time { return now }
	if _, err := a.Me(); err != nil {
		t.Fatal(err)
	}
	if err := a.SetIdleLockMinutes(5); err != nil {
		t.Fatal(err)
	}
	now = now.Add(4 * time.Minute)
	if _, err := a.Me(); err != nil {
		t.Fatalf("4 minutes idle of 5: %v", err)
	}
	now = now.Add(5*time.Minute + time.Second)
	if _, err := a.Me(); codeOf(err) != CodeUnauthenticated {
		t.Fatalf("after the idle period: %v", err)
	}
	if rec.count(EventSessionLocked) != 1 {
		t.Fatalf("events %v: want one session:locked", rec.events)
	}
	// Forgotten, not just refused once.
	now = now.Add(time.Second)
	if _, err := a.Me(); codeOf(err) != CodeUnauthenticated {
		t.Fatalf("still logged in after the lock: %v", err)
	}
	// The setting survives for the next login.
	info, err := a.Login("anna", adminPassword)
	if err != nil || info.IdleLockMinutes != 5 {
		t.Fatalf("login after lock: %+v, %v", info, err)
	}
	if err := a.Lock(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Me(); codeOf(err) != CodeUnauthenticated {
		t.Fatalf("after Lock: %v", err)
	}
}

// A store made by the first run gets its retention scheduler at once: the catch-up run
// happens without anyone opening the anonymisation screen or restarting the app.
func TestFirstRunStartsTheRetentionScheduler(t *testing.T) {
	a, rec := newEmptyApp(t)
	if _, err := a.FirstRun(FirstRunInput{OrgName: "Test AB", Lang: "sv", Username: "anna", Password: adminPassword}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for rec.count(EventRetentionDone) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no retention run within 20 s of the first run")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
