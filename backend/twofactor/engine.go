package twofactor

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"dataskydd/backend/secrets"
)

// The rules of security.md.
const (
	CodeDigits      = 6
	CodeTTL         = 10 * time.Minute
	MaxTries        = 5         // wrong answers per person before codes stop working
	MaxCodesPerHour = 5         // codes per person per Window
	Window          = time.Hour // the span of MaxTries and MaxCodesPerHour
)

// SMS is what the engine needs of SMS sending; *sms.Gateway implements it.
type SMS interface {
	Configured(ctx context.Context) (bool, error)
	Send(ctx context.Context, to, text string) error
}

// Options configure an Engine.
type Options struct {
	DB      *sql.DB         // a store with migration 0004 applied
	Secrets secrets.Secrets // the OS keyring in the app
	SMS     SMS
	People  People           // nil: RecordPeople over DB
	Now     func() time.Time // nil: time.Now
	Lang    string           // "sv" (default) or "en": the language of the SMS text
}

// Engine runs two-factor authentication. It is safe for concurrent use.
type Engine struct {
	db       *sql.DB
	sec      secrets.Secrets
	sms      SMS
	people   People
	now      func() time.Time
	lang     string
	settings *Settings

	mu     sync.Mutex
	master []byte
}

// New returns an Engine.
func New(o Options) *Engine {
	e := &Engine{db: o.DB, sec: o.Secrets, sms: o.SMS, people: o.People, now: o.Now, lang: o.Lang, settings: NewSettings(o.DB)}
	if e.people == nil {
		e.people = RecordPeople{DB: o.DB}
	}
	if e.now == nil {
		e.now = time.Now
	}
	return e
}

// Challenge is a code on its way to a person.
type Challenge struct {
	ID        string    `json:"id"`
	Flow      Flow      `json:"flow"`
	To        string    `json:"to"` // the number, masked: +46 70•••••67
	ExpiresAt time.Time `json:"expires_at"`
}

// NeedsChallenge reports whether flow f must challenge the person now: not
// when f is off; for a per-device flow only when this device is not trusted
// (which rotates the device token, so call it once per login, after the
// password was accepted); otherwise always.
func (e *Engine) NeedsChallenge(ctx context.Context, f Flow, ref PersonRef) (bool, error) {
	on, err := e.FlowEnabled(ctx, f)
	if err != nil || !on {
		return false, err
	}
	info, _ := f.Info()
	if !info.PerDevice {
		return true, nil
	}
	trusted, err := e.CheckThisDevice(ctx, ref)
	if err != nil {
		// An unreadable keyring means "not known to be trusted": challenge.
		return true, nil
	}
	return !trusted, nil
}

// Start sends a new code for flow f to the person's phone.
func (e *Engine) Start(ctx context.Context, ref PersonRef, f Flow) (Challenge, error) {
	if _, ok := f.Info(); !ok {
		return Challenge{}, fmt.Errorf("starting a challenge: flow %q: %w", f, ErrUnknownFlow)
	}
	if !ref.valid() {
		return Challenge{}, fmt.Errorf("starting a challenge: %w", ErrNotAPerson)
	}
	p, err := e.people.Person(ctx, ref)
	if err != nil {
		return Challenge{}, fmt.Errorf("starting a challenge: %w", err)
	}
	to, err := PickPhone(p)
	if err != nil {
		return Challenge{}, err
	}
	key, err := e.derivedKey(ctx, infoCodeHash)
	if err != nil {
		return Challenge{}, fmt.Errorf("starting a challenge: %w", err)
	}
	code, err := newCode()
	if err != nil {
		return Challenge{}, err
	}
	id, err := randomHex(16)
	if err != nil {
		return Challenge{}, err
	}
	now := e.now()
	ch := Challenge{ID: id, Flow: f, To: mask(to), ExpiresAt: now.Add(CodeTTL)}
	err = e.tx(ctx, func(tx *sql.Tx) error {
		if err := purge(ctx, tx, now); err != nil {
			return err
		}
		if err := checkLocked(ctx, tx, ref, now); err != nil {
			return err
		}
		var n int
		var oldest sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*), MIN(created_at) FROM twofactor_codes WHERE person = ? AND created_at > ?",
			ref.key(), ms(now.Add(-Window))).Scan(&n, &oldest); err != nil {
			return err
		}
		if n >= MaxCodesPerHour {
			return &WaitError{Err: ErrTooManyCodes, Until: fromMS(oldest.Int64).Add(Window)}
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO twofactor_codes(id, person, flow, code_hash, created_at, expires_at) VALUES(?, ?, ?, ?, ?, ?)",
			id, ref.key(), string(f), codeHash(key, id, code), ms(now), ms(ch.ExpiresAt))
		return err
	})
	if err != nil {
		return Challenge{}, fmt.Errorf("starting a challenge: %w", err)
	}
	if err := e.sms.Send(ctx, to, e.message(code)); err != nil {
		// A code that never arrived is not held against the person's hourly count.
		_, _ = e.db.ExecContext(context.WithoutCancel(ctx), "DELETE FROM twofactor_codes WHERE id = ?", id)
		return Challenge{}, fmt.Errorf("sending the code: %w", err)
	}
	return ch, nil
}

