package services

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/sms"
	"dataskydd/backend/twofactor"
)

// The GDPR inventory switch: off, nothing is asked; on, a code is asked, a wrong one keeps it
// shut, the right one opens it for 10 minutes (not 10 minutes and a second), and Close shuts it.
func TestInventoryGate(t *testing.T) {
	ctx := context.Background()
	svc, fake, admin := smsAdmin(t, "sv")
	now := time.Now()
	g := &InventoryGate{TwoFactor: svc.TwoFactor, Now: func() time.Time { return now }}
	if err := g.Check(ctx, admin); err != nil {
		t.Fatalf("switch off: %v", err)
	}
	if err := g.Check(ctx, auth.Session{}); err == nil {
		t.Fatal("nobody passed the gate")
	}
	if err := svc.SMS.Save(ctx, sms.Settings{Provider: sms.Elks, SenderName: "Dataskydd"}, sms.Credentials{Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.TwoFactor.SetFlow(ctx, twofactor.FlowInventory, true); err != nil {
		t.Fatal(err)
	}
	if err := g.Check(ctx, admin); !errors.Is(err, ErrSecondFactorRequired) {
		t.Fatalf("switch on, no code: %v", err)
	}
	ch, err := g.Start(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := fake.Last("+46701234567")
	code := regexp.MustCompile(`\d{6}`).FindString(msg.Text)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if err := g.Pass(ctx, admin, ch.ID, wrong); err == nil {
		t.Fatal("a wrong code passed")
	}
	if err := g.Check(ctx, admin); err == nil {
		t.Fatal("open after a wrong code")
	}
	if err := g.Pass(ctx, admin, ch.ID, code); err != nil {
		t.Fatal(err)
	}
	now = now.Add(InventoryWindow - time.Second)
	if err := g.Check(ctx, admin); err != nil {
		t.Fatalf("within 10 minutes: %v", err)
	}
	now = now.Add(2 * time.Second)
	if err := g.Check(ctx, admin); !errors.Is(err, ErrSecondFactorRequired) {
		t.Fatalf("after 10 minutes: %v", err)
	}
	ch, _ = g.Start(ctx, admin)
	msg, _ = fake.Last("+46701234567")
	if err := g.Pass(ctx, admin, ch.ID, regexp.MustCompile(`\d{6}`).FindString(msg.Text)); err != nil {
		t.Fatal(err)
	}
	g.Close(admin)
	if err := g.Check(ctx, admin); err == nil {
		t.Fatal("open after Close")
	}
}
