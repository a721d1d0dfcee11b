package twofactor

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"golang.org/x/crypto/chacha20poly1305"
)

// TOTP parameters (RFC 6238): the defaults every authenticator app supports.
const (
	TOTPIssuer = "Dataskydd"
	TOTPPeriod = 30 // seconds
	TOTPSkew   = 1  // steps accepted either side, for clock drift
)

var totpOpts = totp.ValidateOpts{Period: TOTPPeriod, Skew: TOTPSkew, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Enrolment is what the enrolment screen shows: a QR code for the
// authenticator app, and the same as text for typing in.
type Enrolment struct {
	Secret string `json:"secret"` // base32
	URL    string `json:"url"`    // otpauth://totp/...
	QRPNG  []byte `json:"qr_png"` // the URL as a 256x256 QR code
}

// EnrolTOTP starts enrolling an authenticator app for ref; account is the name
// the app shows (the username). The enrolment becomes active with ConfirmTOTP;
// until then a secret enrolled earlier stays in force.
func (e *Engine) EnrolTOTP(ctx context.Context, ref PersonRef, account string) (Enrolment, error) {
	if !ref.valid() {
		return Enrolment{}, fmt.Errorf("enrolling TOTP: %w", ErrNotAPerson)
	}
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer: TOTPIssuer, AccountName: account, Period: TOTPPeriod, SecretSize: 20,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1, Rand: rand.Reader,
	})
	if err != nil {
		return Enrolment{}, fmt.Errorf("enrolling TOTP: %w", err)
	}
	img, err := key.Image(256, 256)
	if err != nil {
		return Enrolment{}, fmt.Errorf("enrolling TOTP: drawing the QR code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Enrolment{}, fmt.Errorf("enrolling TOTP: encoding the QR code: %w", err)
	}
	sealed, err := e.seal(ctx, ref, key.Secret())
	if err != nil {
		return Enrolment{}, fmt.Errorf("enrolling TOTP: %w", err)
	}
	_, err = e.db.ExecContext(ctx, `INSERT INTO twofactor_totp(person, pending_secret) VALUES(?, ?)
		ON CONFLICT(person) DO UPDATE SET pending_secret = excluded.pending_secret`, ref.key(), sealed)
	if err != nil {
		return Enrolment{}, fmt.Errorf("enrolling TOTP: %w", err)
	}
	return Enrolment{Secret: key.Secret(), URL: key.URL(), QRPNG: buf.Bytes()}, nil
}

// ConfirmTOTP activates the pending enrolment once the app shows a right code.
func (e *Engine) ConfirmTOTP(ctx context.Context, ref PersonRef, code string) error {
	return e.checkTOTP(ctx, ref, code, true)
}

// VerifyTOTP checks a code from ref's authenticator app for flow f: the
// alternative to an SMS challenge. Each code is accepted once.
func (e *Engine) VerifyTOTP(ctx context.Context, ref PersonRef, f Flow, code string) error {
	info, ok := f.Info()
	if !ok {
		return fmt.Errorf("checking TOTP: flow %q: %w", f, ErrUnknownFlow)
	}
	if info.SMSOnly {
		return fmt.Errorf("checking TOTP for %s: %w", f, ErrSMSOnly)
	}
	return e.checkTOTP(ctx, ref, code, false)
}

// TOTPEnrolled reports whether ref has a confirmed authenticator app.
func (e *Engine) TOTPEnrolled(ctx context.Context, ref PersonRef) (bool, error) {
	var n int
	err := e.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM twofactor_totp WHERE person = ? AND sealed_secret IS NOT NULL", ref.key()).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("reading TOTP enrolment: %w", err)
	}
	return n > 0, nil
}

// RemoveTOTP removes ref's authenticator app (and any pending enrolment).
func (e *Engine) RemoveTOTP(ctx context.Context, ref PersonRef) error {
	if _, err := e.db.ExecContext(ctx, "DELETE FROM twofactor_totp WHERE person = ?", ref.key()); err != nil {
		return fmt.Errorf("removing TOTP: %w", err)
	}
	return nil
}

func (e *Engine) checkTOTP(ctx context.Context, ref PersonRef, code string, pending bool) error {
	code = strings.Join(strings.Fields(code), "")
	now := e.now()
	var result error
	err := e.tx(ctx, func(tx *sql.Tx) error {
		col := "sealed_secret"
		if pending {
			col = "pending_secret"
		}
		var sealed []byte
		var lastStep int64
		err := tx.QueryRowContext(ctx, "SELECT "+col+", last_step FROM twofactor_totp WHERE person = ?", ref.key()).Scan(&sealed, &lastStep)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && sealed == nil) {
			result = ErrNoTOTP
			return nil
		}
		if err != nil {
			return err
		}
		if err := checkLocked(ctx, tx, ref, now); err != nil {
			result = err
			return nil
		}
		secret, err := e.open(ctx, ref, sealed)
		if err != nil {
			return err
		}
		step, ok, err := matchStep(secret, code, now, lastStep)
		if err != nil {
			return err
		}
		if !ok {
			left, err := fail(ctx, tx, ref, now)
			if err != nil {
				return err
			}
			if left == 0 {
				result = ErrTooManyTries
			} else {
				result = &WrongCodeError{TriesLeft: left}
			}
			return nil
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM twofactor_failures WHERE person = ?", ref.key()); err != nil {
			return err
		}
		if pending {
			_, err = tx.ExecContext(ctx, "UPDATE twofactor_totp SET sealed_secret = pending_secret, pending_secret = NULL, enrolled_at = ?, last_step = ? WHERE person = ?", ms(now), step, ref.key())
		} else {
			_, err = tx.ExecContext(ctx, "UPDATE twofactor_totp SET last_step = ? WHERE person = ?", step, ref.key())
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("checking TOTP: %w", err)
	}
	return result
}

// matchStep finds the time step (within the skew) whose code is code and that
// is newer than lastStep, so a code seen once is never accepted again.
func matchStep(secret, code string, now time.Time, lastStep int64) (int64, bool, error) {
	cur := now.Unix() / TOTPPeriod
	var found int64
	ok := false
	for s := cur - TOTPSkew; s <= cur+TOTPSkew; s++ {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*TOTPPeriod, 0), totpOpts)
		if err != nil {
			return 0, false, err
		}
		// Compare every step, in constant time, before deciding.
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && s > lastStep && !ok {
			found, ok = s, true
		}
	}
	return found, ok, nil
}

// seal encrypts a TOTP secret with XChaCha20-Poly1305 under a key derived from
// the keyring's master key, bound to the person.
func (e *Engine) seal(ctx context.Context, ref PersonRef, secret string) ([]byte, error) {
	k, err := e.derivedKey(ctx, infoTOTPSeal)
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(secret)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return aead.Seal(nonce, nonce, []byte(secret), []byte("totp:"+ref.key())), nil
}

func (e *Engine) open(ctx context.Context, ref PersonRef, sealed []byte) (string, error) {
	k, err := e.derivedKey(ctx, infoTOTPSeal)
	if err != nil {
		return "", err
	}
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return "", err
	}
	if len(sealed) < aead.NonceSize() {
		return "", ErrSecretUnreadable
	}
	pt, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], []byte("totp:"+ref.key()))
	if err != nil {
		return "", ErrSecretUnreadable
	}
	return string(pt), nil
}
