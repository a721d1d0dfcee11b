package vault

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/store"
)

// Directory answers the questions the vault asks about other records: who is in a group,
// whether a user or a customer exists. [RecordDirectory] reads them from the store's records.
type Directory interface {
	GroupMembers(ctx context.Context, groupID string) ([]string, error)
	UserExists(ctx context.Context, userID string) (bool, error)
	CustomerExists(ctx context.Context, customerNumber string) (bool, error)
}

// Event is one line of the event log (datamap.md type `event`). It names who did what to which
// entry; it never carries a value.
type Event struct {
	At         time.Time
	UserID     string
	Username   string
	Action     string
	TargetType string
	TargetID   string
}

// Actions written to the event log.
const (
	ActionDecrypt     = "vault.decrypt"
	ActionGrant       = "vault.grant"
	ActionRevoke      = "vault.revoke"
	ActionRotate      = "vault.rotate"
	ActionFormCreate  = "vault.form.create"
	ActionFormUpdate  = "vault.form.update"
	ActionFormDelete  = "vault.form.delete"
	ActionEntryCreate = "vault.entry.create"
	ActionEntryUpdate = "vault.entry.update"
	ActionEntryDelete = "vault.entry.delete"
	TargetForm        = "vault_form"
	TargetEntry       = "vault_entry"
)

// Failed unlocks: a wrong password at the decrypt prompt, a prompt refused during the
// back-off, a wrong second factor. No "vault.decrypt" in them: that names only decryptions
// that happened.
const (
	ActionUnlockFailed       = "vault.unlock.failed"
	ActionUnlockThrottled    = "vault.unlock.throttled"
	ActionSecondFactorFailed = "vault.unlock.second_factor_failed"
)

// EventLog records events. Decryption fails when its event cannot be written: an unlogged
// read is worse than a refused one.
type EventLog interface {
	LogEvent(ctx context.Context, e Event) error
}

// StepUp is the second factor for forms with "two-factor to decrypt". Verify returns nil when
// proof (the code the user typed) passes for sess. The two-factor work implements it.
type StepUp interface {
	Verify(ctx context.Context, sess auth.Session, proof string) error
}

// EveryForm is a [StepUp] that may ask on forms without "two-factor to decrypt" too (the
// switch "Secure data – decrypt"): while AsksEveryForm is true, every form asks.
type EveryForm interface {
	AsksEveryForm(ctx context.Context) (bool, error)
}

// StepUpFunc adapts a function to [StepUp].
type StepUpFunc func(ctx context.Context, sess auth.Session, proof string) error

// Verify calls f.
func (f StepUpFunc) Verify(ctx context.Context, sess auth.Session, proof string) error {
	return f(ctx, sess, proof)
}

// Unlock is what a user types to decrypt: the password again, and a second-factor proof when
// the form asks for one.
type Unlock struct {
	Password     string
	SecondFactor string
}

// Attempts is the login's failed-password count with its back-off ([auth.Attempts]): the
// password typed to decrypt is the login password, so guesses at either prompt count alike.
type Attempts interface {
	Check(ctx context.Context, name string) error // a *auth.ThrottledError while backed off
	Failed(ctx context.Context, name string) error
	Succeeded(ctx context.Context, name string) error
}

// Options configure a [Service].
type Options struct {
	Directory Directory   // nil: RecordDirectory over the same database
	Events    EventLog    // required
	StepUp    StepUp      // nil: no second factor is asked, even where a form wants one
	KeyParams auth.Params // Argon2id for sealing private keys; zero: DefaultKeyParams()
	Now       func() time.Time
	Attempts  Attempts // nil: auth.NewAttempts over the same database, default back-off
}

// DefaultKeyParams are the Argon2id parameters that seal users' private keys: 128 MiB, 3
// passes, 4 lanes (RFC 9106 section 4's second option with twice the memory). BenchmarkUnlock
// measures them: about 0.53 s of CPU time per unlock on the 2-core reference machine, so
// 0.3-0.5 s of waiting when it is idle. They are stored with each sealed key, so raising them
// later needs no migration.
func DefaultKeyParams() auth.Params { return auth.Params{Memory: 128 * 1024, Time: 3, Threads: 4} }

