package retention

import (
	"context"
	"errors"
	"testing"
	"time"
)

// blockingJob runs until its run is cancelled.
type blockingJob struct{ started chan struct{} }

func (blockingJob) Name() string { return "blocking" }
func (j blockingJob) Run(ctx context.Context, _ time.Time) (int, error) {
	select {
	case j.started <- struct{}{}:
	default:
	}
	<-ctx.Done()
	return 0, ctx.Err()
}

// The loop: one scheduler per engine, replaced for a new engine, stopped by Stop; a manual
// run stopped by CancelManual ends with context.Canceled and is in the history as cancelled
// (told by the run's error, not by its text on the screen's side).
func TestLoop(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	var l Loop
	if l.Running() || l.CancelManual() {
		t.Fatal("a zero Loop runs something")
	}
	e1 := New(st, Options{})
	s1 := l.For(ctx, e1, SchedulerOptions{})
	if l.For(ctx, e1, SchedulerOptions{}) != s1 || !l.Running() {
		t.Fatal("a second For of one engine made another scheduler")
	}
	job := blockingJob{started: make(chan struct{}, 1)}
	e2 := New(st, Options{Jobs: []Job{job}})
	s2 := l.For(ctx, e2, SchedulerOptions{})
	if s2 == s1 {
		t.Fatal("a new engine kept the old scheduler")
	}
	// The start-up run of e2 blocks in the job; stop the loop, which cancels it.
	<-job.started
	l.Stop()
	if l.Running() {
		t.Fatal("running after Stop")
	}

	// A manual run, cancelled.
	s3 := l.For(ctx, e2, SchedulerOptions{})
	<-job.started // the new loop's start-up run
	l.Stop()
	type result struct {
		err error
	}
	done := make(chan result, 1)
	go func() {
		_, err := l.RunManual(ctx, s3)
		done <- result{err}
	}()
	<-job.started
	if !l.CancelManual() {
		t.Fatal("no manual run to cancel")
	}
	r := <-done
	if !errors.Is(r.err, context.Canceled) {
		t.Fatalf("cancelled manual run: %v", r.err)
	}
	if l.CancelManual() {
		t.Error("a finished manual run can still be cancelled")
	}
	hist, err := History(ctx, st.RO, 10)
	if err != nil {
		t.Fatal(err)
	}
	var manual, cancelled int
	for _, h := range hist {
		if h.Trigger == TriggerManual {
			manual++
			if !h.Cancelled || h.Error == "" {
				t.Errorf("manual run %+v: want cancelled", h)
			}
		}
		if h.Cancelled {
			cancelled++
		}
	}
	if manual != 1 || cancelled != 3 {
		t.Errorf("history: %d manual, %d cancelled runs (want 1 and 3: two start-up runs stopped, one manual): %+v", manual, cancelled, hist)
	}
	// A run that failed otherwise is not cancelled.
	if _, err := st.DB.Exec("UPDATE anonymisation_runs SET error = 'disk full' WHERE trigger = ?", TriggerManual); err != nil {
		t.Fatal(err)
	}
	hist, _ = History(ctx, st.RO, 10)
	for _, h := range hist {
		if h.Trigger == TriggerManual && h.Cancelled {
			t.Error("a failed run is shown as cancelled")
		}
	}
}
