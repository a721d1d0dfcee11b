package retention

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dataskydd/backend/store"
)

func TestOnDeleteAnonymiseAtOnce(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	importLines(t, st, baseLines...)
	importLines(t, st, `{"type":"case","id":"K1","number":"1","customer_number":"1001","contact_person":"CP1","status":"open"}`,
		`{"type":"event","id":"E1","occurred_at":"2020-01-01T00:00:00Z","ip":"192.0.2.1"}`)
	enable(t, st, "customer", 0)
	now := mustTime(t, "2026-11-01T12:00:00Z")
	// As the app deletes: soft delete (deleted_at = now), then the engine at once (N = 0).
	err := st.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.SoftDelete("customer", "C1", now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	done, err := New(st, Options{}).AfterDelete(ctx, "customer", "C1", now)
	if err != nil || !done {
		t.Fatalf("AfterDelete = %v, %v", done, err)
	}
	recs := records(t, st)
	if c := recs["customer/C1"]; c["name"] != W || c["customer_number"] != "0" || c["status"] != "deleted" {
		t.Errorf("customer after delete: %s", jsonText(c))
	}
	if k := recs["case/K1"]; k["customer_number"] != "0" || k["contact_person"] != "CP1" {
		t.Errorf("linked case: %s", jsonText(k))
	}
	// Only the deleted record's policy ran: the due event waits for the scheduled run.
	if recs["event/E1"]["ip"] != "192.0.2.1" {
		t.Errorf("AfterDelete ran other policies: %s", jsonText(recs["event/E1"]))
	}
	if h, _ := History(ctx, st.DB, 1); len(h) != 1 || h[0].Trigger != TriggerDelete || h[0].Types["customer"].Anonymised != 1 {
		t.Errorf("history %s", jsonText(h))
	}
	// With N > 0 AfterDelete leaves the record for the scheduled run.
	enable(t, st, "contact_person", 10)
	err = st.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.SoftDelete("contact_person", "CP1", now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if done, err := New(st, Options{}).AfterDelete(ctx, "contact_person", "CP1", now); err != nil || done {
		t.Fatalf("AfterDelete with 10 days = %v, %v", done, err)
	}
	rep := run(t, st, now.Add(10*24*time.Hour))
	if rep.Types["contact_person"].Anonymised != 1 {
		t.Errorf("contact person not anonymised 10 days later: %s", jsonText(rep.Types))
	}
	if k := records(t, st)["case/K1"]; k["contact_person"] != nil {
		t.Errorf("link to the anonymised contact person kept: %s", jsonText(k))
	}
}

func TestOnDeleteDeleteRemovesAndClearsLinks(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	importLines(t, st, baseLines...)
	importLines(t, st,
		`{"type":"customer","id":"C9","customer_number":"2002","name":"Gone Soon","status":"deleted","deleted_at":"2026-10-31T00:00:00Z"}`,
		`{"type":"case","id":"K1","number":"1","customer_number":"2002","status":"open"}`,
		`{"type":"user","id":"U9","username":"u9","status":"deleted","deleted_at":"2026-10-31T00:00:00Z"}`,
		`{"type":"time_report","id":"TR1","user":"U9","hours":1}`,
		`{"type":"group","id":"G1","name":"Lag","members":["U1","U9"]}`,
	)
	del := store.OnDeleteDelete
	on, days := true, 365
	for _, typ := range []string{"customer", "user"} {
		if _, err := SetPolicy(ctx, st, typ, Change{Enabled: &on, Days: &days, OnDelete: &del}); err != nil {
			t.Fatal(err)
		}
	}
	// "delete": gone at once, whatever N says.
	rep := run(t, st, mustTime(t, "2026-11-01T00:00:00Z"))
	if rep.Types["customer"].Deleted != 1 || rep.Types["user"].Deleted != 1 {
		t.Fatalf("report %s", jsonText(rep.Types))
	}
	recs := records(t, st)
	if _, ok := recs["customer/C9"]; ok {
		t.Error("customer still there")
	}
	if _, ok := recs["user/U9"]; ok {
		t.Error("user still there")
	}
	if recs["case/K1"]["customer_number"] != "0" {
		t.Errorf("case: %s", jsonText(recs["case/K1"]))
	}
	if recs["time_report/TR1"]["user"] != nil {
		t.Errorf("time report: %s", jsonText(recs["time_report/TR1"]))
	}
	if m := jsonText(recs["group/G1"]["members"]); m != `["U1"]` {
		t.Errorf("group members %s", m)
	}
}

func TestPreviewChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	importLines(t, st, baseLines...)
	var lines []string
	for _, id := range []string{"A", "B", "C", "D", "E", "F", "G"} {
		lines = append(lines, `{"type":"case","id":"K`+id+`","number":"N`+id+`","email":"x@example.se","closed_at":"2026-01-01T00:00:00Z"}`)
	}
	lines = append(lines, `{"type":"system_log","id":"L1","occurred_at":"2020-01-01T00:00:00Z","username":"secret-user"}`)
	importLines(t, st, lines...)
	enable(t, st, "case", 30)
	now := mustTime(t, "2026-11-01T00:00:00Z")
	before := exportAll(t, st)
	prev, err := New(st, Options{Samples: 3}).Preview(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(exportAll(t, st)) {
		t.Fatal("the preview changed the store")
	}
	if h, _ := History(ctx, st.DB, 10); len(h) != 0 {
		t.Errorf("the preview wrote history: %s", jsonText(h))
	}
	if c := prev.Types["case"]; c.Due != 7 || c.Anonymised != 7 {
		t.Errorf("case preview %s", jsonText(c))
	}
	if c := prev.Types["system_log"]; c.Due != 1 || c.Deleted != 1 {
		t.Errorf("system_log preview %s", jsonText(c))
	}
	if s := prev.Samples["case"]; len(s) != 3 || s[0].ID != "KA" || s[0].Label != "Cases NA" {
		t.Errorf("samples %s", jsonText(s))
	}
	if s := prev.Samples["system_log"]; len(s) != 1 || strings.Contains(jsonText(s), "secret") {
		t.Errorf("system_log samples %s", jsonText(s))
	}
	rep := run(t, st, now)
	for typ, c := range prev.Types {
		if *rep.Types[typ] != *c {
			t.Errorf("%s: preview %s, run %s", typ, jsonText(c), jsonText(rep.Types[typ]))
		}
	}
}

func TestHistoryHoldsCountsOnly(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	importLines(t, st, baseLines...)
	importLines(t, st,
		`{"type":"event","id":"EV-secret-id","occurred_at":"2020-01-01T00:00:00Z","username":"historyname"}`,
		`{"type":"system_log","id":"L1","occurred_at":"2020-01-01T00:00:00Z","username":"historyname"}`)
	run(t, st, mustTime(t, "2026-11-01T00:00:00Z"))
	run(t, st, mustTime(t, "2026-11-01T01:00:00Z"))
	h, err := History(ctx, st.DB, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || h[0].AsOf.Hour() != 1 || h[0].FinishedAt == nil || h[0].Trigger != TriggerManual {
		t.Fatalf("history %s", jsonText(h))
	}
	if c := h[1].Types["event"]; c == nil || c.Anonymised != 1 || c.Due != 1 {
		t.Errorf("first run's event counts %s", jsonText(h[1].Types))
	}
	if c := h[1].Types["system_log"]; c == nil || c.Deleted != 1 {
		t.Errorf("first run's system_log counts %s", jsonText(h[1].Types))
	}
	if len(h[0].Types) != 0 {
		t.Errorf("second run recorded %s", jsonText(h[0].Types))
	}
	// Nothing in the history tables names a record or a value.
	for _, table := range []string{"anonymisation_runs", "anonymisation_counts", "anonymisation_job_counts"} {
		rows, err := st.DB.QueryContext(ctx, "SELECT * FROM "+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			s := jsonText(vals)
			if strings.Contains(s, "historyname") || strings.Contains(s, "secret") {
				t.Errorf("%s holds personal data: %s", table, s)
			}
		}
		rows.Close()
	}
}

type countJob struct {
	name  string
	n     atomic.Int32
	gate  chan struct{} // when set, Run waits for it
	start chan struct{}
}

func (j *countJob) Name() string { return j.name }
func (j *countJob) Run(ctx context.Context, now time.Time) (int, error) {
	if j.start != nil {
		j.start <- struct{}{}
	}
	if j.gate != nil {
		select {
		case <-j.gate:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return int(j.n.Add(1)), nil
}

func TestSchedulerNeverRunsTwiceAtOnce(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	job := &countJob{name: "vault_purge", gate: make(chan struct{}), start: make(chan struct{}, 1)}
	s := NewScheduler(New(st, Options{}), SchedulerOptions{})
	s.Register(job)
	var wg sync.WaitGroup
	wg.Add(1)
	var firstErr error
	go func() {
		defer wg.Done()
		_, firstErr = s.RunNow(ctx, TriggerManual)
	}()
	<-job.start
	if !s.Status().Running {
		t.Error("status does not say running")
	}
	if _, err := s.RunNow(ctx, TriggerManual); !errors.Is(err, ErrBusy) {
		t.Errorf("second run = %v, want ErrBusy", err)
	}
	close(job.gate)
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	stt := s.Status()
	if stt.Running || stt.LastRun.IsZero() || stt.Last == nil || stt.Last.Jobs["vault_purge"] != 1 {
		t.Errorf("status after the run %s", jsonText(stt))
	}
	h, err := History(ctx, st.DB, 1)
	if err != nil || len(h) != 1 || h[0].Jobs["vault_purge"] != 1 {
		t.Errorf("job count not in history: %s %v", jsonText(h), err)
	}
}

func TestSchedulerStartCatchesUpThenRepeatsAndStops(t *testing.T) {
	st := newStore(t)
	importLines(t, st, `{"type":"event","id":"E1","occurred_at":"2020-01-01T00:00:00Z","username":"old"}`)
	runs := make(chan Report, 10)
	nextAtDone := make(chan time.Time, 10) // the status's next run when OnDone is called
	var s *Scheduler
	s = NewScheduler(New(st, Options{}), SchedulerOptions{
		Interval: 30 * time.Millisecond,
		OnDone: func(r Report, err error) {
			nextAtDone <- s.Status().NextRun
			runs <- r
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { s.Start(ctx); close(stopped) }()
	first := <-runs
	if first.Types["event"].Anonymised != 1 {
		t.Errorf("start-up run did not catch up: %s", jsonText(first.Types))
	}
	// The next run is set before OnDone is called (not after: the status screen would show
	// no next run, and this check would fail now and then).
	if next := <-nextAtDone; next.IsZero() {
		t.Error("no next run when the first run was reported done")
	}
	if next := s.Status().NextRun; next.IsZero() {
		t.Error("no next run")
	}
	second := <-runs
	if next := <-nextAtDone; !next.After(second.Now) {
		t.Errorf("next run when the second run was reported done: %v, not after that run (%v)", next, second.Now)
	}
	if second.Total() != 0 {
		t.Errorf("second run handled %d", second.Total())
	}
	cancel()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("the scheduler did not stop")
	}
	h, _ := History(context.Background(), st.DB, 10)
	if len(h) < 2 || h[len(h)-1].Trigger != TriggerStartup || h[0].Trigger != TriggerHourly {
		t.Errorf("triggers %s", jsonText(h))
	}
}

func TestRunCancelled(t *testing.T) {
	st := newStore(t)
	var lines []string
	for i := 0; i < 30; i++ {
		lines = append(lines, `{"type":"event","id":"E`+itoa(i)+`","occurred_at":"2020-01-01T00:00:00Z","username":"u"}`)
	}
	importLines(t, st, lines...)
	ctx, cancel := context.WithCancel(context.Background())
	batches := 0
	eng := New(st, Options{Batch: 10, Progress: func(p Progress) {
		batches++
		if batches == 2 {
			cancel()
		}
	}})
	rep, err := eng.Run(ctx, mustTime(t, "2026-11-01T00:00:00Z"), TriggerManual)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	// The committed batches stay committed and counted; the rest waits for the next run.
	if rep.Types["event"].Anonymised != 20 {
		t.Errorf("anonymised %d, want 20", rep.Types["event"].Anonymised)
	}
	h, _ := History(context.Background(), st.DB, 1)
	if len(h) != 1 || h[0].Types["event"].Anonymised != 20 || h[0].Error == "" {
		t.Errorf("history %s", jsonText(h))
	}
	rep2 := run(t, st, mustTime(t, "2026-11-01T00:00:00Z"))
	if rep2.Types["event"].Anonymised != 10 {
		t.Errorf("next run anonymised %d, want 10", rep2.Types["event"].Anonymised)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
