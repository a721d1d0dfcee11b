package registry

import "testing"

func TestRegistryMirrorsDataMap(t *testing.T) {
	if got := len(Types()); got != 25 {
		t.Fatalf("types = %d, want the data map's 25", got)
	}
	areas := map[string]bool{"": true}
	for _, a := range Areas {
		areas[a] = true
	}
	for _, typ := range Types() {
		if typ.LabelSV == "" || typ.LabelEN == "" {
			t.Errorf("%s: missing label", typ.Name)
		}
		if !areas[typ.Area] || (typ.Area != "") != (typ.Location != "") {
			t.Errorf("%s: area %q location %q", typ.Name, typ.Area, typ.Location)
		}
		for _, name := range []string{FieldStatus, FieldCreatedAt, FieldUpdatedAt, FieldClosedAt, FieldDeletedAt} {
			if _, ok := typ.Field(name); !ok {
				t.Errorf("%s: lifecycle field %s missing", typ.Name, name)
			}
		}
		seen := map[string]bool{}
		for _, f := range typ.Fields {
			if seen[f.Name] {
				t.Errorf("%s: field %s twice", typ.Name, f.Name)
			}
			seen[f.Name] = true
			if f.Target != "" {
				if _, ok := Get(f.Target); !ok {
					t.Errorf("%s.%s: link to unknown type %s", typ.Name, f.Name, f.Target)
				}
			}
			if f.Kind == KindChildren && f.Child == nil {
				t.Errorf("%s.%s: children without a row shape", typ.Name, f.Name)
			}
		}
		if r := typ.Retention; r != nil {
			for _, c := range r.Clock {
				if f, ok := typ.Field(c); !ok || f.Kind != KindTime {
					t.Errorf("%s: clock %s is not a time field", typ.Name, c)
				}
			}
		}
	}
}

func TestSixteenRetentionPolicies(t *testing.T) {
	n := 0
	for _, typ := range Types() {
		if typ.Retention != nil {
			n++
		}
	}
	if n != 16 {
		t.Fatalf("policies = %d, want the data map's 16 rows", n)
	}
}

func TestEveryFieldHasSwedishAndEnglishLabels(t *testing.T) {
	var walk func(typ string, fs []Field)
	walk = func(typ string, fs []Field) {
		for _, f := range fs {
			if _, ok := fieldLabels[f.Name]; !ok {
				t.Errorf("%s.%s: no label", typ, f.Name)
			}
			if f.Child != nil {
				walk(typ, f.Child.Fields)
			}
		}
	}
	for _, typ := range Types() {
		walk(typ.Name, typ.Fields)
	}
}

func TestPathLabel(t *testing.T) {
	for path, want := range map[string]FieldLabel{
		"email":                {"E-post", "E-mail"},
		"comments.text":        {"Kommentarer › Text", "Comments › Text"},
		"versions.fields.name": {"Tidigare värden › Namn", "Previous values › Name"},
		"Lösenord":             {"Lösenord", "Lösenord"}, // a secure-data form's own field name
	} {
		if got := PathLabel(path); got != want {
			t.Errorf("PathLabel(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestSubjectsNameRealFields: every own-record declaration names personal fields the type
// (or its child rows) has, and mention groups join personal fields of one record or row.
func TestSubjectsNameRealFields(t *testing.T) {
	subjects := 0
	for _, typ := range Types() {
		s := typ.Subject
		if s == nil {
			continue
		}
		subjects++
		fields := typ.Fields
		if s.Child != "" {
			f, ok := typ.Field(s.Child)
			if !ok || f.Child == nil {
				t.Fatalf("%s: subject child %q is no child array", typ.Name, s.Child)
			}
			fields = f.Child.Fields
		}
		byName := map[string]Field{}
		for _, f := range fields {
			byName[f.Name] = f
		}
		for _, n := range append(append([]string{}, s.Names...), s.IDs...) {
			if f, ok := byName[n]; !ok || f.Class != ClassP {
				t.Errorf("%s: subject field %q is not a personal field", typ.Name, n)
			}
		}
		if len(s.Names) == 0 {
			t.Errorf("%s: a subject without name fields", typ.Name)
		}
		if s.NotIf[0] != "" {
			if _, ok := byName[s.NotIf[0]]; !ok {
				t.Errorf("%s: NotIf field %q missing", typ.Name, s.NotIf[0])
			}
		}
	}
	// datamap.md: customer, contact person, user, inventory subject, incident-affected row.
	if subjects != 5 {
		t.Errorf("%d types declare own records, want 5", subjects)
	}
	cp, _ := Get("contact_person")
	first, _ := cp.Field("first_name")
	last, _ := cp.Field("last_name")
	if first.Mention == "" || first.Mention != last.Mention {
		t.Error("a contact person's first and last name are not one mention")
	}
}
