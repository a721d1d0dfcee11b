package portal

import (
	"sync"
	"time"
)

// limiter counts attempts per key in a sliding window. Keys are "login-ip:1.2.3.4",
// "login-acct:a@b.se" and so on; an unknown e-mail is counted like a known one.
type limiter struct {
	window time.Duration
	mu     sync.Mutex
	hits   map[string][]time.Time
}

func newLimiter(window time.Duration) *limiter {
	return &limiter{window: window, hits: map[string][]time.Time{}}
}

// allow records an attempt under key and reports whether it is within max.
func (l *limiter) allow(key string, max int, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	cut := now.Add(-l.window)
	old := l.hits[key]
	kept := old[:0]
	for _, t := range old {
		if t.After(cut) {
			kept = append(kept, t)
		}
	}
	if len(kept) >= max {
		l.hits[key] = kept
		return false
	}
	l.hits[key] = append(kept, now)
	if len(l.hits) > 100_000 { // a flood of distinct keys: drop the stale ones
		for k, ts := range l.hits {
			if len(ts) == 0 || !ts[len(ts)-1].After(cut) {
				delete(l.hits, k)
			}
		}
	}
	return true
}
