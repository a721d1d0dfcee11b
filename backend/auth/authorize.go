package auth

import (
	"context"
	"errors"
	"fmt"
)

// Authorize is the check every call of a long-lived session goes through (the desktop app's
// bound methods): it re-reads the account, which must still exist, have a password and be
// active, and its roles from the permission records, then requires one of roles (any
// logged-in user when none are given). So a deactivated, deleted or demoted user loses
// access at the next call, not at the next login.
//
// It returns the session as the store has it now. An account that is gone or deactivated
// gives an error matching [ErrUnauthenticated] (the caller should forget the session); a
// missing role, one matching [ErrForbidden].
func (s *Service) Authorize(ctx context.Context, sess Session, roles ...Role) (Session, error) {
	if !sess.Authenticated() {
		return Session{}, ErrUnauthenticated
	}
	fresh, err := s.Refresh(ctx, sess)
	switch {
	case errors.Is(err, ErrAccountDisabled):
		return Session{}, fmt.Errorf("user %q: the account was deactivated: %w", sess.Username, ErrUnauthenticated)
	case errors.Is(err, ErrUnauthenticated):
		return Session{}, fmt.Errorf("user %q: the account no longer exists: %w", sess.Username, ErrUnauthenticated)
	case err != nil:
		return Session{}, err
	}
	if err := RequireRole(fresh, roles...); err != nil {
		return fresh, err
	}
	return fresh, nil
}
