package auth

import (
	"fmt"
	"slices"
)

// Role is a user's role, held by `permission` records (datamap.md).
type Role string

// The roles of security.md. Only admin and gdpr_officer reach Settings > GDPR.
const (
	RoleAdmin       Role = "admin"
	RoleGDPROfficer Role = "gdpr_officer"
	RoleStaff       Role = "staff"
)

// Roles lists every role, for validation and for table-driven tests.
func Roles() []Role { return []Role{RoleAdmin, RoleGDPROfficer, RoleStaff} }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles(), r) }

// Session is who is logged in. The zero Session is nobody.
type Session struct {
	UserID   string // the user record's external id
	Username string
	Roles    []Role
}

// Authenticated reports whether s is a logged-in user.
func (s Session) Authenticated() bool { return s.UserID != "" }

// Has reports whether s holds role r.
func (s Session) Has(r Role) bool { return slices.Contains(s.Roles, r) }

// RequireRole returns nil when sess is logged in and holds at least one of roles (any logged-in
// user when roles is empty), [ErrUnauthenticated] when nobody is logged in, and an error
// matching [ErrForbidden] otherwise. Every bound method calls it first.
func RequireRole(sess Session, roles ...Role) error {
	if !sess.Authenticated() {
		return ErrUnauthenticated
	}
	if len(roles) == 0 {
		return nil
	}
	for _, r := range roles {
		if sess.Has(r) {
			return nil
		}
	}
	return fmt.Errorf("user %q needs one of the roles %v: %w", sess.Username, roles, ErrForbidden)
}
