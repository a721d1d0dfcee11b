package auth

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/store"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// recordingHook notes every call and can be told to fail.
type recordingHook struct {
	calls []string
	fail  error
}

func (h *recordingHook) PasswordSet(_ context.Context, tx *sql.Tx, userID, password string) error {
	h.calls = append(h.calls, "set "+userID+" "+password)
	return h.fail
}

func (h *recordingHook) PasswordChanged(_ context.Context, tx *sql.Tx, userID, old, new string) error {
	h.calls = append(h.calls, "changed "+userID+" "+old+" -> "+new)
	return h.fail
}

func (h *recordingHook) LoggedIn(_ context.Context, userID, password string) error {
	h.calls = append(h.calls, "login "+userID)
	return nil
}

type authEnv struct {
	ctx   context.Context
	st    *store.Store
	svc   *Service
	clk   *clock
	hook  *recordingHook
	admin Session
}

const adminPW = "Tre glada laxar i ån"

func newAuthEnv(t *testing.T) *authEnv {
	t.Helper()
	ctx := context.Background()
	st, err := store.Create(ctx, t.TempDir(), store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &authEnv{ctx: ctx, st: st, clk: &clock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}, hook: &recordingHook{}}
	e.svc = NewService(st, Options{Params: TestParams(), Hooks: []PasswordHook{e.hook}, Now: e.clk.now})
	e.admin, err = e.svc.Setup(ctx, SetupInput{OrgName: "Rörmokarna AB", Username: "anna", Name: "Anna Admin", Email: "anna@example.se", Password: adminPW})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// systemLog returns the system_log records' (username, code) pairs in order.
func (e *authEnv) systemLog(t *testing.T) []string {
	t.Helper()
	rows, err := e.st.DB.Query("SELECT json_extract(data, '$.kind'), json_extract(data, '$.username'), json_extract(data, '$.code') FROM records WHERE type = 'system_log' ORDER BY rid")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var kind, user, code string
		rows.Scan(&kind, &user, &code)
		if kind != "login" {
			t.Fatalf("kind %q", kind)
		}
		out = append(out, user+" "+code)
	}
	return out
}

func TestSetup(t *testing.T) {
	e := newAuthEnv(t)
	if e.admin.Username != "anna" || !slices.Equal(e.admin.Roles, []Role{RoleAdmin}) || !strings.HasPrefix(e.admin.UserID, "U") {
		t.Fatalf("session %+v", e.admin)
	}
	if org, _ := e.st.Meta(e.ctx, "org_name"); org != "Rörmokarna AB" {
		t.Fatalf("org name %q", org)
	}
	rec, err := e.st.Get(e.ctx, "user", e.admin.UserID)
	if err != nil || rec.String("username") != "anna" || rec.String("email") != "anna@example.se" {
		t.Fatalf("user record: %+v %v", rec, err)
	}
	if _, err := e.st.Get(e.ctx, "permission", e.admin.UserID+":admin"); err != nil {
		t.Fatalf("permission record: %v", err)
	}
	var phc string
	e.st.DB.QueryRow("SELECT phc FROM auth_credentials WHERE user_id = ?", e.admin.UserID).Scan(&phc)
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Contains(phc, adminPW) {
		t.Fatalf("stored hash %q", phc)
	}
	if !slices.Equal(e.hook.calls, []string{"set " + e.admin.UserID + " " + adminPW}) {
		t.Fatalf("hook calls %v", e.hook.calls)
	}
	if _, err := e.svc.Setup(e.ctx, SetupInput{Username: "eve", Password: "another long password"}); !errors.Is(err, ErrAlreadySetUp) {
		t.Fatalf("second setup: %v", err)
	}
}

