package records

import "dataskydd/backend/auth"

// SchemasFor is Schemas cut to the types sess may read (a type with no read roles: every
// logged-in user).
func SchemasFor(sess auth.Session) []TypeSchema {
	out := []TypeSchema{}
	for _, t := range Schemas() {
		if t.ReadableBy(sess) {
			out = append(out, t)
		}
	}
	return out
}

// ReadableBy reports whether sess may read records of the type.
func (t TypeSchema) ReadableBy(sess auth.Session) bool {
	if len(t.ReadRoles) == 0 {
		return true
	}
	for _, r := range t.ReadRoles {
		if sess.Has(auth.Role(r)) {
			return true
		}
	}
	return false
}
