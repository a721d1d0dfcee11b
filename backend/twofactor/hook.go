package twofactor

import (
	"context"
	"database/sql"
	"fmt"
)

// PasswordHook forgets an employee's trusted devices whenever their password
// is set, reset or changed, inside the transaction that stores the password.
// It has the method set of auth.PasswordHook: pass PasswordHook{} in
// auth.Options.Hooks.
type PasswordHook struct{}

// PasswordSet is an admin's reset (or a new account's first password).
func (PasswordHook) PasswordSet(ctx context.Context, tx *sql.Tx, userID, _ string) error {
	return forgetTx(ctx, tx, PersonRef{Kind: Employee, ID: userID})
}

// PasswordChanged is the user changing their own password.
func (PasswordHook) PasswordChanged(ctx context.Context, tx *sql.Tx, userID, _, _ string) error {
	return forgetTx(ctx, tx, PersonRef{Kind: Employee, ID: userID})
}

// LoggedIn does nothing: logins are checked with NeedsChallenge.
func (PasswordHook) LoggedIn(context.Context, string, string) error { return nil }

func forgetTx(ctx context.Context, tx *sql.Tx, ref PersonRef) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM twofactor_devices WHERE person = ?", ref.key()); err != nil {
		return fmt.Errorf("forgetting trusted devices of %s: %w", ref.key(), err)
	}
	return nil
}
