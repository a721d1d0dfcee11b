package services

import (
	"context"
	"errors"
	"fmt"

	"dataskydd/backend/auth"
	"dataskydd/backend/twofactor"
)

// ErrResetOff: "Glömt lösenordet?" needs the users' password-reset flow switched on; without
// it an administrator resets the password.
var ErrResetOff = &auth.Error{Code: "reset_off", Message: "password reset by SMS is switched off: ask an administrator to reset your password"}

// StartForgotten sends an SMS code for "Glömt lösenordet?" on the login screen to the
// user's own phone (mobile, then private, then work). An unknown username gets a challenge
// that looks the same and never passes, so the screen does not tell who has an account.
func (s *Services) StartForgotten(ctx context.Context, username string) (twofactor.Challenge, error) {
	on, err := s.TwoFactor.FlowEnabled(ctx, twofactor.FlowUserPasswordReset)
	if err != nil {
		return twofactor.Challenge{}, err
	}
	if !on {
		return twofactor.Challenge{}, ErrResetOff
	}
	id, err := s.Accounts.UserIDByName(ctx, username)
	if errors.Is(err, auth.ErrUserNotFound) {
		return twofactor.Challenge{ID: "unknown", Flow: twofactor.FlowUserPasswordReset, To: "•••"}, nil
	}
	if err != nil {
		return twofactor.Challenge{}, err
	}
	return s.TwoFactor.Start(ctx, twofactor.PersonRef{Kind: twofactor.Employee, ID: id}, twofactor.FlowUserPasswordReset)
}

// FinishForgotten checks the code and sets the new password. Like an admin's reset, it
// gives the user a new key pair (their secure-data access needs re-granting) and forgets
// their trusted devices.
func (s *Services) FinishForgotten(ctx context.Context, username, challengeID, code, newPassword string) error {
	on, err := s.TwoFactor.FlowEnabled(ctx, twofactor.FlowUserPasswordReset)
	if err != nil {
		return err
	}
	if !on {
		return ErrResetOff
	}
	if err := auth.CheckPassword(newPassword); err != nil {
		return err
	}
	id, err := s.Accounts.UserIDByName(ctx, username)
	if errors.Is(err, auth.ErrUserNotFound) {
		return twofactor.ErrUnknownChallenge
	}
	if err != nil {
		return err
	}
	ref := twofactor.PersonRef{Kind: twofactor.Employee, ID: id}
	if err := s.TwoFactor.Verify(ctx, ref, twofactor.FlowUserPasswordReset, challengeID, code); err != nil {
		return err
	}
	if err := s.Accounts.ResetForgotten(ctx, id, newPassword); err != nil {
		return fmt.Errorf("resetting the password: %w", err)
	}
	return nil
}
