package records

import (
	"testing"

	"dataskydd/backend/auth"
)

// The record screens a role gets: every type with no read roles, a restricted type only to
// its roles; no session, nothing restricted.
func TestSchemasFor(t *testing.T) {
	names := func(sess auth.Session) map[string]bool {
		out := map[string]bool{}
		for _, s := range SchemasFor(sess) {
			out[s.Name] = true
		}
		return out
	}
	all := Schemas()
	var restricted *TypeSchema
	for i := range all {
		if len(all[i].ReadRoles) > 0 {
			restricted = &all[i]
			break
		}
	}
	if restricted == nil {
		t.Fatal("no type with read roles to test with")
	}
	allowed := auth.Session{UserID: "U1", Roles: []auth.Role{auth.Role(restricted.ReadRoles[0])}}
	var other auth.Role
	for _, r := range []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer, auth.RoleStaff} {
		if !restricted.ReadableBy(auth.Session{UserID: "U2", Roles: []auth.Role{r}}) {
			other = r
		}
	}
	if other == "" {
		t.Fatalf("%s is readable by every role", restricted.Name)
	}
	if !names(allowed)[restricted.Name] {
		t.Errorf("%s is not listed for %v", restricted.Name, allowed.Roles)
	}
	denied := names(auth.Session{UserID: "U2", Roles: []auth.Role{other}})
	if denied[restricted.Name] {
		t.Errorf("%s is listed for %s", restricted.Name, other)
	}
	for _, s := range all {
		if len(s.ReadRoles) == 0 && !denied[s.Name] {
			t.Errorf("the open type %s is not listed for %s", s.Name, other)
		}
	}
}
