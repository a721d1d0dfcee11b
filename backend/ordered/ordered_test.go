package ordered

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

type job struct {
	n, square int
}

func squares(t *testing.T, ctx context.Context, n int, consume func(*job) error) (int, error) {
	t.Helper()
	var worked atomic.Int64
	err := Run(ctx, 4, func(ctx context.Context, send func(*job) error) error {
		for i := range n {
			if err := send(&job{n: i}); err != nil {
				return err
			}
		}
		return nil
	}, func(j *job) {
		if j.n%7 == 0 {
			time.Sleep(time.Millisecond) // some jobs finish after later ones
		}
		j.square = j.n * j.n
		worked.Add(1)
	}, consume)
	return int(worked.Load()), err
}

// Every job is worked on once and consumed in the order it was made, though the workers
// finish them out of order.
func TestRunConsumesInOrder(t *testing.T) {
	next := 0
	worked, err := squares(t, context.Background(), 500, func(j *job) error {
		if j.n != next || j.square != j.n*j.n {
			t.Fatalf("consumed job %d (square %d), want job %d worked on", j.n, j.square, next)
		}
		next++
		return nil
	})
	if err != nil || next != 500 || worked != 500 {
		t.Fatalf("consumed %d, worked %d, err %v; want 500, 500, nil", next, worked, err)
	}
}

// The writer's error stops the pipeline: nothing after it is consumed, the producer stops,
// and no goroutine is left behind.
func TestRunStopsAtTheFirstConsumeError(t *testing.T) {
	before := runtime.NumGoroutine()
	stop := errors.New("bad line")
	consumed := 0
	_, err := squares(t, context.Background(), 100000, func(j *job) error {
		consumed++
		if j.n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || consumed != 11 {
		t.Fatalf("err %v after %d consumed; want the consume error after 11", err, consumed)
	}
	time.Sleep(10 * time.Millisecond)
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines after Run, %d before", n, before)
	}
}

// The producer's error comes after every job it sent is consumed (an earlier job's own
// error goes first); a cancelled context ends Run with its error.
func TestRunProducerErrorAndCancel(t *testing.T) {
	bad := errors.New("line too long")
	consumed := 0
	err := Run(context.Background(), 2, func(ctx context.Context, send func(int) error) error {
		for i := range 50 {
			if err := send(i); err != nil {
				return err
			}
		}
		return bad
	}, func(int) {}, func(int) error { consumed++; return nil })
	if !errors.Is(err, bad) || consumed != 50 {
		t.Fatalf("err %v after %d consumed; want the producer's error after 50", err, consumed)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = squares(t, ctx, 100000, func(j *job) error {
		if j.n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}
