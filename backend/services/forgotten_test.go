package services

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"dataskydd/backend/sms"
	"dataskydd/backend/twofactor"
)

// "Glömt lösenordet?": refused while the switch is off; with it on, a code to the user's
// phone, a wrong code refused, the right one sets the password (the old one stops working)
// and forgets the trusted devices; an unknown username never passes.
func TestForgottenPasswordBySMS(t *testing.T) {
	ctx := context.Background()
	svc, fake, admin := smsAdmin(t, "sv")
	const pw = adminPassword
	if _, err := svc.StartForgotten(ctx, "admin"); !errors.Is(err, ErrResetOff) {
		t.Fatalf("switch off: %v", err)
	}
	if err := svc.SMS.Save(ctx, sms.Settings{Provider: sms.Elks, SenderName: "Dataskydd"}, sms.Credentials{Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.TwoFactor.SetFlow(ctx, twofactor.FlowUserPasswordReset, true); err != nil {
		t.Fatal(err)
	}
	me := twofactor.PersonRef{Kind: twofactor.Employee, ID: admin.UserID}
	if _, err := svc.TwoFactor.TrustToken(ctx, me, ""); err != nil {
		t.Fatal(err)
	}
	ch, err := svc.StartForgotten(ctx, "ADMIN")
	if err != nil {
		t.Fatal(err)
	}
	msg, ok := fake.Last("+46701234567")
	if !ok {
		t.Fatal("no SMS")
	}
	code := regexp.MustCompile(`\d{6}`).FindString(msg.Text)
	const newPW = "ett nytt långt lösenord 3"
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if err := svc.FinishForgotten(ctx, "admin", ch.ID, wrong, newPW); !errors.Is(err, twofactor.ErrWrongCode) {
		t.Fatalf("wrong code: %v", err)
	}
	if _, err := svc.Accounts.Login(ctx, "admin", newPW); err == nil {
		t.Fatal("the password changed after a wrong code")
	}
	if err := svc.FinishForgotten(ctx, "admin", ch.ID, code, newPW); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Accounts.Login(ctx, "admin", newPW); err != nil {
		t.Fatalf("new password: %v", err)
	}
	if _, err := svc.Accounts.Login(ctx, "admin", pw); err == nil {
		t.Fatal("the old password still works")
	}
	if ds, _ := svc.TwoFactor.Devices(ctx, me); len(ds) != 0 {
		t.Fatalf("trusted devices after the reset: %d", len(ds))
	}
	// An unknown user gets a challenge that never passes.
	ch, err = svc.StartForgotten(ctx, "nobody")
	if err != nil || ch.To != "•••" {
		t.Fatalf("unknown user: %+v %v", ch, err)
	}
	if err := svc.FinishForgotten(ctx, "nobody", ch.ID, "123456", newPW); err == nil {
		t.Fatal("an unknown user passed")
	}
}
