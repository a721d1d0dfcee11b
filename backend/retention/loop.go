package retention

import (
	"context"
	"sync"
	"time"
)

// Loop is the scheduler's life in a long-running program (the desktop app): one Scheduler
// per engine, its hourly loop in the background, and the one manual run that Cancel stops.
// The zero value is ready.
type Loop struct {
	mu     sync.Mutex
	engine *Engine // the engine sched runs
	sched  *Scheduler
	stop   context.CancelFunc // stops the loop
	done   chan struct{}      // closed when the loop has returned
	manual context.CancelFunc // cancels the manual run in progress, if any
}

// stopWait is how long Stop waits for a run in progress to end.
const stopWait = 10 * time.Second

// For returns the scheduler of e, starting its loop (a catch-up run at once, then hourly)
// under parent's values (not its cancellation) the first time. For another engine (the
// store was opened anew) the old loop is stopped first.
func (l *Loop) For(parent context.Context, e *Engine, opts SchedulerOptions) *Scheduler {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sched != nil && l.engine == e {
		return l.sched
	}
	if l.stop != nil {
		l.stop()
		<-l.done
	}
	sched := NewScheduler(e, opts)
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	done := make(chan struct{})
	go func() {
		defer close(done)
		sched.Start(ctx)
	}()
	l.engine, l.sched, l.stop, l.done = e, sched, cancel, done
	return sched
}

// Running reports whether a loop runs.
func (l *Loop) Running() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sched != nil
}

// RunManual runs sched now as TriggerManual (ErrBusy while another run is in progress),
// cancellable by CancelManual and Stop. A cancelled run's error is context.Canceled.
func (l *Loop) RunManual(parent context.Context, sched *Scheduler) (Report, error) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	defer cancel()
	l.mu.Lock()
	l.manual = cancel
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.manual = nil
		l.mu.Unlock()
	}()
	return sched.RunNow(ctx, TriggerManual)
}

// CancelManual stops the manual run in progress (its finished batches stay done); it
// reports whether there was one.
func (l *Loop) CancelManual() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.manual == nil {
		return false
	}
	l.manual()
	return true
}

// Stop cancels the loop and any run in progress, and waits (a little) for it to end.
func (l *Loop) Stop() {
	l.mu.Lock()
	stop, done, manual := l.stop, l.done, l.manual
	l.sched, l.engine, l.stop, l.done, l.manual = nil, nil, nil, nil, nil
	l.mu.Unlock()
	if manual != nil {
		manual()
	}
	if stop == nil {
		return
	}
	stop()
	select {
	case <-done:
	case <-time.After(stopWait):
	}
}
