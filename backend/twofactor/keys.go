package twofactor

import (
	"context"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"

	"dataskydd/backend/secrets"
)

// masterKeyName is the keyring entry holding the 256-bit key that the code
// hashes and the TOTP seal are derived from.
const masterKeyName = "twofactor.key"

// HKDF labels (RFC 5869) for the keys derived from the master key.
const (
	infoCodeHash = "dataskydd twofactor code hash v1"
	infoTOTPSeal = "dataskydd twofactor totp seal v1"
)

// derivedKey returns the key for purpose info, creating the master key in the
// keyring the first time. The master key is read once per Engine.
func (e *Engine) derivedKey(ctx context.Context, info string) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.master == nil {
		m, err := e.loadMaster(ctx)
		if err != nil {
			return nil, err
		}
		e.master = m
	}
	k, err := hkdf.Key(sha256.New, e.master, nil, info, 32)
	if err != nil {
		return nil, fmt.Errorf("deriving key: %w", err)
	}
	return k, nil
}

func (e *Engine) loadMaster(ctx context.Context) ([]byte, error) {
	v, err := e.sec.Get(ctx, masterKeyName)
	if err == nil {
		m, derr := base64.StdEncoding.DecodeString(v)
		if derr == nil && len(m) == 32 {
			return m, nil
		}
		return nil, fmt.Errorf("reading the two-factor key from the keyring: malformed entry %q", masterKeyName)
	}
	// Only a key that is certainly absent is created: an unreachable keyring
	// must not get a second, different key.
	if !errors.Is(err, secrets.ErrNotFound) {
		return nil, fmt.Errorf("reading the two-factor key: %w", err)
	}
	m := make([]byte, 32)
	if _, err := rand.Read(m); err != nil {
		return nil, fmt.Errorf("creating the two-factor key: %w", err)
	}
	if err := e.sec.Set(ctx, masterKeyName, base64.StdEncoding.EncodeToString(m)); err != nil {
		return nil, fmt.Errorf("saving the two-factor key: %w", err)
	}
	return m, nil
}
