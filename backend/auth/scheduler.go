package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/secrets"
	"dataskydd/backend/store"
)

// # The scheduler token
//
// An unattended job (Task Scheduler, launchd, cron) runs `dataskydd --scheduler anonymise`
// without anyone typing a password. An admin creates the token in the app: 32 random bytes
// kept in the OS keyring of the user running the app (so only jobs running as that OS user can
// read it), and in the database only its SHA-256 hash (a random 256-bit value needs no slow
// hash) with who made it and when. The command line allows it for `anonymise` on the real clock
// and nothing else (backend/cli's access table). Revoking deletes the hash, so a copy of the
// token left anywhere stops working at once; creating a new token replaces the old one.

// SchedulerUsername names the scheduler token in the event and system logs.
const SchedulerUsername = "scheduler"

// ErrSchedulerToken is a missing, revoked or wrong scheduler token.
var ErrSchedulerToken = &Error{"scheduler_token", "no valid scheduler token: create one in the app (Settings > GDPR > Anonymisation) as the OS user that runs the job"}

// schedulerSetting is the auth_settings key of the token's hash.
const schedulerSetting = "scheduler_token"

// schedulerKeyPrefix and the token's random id name its OS keyring entry, so two data folders
// of one OS user keep two tokens.
const schedulerKeyPrefix = "scheduler-token."

// SchedulerTokenInfo says whether a scheduler token exists, and who made it when.
type SchedulerTokenInfo struct {
	Exists    bool      `json:"exists"`
	CreatedAt time.Time `json:"createdAt"`
	CreatedBy string    `json:"createdBy"`
}

type schedulerRow struct {
	ID        string    `json:"id"`
	Hash      string    `json:"hash"` // hex SHA-256 of the token
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
}

func (s *Service) schedulerRow(ctx context.Context) (schedulerRow, bool, error) {
	v, err := s.setting(ctx, schedulerSetting)
	if err != nil || v == "" {
		return schedulerRow{}, false, err
	}
	var r schedulerRow
	if err := json.Unmarshal([]byte(v), &r); err != nil || r.ID == "" || r.Hash == "" {
		return schedulerRow{}, false, nil // unreadable: treated as none (a new one replaces it)
	}
	return r, true, nil
}

// SchedulerToken tells whether a scheduler token exists (admins only).
func (s *Service) SchedulerToken(ctx context.Context, sess Session) (SchedulerTokenInfo, error) {
	if err := RequireRole(sess, RoleAdmin); err != nil {
		return SchedulerTokenInfo{}, err
	}
	r, ok, err := s.schedulerRow(ctx)
	if err != nil || !ok {
		return SchedulerTokenInfo{}, err
	}
	return SchedulerTokenInfo{Exists: true, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}, nil
}

