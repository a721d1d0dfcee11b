package services

import (
	"context"
	"fmt"
	"sync"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/twofactor"
)

// InventoryWindow is how long a passed code opens the GDPR inventory (security.md: the
// session's next 10 minutes).
const InventoryWindow = 10 * time.Minute

// InventoryGate is the switch "GDPR inventory (SMS only)": while it is on, person search,
// access report and erase everywhere ask the logged-in user for an SMS code, and a passed
// code opens them for InventoryWindow. The app calls Check before each of the three and
// Close when the session ends. Safe for concurrent use.
type InventoryGate struct {
	TwoFactor *twofactor.Engine
	Now       func() time.Time // nil: time.Now

	mu   sync.Mutex
	open map[string]time.Time // user id -> until
}

func (g *InventoryGate) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// Check returns nil when the inventory may be used now: the switch is off, or the user
// passed a code less than InventoryWindow ago. Otherwise ErrSecondFactorRequired.
func (g *InventoryGate) Check(ctx context.Context, sess auth.Session) error {
	if err := auth.RequireRole(sess); err != nil {
		return err
	}
	on, err := g.TwoFactor.FlowEnabled(ctx, twofactor.FlowInventory)
	if err != nil {
		return fmt.Errorf("checking the GDPR inventory switch: %w", err)
	}
	if !on {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if until, ok := g.open[sess.UserID]; ok && g.now().Before(until) {
		return nil
	}
	return ErrSecondFactorRequired
}

// Start sends the user an SMS code for the inventory.
func (g *InventoryGate) Start(ctx context.Context, sess auth.Session) (twofactor.Challenge, error) {
	if err := auth.RequireRole(sess); err != nil {
		return twofactor.Challenge{}, err
	}
	return g.TwoFactor.Start(ctx, twofactor.PersonRef{Kind: twofactor.Employee, ID: sess.UserID}, twofactor.FlowInventory)
}

// Pass checks the code and opens the inventory for InventoryWindow.
func (g *InventoryGate) Pass(ctx context.Context, sess auth.Session, challengeID, code string) error {
	if err := auth.RequireRole(sess); err != nil {
		return err
	}
	if err := g.TwoFactor.Verify(ctx, twofactor.PersonRef{Kind: twofactor.Employee, ID: sess.UserID}, twofactor.FlowInventory, challengeID, code); err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.open == nil {
		g.open = map[string]time.Time{}
	}
	g.open[sess.UserID] = g.now().Add(InventoryWindow)
	return nil
}

// Close forgets a passed code (logout, lock).
func (g *InventoryGate) Close(sess auth.Session) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.open, sess.UserID)
}

// InventoryStatus is whether the inventory asks for a code now, and until when a passed one
// keeps it open (zero: not open).
type InventoryStatus struct {
	Asks      bool
	OpenUntil time.Time
}

// Status reports the switch and the user's open window, without sending anything.
func (g *InventoryGate) Status(ctx context.Context, sess auth.Session) (InventoryStatus, error) {
	if err := auth.RequireRole(sess); err != nil {
		return InventoryStatus{}, err
	}
	on, err := g.TwoFactor.FlowEnabled(ctx, twofactor.FlowInventory)
	if err != nil {
		return InventoryStatus{}, fmt.Errorf("checking the GDPR inventory switch: %w", err)
	}
	out := InventoryStatus{Asks: on}
	g.mu.Lock()
	defer g.mu.Unlock()
	if until, ok := g.open[sess.UserID]; on && ok && g.now().Before(until) {
		out.OpenUntil = until
	}
	return out, nil
}
