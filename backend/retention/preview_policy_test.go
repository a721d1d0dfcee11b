package retention

import (
	"context"
	"errors"
	"testing"
)

func TestPreviewPolicyCountsWhatSwitchingOnWouldDoAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	importLines(t, st, baseLines...)
	importLines(t, st,
		`{"type":"case","id":"K1","number":"N1","closed_at":"2026-01-01T00:00:00Z"}`,
		`{"type":"case","id":"K2","number":"N2","closed_at":"2026-10-20T00:00:00Z"}`,
		`{"type":"case","id":"K3","number":"N3"}`,
	)
	now := mustTime(t, "2026-11-01T00:00:00Z")
	e := New(st, Options{Samples: 5})
	before := exportAll(t, st)

	// The policy is off: a preview of the whole run sees nothing for cases ...
	if rep, err := e.Preview(ctx, now); err != nil || rep.Types["case"] != nil {
		t.Fatalf("preview with the policy off: %v %s", err, jsonText(rep.Types))
	}
	// ... but switching it on with 0 days would anonymise both closed cases at once, and with
	// 30 days only the one closed in January. An open case is never due.
	c, samples, err := e.PreviewPolicy(ctx, now, "case", 0)
	if err != nil || c.Due != 2 || c.Anonymised != 2 || len(samples) != 2 {
		t.Fatalf("0 days: %s %s %v", jsonText(c), jsonText(samples), err)
	}
	c, samples, err = e.PreviewPolicy(ctx, now, "case", 30)
	if err != nil || c.Due != 1 || len(samples) != 1 || samples[0].ID != "K1" {
		t.Fatalf("30 days: %s %s %v", jsonText(c), jsonText(samples), err)
	}
	if string(before) != string(exportAll(t, st)) {
		t.Fatal("the preview changed the store")
	}
	if p, _ := PolicyOf(ctx, st.DB, "case"); p.Enabled {
		t.Error("the preview switched the policy on")
	}
	// What the preview said is what a run does once the policy is on.
	enable(t, st, "case", 30)
	if rep := run(t, st, now); rep.Types["case"].Anonymised != 1 {
		t.Errorf("run after switching on: %s", jsonText(rep.Types["case"]))
	}

	for _, bad := range []struct {
		typ  string
		days int
		want error
	}{{"case", -1, ErrBadDays}, {"case", MaxDays + 1, ErrBadDays}, {"event", 30, ErrFixed}, {"no_such", 30, ErrNoPolicy}} {
		if _, _, err := e.PreviewPolicy(ctx, now, bad.typ, bad.days); !errors.Is(err, bad.want) {
			t.Errorf("%s %d: %v, want %v", bad.typ, bad.days, err, bad.want)
		}
	}
}
