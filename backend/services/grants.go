package services

import (
	"errors"
	"sync"
	"time"

	"dataskydd/backend/auth"
)

// The short-lived state between two calls of a second-factor step: the login that waits for
// its second factor, and a passed step-up for changing phone numbers. The desktop app keeps
// one of each (one user at a time); their lifetimes are here, with them.
const (
	LoginChallengeTTL = 10 * time.Minute // a waiting login lives as long as its SMS code
	PhoneStepUpTTL    = 5 * time.Minute  // phone numbers may be changed this long after a pass
)

// ErrNoPendingLogin is returned when no login waits for a second factor (none was held, it
// expired, was cancelled, or a newer login replaced it).
var ErrNoPendingLogin = errors.New("no login is waiting for a second factor: log in again")

// PendingLogin is a login whose password was right and whose second factor is still due.
// It is no session.
type PendingLogin struct {
	Services *Services
	Session  auth.Session
	expires  time.Time
}

// PendingLogins holds at most one PendingLogin, for LoginChallengeTTL. The zero value is
// ready; Now, if set, is the clock.
type PendingLogins struct {
	Now func() time.Time

	mu sync.Mutex
	p  *PendingLogin
}

func (l *PendingLogins) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// Hold keeps a login aside for its second factor, replacing one still waiting.
func (l *PendingLogins) Hold(s *Services, sess auth.Session) *PendingLogin {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.p = &PendingLogin{Services: s, Session: sess, expires: l.now().Add(LoginChallengeTTL)}
	return l.p
}

// Current returns the waiting login, or ErrNoPendingLogin (an expired one is dropped).
func (l *PendingLogins) Current() (*PendingLogin, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p == nil || l.now().After(l.p.expires) {
		l.p = nil
		return nil, ErrNoPendingLogin
	}
	return l.p, nil
}

// Take ends p's wait when its second factor passed: false if p is no longer the waiting
// login (replaced, cancelled or expired meanwhile), and then nothing may start.
func (l *PendingLogins) Take(p *PendingLogin) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p != p || p == nil || l.now().After(p.expires) {
		return false
	}
	l.p = nil
	return true
}

// Drop forgets the waiting login, if any.
func (l *PendingLogins) Drop() {
	l.mu.Lock()
	l.p = nil
	l.mu.Unlock()
}

// PhoneGrants remembers who passed the phone-number step-up, for PhoneStepUpTTL. The zero
// value is ready; Now, if set, is the clock.
type PhoneGrants struct {
	Now func() time.Time

	mu    sync.Mutex
	until map[string]time.Time // user id -> until when phone numbers may be changed
}

func (g *PhoneGrants) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// Grant records that userID passed the step-up now.
func (g *PhoneGrants) Grant(userID string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.until == nil {
		g.until = map[string]time.Time{}
	}
	g.until[userID] = g.now().Add(PhoneStepUpTTL)
}

// Passed reports whether userID passed the step-up within the last PhoneStepUpTTL.
func (g *PhoneGrants) Passed(userID string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.now().Before(g.until[userID])
}
