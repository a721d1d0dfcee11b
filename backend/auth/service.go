package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// PasswordHook is told when a password is set or changed, inside the transaction that stores
// it, and after each login. The vault implements it to keep users' private keys sealed under
// their current password; a failing hook rolls the password change back.
type PasswordHook interface {
	// PasswordSet: a new account, or an admin's reset (the old password is unknown).
	PasswordSet(ctx context.Context, tx *sql.Tx, userID, password string) error
	// PasswordChanged: the user changed their own password.
	PasswordChanged(ctx context.Context, tx *sql.Tx, userID, oldPassword, newPassword string) error
	// LoggedIn: a successful login (outside any transaction).
	LoggedIn(ctx context.Context, userID, password string) error
}

// Options configure a [Service].
type Options struct {
	Params  Params         // password hashing; zero: DefaultParams()
	Backoff Backoff        // zero: DefaultBackoff()
	Hooks   []PasswordHook // e.g. the vault
	Log     SystemLog      // nil: StoreSystemLog over the store
	Now     func() time.Time
}

// Service manages accounts: first-run setup, login, passwords, roles and deactivation. Users
// are `user` records and roles `permission` records of the store; password hashes live in the
// auth_credentials table, keyed by the user's external id.
type Service struct {
	st       *store.Store
	params   Params
	backoff  Backoff
	hooks    []PasswordHook
	log      SystemLog
	now      func() time.Time
	attempts *Attempts

	dummyOnce sync.Once
	dummy     string // a hash verified for unknown names, so they cost as much as known ones
}

