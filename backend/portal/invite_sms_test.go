package portal

import (
	"context"
	"errors"
	"strings"
	"testing"

	"dataskydd/backend/sms"
	"dataskydd/backend/twofactor"
)

// An invitation's link goes by SMS to the person's mobile (masked in the answer); a person
// without a phone gets the no-phone error saying where to add one, and nothing is sent; with
// SMS not configured the gateway's error comes back.
func TestSendInvitation(t *testing.T) {
	rg := newRig(t)
	ctx := context.Background()
	st := rg.svc.Store
	anna := twofactor.PersonRef{Kind: twofactor.Customer, ID: "C1"}
	inv, err := Invite(ctx, st, anna, "http://portal.test", "admin", rg.clock())
	if err != nil {
		t.Fatal(err)
	}
	to, err := SendInvitation(ctx, st, rg.svc.SMS, anna, inv)
	if err != nil {
		t.Fatal(err)
	}
	if to != "+4670•••••67" {
		t.Errorf("masked number %q", to)
	}
	m, ok := rg.fake.Last("+46701234567")
	if !ok || !strings.Contains(m.Text, inv.Link) || !strings.Contains(m.Text, "Firma AB") {
		t.Fatalf("SMS %q (sent %v), want the link %s", m.Text, ok, inv.Link)
	}

	cecilia := twofactor.PersonRef{Kind: twofactor.Customer, ID: "C3"}
	inv3, err := Invite(ctx, st, cecilia, "http://portal.test", "admin", rg.clock())
	if err != nil {
		t.Fatal(err)
	}
	before := len(rg.fake.Messages())
	_, err = SendInvitation(ctx, st, rg.svc.SMS, cecilia, inv3)
	var np *twofactor.NoPhoneError
	if !errors.As(err, &np) || np.Where != twofactor.WhereCustomerCard {
		t.Fatalf("no phone: %v", err)
	}
	if len(rg.fake.Messages()) != before {
		t.Fatal("an SMS went to a person without a phone")
	}

	if err := rg.svc.SMS.Remove(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := SendInvitation(ctx, st, rg.svc.SMS, anna, inv); !errors.Is(err, sms.ErrNotConfigured) {
		t.Fatalf("SMS not configured: %v", err)
	}
}
