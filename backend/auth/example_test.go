package auth_test

import (
	"fmt"

	"dataskydd/backend/auth"
)

// Every bound method starts with RequireRole; the UI maps the code to a translated message.
func ExampleRequireRole() {
	staff := auth.Session{UserID: "U2", Username: "bo", Roles: []auth.Role{auth.RoleStaff}}
	fmt.Println(auth.Code(auth.RequireRole(auth.Session{}, auth.RoleAdmin)))
	fmt.Println(auth.Code(auth.RequireRole(staff, auth.RoleAdmin, auth.RoleGDPROfficer)))
	fmt.Println(auth.RequireRole(staff) == nil)
	// Output:
	// unauthenticated
	// forbidden
	// true
}

func ExampleCheckPassword() {
	for _, pw := range []string{"hemligt", "qwerty123456", "Tre glada laxar i ån"} {
		fmt.Printf("%q: %s\n", pw, auth.Code(auth.CheckPassword(pw)))
	}
	// Output:
	// "hemligt": password_too_short
	// "qwerty123456": password_common
	// "Tre glada laxar i ån":
}

func ExampleHashPassword() {
	phc, _ := auth.HashPassword("Tre glada laxar i ån", auth.TestParams())
	ok, _ := auth.VerifyPassword("Tre glada laxar i ån", phc)
	p, _, _, _ := auth.ParseHash(phc)
	fmt.Println(ok, p)
	// Output: true {64 1 1}
}
