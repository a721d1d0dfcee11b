package vault

import (
	"fmt"
	"testing"
)

// The people an access list can name: users first, then groups, each by name; a user
// without a name by username; a deleted user not at all; no other type.
func TestPeople(t *testing.T) {
	e := newEnv(t)
	e.putRecord("user", "U2", map[string]any{"username": "bo", "name": "Bo"})
	e.putRecord("user", "U3", map[string]any{"username": "cecilia"})
	e.putRecord("user", "U4", map[string]any{"username": "gone", "name": "Gone"})
	e.putRecord("group", "G9", map[string]any{"name": "Kontoret"})
	e.putRecord("customer", "C1", map[string]any{"customer_number": "1", "name": "Aaron Kund"})
	if _, err := e.st.DB.ExecContext(e.ctx, "UPDATE records SET status = 'deleted' WHERE type = 'user' AND ext_id = 'U4'"); err != nil {
		t.Fatal(err)
	}
	got, err := People(e.ctx, e.st.RO)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, p := range got {
		s = append(s, fmt.Sprintf("%s/%s %s", p.Kind, p.ID, p.Name))
	}
	// newEnv has made Admin (U1), Dave (U5) and the group Ekonomi (G1).
	want := "[user/U1 Admin user/U2 Bo user/U5 Dave user/U3 cecilia group/G1 Ekonomi group/G9 Kontoret]"
	if fmt.Sprint(s) != want {
		t.Errorf("People = %v, want %s", s, want)
	}
}
