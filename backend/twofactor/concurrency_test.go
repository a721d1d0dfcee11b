package twofactor_test

import (
	"errors"
	"sync"
	"testing"

	"dataskydd/backend/twofactor"
)

// A code is good for one use even when many answers arrive at once.
func TestOneUseUnderConcurrency(t *testing.T) {
	e := newEnv(t)
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	var wg sync.WaitGroup
	results := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code)
		}()
	}
	wg.Wait()
	close(results)
	passed := 0
	for err := range results {
		switch {
		case err == nil:
			passed++
		case errors.Is(err, twofactor.ErrCodeUsed):
		default:
			t.Fatalf("unexpected: %v", err)
		}
	}
	if passed != 1 {
		t.Fatalf("%d answers passed, want 1", passed)
	}
}

// Concurrent wrong answers cannot get past the five tries.
func TestTriesHoldUnderConcurrency(t *testing.T) {
	e := newEnv(t)
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	var wg sync.WaitGroup
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, wrong(code))
		}()
	}
	wg.Wait()
	var n int
	e.st.DB.QueryRow("SELECT COUNT(*) FROM twofactor_failures").Scan(&n)
	if n != 5 {
		t.Fatalf("%d wrong answers counted, want exactly 5", n)
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code); !errors.Is(err, twofactor.ErrTooManyTries) {
		t.Fatalf("right code after the storm: %v", err)
	}
}
