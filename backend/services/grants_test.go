package services

import (
	"errors"
	"testing"
	"time"

	"dataskydd/backend/auth"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestPendingLogins(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	var l PendingLogins
	l.Now = clk.now
	if _, err := l.Current(); !errors.Is(err, ErrNoPendingLogin) {
		t.Fatalf("nothing held: %v", err)
	}
	if l.Take(nil) {
		t.Fatal("took a login never held")
	}
	anna := l.Hold(nil, auth.Session{UserID: "U1"})
	if p, err := l.Current(); err != nil || p != anna {
		t.Fatalf("current: %v, %v", p, err)
	}
	// A newer login replaces it: the older one's pass starts nothing.
	bo := l.Hold(nil, auth.Session{UserID: "U2"})
	if l.Take(anna) {
		t.Fatal("the replaced login was taken")
	}
	if !l.Take(bo) || l.Take(bo) {
		t.Fatal("the waiting login is taken exactly once")
	}
	if _, err := l.Current(); !errors.Is(err, ErrNoPendingLogin) {
		t.Fatalf("after take: %v", err)
	}
	// Its time: valid up to LoginChallengeTTL, not after; a pass after it starts nothing.
	c := l.Hold(nil, auth.Session{UserID: "U3"})
	clk.t = clk.t.Add(LoginChallengeTTL)
	if _, err := l.Current(); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	clk.t = clk.t.Add(time.Second)
	if l.Take(c) {
		t.Fatal("an expired login was taken")
	}
	if _, err := l.Current(); !errors.Is(err, ErrNoPendingLogin) {
		t.Fatalf("expired: %v", err)
	}
	l.Hold(nil, auth.Session{UserID: "U4"})
	l.Drop()
	if _, err := l.Current(); !errors.Is(err, ErrNoPendingLogin) {
		t.Fatalf("dropped: %v", err)
	}
}

func TestPhoneGrants(t *testing.T) {
	clk := &fakeClock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	g := PhoneGrants{Now: clk.now}
	if g.Passed("U1") {
		t.Fatal("passed without a grant")
	}
	g.Grant("U1")
	if !g.Passed("U1") || g.Passed("U2") {
		t.Fatal("the grant is U1's only")
	}
	clk.t = clk.t.Add(PhoneStepUpTTL - time.Second)
	if !g.Passed("U1") {
		t.Fatal("expired early")
	}
	clk.t = clk.t.Add(time.Second)
	if g.Passed("U1") {
		t.Fatal("still passed after PhoneStepUpTTL")
	}
}
