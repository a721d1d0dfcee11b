package auth

import (
	"context"
	"fmt"
)

// ErrDeleteSelf is returned when a user would delete their own account.
var ErrDeleteSelf = fmt.Errorf("%w: one cannot delete one's own account", ErrInvalidInput)

// BeforeDelete is the account's part of deleting the user userID (the records service
// deletes the record itself, as the user retention setting says): never one's own account,
// and the login stops at once, before the record goes. Admins only (SetActive checks).
func (s *Service) BeforeDelete(ctx context.Context, sess Session, userID string) error {
	if userID == sess.UserID {
		return ErrDeleteSelf
	}
	return s.SetActive(ctx, sess, userID, false)
}
