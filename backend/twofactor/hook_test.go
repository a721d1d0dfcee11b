package twofactor_test

import (
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/twofactor"
)

var _ auth.PasswordHook = twofactor.PasswordHook{}

// A password change or an admin's reset through the real account service
// forgets every trusted device of that user, and only theirs.
func TestPasswordHookWithAuth(t *testing.T) {
	e := newEnv(t)
	svc := auth.NewService(e.st, auth.Options{Params: auth.TestParams(), Hooks: []auth.PasswordHook{twofactor.PasswordHook{}}, Now: e.clock.Now})
	admin, err := svc.Setup(ctx, auth.SetupInput{OrgName: "Firma", Username: "admin", Name: "Admin", Password: "ett långt lösenord 1"})
	if err != nil {
		t.Fatal(err)
	}
	staff, err := svc.CreateUser(ctx, admin, auth.NewUser{Username: "sara", Name: "Sara", Password: "ett annat långt lösenord", Roles: []auth.Role{auth.RoleStaff}})
	if err != nil {
		t.Fatal(err)
	}
	adminRef := twofactor.PersonRef{Kind: twofactor.Employee, ID: admin.UserID}
	staffRef := twofactor.PersonRef{Kind: twofactor.Employee, ID: staff}
	trusted := func(ref twofactor.PersonRef) string {
		tok, err := e.eng.TrustToken(ctx, ref, "")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	a1, s1 := trusted(adminRef), trusted(staffRef)

	if err := svc.ResetPassword(ctx, admin, staff, "helt nytt långt lösenord"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := e.eng.CheckToken(ctx, staffRef, s1); ok {
		t.Fatal("device trusted after a password reset")
	}
	a2, ok, _ := e.eng.CheckToken(ctx, adminRef, a1)
	if !ok {
		t.Fatal("another user's device was forgotten")
	}
	if err := svc.ChangePassword(ctx, admin, "ett långt lösenord 1", "mitt nya långa lösenord"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := e.eng.CheckToken(ctx, adminRef, a2); ok {
		t.Fatal("device trusted after a password change")
	}
}
