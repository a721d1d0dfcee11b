package auth

import (
	"errors"
	"testing"
)

// Before a user's record is deleted: never one's own account (an invalid request, and
// nothing changes); another's login stops at once; only an admin may.
func TestBeforeDelete(t *testing.T) {
	e := newAuthEnv(t)
	bo, err := e.svc.CreateUser(e.ctx, e.admin, NewUser{Username: "bo", Name: "Bo", Password: "bo's own long password", Roles: []Role{RoleStaff}})
	if err != nil {
		t.Fatal(err)
	}
	boSess, err := e.svc.Login(e.ctx, "bo", "bo's own long password")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.BeforeDelete(e.ctx, e.admin, e.admin.UserID); !errors.Is(err, ErrDeleteSelf) || !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("deleting oneself: %v, want ErrDeleteSelf (an invalid input)", err)
	}
	if _, err := e.svc.Login(e.ctx, "anna", adminPW); err != nil {
		t.Fatalf("the refused self-deletion stopped the admin's login: %v", err)
	}
	if err := e.svc.BeforeDelete(e.ctx, boSess, e.admin.UserID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("staff deleting the admin: %v, want forbidden", err)
	}
	if _, err := e.svc.Login(e.ctx, "anna", adminPW); err != nil {
		t.Fatalf("the refused deletion stopped the admin's login: %v", err)
	}
	if err := e.svc.BeforeDelete(e.ctx, e.admin, bo); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Login(e.ctx, "bo", "bo's own long password"); !errors.Is(err, ErrAccountDisabled) {
		t.Fatalf("bo's login after BeforeDelete: %v, want disabled", err)
	}
}
