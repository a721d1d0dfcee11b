package records

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"dataskydd/backend/auth"
)

// withTeam adds users U2..U<n> ("Person <i>", username p<i>), puts all of U1..U<n> in group
// G1, and edits WO1 as U1, so its history names U1.
func withTeam(t *testing.T, s *Service, n int) {
	t.Helper()
	ctx := context.Background()
	members := []any{"U1"}
	for i := 2; i <= n; i++ {
		id := fmt.Sprintf("U%d", i)
		if _, err := s.Save(ctx, admin, "user", id, map[string]any{"username": fmt.Sprintf("p%d", i), "name": fmt.Sprintf("Person %d", i)}, true); err != nil {
			t.Fatal(err)
		}
		members = append(members, id)
	}
	if _, err := s.Save(ctx, admin, "group", "G1", map[string]any{"name": "Montörer", "members": members}, false); err != nil {
		t.Fatal(err)
	}
	wo, err := s.Get(ctx, admin, "work_order", "WO1")
	if err != nil {
		t.Fatal(err)
	}
	wo.Values["title"] = "Ny värmepump"
	if _, err := s.Save(ctx, admin, "work_order", "WO1", wo.Values, false); err != nil {
		t.Fatal(err)
	}
}

func TestDetailNamesTheLinkedRecords(t *testing.T) {
	s, st := newService(t)
	ctx := context.Background()
	const team = 250
	withTeam(t, s, team)
	for _, tc := range []struct {
		name      string
		sess      auth.Session
		typ, id   string
		want      map[string]string // entries that must be there
		absent    []string          // keys that must not
		customers map[string]string
		count     int // > 0: exactly this many names
	}{
		{name: "work order as admin: customer, contact person, comment author, history", sess: admin, typ: "work_order", id: "WO1",
			want:      map[string]string{"customer_number/1001": "Örjan Östergren", "contact_person/CP1": "Åsa Lind", "user/U1": "Anna Åström (anna)"},
			customers: map[string]string{"1001": "C1"}, count: 3},
		{name: "work order as staff: users and contact persons are not theirs to read", sess: staff, typ: "work_order", id: "WO1",
			want: map[string]string{"customer_number/1001": "Örjan Östergren"}, absent: []string{"user/U1", "contact_person/CP1"},
			customers: map[string]string{"1001": "C1"}, count: 1},
		{name: "time report: a work order is named by number and title", sess: staff, typ: "time_report", id: "TR1",
			want: map[string]string{"work_order/WO1": "5001 Ny värmepump"}, absent: []string{"user/U1"}, customers: map[string]string{}, count: 1},
		{name: "group: every member, read in one go", sess: admin, typ: "group", id: "G1",
			want:      map[string]string{"user/U1": "Anna Åström (anna)", "user/U2": "Person 2 (p2)", fmt.Sprintf("user/U%d", team): fmt.Sprintf("Person %d (p%d)", team, team)},
			customers: map[string]string{}, count: team},
		{name: "contact person: its customer", sess: admin, typ: "contact_person", id: "CP1",
			want: map[string]string{"customer_number/1001": "Örjan Östergren"}, customers: map[string]string{"1001": "C1"}, count: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := s.Get(ctx, tc.sess, tc.typ, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.want {
				if d.Names[k] != v {
					t.Errorf("names[%q] = %q, want %q", k, d.Names[k], v)
				}
			}
			for _, k := range tc.absent {
				if v, ok := d.Names[k]; ok {
					t.Errorf("names[%q] = %q, want no entry", k, v)
				}
			}
			if len(d.Names) != tc.count {
				t.Errorf("%d names, want %d: %v", len(d.Names), tc.count, d.Names)
			}
			if !reflect.DeepEqual(d.Customers, tc.customers) {
				t.Errorf("customers = %v, want %v", d.Customers, tc.customers)
			}
		})
	}

	// A target that is gone (removed behind the app's back) or has no naming value.
	if _, err := st.DB.Exec(`DELETE FROM records WHERE type = 'user' AND ext_id = 'U2'`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB.Exec(`UPDATE records SET data = json_remove(data, '$.name', '$.username') WHERE type = 'user' AND ext_id = 'U3'`); err != nil {
		t.Fatal(err)
	}
	d, err := s.Get(ctx, admin, "group", "G1")
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := d.Names["user/U2"]; ok || d.Names["user/U3"] != "U3" || len(d.Names) != team-1 {
		t.Errorf("missing U2: %q %v; unnamed U3: %q; %d names", v, ok, d.Names["user/U3"], len(d.Names))
	}
}

func TestListNamesTopLevelLinks(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	withTeam(t, s, 3)
	for _, tc := range []struct {
		sess auth.Session
		typ  string
		want map[string]string
	}{
		// The comment author U1 and the history's changed_by are child rows: not named in lists.
		{admin, "work_order", map[string]string{"customer_number/1001": "Örjan Östergren", "contact_person/CP1": "Åsa Lind"}},
		{staff, "work_order", map[string]string{"customer_number/1001": "Örjan Östergren"}},
		{staff, "time_report", map[string]string{"work_order/WO1": "5001 Ny värmepump"}},
		{admin, "group", map[string]string{"user/U1": "Anna Åström (anna)", "user/U2": "Person 2 (p2)", "user/U3": "Person 3 (p3)"}},
		{admin, "customer", map[string]string{}},
	} {
		p, err := s.List(ctx, tc.sess, Query{Type: tc.typ})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p.Names, tc.want) {
			t.Errorf("%s as %s: names = %v, want %v", tc.typ, tc.sess.Roles[0], p.Names, tc.want)
		}
	}
}

