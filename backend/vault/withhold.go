package vault

import (
	"context"

	"dataskydd/backend/auth"
)

// Withholder returns what the person search and the access report ask of each hit: must
// its values be kept from sess? Only a secure-data entry's (a hit of type SearchType) whose
// form lists sess on neither access list (admins and GDPR officers have no automatic right);
// its place is still shown. It fails closed: an entry it cannot check is withheld. Each
// entry is looked up once.
func (s *Service) Withholder(ctx context.Context, sess auth.Session) func(hitType, id string) bool {
	readable := map[string]bool{}
	return func(hitType, id string) bool {
		if hitType != SearchType {
			return false
		}
		ok, seen := readable[id]
		if !seen {
			r, err := s.PlainReadable(ctx, sess, []string{id})
			ok = err == nil && r[id]
			readable[id] = ok
		}
		return !ok
	}
}