// Service is the secure-data service. Every method checks the caller's rights itself.
type Service struct {
	db     *sql.DB
	dir    Directory
	events EventLog
	stepUp StepUp
	kdf    auth.Params
	now    func() time.Time

	attempts Attempts // failed unlocks share the login's back-off
}

// New returns a service over the store's database (the vault_* tables of migration 0003).
func New(db *sql.DB, opts Options) (*Service, error) {
	if opts.Events == nil {
		return nil, errors.New("creating vault service: an event log is required")
	}
	s := &Service{db: db, dir: opts.Directory, events: opts.Events, stepUp: opts.StepUp, kdf: opts.KeyParams, now: opts.Now}
	if s.dir == nil {
		s.dir = RecordDirectory{DB: db}
	}
	if s.kdf == (auth.Params{}) {
		s.kdf = DefaultKeyParams()
	}
	if err := s.kdf.Validate(); err != nil {
		return nil, fmt.Errorf("creating vault service: %w", err)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.attempts = opts.Attempts
	if s.attempts == nil {
		s.attempts = auth.NewAttempts(db, auth.Backoff{}, s.now)
	}
	return s, nil
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func newID(prefix string) (string, error) { return store.NewID(prefix) }

// inTx runs fn in one transaction.
func (s *Service) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Service) log(ctx context.Context, sess auth.Session, action, targetType, targetID string) error {
	err := s.events.LogEvent(ctx, Event{At: s.now().UTC(), UserID: sess.UserID, Username: sess.Username,
		Action: action, TargetType: targetType, TargetID: targetID})
	if err != nil {
		return fmt.Errorf("writing event %s: %w", action, err)
	}
	return nil
}

// List names one of a form's two access lists.
type List string

// The access lists.
const (
	ListRead    List = "read"    // may read plain fields
	ListDecrypt List = "decrypt" // may decrypt encrypted fields (and read plain ones)
)

// members expands one access list of a form into user ids (groups resolved to members).
func (s *Service) members(ctx context.Context, q querier, formID string, list List) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT kind, member_id FROM vault_access WHERE form_id = ? AND list = ?", formID, string(list))
	if err != nil {
		return nil, fmt.Errorf("reading access list: %w", err)
	}
	var ms []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.Kind, &m.ID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading access list: %w", err)
		}
		ms = append(ms, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading access list: %w", err)
	}
	return s.expand(ctx, ms)
}

func (s *Service) expand(ctx context.Context, ms []Member) (map[string]bool, error) {
	out := map[string]bool{}
	for _, m := range ms {
		switch m.Kind {
		case MemberUser:
			out[m.ID] = true
		case MemberGroup:
			users, err := s.dir.GroupMembers(ctx, m.ID)
			if errors.Is(err, ErrNotFound) {
				continue // a deleted group grants nothing
			}
			if err != nil {
				return nil, fmt.Errorf("expanding group %q: %w", m.ID, err)
			}
			for _, u := range users {
				out[u] = true
			}
		}
	}
	return out, nil
}

// rights reports what sess may do with a form.
func (s *Service) rights(ctx context.Context, q querier, sess auth.Session, formID string) (read, decrypt bool, err error) {
	dec, err := s.members(ctx, q, formID, ListDecrypt)
	if err != nil {
		return false, false, err
	}
	if dec[sess.UserID] {
		return true, true, nil
	}
	rd, err := s.members(ctx, q, formID, ListRead)
	if err != nil {
		return false, false, err
	}
	return rd[sess.UserID], false, nil
}

