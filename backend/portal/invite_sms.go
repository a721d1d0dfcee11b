package portal

import (
	"context"
	"fmt"
	"strings"

	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

// SMSSender is what sending an invitation needs of the SMS gateway (*sms.Gateway).
type SMSSender interface {
	Send(ctx context.Context, to, text string) error
}

// SendInvitation sends the link of inv by SMS to the person's phone (mobile, then private,
// then work) and returns the number it went to, masked. A person without a usable number
// gets a *twofactor.NoPhoneError (its Where says where an administrator adds one); the link
// stays valid, to be handed over another way. SMS errors (not configured, the provider's
// refusal) come back as they are.
func SendInvitation(ctx context.Context, st *store.Store, gw SMSSender, ref twofactor.PersonRef, inv Invitation) (string, error) {
	p, err := twofactor.RecordPeople{DB: st.DB}.Person(ctx, ref)
	if err != nil {
		return "", fmt.Errorf("sending the invitation: %w", err)
	}
	to, err := twofactor.PickPhone(p)
	if err != nil {
		return "", err
	}
	org, _ := st.Meta(ctx, "org_name")
	if org == "" {
		org = "Kundportalen"
	}
	days := int(InvitationTTL.Hours() / 24)
	text := fmt.Sprintf("%s bjuder in dig till kundportalen. Välj ditt lösenord här (giltig %d dagar): %s", org, days, inv.Link)
	if st.Lang() == "en" {
		text = fmt.Sprintf("%s invites you to the customer portal. Choose your password here (valid %d days): %s", org, days, inv.Link)
	}
	if err := gw.Send(ctx, to, text); err != nil {
		return "", err
	}
	return maskPhone(to), nil
}

// maskPhone shows the start and the last two digits of a number, as code pages do.
func maskPhone(e164 string) string {
	if len(e164) < 8 {
		return e164
	}
	return e164[:5] + strings.Repeat("•", len(e164)-7) + e164[len(e164)-2:]
}
