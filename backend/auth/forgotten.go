package auth

import (
	"context"
)

// UserIDByName returns the id of the active user with this username, for "Glömt
// lösenordet?" (which proves the person with an SMS code before [Service.ResetForgotten]).
func (s *Service) UserIDByName(ctx context.Context, username string) (string, error) {
	a, hasPW, err := s.userByName(ctx, username)
	if err != nil {
		return "", err
	}
	if !hasPW || a.disabled.Valid || a.status == "deleted" {
		return "", ErrUserNotFound
	}
	return a.id, nil
}

// ResetForgotten sets a new password for a user who forgot theirs. The caller must have
// proved the person first (an SMS code to their own phone): there is no session here. It
// is an admin reset in every other way: the password hooks run as for a reset (a new key
// pair, so the user's secure-data access needs re-granting; trusted devices forgotten).
func (s *Service) ResetForgotten(ctx context.Context, userID, newPassword string) error {
	username, err := s.setPassword(ctx, userID, newPassword)
	if err != nil {
		return err
	}
	return s.logLogin(ctx, username, "password_reset_sms")
}