// NewService returns the account service over st.
func NewService(st *store.Store, opts Options) *Service {
	s := &Service{st: st, params: opts.Params, backoff: opts.Backoff, hooks: opts.Hooks, log: opts.Log, now: opts.Now}
	if s.params == (Params{}) {
		s.params = DefaultParams()
	}
	if s.backoff == (Backoff{}) {
		s.backoff = DefaultBackoff()
	}
	if s.log == nil {
		s.log = StoreSystemLog{Store: st}
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.attempts = NewAttempts(st.DB, s.backoff, s.now)
	return s
}

// SetupInput is the first-run form.
type SetupInput struct {
	OrgName  string
	Username string
	Name     string
	Email    string
	Password string
}

// NewUser is an account an admin creates.
type NewUser struct {
	Username string
	Name     string
	Email    string
	Password string
	Roles    []Role
}

// IsSetUp reports whether the first administrator exists.
func (s *Service) IsSetUp(ctx context.Context) (bool, error) { return IsSetUp(ctx, s.st) }

// IsSetUp is [Service.IsSetUp] on a bare store: the login screen asks it before any other
// service (and the search index) is open.
func IsSetUp(ctx context.Context, st *store.Store) (bool, error) {
	var n int
	if err := st.DB.QueryRowContext(ctx, "SELECT count(*) FROM auth_credentials").Scan(&n); err != nil {
		return false, fmt.Errorf("checking setup: %w", err)
	}
	return n > 0, nil
}

// Setup runs the first-run setup: the organisation's name and the first administrator. It
// refuses once any account has a password.
func (s *Service) Setup(ctx context.Context, in SetupInput) (Session, error) {
	done, err := s.IsSetUp(ctx)
	if err != nil {
		return Session{}, err
	}
	if done {
		return Session{}, ErrAlreadySetUp
	}
	id, err := s.createUser(ctx, NewUser{Username: in.Username, Name: in.Name, Email: in.Email, Password: in.Password, Roles: []Role{RoleAdmin}}, true)
	if err != nil {
		return Session{}, err
	}
	if in.OrgName = strings.TrimSpace(in.OrgName); in.OrgName != "" {
		if err := s.st.SetMeta(ctx, map[string]string{"org_name": in.OrgName}); err != nil {
			return Session{}, err
		}
	}
	return s.session(ctx, id, strings.TrimSpace(in.Username))
}

// CreateUser creates an account with a password and roles (admins only) and returns its id.
func (s *Service) CreateUser(ctx context.Context, sess Session, u NewUser) (string, error) {
	if err := RequireRole(sess, RoleAdmin); err != nil {
		return "", err
	}
	return s.createUser(ctx, u, false)
}

func (s *Service) createUser(ctx context.Context, u NewUser, first bool) (string, error) {
	u.Username = strings.TrimSpace(u.Username)
	if u.Username == "" || strings.ContainsAny(u.Username, " \t\r\n") {
		return "", fmt.Errorf("username %q: %w", u.Username, ErrInvalidInput)
	}
	if err := CheckPassword(u.Password); err != nil {
		return "", err
	}
	for _, r := range u.Roles {
		if !r.Valid() {
			return "", fmt.Errorf("role %q: %w", r, ErrInvalidInput)
		}
	}
	if _, _, err := s.userByName(ctx, u.Username); err == nil {
		return "", ErrUsernameTaken
	} else if !errors.Is(err, ErrUserNotFound) {
		return "", err
	}
	phc, err := HashPassword(u.Password, s.params)
	if err != nil {
		return "", err
	}
	id, err := newID("U")
	if err != nil {
		return "", err
	}
	t, _ := registry.Get("user")
	rec := record.New(t, id)
	now := s.now().UTC()
	rec.Set("username", u.Username)
	rec.Set("name", strings.TrimSpace(u.Name))
	rec.Set("email", strings.TrimSpace(u.Email))
	rec.Set(registry.FieldStatus, registry.StatusOpen)
	rec.Set(registry.FieldCreatedAt, now.Format(time.RFC3339))
	err = s.st.Update(ctx, func(tx *store.Tx) error {
		if first {
			// Re-checked inside the write transaction: two first runs cannot both win.
			var n int
			if err := tx.SQL().QueryRowContext(ctx, "SELECT count(*) FROM auth_credentials").Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return ErrAlreadySetUp
			}
		}
		if _, err := tx.Put(rec, 0); err != nil {
			return err
		}
		if err := putRoles(tx, id, u.Roles, now); err != nil {
			return err
		}
		if _, err := tx.SQL().ExecContext(ctx, "INSERT INTO auth_credentials(user_id, phc, changed_at) VALUES(?, ?, ?)", id, phc, now.Unix()); err != nil {
			return fmt.Errorf("storing password: %w", err)
		}
		for _, h := range s.hooks {
			if err := h.PasswordSet(ctx, tx.SQL(), id, u.Password); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("creating user %q: %w", u.Username, err)
	}
	return id, nil
}

// putRoles replaces a user's permission records (ids "<user>:<role>").
func putRoles(tx *store.Tx, userID string, roles []Role, now time.Time) error {
	rows, err := tx.SQL().QueryContext(tx.Context(), "SELECT ext_id FROM records WHERE type = 'permission' AND json_extract(data, '$.user') = ?", userID)
	if err != nil {
		return fmt.Errorf("reading roles: %w", err)
	}
	var old []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		old = append(old, id)
	}
	rows.Close()
	for _, id := range old {
		if err := tx.Remove("permission", id); err != nil {
			return err
		}
	}
	t, _ := registry.Get("permission")
	for _, r := range roles {
		p := record.New(t, userID+":"+string(r))
		p.Set("user", userID)
		p.Set("role", string(r))
		p.Set(registry.FieldCreatedAt, now.Format(time.RFC3339))
		if _, err := tx.Put(p, 0); err != nil {
			return err
		}
	}
	return nil
}

// account is what login needs of one user.
type account struct {
	id, username, status string
	phc                  sql.NullString
	disabled             sql.NullInt64
}

// userByName finds the user record with this username (case-insensitive), preferring one
// that has a password.
func (s *Service) userByName(ctx context.Context, username string) (account, bool, error) {
	var a account
	err := s.st.DB.QueryRowContext(ctx, `SELECT r.ext_id, json_extract(r.data, '$.username'), coalesce(r.status, ''), c.phc, c.disabled_at
		FROM records r LEFT JOIN auth_credentials c ON c.user_id = r.ext_id
		WHERE r.type = 'user' AND lower(json_extract(r.data, '$.username')) = lower(?)
		ORDER BY c.phc IS NULL, r.rid LIMIT 1`, strings.TrimSpace(username)).Scan(&a.id, &a.username, &a.status, &a.phc, &a.disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return account{}, false, ErrUserNotFound
	}
	if err != nil {
		return account{}, false, fmt.Errorf("finding user: %w", err)
	}
	return a, a.phc.Valid, nil
}

func (s *Service) userByID(ctx context.Context, id string) (account, error) {
	var a account
	err := s.st.DB.QueryRowContext(ctx, `SELECT r.ext_id, coalesce(json_extract(r.data, '$.username'), ''), coalesce(r.status, ''), c.phc, c.disabled_at
		FROM records r LEFT JOIN auth_credentials c ON c.user_id = r.ext_id
		WHERE r.type = 'user' AND r.ext_id = ?`, id).Scan(&a.id, &a.username, &a.status, &a.phc, &a.disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return account{}, fmt.Errorf("user %q: %w", id, ErrUserNotFound)
	}
	if err != nil {
		return account{}, fmt.Errorf("reading user: %w", err)
	}
	return a, nil
}

// RolesOf returns a user's roles from their permission records.
func (s *Service) RolesOf(ctx context.Context, userID string) ([]Role, error) {
	rows, err := s.st.DB.QueryContext(ctx, "SELECT DISTINCT json_extract(data, '$.role') FROM records WHERE type = 'permission' AND json_extract(data, '$.user') = ? ORDER BY 1", userID)
	if err != nil {
		return nil, fmt.Errorf("reading roles: %w", err)
	}
	defer rows.Close()
	var out []Role
	for rows.Next() {
		var r sql.NullString
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		if Role(r.String).Valid() {
			out = append(out, Role(r.String))
		}
	}
	return out, rows.Err()
}

func (s *Service) session(ctx context.Context, id, username string) (Session, error) {
	roles, err := s.RolesOf(ctx, id)
	if err != nil {
		return Session{}, err
	}
	return Session{UserID: id, Username: username, Roles: roles}, nil
}

// Refresh re-reads a session's roles and checks the account is still active; the app calls it
// before trusting a long-lived session.
func (s *Service) Refresh(ctx context.Context, sess Session) (Session, error) {
	if !sess.Authenticated() {
		return Session{}, ErrUnauthenticated
	}
	a, err := s.userByID(ctx, sess.UserID)
	if err != nil {
		return Session{}, ErrUnauthenticated
	}
	if a.disabled.Valid || a.status == registry.StatusDeleted || !a.phc.Valid {
		return Session{}, ErrAccountDisabled
	}
	return s.session(ctx, a.id, a.username)
}

func (s *Service) logLogin(ctx context.Context, username, code string) error {
	return s.log.LogSystem(ctx, SystemEntry{At: s.now(), Kind: "login", Username: username, Code: code})
}

// checkPassword verifies a password for a login name under the back-off. It returns the
// account, or an error that has been counted and logged.
func (s *Service) checkPassword(ctx context.Context, username, password string) (account, error) {
	if err := s.attempts.Check(ctx, username); err != nil {
		var th *ThrottledError
		if !errors.As(err, &th) {
			return account{}, err
		}
		// Refused without looking at the password, and not counted: waiting is the only way on.
		if lerr := s.logLogin(ctx, username, ErrThrottled.Code); lerr != nil {
			return account{}, errors.Join(err, lerr)
		}
		return account{}, err
	}
	a, hasPassword, err := s.userByName(ctx, username)
	if err != nil && !errors.Is(err, ErrUserNotFound) {
		return account{}, err
	}
	ok := false
	if hasPassword {
		if ok, err = VerifyPassword(password, a.phc.String); err != nil {
			return account{}, err
		}
	} else {
		s.dummyOnce.Do(func() { s.dummy, _ = HashPassword("not a password of anyone", s.params) })
		_, _ = VerifyPassword(password, s.dummy)
	}
	if !ok {
		return account{}, errors.Join(ErrBadCredentials, s.attempts.Failed(ctx, username), s.logLogin(ctx, username, ErrBadCredentials.Code))
	}
	if a.disabled.Valid || a.status == registry.StatusDeleted {
		return account{}, errors.Join(ErrAccountDisabled, s.logLogin(ctx, a.username, ErrAccountDisabled.Code))
	}
	if err := s.attempts.Succeeded(ctx, username); err != nil {
		return account{}, err
	}
	return a, nil
}

// Login checks a username and password. Failures are counted per account name with
// exponential back-off and written to the system log, as are successful logins. A hash made
// with older parameters is upgraded on the way.
func (s *Service) Login(ctx context.Context, username, password string) (Session, error) {
	a, err := s.checkPassword(ctx, username, password)
	if err != nil {
		return Session{}, fmt.Errorf("logging in: %w", err)
	}
	if NeedsRehash(a.phc.String, s.params) {
		if phc, err := HashPassword(password, s.params); err == nil {
			_, _ = s.st.DB.ExecContext(ctx, "UPDATE auth_credentials SET phc = ? WHERE user_id = ?", phc, a.id)
		}
	}
	for _, h := range s.hooks {
		if err := h.LoggedIn(ctx, a.id, password); err != nil {
			return Session{}, fmt.Errorf("logging in: %w", err)
		}
	}
	if err := s.logLogin(ctx, a.username, "login_ok"); err != nil {
		return Session{}, err
	}
	return s.session(ctx, a.id, a.username)
}

// ChangePassword changes the caller's own password after checking the current one (under the
// same back-off as login). Hooks re-seal what the old password protected, in one transaction.
func (s *Service) ChangePassword(ctx context.Context, sess Session, oldPassword, newPassword string) error {
	if err := RequireRole(sess); err != nil {
		return err
	}
	if err := CheckPassword(newPassword); err != nil {
		return err
	}
	me, err := s.userByID(ctx, sess.UserID)
	if err != nil {
		return err
	}
	a, err := s.checkPassword(ctx, me.username, oldPassword)
	if err != nil {
		return fmt.Errorf("changing password: %w", err)
	}
	if a.id != sess.UserID {
		return fmt.Errorf("changing password: %w", ErrBadCredentials)
	}
	return s.storePassword(ctx, sess.UserID, newPassword, func(tx *sql.Tx, h PasswordHook) error {
		return h.PasswordChanged(ctx, tx, sess.UserID, oldPassword, newPassword)
	})
}

// ResetPassword sets another user's password (admins only); it also gives a password to a
// user created without one. The user's vault key pair is replaced (see the vault) and their
// back-off cleared.
func (s *Service) ResetPassword(ctx context.Context, sess Session, userID, newPassword string) error {
	if err := RequireRole(sess, RoleAdmin); err != nil {
		return err
	}
	_, err := s.setPassword(ctx, userID, newPassword)
	return err
}

// setPassword is a reset (by an admin, or by the user after an SMS code): the new password,
// the reset's hooks (a new vault key pair, trusted devices forgotten) and the back-off
// cleared. It returns the account's username.
func (s *Service) setPassword(ctx context.Context, userID, newPassword string) (string, error) {
	if err := CheckPassword(newPassword); err != nil {
		return "", err
	}
	a, err := s.userByID(ctx, userID)
	if err != nil {
		return "", err
	}
	err = s.storePassword(ctx, userID, newPassword, func(tx *sql.Tx, h PasswordHook) error {
		return h.PasswordSet(ctx, tx, userID, newPassword)
	})
	if err != nil {
		return "", err
	}
	return a.username, s.attempts.Succeeded(ctx, a.username)
}

func (s *Service) storePassword(ctx context.Context, userID, password string, hook func(*sql.Tx, PasswordHook) error) error {
	phc, err := HashPassword(password, s.params)
	if err != nil {
		return err
	}
	err = s.st.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.SQL().ExecContext(ctx, `INSERT INTO auth_credentials(user_id, phc, changed_at) VALUES(?, ?, ?)
			ON CONFLICT(user_id) DO UPDATE SET phc = excluded.phc, changed_at = excluded.changed_at`, userID, phc, s.now().Unix()); err != nil {
			return fmt.Errorf("storing password: %w", err)
		}
		for _, h := range s.hooks {
			if err := hook(tx.SQL(), h); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("setting password: %w", err)
	}
	return nil
}

// SetRoles replaces a user's roles (admins only). The last active administrator keeps the
// admin role.
func (s *Service) SetRoles(ctx context.Context, sess Session, userID string, roles []Role) error {
	if err := RequireRole(sess, RoleAdmin); err != nil {
		return err
	}
	for _, r := range roles {
		if !r.Valid() {
			return fmt.Errorf("role %q: %w", r, ErrInvalidInput)
		}
	}
	if _, err := s.userByID(ctx, userID); err != nil {
		return err
	}
	if !slices.Contains(roles, RoleAdmin) {
		if err := s.keepAnAdmin(ctx, userID); err != nil {
			return err
		}
	}
	return s.st.Update(ctx, func(tx *store.Tx) error { return putRoles(tx, userID, roles, s.now().UTC()) })
}

// keepAnAdmin fails when userID is the only active administrator with a password.
func (s *Service) keepAnAdmin(ctx context.Context, userID string) error {
	var others int
	err := s.st.DB.QueryRowContext(ctx, `SELECT count(DISTINCT c.user_id) FROM records p
		JOIN auth_credentials c ON c.user_id = json_extract(p.data, '$.user') AND c.disabled_at IS NULL
		JOIN records u ON u.type = 'user' AND u.ext_id = c.user_id AND coalesce(u.status, '') != 'deleted'
		WHERE p.type = 'permission' AND json_extract(p.data, '$.role') = 'admin' AND c.user_id != ?`, userID).Scan(&others)
	if err != nil {
		return fmt.Errorf("counting administrators: %w", err)
	}
	if others == 0 {
		return ErrLastAdministrator
	}
	return nil
}

// SetActive deactivates or reactivates an account (admins only). A deactivated account keeps
// its record and data but cannot log in.
func (s *Service) SetActive(ctx context.Context, sess Session, userID string, active bool) error {
	if err := RequireRole(sess, RoleAdmin); err != nil {
		return err
	}
	if _, err := s.userByID(ctx, userID); err != nil {
		return err
	}
	var disabled any
	if !active {
		if err := s.keepAnAdmin(ctx, userID); err != nil {
			return err
		}
		disabled = s.now().Unix()
	}
	// A user without a password has no row: there is no login to stop.
	if _, err := s.st.DB.ExecContext(ctx, "UPDATE auth_credentials SET disabled_at = ? WHERE user_id = ?", disabled, userID); err != nil {
		return fmt.Errorf("changing account state: %w", err)
	}
	return nil
}

// AccountState is what Settings > Users shows beside a user record.
type AccountState struct {
	HasPassword bool   `json:"hasPassword"`
	Active      bool   `json:"active"`
	Roles       []Role `json:"roles"`
}

// Account returns a user's login state (admins, or the user themself).
func (s *Service) Account(ctx context.Context, sess Session, userID string) (AccountState, error) {
	if sess.UserID != userID {
		if err := RequireRole(sess, RoleAdmin); err != nil {
			return AccountState{}, err
		}
	} else if err := RequireRole(sess); err != nil {
		return AccountState{}, err
	}
	a, err := s.userByID(ctx, userID)
	if err != nil {
		return AccountState{}, err
	}
	roles, err := s.RolesOf(ctx, userID)
	if err != nil {
		return AccountState{}, err
	}
	return AccountState{HasPassword: a.phc.Valid, Active: a.phc.Valid && !a.disabled.Valid && a.status != registry.StatusDeleted, Roles: roles}, nil
}

// DefaultIdleLock is how long the app waits, idle, before it locks (security.md).
const DefaultIdleLock = 15 * time.Minute

// IdleLock returns the idle-lock period.
func (s *Service) IdleLock(ctx context.Context) (time.Duration, error) {
	v, err := s.setting(ctx, "idle_lock_minutes")
	if err != nil || v == "" {
		return DefaultIdleLock, err
	}
	m, err := strconv.Atoi(v)
	if err != nil || m < 1 {
		return DefaultIdleLock, nil
	}
	return time.Duration(m) * time.Minute, nil
}

// SetIdleLock sets the idle-lock period, 1 minute to 24 hours (admins only).
func (s *Service) SetIdleLock(ctx context.Context, sess Session, d time.Duration) error {
	if err := RequireRole(sess, RoleAdmin); err != nil {
		return err
	}
	if d < time.Minute || d > 24*time.Hour {
		return fmt.Errorf("idle lock %v: %w", d, ErrInvalidInput)
	}
	_, err := s.st.DB.ExecContext(ctx, "INSERT INTO auth_settings(key, value) VALUES('idle_lock_minutes', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		strconv.Itoa(int(d/time.Minute)))
	if err != nil {
		return fmt.Errorf("writing idle lock: %w", err)
	}
	return nil
}

func (s *Service) setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.st.DB.QueryRowContext(ctx, "SELECT value FROM auth_settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading setting %s: %w", key, err)
	}
	return v, nil
}
