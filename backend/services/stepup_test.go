package services

import (
	"context"
	"errors"
	"net/http/httptest"
	"regexp"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/secrets"
	"dataskydd/backend/sms"
	"dataskydd/backend/sms/smstest"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
	"dataskydd/backend/vault"
)

// TestDecryptStepUp wires the vault to the two-factor engine as the app does and decrypts an
// entry of a form with "two-factor to decrypt": not asked while the flow is off, then asked,
// refused with a wrong code, passed with the SMS code the fake provider received and with
// nothing else.
func TestDecryptStepUp(t *testing.T) {
	ctx := context.Background()
	fake := smstest.NewServer(sms.Elks, sms.Credentials{Username: "u", Password: "p"})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	st, err := store.Create(ctx, t.TempDir(), store.CreateOptions{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := Wire(ctx, st, Options{CheapKDF: true, Secrets: secrets.NewMemory(), SMSBaseURL: srv.URL})
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	defer svc.Close()
	const pw = "a long admin password 1"
	admin, err := svc.Accounts.Setup(ctx, auth.SetupInput{Username: "admin", Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	u, err := svc.Records.Get(ctx, admin, "user", admin.UserID)
	if err != nil {
		t.Fatal(err)
	}
	u.Values["mobile_phone"] = "070-123 45 67"
	delete(u.Values, "versions")
	if _, err := svc.Records.Save(ctx, admin, "user", admin.UserID, u.Values, false); err != nil {
		t.Fatal(err)
	}
	f, err := svc.Vault.CreateForm(ctx, admin, vault.Form{Name: "Alarm", Purpose: vault.PurposeInternal, TwoFactor: true,
		Fields:     []vault.Field{{Name: "Code", Kind: vault.KindSecret, Encrypted: true}},
		Decrypters: []vault.Member{{Kind: vault.MemberUser, ID: admin.UserID}}})
	if err != nil {
		t.Fatal(err)
	}
	// Writing needs the key too, so it passes the step-up while the flow is off.
	e, err := svc.Vault.CreateEntry(ctx, admin, f.ID, vault.EntryInput{Values: map[string]string{"f1": "4711"}}, vault.Unlock{Password: pw, SecondFactor: ProofNotAsked})
	if err != nil {
		t.Fatal(err)
	}
	decrypt := func(proof string) error {
		_, err := svc.Vault.Decrypt(ctx, admin, e.ID, vault.Unlock{Password: pw, SecondFactor: proof})
		return err
	}
	su := StepUp{TwoFactor: svc.TwoFactor}
	if asks, _ := su.DecryptAsks(ctx); asks {
		t.Fatal("decrypt asks for a second factor before the flow is on")
	}
	if err := decrypt(ProofNotAsked); err != nil {
		t.Fatalf("flow off: %v", err)
	}
	if err := decrypt(""); !errors.Is(err, vault.ErrStepUpRequired) {
		t.Fatalf("empty proof: %v, want the vault's second_factor_required", err)
	}

	if err := svc.SMS.Save(ctx, sms.Settings{Provider: sms.Elks, SenderName: "Dataskydd"}, sms.Credentials{Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.TwoFactor.SetFlow(ctx, twofactor.FlowSecureDataDecrypt, true); err != nil {
		t.Fatal(err)
	}
	if err := decrypt(ProofNotAsked); auth.Code(err) != "second_factor_required" {
		t.Fatalf("flow on, no proof: %v", err)
	}
	ref := twofactor.PersonRef{Kind: twofactor.Employee, ID: admin.UserID}
	ch, err := svc.TwoFactor.Start(ctx, ref, twofactor.FlowSecureDataDecrypt)
	if err != nil {
		t.Fatal(err)
	}
	msg, ok := fake.Last("+46701234567")
	if !ok {
		t.Fatal("no SMS reached the fake provider")
	}
	code := regexp.MustCompile(`\d{6}`).FindString(msg.Text)
	if err := decrypt(SMSProof(ch.ID, "000000"+code)); !errors.Is(err, twofactor.ErrWrongCode) {
		t.Fatalf("wrong code: %v", err)
	}
	if err := decrypt("sms:nonsense"); !errors.Is(err, ErrBadProof) {
		t.Fatalf("malformed proof: %v", err)
	}
	if err := decrypt(SMSProof(ch.ID, code)); err != nil {
		t.Fatalf("right code: %v", err)
	}
	if err := decrypt(SMSProof(ch.ID, code)); !errors.Is(err, twofactor.ErrCodeUsed) {
		t.Fatalf("the same code again: %v", err)
	}
	if err := decrypt(TOTPProof("123456")); !errors.Is(err, twofactor.ErrNoTOTP) {
		t.Fatalf("TOTP without enrolment: %v", err)
	}
	// A code sent for another flow does not open the vault.
	other, err := svc.TwoFactor.Start(ctx, ref, twofactor.FlowUserPasswordReset)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ = fake.Last("+46701234567")
	if err := decrypt(SMSProof(other.ID, regexp.MustCompile(`\d{6}`).FindString(msg.Text))); !errors.Is(err, twofactor.ErrUnknownChallenge) {
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
	st, err := store.Create(ctx, t.TempDir(), store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := Wire(ctx, st, Options{CheapKDF: true, Secrets: secrets.NewMemory(), SMSBaseURL: "http://127.0.0.1:1"})
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	defer svc.Close()
	admin, err := svc.Accounts.Setup(ctx, auth.SetupInput{Username: "admin", Password: "a long admin password 1"})
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
