package services

import (
	"context"
	"fmt"
	"strings"

	"dataskydd/backend/auth"
	"dataskydd/backend/twofactor"
)

// Second factors asked for outside the login: the vault's "two-factor to decrypt", and a change
// of the phone numbers codes go to (security.md). Both ask the logged-in user, who proves with
// an SMS code or a TOTP code that it is really them at the keyboard.
//
// A proof travels as one string (the vault's Unlock.SecondFactor): [SMSProof] for the answer to
// an SMS challenge started with twofactor.Engine.Start, [TOTPProof] for a code from the user's
// authenticator app.

// Proof prefixes.
const (
	proofSMS  = "sms:"
	proofTOTP = "totp:"
)

// SMSProof is the proof for the answer code to the SMS challenge challengeID.
func SMSProof(challengeID, code string) string { return proofSMS + challengeID + ":" + code }

// TOTPProof is the proof for a code from the user's authenticator app.
func TOTPProof(code string) string { return proofTOTP + code }

// ErrSecondFactorRequired says a change needs a second factor first. Its code is the vault's,
// so the UI asks for a code the same way for both.
var ErrSecondFactorRequired = &auth.Error{Code: "second_factor_required", Message: "this change needs a second factor: type a code"}

// ErrBadProof is a proof string of neither form.
var ErrBadProof = &auth.Error{Code: "invalid_input", Message: "malformed second-factor proof"}

// StepUp checks second factors of logged-in users through the two-factor engine. Its Verify is
// the vault's StepUp seam (Options.StepUp in vault): a form with "two-factor to decrypt" asks
// for a second factor (an SMS code or a TOTP code) always, whether or not the switch "Secure
// data – decrypt" is on; while that switch is on, every form asks ([StepUp.AsksEveryForm]).
type StepUp struct {
	TwoFactor *twofactor.Engine
}

// Verify implements the vault's StepUp: the form asks, so a proof must pass.
func (s StepUp) Verify(ctx context.Context, sess auth.Session, proof string) error {
	if err := auth.RequireRole(sess); err != nil {
		return err
	}
	return s.prove(ctx, sess, twofactor.FlowSecureDataDecrypt, proof)
}

// DecryptAsks reports whether the switch "Secure data – decrypt" is on: then every form asks
// for a second factor, not only those with "two-factor to decrypt".
func (s StepUp) DecryptAsks(ctx context.Context) (bool, error) {
	return s.TwoFactor.FlowEnabled(ctx, twofactor.FlowSecureDataDecrypt)
}

// AsksEveryForm implements vault.EveryForm.
func (s StepUp) AsksEveryForm(ctx context.Context) (bool, error) { return s.DecryptAsks(ctx) }

// verify checks proof for flow f while f is switched on (nil while it is off).
func (s StepUp) verify(ctx context.Context, sess auth.Session, f twofactor.Flow, proof string) error {
	if err := auth.RequireRole(sess); err != nil {
		return err
	}
	on, err := s.TwoFactor.FlowEnabled(ctx, f)
	if err != nil {
		return fmt.Errorf("checking a second factor: %w", err)
	}
	if !on {
		return nil
	}
	return s.prove(ctx, sess, f, proof)
}

// prove checks an SMS or TOTP proof of sess for flow f.
func (s StepUp) prove(ctx context.Context, sess auth.Session, f twofactor.Flow, proof string) error {
	ref := twofactor.PersonRef{Kind: twofactor.Employee, ID: sess.UserID}
	switch {
	case strings.HasPrefix(proof, proofTOTP):
		return s.TwoFactor.VerifyTOTP(ctx, ref, f, strings.TrimPrefix(proof, proofTOTP))
	case strings.HasPrefix(proof, proofSMS):
		id, code, ok := strings.Cut(strings.TrimPrefix(proof, proofSMS), ":")
		if !ok || id == "" {
			return ErrBadProof
		}
		return s.TwoFactor.Verify(ctx, ref, f, id, code)
	case proof == "":
		return ErrSecondFactorRequired
	}
	return ErrBadProof
}

// PhoneChangeFlow is the flow whose codes prove a phone-number change. The ten flows of
// security.md have none of their own; the change is made by a user of the app, so it is
// checked as that user's identity, like a login from a new device.
const PhoneChangeFlow = twofactor.FlowUserLogin

// PhoneFields are the fields codes are sent to, of the person types that have them.
var PhoneFields = []string{"mobile_phone", "private_phone", "work_phone"}

// PhoneChanged reports whether saving a record of type typeName changes a phone number codes
// go to: a user, contact_person or customer whose mobile, private or work phone differs
// between before (nil for a new record) and after.
func PhoneChanged(typeName string, before, after map[string]any) bool {
	switch typeName {
	case string(twofactor.Employee), string(twofactor.ContactPerson), string(twofactor.Customer):
	default:
		return false
	}
	for _, f := range PhoneFields {
		if strings.TrimSpace(str(before[f])) != strings.TrimSpace(str(after[f])) {
			return true
		}
	}
	return false
}

func str(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// PhoneChangeAsks reports whether a phone-number change needs a second factor now: while the
// users' login flow is switched on (two-factor authentication is in use for the app's users).
func (s StepUp) PhoneChangeAsks(ctx context.Context) (bool, error) {
	return s.TwoFactor.FlowEnabled(ctx, PhoneChangeFlow)
}

// CheckPhoneChange is what a screen's Save calls before writing a record whose phone numbers
// change ([PhoneChanged]): nil when no second factor is asked or proof passes for the editor;
// [ErrSecondFactorRequired] when a proof is needed and missing; the two-factor engine's error
// (wrong_code, code_expired, ...) when it fails. The editor starts the SMS challenge with
// twofactor.Engine.Start for [PhoneChangeFlow].
func (s StepUp) CheckPhoneChange(ctx context.Context, sess auth.Session, proof string) error {
	return s.verify(ctx, sess, PhoneChangeFlow, proof)
}

// vaultStepUp is the vault's StepUp seam. It reads s.TwoFactor when called, since the vault is
// built before the two-factor engine.
type vaultStepUp struct{ s *Services }

func (v vaultStepUp) Verify(ctx context.Context, sess auth.Session, proof string) error {
	return StepUp{TwoFactor: v.s.TwoFactor}.Verify(ctx, sess, proof)
}

func (v vaultStepUp) AsksEveryForm(ctx context.Context) (bool, error) {
	return StepUp{TwoFactor: v.s.TwoFactor}.AsksEveryForm(ctx)
}
