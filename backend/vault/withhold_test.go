package vault

import (
	"testing"

	"dataskydd/backend/auth"
)

// A secure-data hit's values are withheld from whoever its form does not list (an admin
// too), never from those it lists; other hits never; nobody gets nothing (fails closed).
func TestWithholder(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	en := e.entry(f, "S3cret-Fortnox-Pw")
	for name, want := range map[string]bool{"alice": false, "bob": false, "carol": false, "admin": true, "dave": true} {
		w := e.svc.Withholder(e.ctx, e.users[name])
		if got := w(SearchType, en.ID); got != want {
			t.Errorf("as %s: withheld %v, want %v", name, got, want)
		}
		if w("customer", en.ID) || w("case", "K1") {
			t.Errorf("as %s: a record hit is withheld", name)
		}
		if !w(SearchType, "no-such-entry") {
			t.Errorf("as %s: an entry that does not exist is not withheld", name)
		}
	}
	if !e.svc.Withholder(e.ctx, auth.Session{})(SearchType, en.ID) {
		t.Error("nobody is shown a secure-data value")
	}
}
