package desktop

import (
	"context"
	"strings"
	"testing"

	"dataskydd/backend/secrets"
)

// An admin creates the scheduler token in the app: into the OS keyring (here the test's
// memory keyring), only its hash in the database; the command line's check accepts it until
// the admin revokes it.
func TestSchedulerTokenCreateAndRevoke(t *testing.T) {
	a, _ := newTestApp(t, true)
	info, err := a.SchedulerToken()
	if err != nil || info.Exists || !strings.HasSuffix(info.Command, " --scheduler anonymise") || !strings.Contains(info.Command, a.dataDir) {
		t.Fatalf("before: %+v %v", info, err)
	}
	info, err = a.CreateSchedulerToken()
	if err != nil || !info.Exists || info.CreatedBy != "test" || info.CreatedAt == "" {
		t.Fatalf("create: %+v %v", info, err)
	}
	sv, _ := a.svc()
	if err := sv.Accounts.VerifySchedulerToken(context.Background(), sv.Secrets); err != nil {
		t.Fatalf("the token does not verify: %v", err)
	}
	if err := a.RevokeSchedulerToken(); err != nil {
		t.Fatal(err)
	}
	if err := sv.Accounts.VerifySchedulerToken(context.Background(), sv.Secrets); err == nil {
		t.Fatal("a revoked token verifies")
	}
	if info, _ := a.SchedulerToken(); info.Exists {
		t.Fatal("the token still exists after revoke")
	}
	// No keyring: a stable code for the screen, nothing stored.
	sv.Secrets.(*secrets.Memory).Fail = &secrets.UnavailableError{Op: "set", Err: context.DeadlineExceeded}
	if _, err := a.CreateSchedulerToken(); codeOf(err) != CodeKeyringUnavailable {
		t.Fatalf("no keyring: %v", err)
	}
	if info, _ := a.SchedulerToken(); info.Exists {
		t.Fatal("a token was recorded without a keyring")
	}
}