// Verify checks the answer to challenge id, sent to ref for flow f. nil means
// passed; the code is then used up.
func (e *Engine) Verify(ctx context.Context, ref PersonRef, f Flow, id, answer string) error {
	key, err := e.derivedKey(ctx, infoCodeHash)
	if err != nil {
		return fmt.Errorf("checking the code: %w", err)
	}
	now := e.now()
	answer = strings.Join(strings.Fields(answer), "")
	var result error
	err = e.tx(ctx, func(tx *sql.Tx) error {
		var person, flow string
		var hash []byte
		var expires int64
		var ended sql.NullInt64
		var passed bool
		err := tx.QueryRowContext(ctx, "SELECT person, flow, code_hash, expires_at, ended_at, passed FROM twofactor_codes WHERE id = ?", id).
			Scan(&person, &flow, &hash, &expires, &ended, &passed)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (person != ref.key() || flow != string(f))) {
			result = ErrUnknownChallenge
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case ended.Valid && passed:
			result = ErrCodeUsed
			return nil
		case ended.Valid:
			result = ErrTooManyTries
			return nil
		case ms(now) >= expires:
			result = ErrCodeExpired
			_, err := tx.ExecContext(ctx, "UPDATE twofactor_codes SET ended_at = ? WHERE id = ?", ms(now), id)
			return err
		}
		if err := checkLocked(ctx, tx, ref, now); err != nil {
			result = err
			_, err := tx.ExecContext(ctx, "UPDATE twofactor_codes SET ended_at = ? WHERE id = ?", ms(now), id)
			return err
		}
		if hmac.Equal(codeHash(key, id, answer), hash) {
			if _, err := tx.ExecContext(ctx, "UPDATE twofactor_codes SET ended_at = ?, passed = 1 WHERE id = ?", ms(now), id); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "DELETE FROM twofactor_failures WHERE person = ?", ref.key())
			return err
		}
		left, err := fail(ctx, tx, ref, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE twofactor_codes SET tries = tries + 1 WHERE id = ?", id); err != nil {
			return err
		}
		if left == 0 {
			result = ErrTooManyTries
			_, err := tx.ExecContext(ctx, "UPDATE twofactor_codes SET ended_at = ? WHERE id = ?", ms(now), id)
			return err
		}
		result = &WrongCodeError{TriesLeft: left}
		return nil
	})
	if err != nil {
		return fmt.Errorf("checking the code: %w", err)
	}
	return result
}

// fail records a wrong answer and returns how many tries the person has left.
func fail(ctx context.Context, tx *sql.Tx, ref PersonRef, now time.Time) (int, error) {
	if _, err := tx.ExecContext(ctx, "INSERT INTO twofactor_failures(person, at) VALUES(?, ?)", ref.key(), ms(now)); err != nil {
		return 0, err
	}
	n, _, err := failures(ctx, tx, ref, now)
	return max(MaxTries-n, 0), err
}

// failures counts the person's wrong answers of the last Window.
func failures(ctx context.Context, tx *sql.Tx, ref PersonRef, now time.Time) (int, time.Time, error) {
	var n int
	var oldest sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT COUNT(*), MIN(at) FROM twofactor_failures WHERE person = ? AND at > ?",
		ref.key(), ms(now.Add(-Window))).Scan(&n, &oldest)
	return n, fromMS(oldest.Int64), err
}

// checkLocked fails with ErrTooManyTries while the person has MaxTries wrong
// answers within the last Window.
func checkLocked(ctx context.Context, tx *sql.Tx, ref PersonRef, now time.Time) error {
	n, oldest, err := failures(ctx, tx, ref, now)
	if err != nil {
		return err
	}
	if n >= MaxTries {
		return &WaitError{Err: ErrTooManyTries, Until: oldest.Add(Window)}
	}
	return nil
}

// purge deletes what no rule looks at any more.
func purge(ctx context.Context, tx *sql.Tx, now time.Time) error {
	cut := ms(now.Add(-Window))
	if _, err := tx.ExecContext(ctx, "DELETE FROM twofactor_codes WHERE created_at <= ?", cut); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM twofactor_failures WHERE at <= ?", cut)
	return err
}

func (e *Engine) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func (e *Engine) message(code string) string {
	if e.lang == "en" {
		return fmt.Sprintf("Your Dataskydd code: %s\nIt is valid for 10 minutes. Never share it.", code)
	}
	return fmt.Sprintf("Din Dataskydd-kod: %s\nDen gäller i 10 minuter. Dela den aldrig med någon.", code)
}

// newCode draws a uniform 6-digit code from crypto/rand.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("drawing a code: %w", err)
	}
	return fmt.Sprintf("%0*d", CodeDigits, n.Int64()), nil
}

// codeHash binds the code to its challenge id, so equal codes of two
// challenges have different hashes.
func codeHash(key []byte, id, code string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{0})
	m.Write([]byte(code))
	return m.Sum(nil)
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("drawing random bytes: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// mask shows the country code, two digits and the last two: +4670•••••67.
func mask(e164 string) string {
	if len(e164) < 8 {
		return e164
	}
	head, tail := e164[:5], e164[len(e164)-2:]
	return head + strings.Repeat("•", len(e164)-7) + tail
}

func ms(t time.Time) int64     { return t.UnixMilli() }
func fromMS(v int64) time.Time { return time.UnixMilli(v) }
