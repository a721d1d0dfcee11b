package desktop

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"dataskydd/backend/auth"
)

// A session re-reads its account on every call (auth.Service.Authorize): an officer demoted
// to staff is refused at the next call, and a deactivated one is logged out at once.
func TestSessionLosesAccessAtOnceWhenDemotedOrDeactivated(t *testing.T) {
	f := newRolesFixture(t)
	a := f.app
	rec := &recorder{}
	a.rt = rec
	officer := f.sessions["gdpr_officer"]
	if _, err := a.Login("gdpr_officer", "correct horse battery staple gdpr_officer"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(f.dir, "export.jsonl")
	if _, err := a.ExportFile(out, "customer"); err != nil {
		t.Fatalf("officer exports: %v", err)
	}
	// An admin demotes the officer (in the backend, as another window or the CLI could).
	sv, err := a.svc()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := sv.Accounts.SetRoles(ctx, f.sessions["admin"], officer.UserID, []auth.Role{auth.RoleStaff}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExportFile(out, "customer"); codeOf(err) != CodeForbidden {
		t.Fatalf("demoted officer exports: %v, want forbidden", err)
	}
	me, err := a.Me()
	if err != nil || !slices.Equal(me.Roles, []string{"staff"}) {
		t.Fatalf("Me after the demotion: %+v %v", me, err)
	}
	// Deactivated: the next call of any kind is refused and the session is gone.
	if err := sv.Accounts.SetActive(ctx, f.sessions["admin"], officer.UserID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Me(); codeOf(err) != CodeUnauthenticated {
		t.Fatalf("deactivated officer: %v, want unauthenticated", err)
	}
	if rec.count(EventSessionLocked) != 1 {
		t.Errorf("session:locked sent %d times, want 1", rec.count(EventSessionLocked))
	}
	// Reactivated, the old session does not come back: a new login is needed.
	if err := sv.Accounts.SetActive(ctx, f.sessions["admin"], officer.UserID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Status(); codeOf(err) != CodeUnauthenticated {
		t.Fatalf("after reactivation without login: %v", err)
	}
}
