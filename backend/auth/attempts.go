package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Attempts counts failed password attempts per account name under the [Backoff] (the
// auth_throttle table). Login, password change and the vault's unlock share one count per
// name: a password guessed at the vault's decrypt prompt backs off the login too, and the
// other way round, because both guess the same secret.
type Attempts struct {
	db      *sql.DB
	backoff Backoff
	now     func() time.Time
}

// NewAttempts returns the attempt counter over the store's database; a zero backoff is
// [DefaultBackoff] and a nil now is time.Now.
func NewAttempts(db *sql.DB, b Backoff, now func() time.Time) *Attempts {
	if b == (Backoff{}) {
		b = DefaultBackoff()
	}
	if now == nil {
		now = time.Now
	}
	return &Attempts{db: db, backoff: b, now: now}
}

// attemptKey is the name failures are counted under: lower case, trimmed, so "Anna" and
// "anna " share one count.
func attemptKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// Check returns nil when name may try a password now, else a [*ThrottledError] saying until
// when. A refused attempt is not counted: waiting is the only way on.
func (a *Attempts) Check(ctx context.Context, name string) error {
	var failures int
	var last int64
	err := a.db.QueryRowContext(ctx, "SELECT failures, last_failure FROM auth_throttle WHERE username = ?", attemptKey(name)).Scan(&failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading login back-off: %w", err)
	}
	if until := a.backoff.Next(failures, time.UnixMilli(last)); a.now().Before(until) {
		return &ThrottledError{Until: until}
	}
	return nil
}

// Failed counts one wrong password for name.
func (a *Attempts) Failed(ctx context.Context, name string) error {
	_, err := a.db.ExecContext(ctx, `INSERT INTO auth_throttle(username, failures, last_failure) VALUES(?, 1, ?)
		ON CONFLICT(username) DO UPDATE SET failures = failures + 1, last_failure = excluded.last_failure`, attemptKey(name), a.now().UnixMilli())
	if err != nil {
		return fmt.Errorf("recording failed login: %w", err)
	}
	return nil
}

// Succeeded clears name's count after a right password.
func (a *Attempts) Succeeded(ctx context.Context, name string) error {
	if _, err := a.db.ExecContext(ctx, "DELETE FROM auth_throttle WHERE username = ?", attemptKey(name)); err != nil {
		return fmt.Errorf("clearing login back-off: %w", err)
	}
	return nil
}
