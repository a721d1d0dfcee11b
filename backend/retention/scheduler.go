package retention

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrBusy is returned by RunNow while another run is in progress.
var ErrBusy = errors.New("an anonymisation run is already in progress")

// DefaultInterval is how often the scheduler runs while the app is open.
const DefaultInterval = time.Hour

// Scheduler runs an Engine at start-up (catching up on the time the app was closed) and
// then every Interval, never two runs at once. It is plain Go: the app's adapter turns its
// progress and results into UI events.
type Scheduler struct {
	engine   *Engine
	interval time.Duration
	now      func() time.Time
	onDone   func(Report, error)

	run sync.Mutex // held for the length of a run

	mu      sync.Mutex // guards the fields below
	running bool
	lastAt  time.Time
	last    *Report
	lastErr error
	nextAt  time.Time
}

// SchedulerOptions configure a Scheduler; the zero value runs hourly on the wall clock.
type SchedulerOptions struct {
	Interval time.Duration       // DefaultInterval when 0
	Now      func() time.Time    // time.Now when nil (tests set a fake clock)
	OnDone   func(Report, error) // called after every run (nil: nothing)
}

// NewScheduler returns a scheduler for e. Progress goes to e's Options.Progress.
func NewScheduler(e *Engine, opts SchedulerOptions) *Scheduler {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Scheduler{engine: e, interval: opts.Interval, now: opts.Now, onDone: opts.OnDone}
}

// Register adds a job that every run runs after the policies. Register before Start.
func (s *Scheduler) Register(j Job) {
	s.run.Lock()
	defer s.run.Unlock()
	s.engine.AddJob(j)
}

// Start runs at once and then every interval until ctx is cancelled; it returns when the
// loop has stopped (call it in a goroutine). A run in progress is cancelled with ctx.
func (s *Scheduler) Start(ctx context.Context) {
	trigger := TriggerStartup
	for {
		// The next run is set before the run is reported done (OnDone), so whoever hears of
		// a run (the status screen, a test) sees when the next one is due.
		_, err := s.runNow(ctx, trigger, true)
		if errors.Is(err, context.Canceled) || ctx.Err() != nil {
			return
		}
		if errors.Is(err, ErrBusy) { // a manual run was in progress: this round was skipped
			s.setNext(s.now().Add(s.interval))
		}
		trigger = TriggerHourly
		t := time.NewTimer(s.interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// RunNow runs every due policy now, unless a run is already in progress (ErrBusy).
func (s *Scheduler) RunNow(ctx context.Context, trigger string) (Report, error) {
	return s.runNow(ctx, trigger, false)
}

// runNow is RunNow; scheduled (a run of Start's loop) also sets the next run, one interval
// after this one ends, before OnDone hears of it.
func (s *Scheduler) runNow(ctx context.Context, trigger string, scheduled bool) (Report, error) {
	if !s.run.TryLock() {
		return Report{}, ErrBusy
	}
	defer s.run.Unlock()
	s.mu.Lock()
	s.running = true
	s.mu.Unlock()
	rep, err := s.engine.Run(ctx, s.now(), trigger)
	s.mu.Lock()
	s.running, s.lastAt, s.last, s.lastErr = false, s.now(), &rep, err
	if scheduled {
		s.nextAt = s.lastAt.Add(s.interval)
	}
	s.mu.Unlock()
	if s.onDone != nil {
		s.onDone(rep, err)
	}
	return rep, err
}

// Preview reports what a run now would do, changing nothing.
func (s *Scheduler) Preview(ctx context.Context) (Report, error) {
	return s.engine.Preview(ctx, s.now())
}

func (s *Scheduler) setNext(t time.Time) {
	s.mu.Lock()
	s.nextAt = t
	s.mu.Unlock()
}

// Status is what the settings screen shows about the scheduler.
type Status struct {
	Running bool      `json:"running"`
	LastRun time.Time `json:"last_run"` // zero before the first run of this session
	NextRun time.Time `json:"next_run"` // zero before Start
	Last    *Report   `json:"last,omitempty"`
	LastErr string    `json:"last_error,omitempty"`
}

// Status returns the scheduler's state. The runs of earlier sessions are in History.
func (s *Scheduler) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Status{Running: s.running, LastRun: s.lastAt, NextRun: s.nextAt, Last: s.last}
	if s.lastErr != nil {
		st.LastErr = s.lastErr.Error()
	}
	return st
}