func TestLookupFindsByIdNumberAndName(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	withTeam(t, s, 60)
	for id, v := range map[string]map[string]any{
		"C2":  {"customer_number": "1002", "name": "Bygg & Måleri AB"},
		"C10": {"customer_number": "10010", "name": "Tio AB"},
		"CA":  {"customer_number": "0", "name": "Anonymiserad"},
		"C0":  {"customer_number": "21002", "name": "Tjugoett AB"},
	} {
		if _, err := s.Save(ctx, staff, "customer", id, v, true); err != nil {
			t.Fatal(err)
		}
	}
	opt := func(value, id, name string) Option { return Option{Value: value, ID: id, Name: name} }
	for _, tc := range []struct {
		name      string
		sess      auth.Session
		typ, text string
		limit     int
		want      []Option // nil: only check count
		count     int
		wantErr   error
	}{
		{"a customer by its number, the exact one first", staff, "customer", "1001", 0,
			[]Option{opt("1001", "C1", "Örjan Östergren"), opt("10010", "C10", "Tio AB")}, 2, nil},
		{"a customer by name", staff, "customer", "Östergren", 0, []Option{opt("1001", "C1", "Örjan Östergren")}, 1, nil},
		{"the exact number before the others, which go by id", staff, "customer", "1002", 0,
			[]Option{opt("1002", "C2", "Bygg & Måleri AB"), opt("21002", "C0", "Tjugoett AB")}, 2, nil},
		{"every customer but the anonymised one", staff, "customer", "", 0,
			[]Option{opt("21002", "C0", "Tjugoett AB"), opt("1001", "C1", "Örjan Östergren"), opt("10010", "C10", "Tio AB"), opt("1002", "C2", "Bygg & Måleri AB")}, 4, nil},
		{"a user by username", admin, "user", "p42", 0, []Option{opt("U42", "U42", "Person 42 (p42)")}, 1, nil},
		{"the exact id first, then by id", admin, "user", "U1", 3,
			[]Option{opt("U1", "U1", "Anna Åström (anna)"), opt("U10", "U10", "Person 10 (p10)"), opt("U11", "U11", "Person 11 (p11)")}, 3, nil},
		{"a contact person by last name", admin, "contact_person", "Lind", 0, []Option{opt("CP1", "CP1", "Åsa Lind")}, 1, nil},
		{"Swedish letters in any case", admin, "contact_person", "åsa", 0, []Option{opt("CP1", "CP1", "Åsa Lind")}, 1, nil},
		{"without the diacritics", staff, "customer", "orjan ostergren", 0, []Option{opt("1001", "C1", "Örjan Östergren")}, 1, nil},
		{"upper case Swedish", staff, "customer", "ÖSTERGREN", 0, []Option{opt("1001", "C1", "Örjan Östergren")}, 1, nil},
		{"a work order by number and title", staff, "work_order", "värmepump", 0, []Option{opt("WO1", "WO1", "5001 Ny värmepump")}, 1, nil},
		{"at most 50", admin, "user", "", 500, nil, 50, nil},
		{"20 by default", admin, "user", "Person", 0, nil, 20, nil},
		{"LIKE wildcards are text", admin, "user", "%", 0, []Option{}, 0, nil},
		{"not by other fields", staff, "customer", "Göteborg", 0, []Option{}, 0, nil},
		{"users are not staff's to read", staff, "user", "anna", 0, nil, 0, auth.ErrForbidden},
		{"an unknown type", admin, "nope", "", 0, nil, 0, ErrUnknownType},
		{"nobody", auth.Session{}, "customer", "", 0, nil, 0, auth.ErrUnauthenticated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Lookup(ctx, tc.sess, tc.typ, tc.text, tc.limit)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.count {
				t.Errorf("%d options, want %d: %v", len(got), tc.count, got)
			}
			if tc.want != nil && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("options = %v, want %v", got, tc.want)
			}
		})
	}
}