// PlainReadable reports which of the entries sess may read the plain fields of (every one
// that exists and whose form lists sess on either list). The person search uses it: an
// entry's place is shown to whoever searches, its values only to those on its lists.
func (s *Service) PlainReadable(ctx context.Context, sess auth.Session, entryIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(entryIDs) == 0 {
		return out, nil
	}
	if err := auth.RequireRole(sess); err != nil {
		return nil, err
	}
	byForm := map[string]bool{}
	for _, id := range entryIDs {
		formID, err := s.entryForm(ctx, s.db, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		read, ok := byForm[formID]
		if !ok {
			if read, _, err = s.rights(ctx, s.db, sess, formID); err != nil {
				return nil, err
			}
			byForm[formID] = read
		}
		out[id] = read
	}
	return out, nil
}

// requireRead checks sess is logged in and may read formID's plain fields.
func (s *Service) requireRead(ctx context.Context, q querier, sess auth.Session, formID string) error {
	if err := auth.RequireRole(sess); err != nil {
		return err
	}
	read, _, err := s.rights(ctx, q, sess, formID)
	if err != nil {
		return err
	}
	if !read {
		return fmt.Errorf("reading form %s: %w", formID, ErrNoAccess)
	}
	return nil
}

// requireDecrypt checks sess may decrypt formID.
func (s *Service) requireDecrypt(ctx context.Context, q querier, sess auth.Session, formID string) error {
	if err := auth.RequireRole(sess); err != nil {
		return err
	}
	_, dec, err := s.rights(ctx, q, sess, formID)
	if err != nil {
		return err
	}
	if !dec {
		return fmt.Errorf("decrypting form %s: %w", formID, ErrNoAccess)
	}
	return nil
}

// unlockIdentity opens the caller's private key with their password.
func (s *Service) unlockIdentity(ctx context.Context, q querier, userID, password string) (*X25519Identity, error) {
	if password == "" {
		return nil, ErrPasswordMissing
	}
	var pub, sealed []byte
	err := q.QueryRowContext(ctx, "SELECT public_key, sealed_private FROM vault_keys WHERE user_id = ?", userID).Scan(&pub, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoKeyPair
	}
	if err != nil {
		return nil, fmt.Errorf("reading key pair: %w", err)
	}
	return OpenIdentity(userID, pub, sealed, password)
}

// formKey unlocks the caller's identity and unwraps formID's data key, after the second
// factor when the form asks for one. The caller must have checked requireDecrypt.
func (s *Service) formKey(ctx context.Context, q querier, sess auth.Session, formID string, u Unlock) (*DataKey, error) {
	return s.formKeyFor(ctx, q, sess, formID, u, TargetForm, formID)
}

// formKeyFor is formKey with the entry or form a failure event names. The password is tried
// under the login's back-off (a refused attempt does not look at it); every failure is an
// event naming who and where, never what was typed. q must not be a transaction: the
// failure count and the event are written beside it.
func (s *Service) formKeyFor(ctx context.Context, q querier, sess auth.Session, formID string, u Unlock, targetType, targetID string) (*DataKey, error) {
	var twoFactor bool
	if err := q.QueryRowContext(ctx, "SELECT two_factor FROM vault_forms WHERE form_id = ?", formID).Scan(&twoFactor); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("reading form: %w", err)
	}
	var wrapped []byte
	err := q.QueryRowContext(ctx, "SELECT wrapped FROM vault_wraps WHERE form_id = ? AND user_id = ?", formID, sess.UserID).Scan(&wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("form %s: %w", formID, ErrNoKey)
	}
	if err != nil {
		return nil, fmt.Errorf("reading wrapped key: %w", err)
	}
	if u.Password != "" {
		err := s.attempts.Check(ctx, sess.Username)
		if errors.Is(err, auth.ErrThrottled) {
			return nil, errors.Join(err, s.log(ctx, sess, ActionUnlockThrottled, targetType, targetID))
		}
		if err != nil {
			return nil, err
		}
	}
	id, err := s.unlockIdentity(ctx, q, sess.UserID, u.Password)
	if errors.Is(err, ErrDecrypt) {
		return nil, errors.Join(err, s.attempts.Failed(ctx, sess.Username), s.log(ctx, sess, ActionUnlockFailed, targetType, targetID))
	}
	if err != nil {
		return nil, err
	}
	defer id.Wipe()
	if err := s.attempts.Succeeded(ctx, sess.Username); err != nil {
		return nil, err
	}
	if ef, ok := s.stepUp.(EveryForm); ok && !twoFactor {
		if twoFactor, err = ef.AsksEveryForm(ctx); err != nil {
			return nil, fmt.Errorf("checking the decrypt switch: %w", err)
		}
	}
	if twoFactor && s.stepUp != nil {
		if u.SecondFactor == "" {
			return nil, ErrStepUpRequired
		}
		if err := s.stepUp.Verify(ctx, sess, u.SecondFactor); err != nil {
			return nil, errors.Join(fmt.Errorf("second factor: %w", err), s.log(ctx, sess, ActionSecondFactorFailed, targetType, targetID))
		}
	}
	return id.Unwrap(formID, wrapped)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
