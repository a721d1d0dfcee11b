package records

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"slices"
	"testing"
	"time"

	"dataskydd/backend/store"
)

// logEvents writes events as the app does (store.LogEvent), at the given times.
func logEvents(t *testing.T, st *store.Store, events ...store.Event) {
	t.Helper()
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		for _, e := range events {
			if err := tx.LogEvent(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestListFiltersByFieldAndPeriod(t *testing.T) {
	s, st := newService(t)
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 10, 0, 0, 0, time.UTC) }
	logEvents(t, st,
		store.Event{At: day(1), Username: "anna", Action: "delete", TargetType: "customer", TargetID: "C1"},
		store.Event{At: day(2), Username: "anna", Action: "vault.decrypt", TargetType: "vault_entry", TargetID: "E1"},
		store.Event{At: day(3), Username: "bo", Action: "delete", TargetType: "case", TargetID: "CA1"},
		store.Event{At: day(4), Username: "annabelle", Action: "delete", TargetType: "case", TargetID: "CA2"},
	)
	ids := func(q Query) []string {
		t.Helper()
		q.Type, q.Sort = "event", "created_at"
		p, err := s.List(ctx, admin, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Values["target_id"].(string))
		}
		if int(p.Total) != len(out) {
			t.Errorf("total %d, items %d", p.Total, len(out))
		}
		return out
	}
	// Exact, not a substring: "anna" is not "annabelle".
	if got := ids(Query{Match: map[string]string{"username": "anna"}}); !slices.Equal(got, []string{"C1", "E1"}) {
		t.Errorf("by person: %v", got)
	}
	if got := ids(Query{Match: map[string]string{"action": "delete", "username": "anna"}}); !slices.Equal(got, []string{"C1"}) {
		t.Errorf("by person and action: %v", got)
	}
	// Since inclusive, Until exclusive.
	if got := ids(Query{Since: day(2).Format(time.RFC3339), Until: day(4).Format(time.RFC3339)}); !slices.Equal(got, []string{"E1", "CA1"}) {
		t.Errorf("by period: %v", got)
	}
	// A field the type does not have, or a field holding no plain string, is refused, not
	// turned into SQL.
	for _, q := range []Query{
		{Type: "event", Match: map[string]string{"nope": "x"}},
		{Type: "event", Match: map[string]string{"action') OR 1=1 --": "x"}},
		{Type: "work_order", Match: map[string]string{"comments": "x"}},
		{Type: "event", Since: "yesterday"},
	} {
		if _, err := s.List(ctx, admin, q); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%+v: err = %v, want ErrBadFilter", q, err)
		}
	}
}

func TestWriteCSVWritesTheFilteredLogAsStored(t *testing.T) {
	s, st := newService(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	logEvents(t, st,
		store.Event{At: at, Username: "anna", Action: "delete", TargetType: "customer", TargetID: "C1"},
		store.Event{At: at.Add(time.Hour), Username: "=HYPERLINK(\"x\")", Action: "delete", TargetType: "case", TargetID: "CA1"},
		store.Event{At: at.Add(2 * time.Hour), Username: "bo", Action: "update", TargetType: "case", TargetID: "CA2"},
	)
	var buf bytes.Buffer
	n, err := s.WriteCSV(ctx, admin, Query{Type: "event", Sort: "created_at", Match: map[string]string{"action": "delete"}}, &buf)
	if err != nil || n != 2 {
		t.Fatalf("n = %d, err = %v", n, err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"id", "occurred_at", "username", "email", "ip", "action", "target_type", "target_id"}
	if !slices.Equal(rows[0], want) {
		t.Fatalf("header = %v", rows[0])
	}
	if len(rows) != 3 || rows[1][1] != "2026-03-01T10:00:00Z" || rows[1][2] != "anna" || rows[1][7] != "C1" {
		t.Errorf("rows = %v", rows)
	}
	if rows[2][2] != "'=HYPERLINK(\"x\")" {
		t.Errorf("formula not defused: %q", rows[2][2])
	}
	// Staff may not read the event log, so may not export it either.
	if _, err := s.WriteCSV(ctx, staff, Query{Type: "event"}, &bytes.Buffer{}); err == nil {
		t.Error("staff exported the event log")
	}
}
