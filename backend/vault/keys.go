package vault

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The three methods below are the hooks auth calls (auth.PasswordHook): the vault never sees a
// password at rest, so auth hands it over at the moments it is known.

// PasswordSet gives userID a new key pair sealed under password, in auth's transaction tx. It
// runs when an account is created and when an admin resets a password. A reset cannot recover
// the old private key: the user's wraps are deleted and every form they could decrypt marks them
// "needs re-grant", for anyone who can decrypt it to fix with [Service.Grant].
func (s *Service) PasswordSet(ctx context.Context, tx *sql.Tx, userID, password string) error {
	id, err := GenerateIdentity(userID)
	if err != nil {
		return err
	}
	defer id.Wipe()
	sealed, err := id.Seal(password, s.kdf)
	if err != nil {
		return err
	}
	now := s.now().UTC().Unix()
	if _, err := tx.ExecContext(ctx, `INSERT INTO vault_regrants(form_id, user_id, since)
		SELECT form_id, user_id, ? FROM vault_wraps WHERE user_id = ? ON CONFLICT DO NOTHING`, now, userID); err != nil {
		return fmt.Errorf("marking forms for re-grant: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM vault_wraps WHERE user_id = ?", userID); err != nil {
		return fmt.Errorf("deleting wraps of old key pair: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO vault_keys(user_id, public_key, sealed_private, created_at) VALUES(?, ?, ?, ?)
		ON CONFLICT(user_id) DO UPDATE SET public_key = excluded.public_key, sealed_private = excluded.sealed_private, created_at = excluded.created_at`,
		userID, id.Recipient().PublicKey(), sealed, now); err != nil {
		return fmt.Errorf("storing key pair: %w", err)
	}
	return nil
}

// PasswordChanged re-seals userID's private key under newPassword, in auth's transaction tx, so
// the user keeps every form key. A user without a key pair gets one; a key that oldPassword
// does not open (it should, auth has just checked it) is replaced as by [Service.PasswordSet].
func (s *Service) PasswordChanged(ctx context.Context, tx *sql.Tx, userID, oldPassword, newPassword string) error {
	id, err := s.unlockIdentity(ctx, tx, userID, oldPassword)
	if errors.Is(err, ErrNoKeyPair) || errors.Is(err, ErrDecrypt) || errors.Is(err, ErrMalformed) {
		return s.PasswordSet(ctx, tx, userID, newPassword)
	}
	if err != nil {
		return err
	}
	defer id.Wipe()
	sealed, err := id.Seal(newPassword, s.kdf)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE vault_keys SET sealed_private = ? WHERE user_id = ?", sealed, userID); err != nil {
		return fmt.Errorf("re-sealing private key: %w", err)
	}
	return nil
}

// LoggedIn gives a user who has none (an account made before the vault existed) a key pair at
// login, when the password is at hand.
func (s *Service) LoggedIn(ctx context.Context, userID, password string) error {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM vault_keys WHERE user_id = ?", userID).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("reading key pair: %w", err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.PasswordSet(ctx, tx, userID, password) })
}
