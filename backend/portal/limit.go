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

// accountKey is the address an account is found and limited by: the normalised e-mail
// address, or the text as typed when it is none.
func accountKey(email string) string {
	if norm, _ := normEmail(email); norm != "" {
		return norm
	}
	return email
}

// allowAttempt reports whether an attempt of a kind ("login", "reset") from ip on the account
// acct is within both limits: per address first (an address over its limit counts nothing
// against the account), then per account.
func (s *Server) allowAttempt(kind, ip, acct string, perIP, perAccount int, now time.Time) bool {
	return s.limiter.allow(kind+"-ip:"+ip, perIP, now) && s.limiter.allow(kind+"-acct:"+acct, perAccount, now)
}
