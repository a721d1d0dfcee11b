package retention

import (
	"context"
	"errors"
	"testing"

	"dataskydd/backend/store"
)

// TestClockEdges: a record is due when clock + N days <= now.
func TestClockEdges(t *testing.T) {
	cases := []struct {
		name   string
		policy string
		days   int // -1: fixed
		now    string
		line   string
		due    bool
	}{
		{"exactly N days", "case", 30, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-10-02T00:00:00Z"}`, true},
		{"one second before", "case", 30, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-10-02T00:00:01Z"}`, false},
		{"N = 0, clock now", "case", 0, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-11-01T00:00:00Z"}`, true},
		{"N = 0, clock in the future", "case", 0, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-11-01T00:00:01Z"}`, false},
		{"never closed", "case", 0, "2036-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","status":"open","created_at":"2020-01-01T00:00:00Z","updated_at":"2020-01-01T00:00:00Z"}`, false},
		{"offset in input, exactly due", "case", 30, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-10-02T02:00:00+02:00"}`, true},
		{"offset in input, one second early", "case", 30, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-10-01T19:00:01-05:00"}`, false},
		{"now with an offset", "case", 30, "2026-11-01T01:00:00+01:00",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-10-02T00:00:00Z"}`, true},
		{"date alone is midnight UTC", "case", 30, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-10-02"}`, true},
		{"A or B: the earliest set (deleted_at)", "case", 30, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-10-20T00:00:00Z","deleted_at":"2026-09-01T00:00:00Z"}`, true},
		{"A or B: the earliest set (closed_at)", "case", 30, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-09-01T00:00:00Z","deleted_at":"2026-10-20T00:00:00Z"}`, true},
		{"A or B: both too late", "case", 30, "2026-11-01T00:00:00Z",
			`{"type":"case","id":"X","number":"1","email":"a@example.se","closed_at":"2026-10-20T00:00:00Z","deleted_at":"2026-10-21T00:00:00Z"}`, false},
		{"A, else B: A set and not due, B due", "time_report", 30, "2026-11-01T00:00:00Z",
			`{"type":"time_report","id":"X","comment":"c","deleted_at":"2026-10-20T00:00:00Z","updated_at":"2026-09-01T00:00:00Z"}`, false},
		{"A, else B: A unset, B due", "time_report", 30, "2026-11-01T00:00:00Z",
			`{"type":"time_report","id":"X","comment":"c","updated_at":"2026-09-01T00:00:00Z"}`, true},
		{"A, else B: updated_at defaults to created_at", "time_report", 30, "2026-11-01T00:00:00Z",
			`{"type":"time_report","id":"X","comment":"c","created_at":"2026-09-01T00:00:00Z"}`, true},
		{"A, else B: nothing set", "time_report", 0, "2036-11-01T00:00:00Z",
			`{"type":"time_report","id":"X","comment":"c","hours":1}`, false},
		{"event: fixed 30 days, exactly", "event", -1, "2026-11-01T00:00:00Z",
			`{"type":"event","id":"X","occurred_at":"2026-10-02T00:00:00Z","ip":"192.0.2.1"}`, true},
		{"event: fixed 30 days, a second early", "event", -1, "2026-11-01T00:00:00Z",
			`{"type":"event","id":"X","occurred_at":"2026-10-02T00:00:01Z","ip":"192.0.2.1"}`, false},
		{"system log: 3 calendar months, exactly", "system_log", -1, "2026-11-01T00:00:00Z",
			`{"type":"system_log","id":"X","occurred_at":"2026-08-01T00:00:00Z","code":"c"}`, true},
		{"system log: 3 calendar months, a second early", "system_log", -1, "2026-11-01T00:00:00Z",
			`{"type":"system_log","id":"X","occurred_at":"2026-08-01T00:00:01Z","code":"c"}`, false},
		{"system log: calendar months, not 90 days", "system_log", -1, "2026-11-01T00:00:00Z",
			`{"type":"system_log","id":"X","occurred_at":"2026-08-02T00:00:00Z","code":"c"}`, false},
		{"customer: deleted N days ago", "customer", 14, "2026-11-01T00:00:00Z",
			`{"type":"customer","id":"X","customer_number":"5","name":"n","status":"deleted","deleted_at":"2026-10-18T00:00:00Z"}`, true},
		{"customer: never deleted", "customer", 0, "2036-11-01T00:00:00Z",
			`{"type":"customer","id":"X","customer_number":"5","name":"n","status":"open","created_at":"2020-01-01T00:00:00Z"}`, false},
		{"policy off: never", "expense", -2, "2036-11-01T00:00:00Z",
			`{"type":"expense","id":"X","description":"d","updated_at":"2020-01-01T00:00:00Z"}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t)
			importLines(t, st, tc.line)
			if tc.days >= 0 {
				enable(t, st, tc.policy, tc.days)
			}
			before := exportAll(t, st)
			now := mustTime(t, tc.now)
			preview, err := New(st, Options{}).Preview(context.Background(), now)
			if err != nil {
				t.Fatal(err)
			}
			rep := run(t, st, now)
			got := rep.Total() == 1
			if got != tc.due {
				t.Fatalf("due = %v, want %v (report %s)", got, tc.due, jsonText(rep.Types))
			}
			if p := preview.Types[tc.policy]; (p != nil && p.Due == 1) != tc.due {
				t.Errorf("preview disagrees with the run: %s", jsonText(preview.Types))
			}
			changed := string(before) != string(exportAll(t, st))
			if changed != tc.due {
				t.Errorf("store changed = %v, want %v", changed, tc.due)
			}
		})
	}
}

func TestPolicies(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	ps, err := Policies(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 16 {
		t.Fatalf("%d policies, want 16", len(ps))
	}
	for _, p := range ps {
		switch p.Type {
		case "event":
			if !p.Enabled || !p.Fixed || p.Days != 30 || p.Months != 0 {
				t.Errorf("event policy %+v", p)
			}
		case "system_log":
			if !p.Enabled || !p.Fixed || p.Months != 3 || !p.DeleteRow {
				t.Errorf("system_log policy %+v", p)
			}
		default:
			if p.Enabled || p.Fixed {
				t.Errorf("%s is on before an admin switched it on", p.Type)
			}
		}
		wantOnDelete := p.Type == "customer" || p.Type == "contact_person" || p.Type == "user"
		if (p.OnDelete != "") != wantOnDelete {
			t.Errorf("%s on_delete %q", p.Type, p.OnDelete)
		}
	}
	on, off, days, neg, big := true, false, 45, -1, MaxDays+1
	del, bad := store.OnDeleteDelete, "shred"
	errCases := []struct {
		typ  string
		c    Change
		want error
	}{
		{"event", Change{Days: &days}, ErrFixed},
		{"event", Change{Enabled: &off}, ErrFixed},
		{"system_log", Change{Enabled: &on}, ErrFixed},
		{"contract", Change{Enabled: &on}, ErrNoPolicy},
		{"nosuch", Change{Enabled: &on}, ErrNoPolicy},
		{"case", Change{Days: &neg}, ErrBadDays},
		{"case", Change{Days: &big}, ErrBadDays},
		{"case", Change{OnDelete: &del}, ErrNoOnDelete},
		{"customer", Change{OnDelete: &bad}, ErrBadOnDelete},
	}
	for _, ec := range errCases {
		if _, err := SetPolicy(ctx, st, ec.typ, ec.c); !errors.Is(err, ec.want) {
			t.Errorf("SetPolicy(%s) = %v, want %v", ec.typ, err, ec.want)
		}
	}
	if _, err := SetPolicy(ctx, st, "customer", Change{Enabled: &on, Days: &days, OnDelete: &del}); err != nil {
		t.Fatal(err)
	}
	// A partial change keeps the rest.
	zero := 0
	if _, err := SetPolicy(ctx, st, "customer", Change{Days: &zero}); err != nil {
		t.Fatal(err)
	}
	p, err := PolicyOf(ctx, st.DB, "customer")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Enabled || p.Days != 0 || p.OnDelete != store.OnDeleteDelete {
		t.Errorf("customer policy %+v", p)
	}
	// The store's own delete reads the same setting.
	err = st.Update(ctx, func(tx *store.Tx) error {
		v, err := store.OnDelete(tx, "customer")
		if v != store.OnDeleteDelete {
			t.Errorf("store.OnDelete = %q", v)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
