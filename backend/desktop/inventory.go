package desktop

import (
	"time"

	"dataskydd/backend/twofactor"
)

// The GDPR inventory switch (Settings > Tvåfaktorsautentisering, "GDPR-inventering"): while
// it is on, person search, the access report and erase everywhere answer
// second_factor_required until the user passes an SMS code, which opens them for the next 10
// minutes of the session. The rules live in services.InventoryGate; search.go calls its
// Check first in each of the four methods.

// InventoryStepUpInfo says whether the inventory asks for a code now.
type InventoryStepUpInfo struct {
	Asks      bool   `json:"asks"`      // the switch is on
	OpenUntil string `json:"openUntil"` // RFC 3339; "" when no passed code keeps it open
}

// InventoryStepUp reports the switch and the logged-in user's open window (GDPR roles).
func (a *SearchService) InventoryStepUp() (InventoryStepUpInfo, error) {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return InventoryStepUpInfo{}, err
	}
	st, err := s.Inventory.Status(a.ctx, sess)
	if err != nil {
		return InventoryStepUpInfo{}, securityFail(err)
	}
	out := InventoryStepUpInfo{Asks: st.Asks}
	if !st.OpenUntil.IsZero() {
		out.OpenUntil = st.OpenUntil.UTC().Format(time.RFC3339)
	}
	return out, nil
}

// StartInventoryChallenge sends the logged-in user an SMS code for the GDPR inventory.
func (a *SearchService) StartInventoryChallenge() (twofactor.Challenge, error) {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return twofactor.Challenge{}, err
	}
	ch, err := s.Inventory.Start(a.ctx, sess)
	return ch, securityFail(err)
}

// PassInventoryChallenge checks the code; a right one opens the inventory for 10 minutes.
func (a *SearchService) PassInventoryChallenge(challengeID, code string) error {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return err
	}
	return securityFail(s.Inventory.Pass(a.ctx, sess, challengeID, code))
}