func TestSetupRefusesWeakPasswords(t *testing.T) {
	st, err := store.Create(context.Background(), t.TempDir(), store.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := NewService(st, Options{Params: TestParams()})
	for pw, want := range map[string]error{"short": ErrPasswordTooShort, "1q2w3e4r5t6y": ErrPasswordCommon} {
		if _, err := svc.Setup(context.Background(), SetupInput{Username: "anna", Password: pw}); !errors.Is(err, want) {
			t.Errorf("%q: %v, want %v", pw, err, want)
		}
	}
	if ok, _ := svc.IsSetUp(context.Background()); ok {
		t.Fatal("set up after refused passwords")
	}
	if n, _ := st.Counts(context.Background()); n["user"] != 0 {
		t.Fatal("user record left behind")
	}
}

func TestLoginAndBackoff(t *testing.T) {
	e := newAuthEnv(t)
	sess, err := e.svc.Login(e.ctx, "ANNA", adminPW) // usernames are case-insensitive
	if err != nil || sess.UserID != e.admin.UserID || !sess.Has(RoleAdmin) {
		t.Fatalf("login: %+v %v", sess, err)
	}
	// Three free mistakes, then 1 s, 2 s, 4 s ... per account.
	for i := 0; i < 3; i++ {
		if _, err := e.svc.Login(e.ctx, "anna", "wrong password here"); !errors.Is(err, ErrBadCredentials) || Code(err) != "bad_credentials" {
			t.Fatalf("wrong password %d: %v", i, err)
		}
	}
	if _, err := e.svc.Login(e.ctx, "anna", adminPW); err != nil {
		t.Fatalf("right password after three mistakes: %v", err)
	}
	for i := 0; i < 4; i++ {
		e.svc.Login(e.ctx, "anna", "wrong password here")
	}
	// Four failures: back off 1 s. Even the right password is refused until then.
	_, err = e.svc.Login(e.ctx, "anna", adminPW)
	var te *ThrottledError
	if !errors.As(err, &te) || Code(err) != "throttled" || !te.Until.Equal(e.clk.t.Add(time.Second)) {
		t.Fatalf("throttled login: %v", err)
	}
	// Another account is not affected.
	if _, err := e.svc.CreateUser(e.ctx, e.admin, NewUser{Username: "bo", Password: "bo's own long password", Roles: []Role{RoleStaff}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Login(e.ctx, "bo", "bo's own long password"); err != nil {
		t.Fatalf("other account: %v", err)
	}
	e.clk.advance(time.Second)
	e.svc.Login(e.ctx, "anna", "wrong password here") // fifth: 2 s
	e.clk.advance(1999 * time.Millisecond)
	if _, err := e.svc.Login(e.ctx, "anna", adminPW); !errors.Is(err, ErrThrottled) {
		t.Fatalf("within 2 s: %v", err)
	}
	e.clk.advance(time.Millisecond)
	if _, err := e.svc.Login(e.ctx, "anna", adminPW); err != nil {
		t.Fatalf("after 2 s: %v", err)
	}
	// Success resets the count.
	if _, err := e.svc.Login(e.ctx, "anna", "wrong password here"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("after reset: %v", err)
	}
	// An unknown name fails like a wrong password, and is throttled too.
	for i := 0; i < 4; i++ {
		if _, err := e.svc.Login(e.ctx, "nobody", "whatever password"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("unknown user: %v", err)
		}
	}
	if _, err := e.svc.Login(e.ctx, "nobody", "whatever password"); !errors.Is(err, ErrThrottled) {
		t.Fatalf("unknown user throttled: %v", err)
	}
	log := e.systemLog(t)
	want := []string{"anna login_ok", "anna bad_credentials", "anna bad_credentials", "anna bad_credentials", "anna login_ok"}
	if !slices.Equal(log[:5], want) {
		t.Fatalf("system log starts %v, want %v", log[:5], want)
	}
	if !slices.Contains(log, "anna throttled") || !slices.Contains(log, "nobody bad_credentials") || !slices.Contains(log, "nobody throttled") {
		t.Fatalf("system log %v", log)
	}
	var bad int
	for _, l := range log {
		if strings.HasSuffix(l, "bad_credentials") {
			bad++
		}
	}
	if bad != 3+4+1+1+4 {
		t.Fatalf("%d failed logins logged", bad)
	}
	// The back-off survives a restart: it is stored.
	svc2 := NewService(e.st, Options{Params: TestParams(), Now: e.clk.now})
	if _, err := svc2.Login(e.ctx, "nobody", "whatever password"); !errors.Is(err, ErrThrottled) {
		t.Fatalf("after restart: %v", err)
	}
}

func TestPasswordChangeResetDeactivate(t *testing.T) {
	e := newAuthEnv(t)
	bo, err := e.svc.CreateUser(e.ctx, e.admin, NewUser{Username: "bo", Name: "Bo", Password: "bo's own long password", Roles: []Role{RoleStaff}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.CreateUser(e.ctx, e.admin, NewUser{Username: "BO", Password: "another long password"}); !errors.Is(err, ErrUsernameTaken) {
		t.Fatalf("duplicate username: %v", err)
	}
	boSess, err := e.svc.Login(e.ctx, "bo", "bo's own long password")
	if err != nil || !slices.Equal(boSess.Roles, []Role{RoleStaff}) {
		t.Fatalf("bo: %+v %v", boSess, err)
	}
	if _, err := e.svc.CreateUser(e.ctx, boSess, NewUser{Username: "eve", Password: "another long password"}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("staff creates user: %v", err)
	}
	// Change own password.
	if err := e.svc.ChangePassword(e.ctx, boSess, "not bo's password", "bo's brand new password"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("wrong old password: %v", err)
	}
	if err := e.svc.ChangePassword(e.ctx, boSess, "bo's own long password", "qwerty123456"); !errors.Is(err, ErrPasswordCommon) {
		t.Fatalf("common new password: %v", err)
	}
	e.hook.calls = nil
	if err := e.svc.ChangePassword(e.ctx, boSess, "bo's own long password", "bo's brand new password"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(e.hook.calls, []string{"changed " + bo + " bo's own long password -> bo's brand new password"}) {
		t.Fatalf("hook: %v", e.hook.calls)
	}
	if _, err := e.svc.Login(e.ctx, "bo", "bo's own long password"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("old password: %v", err)
	}
	if _, err := e.svc.Login(e.ctx, "bo", "bo's brand new password"); err != nil {
		t.Fatalf("new password: %v", err)
	}
	// A failing hook rolls the change back.
	e.hook.fail = errors.New("vault says no")
	if err := e.svc.ChangePassword(e.ctx, boSess, "bo's brand new password", "bo's third password"); err == nil {
		t.Fatal("change with failing hook succeeded")
	}
	e.hook.fail = nil
	if _, err := e.svc.Login(e.ctx, "bo", "bo's brand new password"); err != nil {
		t.Fatalf("password after rolled-back change: %v", err)
	}
	// Admin reset.
	if err := e.svc.ResetPassword(e.ctx, boSess, bo, "reset by bo himself"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("staff resets: %v", err)
	}
	e.hook.calls = nil
	if err := e.svc.ResetPassword(e.ctx, e.admin, bo, "reset by the admin 1"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(e.hook.calls, []string{"set " + bo + " reset by the admin 1"}) {
		t.Fatalf("hook: %v", e.hook.calls)
	}
	if _, err := e.svc.Login(e.ctx, "bo", "reset by the admin 1"); err != nil {
		t.Fatalf("after reset: %v", err)
	}
	// Deactivate: even the right password is refused; reactivate.
	if err := e.svc.SetActive(e.ctx, e.admin, bo, false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Login(e.ctx, "bo", "reset by the admin 1"); !errors.Is(err, ErrAccountDisabled) {
		t.Fatalf("deactivated: %v", err)
	}
	if _, err := e.svc.Refresh(e.ctx, boSess); !errors.Is(err, ErrAccountDisabled) {
		t.Fatalf("refresh of deactivated: %v", err)
	}
	if st, _ := e.svc.Account(e.ctx, e.admin, bo); st.Active || !st.HasPassword {
		t.Fatalf("account state %+v", st)
	}
	if err := e.svc.SetActive(e.ctx, e.admin, bo, true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Login(e.ctx, "bo", "reset by the admin 1"); err != nil {
		t.Fatalf("reactivated: %v", err)
	}
	// A user record deleted in the records browser cannot log in either.
	if err := e.st.Update(e.ctx, func(tx *store.Tx) error { _, err := tx.SoftDelete("user", bo, e.clk.t); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Login(e.ctx, "bo", "reset by the admin 1"); !errors.Is(err, ErrAccountDisabled) {
		t.Fatalf("deleted user: %v", err)
	}
	if _, err := e.svc.Refresh(e.ctx, boSess); !errors.Is(err, ErrAccountDisabled) {
		t.Fatalf("refresh of deleted user: %v", err)
	}
	// The last admin can neither be deactivated nor lose the role.
	if err := e.svc.SetActive(e.ctx, e.admin, e.admin.UserID, false); !errors.Is(err, ErrLastAdministrator) {
		t.Fatalf("deactivate last admin: %v", err)
	}
	if err := e.svc.SetRoles(e.ctx, e.admin, e.admin.UserID, []Role{RoleStaff}); !errors.Is(err, ErrLastAdministrator) {
		t.Fatalf("demote last admin: %v", err)
	}
	// A deleted admin does not count as another admin.
	if err := e.svc.SetRoles(e.ctx, e.admin, bo, []Role{RoleAdmin, RoleGDPROfficer}); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.SetRoles(e.ctx, e.admin, e.admin.UserID, []Role{RoleStaff}); !errors.Is(err, ErrLastAdministrator) {
		t.Fatalf("demote with only a deleted admin left: %v", err)
	}
	cy, err := e.svc.CreateUser(e.ctx, e.admin, NewUser{Username: "cy", Password: "cy has a long password", Roles: []Role{RoleStaff}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.SetRoles(e.ctx, e.admin, cy, []Role{RoleAdmin, RoleGDPROfficer}); err != nil {
		t.Fatal(err)
	}
	cySess, _ := e.svc.Login(e.ctx, "cy", "cy has a long password")
	if s, _ := e.svc.Refresh(e.ctx, cySess); !slices.Equal(s.Roles, []Role{RoleAdmin, RoleGDPROfficer}) {
		t.Fatalf("cy's roles %v", s.Roles)
	}
	if err := e.svc.SetRoles(e.ctx, e.admin, e.admin.UserID, []Role{RoleStaff}); err != nil {
		t.Fatalf("demote with another admin: %v", err)
	}
	if n, _ := e.st.Counts(e.ctx); n["permission"] != 5 {
		t.Fatalf("permission records: %d", n["permission"])
	}
}

func TestIdleLockSetting(t *testing.T) {
	e := newAuthEnv(t)
	if d, err := e.svc.IdleLock(e.ctx); err != nil || d != 15*time.Minute {
		t.Fatalf("default: %v %v", d, err)
	}
	if err := e.svc.SetIdleLock(e.ctx, e.admin, 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	if d, _ := e.svc.IdleLock(e.ctx); d != 5*time.Minute {
		t.Fatalf("after set: %v", d)
	}
	if err := e.svc.SetIdleLock(e.ctx, e.admin, time.Second); !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("1 s: %v", err)
	}
	if err := e.svc.SetIdleLock(e.ctx, Session{}, 5*time.Minute); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("nobody: %v", err)
	}
}

func TestLoginUpgradesHash(t *testing.T) {
	e := newAuthEnv(t) // hashed with TestParams
	stronger := Params{Memory: 128, Time: 2, Threads: 1}
	svc := NewService(e.st, Options{Params: stronger, Now: e.clk.now})
	if _, err := svc.Login(e.ctx, "anna", adminPW); err != nil {
		t.Fatal(err)
	}
	var phc string
	e.st.DB.QueryRow("SELECT phc FROM auth_credentials WHERE user_id = ?", e.admin.UserID).Scan(&phc)
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=128,t=2,p=1$") {
		t.Fatalf("hash not upgraded: %s", phc)
	}
	if _, err := svc.Login(e.ctx, "anna", adminPW); err != nil {
		t.Fatalf("login with upgraded hash: %v", err)
	}
}
