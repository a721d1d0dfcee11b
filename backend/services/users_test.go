package services

import (
	"context"
	"errors"
	"testing"

	"dataskydd/backend/auth"
)

// The users list: every user with its roles and login state, to admins only.
func TestUsers(t *testing.T) {
	ctx := context.Background()
	svc := wired(t, "sv", "")
	admin, err := svc.Accounts.Setup(ctx, auth.SetupInput{Username: "anna", Name: "Anna", Password: "ett långt lösenord 2026"})
	if err != nil {
		t.Fatal(err)
	}
	bo, err := svc.Accounts.CreateUser(ctx, admin, auth.NewUser{Username: "bo", Name: "Bo", Password: "bos långa lösenord 2026", Roles: []auth.Role{auth.RoleStaff}})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Accounts.SetActive(ctx, admin, bo, false); err != nil {
		t.Fatal(err)
	}
	users, err := svc.Users(ctx, admin, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 {
		t.Fatalf("users = %+v", users)
	}
	byName := map[string]UserAccount{}
	for _, u := range users {
		byName[u.Username] = u
	}
	if a := byName["anna"]; a.ID != admin.UserID || a.Name != "Anna" || !a.Active || !a.HasPassword || len(a.Roles) != 1 || a.Roles[0] != auth.RoleAdmin {
		t.Errorf("anna = %+v", a)
	}
	if b := byName["bo"]; b.ID != bo || b.Active || len(b.Roles) != 1 || b.Roles[0] != auth.RoleStaff {
		t.Errorf("bo = %+v", b)
	}
	boSess := auth.Session{UserID: bo, Username: "bo", Roles: []auth.Role{auth.RoleStaff}}
	if _, err := svc.Users(ctx, boSess, 10); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("staff lists users: %v, want forbidden", err)
	}
}
