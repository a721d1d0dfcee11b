package registry

import (
	"reflect"
	"testing"
)

func TestNamingIsDerivedFromTheFields(t *testing.T) {
	for _, tc := range []struct {
		typ    string
		fields []string
		values map[string]any
		want   string
	}{
		{"user", []string{"name", "username"}, map[string]any{"name": "Anna Öberg", "username": "anna"}, "Anna Öberg (anna)"},
		{"user", []string{"name", "username"}, map[string]any{"username": "anna"}, "anna"},
		{"customer", []string{"name"}, map[string]any{"name": "Åsa Lindström", "customer_number": "1001"}, "Åsa Lindström"},
		{"contact_person", []string{"first_name", "last_name"}, map[string]any{"first_name": "Jörgen", "last_name": "Ek", "title": "Platschef"}, "Jörgen Ek"},
		{"work_order", []string{"number", "title"}, map[string]any{"number": "5001", "title": "Byte av kökskran"}, "5001 Byte av kökskran"},
		{"case", []string{"number", "title"}, map[string]any{"title": " Läcka "}, "Läcka"},
		{"project", []string{"number", "name"}, map[string]any{"number": "P1", "name": "Tak"}, "P1 Tak"},
		{"order", []string{"number"}, map[string]any{"number": "O7"}, "O7"},
		{"group", []string{"name"}, map[string]any{"name": "Montörer"}, "Montörer"},
		{"inventory", []string{"subject_name"}, map[string]any{"subject_name": "Åsa"}, "Åsa"},
		{"customer_contact", []string{"subject"}, map[string]any{"subject": "Offertfråga"}, "Offertfråga"},
		{"permission", nil, map[string]any{"role": "admin"}, ""},
		{"event", nil, map[string]any{"username": "anna", "action": "login"}, ""}, // its username is the actor, not its name
	} {
		typ, _ := Get(tc.typ)
		n := typ.Naming()
		if got := n.Fields(); !reflect.DeepEqual(got, tc.fields) {
			t.Errorf("%s: fields %v, want %v", tc.typ, got, tc.fields)
		}
		if l := n.Label(tc.values); l != tc.want {
			t.Errorf("%s: label %q, want %q", tc.typ, l, tc.want)
		}
	}
}
