package registry

import "strings"

// Naming says which fields make a record's display name, the short label the screens show
// where another record links to it: "<number> <name> (<handle>)", each part where the type
// has it and the record a value, e.g. "5001 Byte av kökskran", "Anna Öberg (anna)",
// "Jörgen Ek". It is derived from the field names alone (see [Type.Naming]), so a new type
// is named without a list of its own.
type Naming struct {
	Number string   // "number" where the type has one, else ""
	Name   []string // the fields of the name proper, joined by a space
	Handle string   // "username" where the type has one, shown in parentheses
}

// nameCandidates are the ways a type's records are named, in order of preference: the first
// one whose fields the type has all of is its name.
var nameCandidates = [][]string{
	{"first_name", "last_name"},
	{"name"},
	{"title"},
	{"subject_name"},
	{"partner_name"},
	{"subject"},
}

// Naming returns the fields that name the type's records. A type with none of them (a
// permission, an event) is named by its id alone.
func (t *Type) Naming() Naming {
	var n Naming
	if _, ok := t.Field("number"); ok {
		n.Number = "number"
	}
	for _, c := range nameCandidates {
		all := true
		for _, name := range c {
			if _, ok := t.Field(name); !ok {
				all = false
				break
			}
		}
		if all {
			n.Name = c
			break
		}
	}
	// A username names an account beside its name; in a log (event, system_log) it is
	// the actor, not the record.
	if _, ok := t.Field("username"); ok && n.Name != nil {
		n.Handle = "username"
	}
	return n
}

// Fields lists every field the name is made of.
func (n Naming) Fields() []string {
	var out []string
	if n.Number != "" {
		out = append(out, n.Number)
	}
	out = append(out, n.Name...)
	if n.Handle != "" {
		out = append(out, n.Handle)
	}
	return out
}

// Label makes the display name from a record's values (field name -> value; non-strings
// and empty values are skipped). It returns "" when none of the fields has a value: the
// caller shows the id instead.
func (n Naming) Label(values map[string]any) string {
	get := func(name string) string {
		if name == "" {
			return ""
		}
		s, _ := values[name].(string)
		return strings.TrimSpace(s)
	}
	var parts []string
	if s := get(n.Number); s != "" {
		parts = append(parts, s)
	}
	for _, name := range n.Name {
		if s := get(name); s != "" {
			parts = append(parts, s)
		}
	}
	if s := get(n.Handle); s != "" {
		if len(parts) == 0 {
			return s
		}
		parts = append(parts, "("+s+")")
	}
	return strings.Join(parts, " ")
}
