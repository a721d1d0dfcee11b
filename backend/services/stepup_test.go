package services

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"dataskydd/backend/auth"
	"dataskydd/backend/sms"
	"dataskydd/backend/twofactor"
	"dataskydd/backend/vault"
)

// TestDecryptStepUp wires the vault to the two-factor engine as the app does. A form with
// "two-factor to decrypt" asks for a second factor whenever it is used, with the switch
// "Secure data – decrypt" off too: no proof and made-up proofs are refused, an SMS code and a
// TOTP code pass. A form without it asks only while the switch is on. Wrong codes, used codes
// and codes of another flow are refused.
func TestDecryptStepUp(t *testing.T) {
	ctx := context.Background()
	svc, fake, admin := smsAdmin(t, "en")
	const pw = adminPassword
	if err := svc.SMS.Save(ctx, sms.Settings{Provider: sms.Elks, SenderName: "Dataskydd"}, sms.Credentials{Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	ref := twofactor.PersonRef{Kind: twofactor.Employee, ID: admin.UserID}
	smsProof := func() string {
		t.Helper()
		ch, err := svc.TwoFactor.Start(ctx, ref, twofactor.FlowSecureDataDecrypt)
		if err != nil {
			t.Fatal(err)
		}
		msg, ok := fake.Last("+46701234567")
		if !ok {
			t.Fatal("no SMS reached the fake provider")
		}
		return SMSProof(ch.ID, regexp.MustCompile(`\d{6}`).FindString(msg.Text))
	}
	form := func(name string, twoFactor bool) vault.Form {
		t.Helper()
		f, err := svc.Vault.CreateForm(ctx, admin, vault.Form{Name: name, Purpose: vault.PurposeInternal, TwoFactor: twoFactor,
			Fields:     []vault.Field{{Name: "Code", Kind: vault.KindSecret, Encrypted: true}},
			Decrypters: []vault.Member{{Kind: vault.MemberUser, ID: admin.UserID}}})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	alarm, plain := form("Alarm", true), form("Plain", false)
	su := StepUp{TwoFactor: svc.TwoFactor}
	if asks, _ := su.DecryptAsks(ctx); asks {
		t.Fatal("the switch is on before anyone switched it on")
	}

	// The form asks, the switch is off: writing and reading still need a second factor.
	if _, err := svc.Vault.CreateEntry(ctx, admin, alarm.ID, vault.EntryInput{Values: map[string]string{"f1": "4711"}}, vault.Unlock{Password: pw}); !errors.Is(err, vault.ErrStepUpRequired) {
		t.Fatalf("switch off, form asks, no proof on write: %v", err)
	}
	e, err := svc.Vault.CreateEntry(ctx, admin, alarm.ID, vault.EntryInput{Values: map[string]string{"f1": "4711"}}, vault.Unlock{Password: pw, SecondFactor: smsProof()})
	if err != nil {
		t.Fatal(err)
	}
	decrypt := func(entry, proof string) error {
		_, err := svc.Vault.Decrypt(ctx, admin, entry, vault.Unlock{Password: pw, SecondFactor: proof})
		return err
	}
	if err := decrypt(e.ID, ""); !errors.Is(err, vault.ErrStepUpRequired) {
		t.Fatalf("switch off, form asks, no proof: %v, want the vault's second_factor_required", err)
	}
	if err := decrypt(e.ID, "not-asked"); !errors.Is(err, ErrBadProof) {
		t.Fatalf("switch off, a made-up proof: %v", err)
	}
	if err := decrypt(e.ID, smsProof()); err != nil {
		t.Fatalf("switch off, SMS code: %v", err)
	}
	// TOTP answers too.
	en, err := svc.TwoFactor.EnrolTOTP(ctx, ref, "admin")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := totp.GenerateCode(en.Secret, time.Now())
	if err := svc.TwoFactor.ConfirmTOTP(ctx, ref, c); err != nil {
		t.Fatal(err)
	}
	c, _ = totp.GenerateCode(en.Secret, time.Now().Add(twofactor.TOTPPeriod*time.Second))
	if err := decrypt(e.ID, TOTPProof(c)); err != nil {
		t.Fatalf("switch off, TOTP code: %v", err)
	}

	// A form that does not ask: no second factor while the switch is off; every form asks
	// while it is on.
	p, err := svc.Vault.CreateEntry(ctx, admin, plain.ID, vault.EntryInput{Values: map[string]string{"f1": "1234"}}, vault.Unlock{Password: pw})
	if err != nil {
		t.Fatalf("switch off, form does not ask: %v", err)
	}
	if err := decrypt(p.ID, ""); err != nil {
		t.Fatalf("switch off, form does not ask: %v", err)
	}
	if err := svc.TwoFactor.SetFlow(ctx, twofactor.FlowSecureDataDecrypt, true); err != nil {
		t.Fatal(err)
	}
	if err := decrypt(p.ID, ""); !errors.Is(err, vault.ErrStepUpRequired) {
		t.Fatalf("switch on, form does not ask, no proof: %v", err)
	}
	if err := decrypt(e.ID, ""); !errors.Is(err, vault.ErrStepUpRequired) {
		t.Fatalf("switch on, form asks, no proof: %v", err)
	}
	proof := smsProof()
	id, code, _ := strings.Cut(strings.TrimPrefix(proof, "sms:"), ":")
	if err := decrypt(p.ID, SMSProof(id, "000000"+code)); !errors.Is(err, twofactor.ErrWrongCode) {
		t.Fatalf("wrong code: %v", err)
	}
	if err := decrypt(p.ID, "sms:nonsense"); !errors.Is(err, ErrBadProof) {
		t.Fatalf("malformed proof: %v", err)
	}
	if err := decrypt(p.ID, proof); err != nil {
		t.Fatalf("switch on, right code: %v", err)
	}
	if err := decrypt(p.ID, proof); !errors.Is(err, twofactor.ErrCodeUsed) {
		t.Fatalf("the same code again: %v", err)
	}
	// A code sent for another flow does not open the vault.
	other, err := svc.TwoFactor.Start(ctx, ref, twofactor.FlowUserPasswordReset)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := fake.Last("+46701234567")
	if err := decrypt(e.ID, SMSProof(other.ID, regexp.MustCompile(`\d{6}`).FindString(msg.Text))); !errors.Is(err, twofactor.ErrUnknownChallenge) {
		t.Fatalf("code of another flow: %v", err)
	}
}

func TestPhoneChanged(t *testing.T) {
	for _, c := range []struct {
		typ           string
		before, after map[string]any
		want          bool
	}{
		{"user", map[string]any{"mobile_phone": "0701"}, map[string]any{"mobile_phone": "0702"}, true},
		{"user", map[string]any{"mobile_phone": "0701"}, map[string]any{"mobile_phone": " 0701 "}, false},
		{"customer", nil, map[string]any{"work_phone": "08-123"}, true},
		{"contact_person", map[string]any{"private_phone": "08"}, map[string]any{}, true},
		{"contact_person", map[string]any{"email": "a@b"}, map[string]any{"email": "c@d"}, false},
		{"case", nil, map[string]any{"end_customer_phone": "070"}, false},
	} {
		if got := PhoneChanged(c.typ, c.before, c.after); got != c.want {
			t.Errorf("PhoneChanged(%s, %v, %v) = %v", c.typ, c.before, c.after, got)
		}
	}
}

func TestCheckPhoneChange(t *testing.T) {
	ctx := context.Background()
	svc := wired(t, "sv", "http://127.0.0.1:1")
	admin, err := svc.Accounts.Setup(ctx, auth.SetupInput{Username: "admin", Password: adminPassword})
	if err != nil {
		t.Fatal(err)
	}
	su := StepUp{TwoFactor: svc.TwoFactor}
	if err := su.CheckPhoneChange(ctx, admin, ""); err != nil {
		t.Fatalf("two-factor not in use: %v", err)
	}
	if err := su.CheckPhoneChange(ctx, auth.Session{}, ""); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Fatalf("nobody logged in: %v", err)
	}
	if err := svc.SMS.Save(ctx, sms.Settings{Provider: sms.Elks, SenderName: "Dataskydd"}, sms.Credentials{Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.TwoFactor.SetFlow(ctx, PhoneChangeFlow, true); err != nil {
		t.Fatal(err)
	}
	if err := su.CheckPhoneChange(ctx, admin, ""); !errors.Is(err, ErrSecondFactorRequired) {
		t.Fatalf("in use, no proof: %v", err)
	}
	if err := su.CheckPhoneChange(ctx, admin, TOTPProof("123456")); !errors.Is(err, twofactor.ErrNoTOTP) {
		t.Fatalf("in use, TOTP not enrolled: %v", err)
	}
}
