package auth

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"dataskydd/backend/secrets"
	"dataskydd/backend/store"
)

// A session re-reads its account on every call: deactivation, deletion and a lost role take
// effect at the next call, a new role too.
func TestAuthorizeRereadsTheAccountEveryCall(t *testing.T) {
	e := newAuthEnv(t)
	bo, err := e.svc.CreateUser(e.ctx, e.admin, NewUser{Username: "bo", Password: "bo's own long password", Roles: []Role{RoleAdmin}})
	if err != nil {
		t.Fatal(err)
	}
	boSess, err := e.svc.Login(e.ctx, "bo", "bo's own long password")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authorize(e.ctx, boSess, RoleAdmin); err != nil {
		t.Fatalf("admin bo: %v", err)
	}
	if _, err := e.svc.Authorize(e.ctx, Session{}); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("nobody: %v", err)
	}
	// Demoted: the session still says admin, the store does not.
	if err := e.svc.SetRoles(e.ctx, e.admin, bo, []Role{RoleStaff}); err != nil {
		t.Fatal(err)
	}
	fresh, err := e.svc.Authorize(e.ctx, boSess, RoleAdmin)
	if !errors.Is(err, ErrForbidden) || !slices.Equal(fresh.Roles, []Role{RoleStaff}) {
		t.Fatalf("demoted bo as admin: %+v %v", fresh, err)
	}
	if fresh, err = e.svc.Authorize(e.ctx, boSess); err != nil || !slices.Equal(fresh.Roles, []Role{RoleStaff}) {
		t.Fatalf("demoted bo as anyone: %+v %v", fresh, err)
	}
	// Promoted again: at once too.
	if err := e.svc.SetRoles(e.ctx, e.admin, bo, []Role{RoleGDPROfficer}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authorize(e.ctx, boSess, RoleAdmin, RoleGDPROfficer); err != nil {
		t.Fatalf("bo as officer: %v", err)
	}
	// Deactivated: out, for every role, with "unauthenticated".
	if err := e.svc.SetActive(e.ctx, e.admin, bo, false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authorize(e.ctx, boSess); !errors.Is(err, ErrUnauthenticated) || !strings.Contains(err.Error(), "deactivated") {
		t.Fatalf("deactivated bo: %v", err)
	}
	if err := e.svc.SetActive(e.ctx, e.admin, bo, true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authorize(e.ctx, boSess); err != nil {
		t.Fatalf("reactivated bo: %v", err)
	}
	// The user record deleted (or gone): out.
	if err := e.st.Update(e.ctx, func(tx *store.Tx) error {
		r, err := tx.Get("user", bo)
		if err != nil {
			return err
		}
		r.Set("status", "deleted")
		_, err = tx.Put(r, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authorize(e.ctx, boSess); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("deleted bo: %v", err)
	}
	if _, err := e.svc.Authorize(e.ctx, Session{UserID: "U-nobody", Username: "ghost", Roles: []Role{RoleAdmin}}); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("a made-up session: %v", err)
	}
}

func TestSchedulerToken(t *testing.T) {
	e := newAuthEnv(t)
	sec := secrets.NewMemory()
	staff := Session{UserID: "U-x", Username: "x", Roles: []Role{RoleStaff, RoleGDPROfficer}}
	if _, err := e.svc.CreateSchedulerToken(e.ctx, staff, sec); !errors.Is(err, ErrForbidden) {
		t.Fatalf("non-admin creates a token: %v", err)
	}
	if err := e.svc.VerifySchedulerToken(e.ctx, sec); !errors.Is(err, ErrSchedulerToken) {
		t.Fatalf("no token yet: %v", err)
	}
	info, err := e.svc.CreateSchedulerToken(e.ctx, e.admin, sec)
	if err != nil || !info.Exists || info.CreatedBy != "anna" || !info.CreatedAt.Equal(e.clk.now()) {
		t.Fatalf("create: %+v %v", info, err)
	}
	if err := e.svc.VerifySchedulerToken(e.ctx, sec); err != nil {
		t.Fatalf("verify: %v", err)
	}
	// The database holds only the hash, never the token.
	var stored string
	if err := e.st.DB.QueryRow("SELECT value FROM auth_settings WHERE key = 'scheduler_token'").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	key := tokenKey(t, e)
	token, _ := sec.Get(e.ctx, key)
	if len(token) < 40 || strings.Contains(stored, token) || !strings.HasPrefix(key, "scheduler-token.ST") {
		t.Fatalf("token %q under %q, stored %q", token, key, stored)
	}
	// A changed keyring value is refused.
	sec.Set(e.ctx, key, token[:len(token)-1]+"x")
	if err := e.svc.VerifySchedulerToken(e.ctx, sec); !errors.Is(err, ErrSchedulerToken) {
		t.Fatalf("forged token: %v", err)
	}
	sec.Set(e.ctx, key, token)
	// A new token replaces the old one, whose keyring entry goes.
	if _, err := e.svc.CreateSchedulerToken(e.ctx, e.admin, sec); err != nil {
		t.Fatal(err)
	}
	if _, err := sec.Get(e.ctx, key); !errors.Is(err, secrets.ErrNotFound) || tokenKey(t, e) == key {
		t.Fatalf("the old token's keyring entry: %v", err)
	}
	key = tokenKey(t, e)
	// An unavailable keyring: a clear error, nothing stored.
	down := secrets.NewMemory()
	down.Fail = &secrets.UnavailableError{Op: "set", Err: errors.New("no D-Bus")}
	if _, err := e.svc.CreateSchedulerToken(e.ctx, e.admin, down); !errors.Is(err, secrets.ErrUnavailable) {
		t.Fatalf("keyring down: %v", err)
	}
	if err := e.svc.VerifySchedulerToken(e.ctx, sec); err != nil {
		t.Fatalf("the failed create replaced the token: %v", err)
	}
	// Revoked: refused at once, the keyring entry gone.
	if err := e.svc.RevokeSchedulerToken(e.ctx, staff, sec); !errors.Is(err, ErrForbidden) {
		t.Fatalf("non-admin revokes: %v", err)
	}
	if err := e.svc.RevokeSchedulerToken(e.ctx, e.admin, sec); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.VerifySchedulerToken(e.ctx, sec); !errors.Is(err, ErrSchedulerToken) {
		t.Fatalf("after revoke: %v", err)
	}
	if _, err := sec.Get(e.ctx, key); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("the keyring entry after revoke: %v", err)
	}
	if info, err := e.svc.SchedulerToken(e.ctx, e.admin); err != nil || info.Exists {
		t.Fatalf("after revoke: %+v %v", info, err)
	}
	var events string
	if err := e.st.DB.QueryRow("SELECT group_concat(json_extract(data, '$.username') || ' ' || json_extract(data, '$.action'), ', ') FROM records WHERE type = 'event'").Scan(&events); err != nil {
		t.Fatal(err)
	}
	if events != "anna scheduler_token.create, anna scheduler_token.create, anna scheduler_token.revoke" {
		t.Errorf("events %q", events)
	}
	// Every check is in the system log, as a login is.
	log := e.systemLog(t)
	want := []string{"scheduler scheduler_token", "scheduler login_ok", "scheduler scheduler_token", "scheduler login_ok", "scheduler scheduler_token"}
	if got := log[len(log)-len(want):]; !slices.Equal(got, want) {
		t.Fatalf("system log %v, want it to end with %v", log, want)
	}
}

// tokenKey is the keyring key of the current token.
func tokenKey(t *testing.T, e *authEnv) string {
	t.Helper()
	var v string
	if err := e.st.DB.QueryRow("SELECT json_extract(value, '$.id') FROM auth_settings WHERE key = 'scheduler_token'").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return "scheduler-token." + v
}
