package desktop

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
)

// SessionService is the session and the own account: first run, login, logout, lock, own password.
type SessionService struct{ *Core }

// AppState is what the frontend needs before anyone logs in: whether the first-run
// screen, the login screen or the app itself comes first.
type AppState struct {
	StoreExists bool         `json:"storeExists"`
	SetUp       bool         `json:"setUp"` // the first administrator exists
	OrgName     string       `json:"orgName"`
	Lang        string       `json:"lang"` // the store's language, "" before first run
	Session     *SessionInfo `json:"session"`
}

// State reports whether a store exists, whether it is set up, and who is logged in. It
// needs no session: the login screen calls it.
func (a *SessionService) State() (AppState, error) {
	st := AppState{}
	// The store alone, not the wired services: the login screen is painted without waiting
	// for the search index to open (or to be rebuilt).
	db, err := a.store()
	if errors.Is(err, errNoStore) {
		return st, nil
	}
	if err != nil {
		return st, fail(codeOf(err), err)
	}
	st.StoreExists = true
	if st.SetUp, err = auth.IsSetUp(a.ctx, db); err != nil {
		return st, fail(CodeInternal, err)
	}
	st.OrgName, _ = db.Meta(a.ctx, "org_name")
	st.Lang = db.Lang()
	if sess, err := a.currentSession(); err == nil {
		info := a.sessionInfo(sess)
		st.Session = &info
	}
	return st, nil
}

// FirstRunInput is the first-run form.
type FirstRunInput struct {
	OrgName  string `json:"orgName"`
	Lang     string `json:"lang"` // "sv" or "en"
	Username string `json:"username"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Password string `json:"password"`
}

// FirstRun creates the store in an empty data folder and its first administrator, and
// logs them in. It refuses once an administrator exists (already_set_up). The password
// is checked before anything is created, so a refused password leaves the folder empty.
func (a *SessionService) FirstRun(in FirstRunInput) (SessionInfo, error) {
	if err := auth.CheckPassword(in.Password); err != nil {
		return SessionInfo{}, serviceFail(err)
	}
	if strings.TrimSpace(in.Username) == "" {
		return SessionInfo{}, fail(CodeInvalidInput, errors.New("the username is empty"))
	}
	if in.Lang != "sv" && in.Lang != "en" {
		in.Lang = "sv"
	}
	s, sess, err := a.firstRun(in)
	if err != nil {
		return SessionInfo{}, err
	}
	a.setSession(s, sess)
	// The store did not exist at start-up, so its retention scheduler starts now (in its
	// own goroutine, which shutdown stops and waits for).
	a.schedulerFor(s)
	return a.sessionInfo(sess), nil
}

// firstRun creates the store and the administrator under the session lock, so two calls
// cannot race each other.
func (a *Core) firstRun(in FirstRunInput) (*services.Services, auth.Session, error) {
	a.session.mu.Lock()
	defer a.session.mu.Unlock()
	if err := a.createStore(in); err != nil {
		return nil, auth.Session{}, err
	}
	s, err := a.svcLocked()
	if err != nil {
		return nil, auth.Session{}, err
	}
	sess, err := s.Accounts.Setup(a.ctx, auth.SetupInput{OrgName: in.OrgName, Username: in.Username, Name: in.Name, Email: in.Email, Password: in.Password})
	if err != nil {
		return nil, auth.Session{}, serviceFail(err)
	}
	if err := s.Sync(a.ctx); err != nil {
		return nil, auth.Session{}, fail(CodeInternal, err)
	}
	return s, sess, nil
}

// createStore makes the store unless one exists (a store without an administrator, as
// the CLI's init can leave, is set up in place).
func (a *Core) createStore(in FirstRunInput) error {
	if _, err := a.store(); err == nil {
		return nil
	} else if codeOf(err) != CodeNoStore {
		return fail(codeOf(err), err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := os.MkdirAll(a.dataDir, 0o700); err != nil {
		return fail(CodeInternal, fmt.Errorf("creating the data folder: %w", err))
	}
	if err := a.lockFolder(); err != nil {
		return err
	}
	st, err := store.Create(a.ctx, a.dataDir, store.CreateOptions{Lang: in.Lang, OrgName: strings.TrimSpace(in.OrgName)})
	if err != nil {
		a.unlockFolder()
	}
	if errors.Is(err, store.ErrStoreExists) {
		return fail(CodeStoreExists, err)
	}
	if err != nil {
		return fail(CodeInternal, fmt.Errorf("creating the store: %w", err))
	}
	a.st = st
	return nil
}

// Login checks the username and password and starts the session. A wrong password is
// bad_credentials; after repeated failures the account backs off (throttled, with retryAt).
func (a *SessionService) Login(username, password string) (SessionInfo, error) {
	s, err := a.svc()
	if err != nil {
		return SessionInfo{}, err
	}
	a.forget()
	sess, err := s.Accounts.Login(a.ctx, username, password)
	if err != nil {
		return SessionInfo{}, serviceFail(err)
	}
	if err := a.holdForSecondFactor(s, sess); err != nil { // second_factor_required: twofactor.go
		return SessionInfo{}, err
	}
	a.setSession(s, sess)
	return a.sessionInfo(sess), nil
}

// Logout ends the session.
func (a *SessionService) Logout() error {
	a.forget()
	return nil
}

// Lock forgets the session: the idle timer of the frontend and the OS's suspend call it.
// The login screen comes back; the data stays where it is.
func (a *SessionService) Lock() error {
	a.lock()
	return nil
}

func (a *Core) lock() {
	a.forget()
	a.emit(EventSessionLocked, nil)
}

// Me returns who is logged in.
func (a *SessionService) Me() (SessionInfo, error) {
	sess, err := a.currentSession()
	if err != nil {
		return SessionInfo{}, err
	}
	return a.sessionInfo(sess), nil
}

// ChangeOwnPassword changes the logged-in user's password after checking the current one.
func (a *SessionService) ChangeOwnPassword(oldPassword, newPassword string) error {
	sess, s, err := a.requireRole()
	if err != nil {
		return err
	}
	if err := s.Accounts.ChangePassword(a.ctx, sess, oldPassword, newPassword); err != nil {
		return serviceFail(err)
	}
	return nil
}

// SetIdleLockMinutes sets how long the app waits, idle, before it locks (admins only;
// 1 minute to 24 hours). It applies from the next login, and to this session at once.
func (a *SessionService) SetIdleLockMinutes(minutes int) error {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	d := time.Duration(minutes) * time.Minute
	if err := s.Accounts.SetIdleLock(a.ctx, sess, d); err != nil {
		return serviceFail(err)
	}
	a.session.mu.Lock()
	a.session.idle = d
	a.session.mu.Unlock()
	return nil
}

// suspend is the OS's "going to sleep" (Windows: options.Windows.OnSuspend): lock.
func (a *Core) suspend() { a.lock() }
