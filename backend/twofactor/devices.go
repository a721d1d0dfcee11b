package twofactor

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/secrets"
)

// Device is a trusted device as its owner sees it: dates and a handle, nothing
// that tells where or what it is.
type Device struct {
	ID         string    `json:"id"`
	FirstUsed  time.Time `json:"first_used"` // the first two-factor login on it
	LastUsed   time.Time `json:"last_used"`
	Expires    time.Time `json:"expires"`
	ThisDevice bool      `json:"this_device"`
}

// deviceKeyName is this desktop's keyring entry for the person's device token.
func deviceKeyName(ref PersonRef) string { return "twofactor.device." + ref.key() }

// newToken draws a 256-bit device token.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("drawing a device token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// CheckToken reports whether token belongs to a trusted, unexpired device of
// ref. If so the token is replaced: the caller must keep newToken instead (the
// device's expiry stays). An expired device is deleted.
func (e *Engine) CheckToken(ctx context.Context, ref PersonRef, token string) (next string, ok bool, err error) {
	if token == "" {
		return "", false, nil
	}
	now := e.now()
	fresh, err := newToken()
	if err != nil {
		return "", false, err
	}
	err = e.tx(ctx, func(tx *sql.Tx) error {
		var id, person string
		var expires int64
		err := tx.QueryRowContext(ctx, "SELECT id, person, expires_at FROM twofactor_devices WHERE token_hash = ?", tokenHash(token)).Scan(&id, &person, &expires)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && person != ref.key()) {
			return nil
		}
		if err != nil {
			return err
		}
		if ms(now) >= expires {
			_, err := tx.ExecContext(ctx, "DELETE FROM twofactor_devices WHERE id = ?", id)
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE twofactor_devices SET token_hash = ?, last_used_at = ? WHERE id = ?", tokenHash(fresh), ms(now), id); err != nil {
			return err
		}
		ok = true
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("checking the device: %w", err)
	}
	if !ok {
		return "", false, nil
	}
	return fresh, true, nil
}

// TrustToken records a new trusted device for ref after a passed challenge and
// returns its token. The device stays trusted for the device period from now.
// old, the device's previous token if any, is dropped.
func (e *Engine) TrustToken(ctx context.Context, ref PersonRef, old string) (string, error) {
	period, err := e.DevicePeriod(ctx)
	if err != nil {
		return "", err
	}
	tok, err := newToken()
	if err != nil {
		return "", err
	}
	id, err := randomHex(8)
	if err != nil {
		return "", err
	}
	now := e.now()
	err = e.tx(ctx, func(tx *sql.Tx) error {
		if old != "" {
			if _, err := tx.ExecContext(ctx, "DELETE FROM twofactor_devices WHERE token_hash = ? AND person = ?", tokenHash(old), ref.key()); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO twofactor_devices(id, person, token_hash, first_at, expires_at, last_used_at) VALUES(?, ?, ?, ?, ?, ?)",
			id, ref.key(), tokenHash(tok), ms(now), ms(now.Add(period)), ms(now))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("trusting the device: %w", err)
	}
	return tok, nil
}

// CheckThisDevice reports whether this desktop is a trusted device of ref,
// using the token in the OS keyring, and rotates the token. A missing or
// unknown token means no. If the rotated token cannot be saved the device is
// still trusted now, and the next login challenges again.
func (e *Engine) CheckThisDevice(ctx context.Context, ref PersonRef) (bool, error) {
	tok, err := e.sec.Get(ctx, deviceKeyName(ref))
	if errors.Is(err, secrets.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading this device's token: %w", err)
	}
	next, ok, err := e.CheckToken(ctx, ref, tok)
	if err != nil {
		return false, err
	}
	if !ok {
		_ = e.sec.Delete(ctx, deviceKeyName(ref))
		return false, nil
	}
	_ = e.sec.Set(ctx, deviceKeyName(ref), next)
	return true, nil
}

// TrustThisDevice makes this desktop a trusted device of ref, after a passed
// login challenge.
func (e *Engine) TrustThisDevice(ctx context.Context, ref PersonRef) error {
	old, err := e.sec.Get(ctx, deviceKeyName(ref))
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return fmt.Errorf("reading this device's token: %w", err)
	}
	tok, err := e.TrustToken(ctx, ref, old)
	if err != nil {
		return err
	}
	if err := e.sec.Set(ctx, deviceKeyName(ref), tok); err != nil {
		_, _ = e.db.ExecContext(context.WithoutCancel(ctx), "DELETE FROM twofactor_devices WHERE token_hash = ?", tokenHash(tok))
		return fmt.Errorf("saving this device's token: %w", err)
	}
	return nil
}

// ForgetDevices deletes every trusted device of ref and returns how many there
// were. A password change or reset calls it. The token in this desktop's
// keyring is removed too, if the keyring can be reached.
func (e *Engine) ForgetDevices(ctx context.Context, ref PersonRef) (int, error) {
	res, err := e.db.ExecContext(ctx, "DELETE FROM twofactor_devices WHERE person = ?", ref.key())
	if err != nil {
		return 0, fmt.Errorf("forgetting trusted devices: %w", err)
	}
	n, _ := res.RowsAffected()
	_ = e.sec.Delete(ctx, deviceKeyName(ref))
	return int(n), nil
}

// Devices lists ref's trusted devices, newest first. Expired ones are deleted.
func (e *Engine) Devices(ctx context.Context, ref PersonRef) ([]Device, error) {
	now := e.now()
	if _, err := e.db.ExecContext(ctx, "DELETE FROM twofactor_devices WHERE person = ? AND expires_at <= ?", ref.key(), ms(now)); err != nil {
		return nil, fmt.Errorf("listing trusted devices: %w", err)
	}
	var mine []byte
	if tok, err := e.sec.Get(ctx, deviceKeyName(ref)); err == nil {
		mine = tokenHash(tok)
	}
	rows, err := e.db.QueryContext(ctx, "SELECT id, token_hash, first_at, last_used_at, expires_at FROM twofactor_devices WHERE person = ? ORDER BY first_at DESC, id", ref.key())
	if err != nil {
		return nil, fmt.Errorf("listing trusted devices: %w", err)
	}
	defer rows.Close()
	var out []Device
	for rows.Next() {
		var d Device
		var h []byte
		var first, last, exp int64
		if err := rows.Scan(&d.ID, &h, &first, &last, &exp); err != nil {
			return nil, fmt.Errorf("listing trusted devices: %w", err)
		}
		d.FirstUsed, d.LastUsed, d.Expires = fromMS(first), fromMS(last), fromMS(exp)
		d.ThisDevice = mine != nil && string(h) == string(mine)
		out = append(out, d)
	}
	return out, rows.Err()
}

// RemoveDevice deletes one of ref's own trusted devices.
func (e *Engine) RemoveDevice(ctx context.Context, ref PersonRef, id string) error {
	res, err := e.db.ExecContext(ctx, "DELETE FROM twofactor_devices WHERE person = ? AND id = ?", ref.key(), id)
	if err != nil {
		return fmt.Errorf("removing a trusted device: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("removing trusted device %q: %w", id, ErrDeviceNotFound)
	}
	return nil
}