// CreateSchedulerToken makes a new scheduler token, stores it in the OS keyring sec and its
// hash in the database, replacing any earlier token (admins only). The token itself never
// leaves the backend.
func (s *Service) CreateSchedulerToken(ctx context.Context, sess Session, sec secrets.Secrets) (SchedulerTokenInfo, error) {
	if err := RequireRole(sess, RoleAdmin); err != nil {
		return SchedulerTokenInfo{}, err
	}
	old, hadOld, err := s.schedulerRow(ctx)
	if err != nil {
		return SchedulerTokenInfo{}, err
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return SchedulerTokenInfo{}, fmt.Errorf("making scheduler token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw[:])
	id, err := newID("ST")
	if err != nil {
		return SchedulerTokenInfo{}, err
	}
	// The keyring first: a keyring that cannot store it leaves the database unchanged.
	if err := sec.Set(ctx, schedulerKeyPrefix+id, token); err != nil {
		return SchedulerTokenInfo{}, fmt.Errorf("storing the scheduler token: %w", err)
	}
	sum := sha256.Sum256([]byte(token))
	r := schedulerRow{ID: id, Hash: hex.EncodeToString(sum[:]), CreatedAt: s.now().UTC().Truncate(time.Second), CreatedBy: sess.Username}
	b, _ := json.Marshal(r)
	if _, err := s.st.DB.ExecContext(ctx, "INSERT INTO auth_settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", schedulerSetting, string(b)); err != nil {
		_ = sec.Delete(ctx, schedulerKeyPrefix+id)
		return SchedulerTokenInfo{}, fmt.Errorf("storing the scheduler token: %w", err)
	}
	if hadOld {
		_ = sec.Delete(ctx, schedulerKeyPrefix+old.ID) // its hash is gone: it no longer works anyway
	}
	if err := s.logEvent(ctx, sess, ActionSchedulerTokenCreate); err != nil {
		return SchedulerTokenInfo{}, err
	}
	return SchedulerTokenInfo{Exists: true, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}, nil
}

// RevokeSchedulerToken deletes the scheduler token (admins only). The hash goes first, so the
// token stops working even when the keyring cannot be reached to delete its copy.
func (s *Service) RevokeSchedulerToken(ctx context.Context, sess Session, sec secrets.Secrets) error {
	if err := RequireRole(sess, RoleAdmin); err != nil {
		return err
	}
	r, ok, err := s.schedulerRow(ctx)
	if err != nil {
		return err
	}
	if _, err := s.st.DB.ExecContext(ctx, "DELETE FROM auth_settings WHERE key = ?", schedulerSetting); err != nil {
		return fmt.Errorf("revoking the scheduler token: %w", err)
	}
	if ok {
		_ = sec.Delete(ctx, schedulerKeyPrefix+r.ID)
	}
	return s.logEvent(ctx, sess, ActionSchedulerTokenRevoke)
}

// Events of the scheduler token (the event log names the admin).
const (
	ActionSchedulerTokenCreate = "scheduler_token.create"
	ActionSchedulerTokenRevoke = "scheduler_token.revoke"
)

func (s *Service) logEvent(ctx context.Context, sess Session, action string) error {
	return s.st.Update(ctx, func(tx *store.Tx) error {
		return tx.LogEvent(store.Event{At: s.now(), Username: sess.Username, Action: action})
	})
}

// VerifySchedulerToken checks the token in the OS keyring sec against the stored hash and
// writes the outcome to the system log (kind login, username [SchedulerUsername]), as a login
// does. It returns an error matching [ErrSchedulerToken] when there is no valid token, or one
// matching secrets.ErrUnavailable when the keyring cannot be read.
func (s *Service) VerifySchedulerToken(ctx context.Context, sec secrets.Secrets) error {
	err := s.verifySchedulerToken(ctx, sec)
	var lerr error
	switch {
	case err == nil:
		lerr = s.logLogin(ctx, SchedulerUsername, "login_ok")
	case errors.Is(err, secrets.ErrUnavailable):
		lerr = s.logLogin(ctx, SchedulerUsername, "keyring_unavailable")
	default:
		lerr = s.logLogin(ctx, SchedulerUsername, ErrSchedulerToken.Code)
	}
	if lerr != nil {
		return errors.Join(err, lerr)
	}
	return err
}

func (s *Service) verifySchedulerToken(ctx context.Context, sec secrets.Secrets) error {
	r, ok, err := s.schedulerRow(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("none was created for this data folder: %w", ErrSchedulerToken)
	}
	token, err := sec.Get(ctx, schedulerKeyPrefix+r.ID)
	if errors.Is(err, secrets.ErrNotFound) {
		return fmt.Errorf("it is not in this OS user's keyring: %w", ErrSchedulerToken)
	}
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(token))
	want, err := hex.DecodeString(r.Hash)
	if err != nil || subtle.ConstantTimeCompare(sum[:], want) != 1 {
		return fmt.Errorf("the keyring's token does not match: %w", ErrSchedulerToken)
	}
	return nil
}
