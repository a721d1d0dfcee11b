package auth

import "time"

// Backoff is the per-account rate limit on failed logins: after n consecutive failures the
// account accepts the next attempt only Base<<(n-1) after the last failure, capped at Max
// (OWASP Authentication Cheat Sheet, "exponential back-off"). A success resets the count.
type Backoff struct {
	Free int           // failures allowed without any delay
	Base time.Duration // delay after the first counted failure
	Max  time.Duration // longest delay
}

// DefaultBackoff lets three typing mistakes pass, then waits 1 s, 2 s, 4 s ... up to 15 minutes.
func DefaultBackoff() Backoff { return Backoff{Free: 3, Base: time.Second, Max: 15 * time.Minute} }

// Next returns when the account may try again after failures consecutive failures, the last
// at last.
func (b Backoff) Next(failures int, last time.Time) time.Time {
	n := failures - b.Free
	if n <= 0 {
		return last
	}
	d := b.Max
	if n <= 30 {
		if s := b.Base << (n - 1); s > 0 && s < b.Max {
			d = s
		}
	}
	return last.Add(d)
}
