package desktop

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/services"
)

// sessionState is the desktop's one session and the services wired over the store. A
// desktop app has one user at a time: logging in replaces the session, locking forgets it.
type sessionState struct {
	mu      sync.Mutex
	opts    *services.Options  // nil: services.FromEnv()
	svc     *services.Services // nil until first needed (and a store exists)
	sess    auth.Session       // zero: nobody logged in
	lastUse time.Time          // the last authorised call, for the idle lock
	idle    time.Duration      // the idle-lock period; read at login
	now     func() time.Time
	// checked, set only by the role test (roles_test.go), hears every check at the
	// boundary: requireRole's roles (role true; none: any logged-in user) and currentSession.
	checked func(roles []auth.Role, role bool)
}

// EventSessionLocked is sent when the backend forgot the session (idle lock, OS suspend).
const EventSessionLocked EventName = "session:locked"

// sessionErrorCodes are the codes above, for the TypeScript enum.
var sessionErrorCodes = []ErrorCode{
	CodeUnauthenticated, CodeForbidden, CodeBadCredentials, CodeThrottled, CodeAccountDisabled,
	CodePasswordTooShort, CodePasswordCommon, CodeAlreadySetUp, CodeNotSetUp, CodeUsernameTaken,
	CodeUserNotFound, CodeInvalidInput, CodeLastAdministrator, CodeUnknownType, CodeNotFound,
	CodeReadOnly, CodeExists, CodeStoreExists,
}

// serviceFail turns an error of the account or record services into an AppError with the
// service's code (a code the bridge does not know becomes internal). A throttled login
// carries the time to retry at.
func serviceFail(err error) error {
	var ae *AppError
	if errors.As(err, &ae) {
		return err
	}
	code := ErrorCode(auth.Code(err))
	known := false
	for _, c := range sessionErrorCodes {
		if c == code {
			known = true
			break
		}
	}
	if !known {
		code = codeOf(err)
	}
	out := coded(code, err)
	var th *auth.ThrottledError
	if errors.As(err, &th) {
		out.RetryAt = th.Until.UTC().Format(time.RFC3339)
	}
	return out
}

// svc returns the wired services, opening the store on first use. It does not check who
// is logged in: bound methods call currentSession or requireRole first.
func (a *Core) svc() (*services.Services, error) {
	a.session.mu.Lock()
	defer a.session.mu.Unlock()
	return a.svcLocked()
}

func (a *Core) svcLocked() (*services.Services, error) {
	if a.session.svc != nil {
		return a.session.svc, nil
	}
	st, err := a.store()
	if err != nil {
		return nil, fail(codeOf(err), err)
	}
	// Opening the search index may mean rebuilding it (after an upgrade that changes it, or
	// damage): the login screen shows how far it has come, since the login waits for it.
	opts := a.session.options()
	rebuilding := false
	opts.IndexProgress = func(done, total int) {
		rebuilding = true
		a.emit(EventIndexProgress, IndexProgress{Done: done, Total: total})
	}
	s, err := services.Wire(context.WithoutCancel(a.ctx), st, opts)
	if rebuilding {
		a.emit(EventIndexProgress, IndexProgress{Finished: true})
	}
	if err != nil {
		return nil, fail(CodeInternal, fmt.Errorf("wiring the services: %w", err))
	}
	a.session.svc = s
	return s, nil
}

// currentSession returns who is logged in, or an AppError with code "unauthenticated".
// A session idle for longer than the idle-lock period is forgotten first.
func (a *Core) currentSession() (auth.Session, error) {
	return a.checkSession()
}

// checkSession is the one session check of every bound method: the idle lock, then the
// backend's auth.Service.Authorize, which re-reads the account and its roles on every call, so
// a deactivated, deleted or demoted user loses access at once (a gone account ends the
// session). It returns the session as the store has it now, and "forbidden" when it holds
// none of roles (any logged-in user when none are given).
func (a *Core) checkSession(roles ...auth.Role) (auth.Session, error) {
	a.session.mu.Lock()
	defer a.session.mu.Unlock()
	s := &a.session
	if s.checked != nil {
		s.checked(nil, false)
	}
	if !s.sess.Authenticated() {
		return auth.Session{}, fail(CodeUnauthenticated, auth.ErrUnauthenticated)
	}
	now := s.clock()
	if s.idle > 0 && now.Sub(s.lastUse) > s.idle {
		s.sess = auth.Session{}
		a.emit(EventSessionLocked, nil)
		return auth.Session{}, fail(CodeUnauthenticated, fmt.Errorf("locked after %v idle: %w", s.idle, auth.ErrUnauthenticated))
	}
	sv, err := a.svcLocked()
	if codeOf(err) == CodeNoStore {
		// No store: no account to re-read and no data to protect (every call that reads or
		// writes data fails on the missing store); only the role is checked.
		if err := auth.RequireRole(s.sess, roles...); err != nil {
			return s.sess, serviceFail(err)
		}
		s.lastUse = now
		return s.sess, nil
	}
	if err != nil {
		return auth.Session{}, err
	}
	fresh, err := sv.Accounts.Authorize(a.ctx, s.sess, roles...)
	if errors.Is(err, auth.ErrUnauthenticated) {
		s.sess = auth.Session{}
		a.emit(EventSessionLocked, nil)
		return auth.Session{}, serviceFail(err)
	}
	if fresh.Authenticated() {
		s.sess = fresh
		s.lastUse = now
	}
	if err != nil {
		return fresh, serviceFail(err)
	}
	return fresh, nil
}

// requireRole returns the session and the services when someone holding one of roles (any
// logged-in user when none are given) is logged in.
func (a *Core) requireRole(roles ...auth.Role) (auth.Session, *services.Services, error) {
	if a.session.checked != nil {
		a.session.checked(roles, true)
	}
	sess, err := a.checkSession(roles...)
	if err != nil {
		return sess, nil, err
	}
	s, err := a.svc()
	if err != nil {
		return sess, nil, err
	}
	return sess, s, nil
}

func (s *sessionState) options() services.Options {
	o := services.FromEnv()
	if s.opts != nil {
		o = *s.opts
	}
	// The window must not wait for an interrupted erasure's index rewrite (a minute on a
	// large store): the scheduler's catch-up run, started with the store, purges it.
	o.DeferPurge = true
	return o
}

func (s *sessionState) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// setSession starts a session (after login or first run), reading the idle-lock period.
func (a *Core) setSession(sv *services.Services, sess auth.Session) {
	idle, err := sv.Accounts.IdleLock(a.ctx)
	if err != nil || idle <= 0 {
		idle = auth.DefaultIdleLock
	}
	a.session.mu.Lock()
	defer a.session.mu.Unlock()
	a.session.sess = sess
	a.session.idle = idle
	a.session.lastUse = a.session.clock()
}

// forget ends the session (logout, lock, OS suspend).
func (a *Core) forget() {
	a.session.mu.Lock()
	defer a.session.mu.Unlock()
	if a.session.svc != nil { // a passed GDPR-inventory code ends with the session
		a.session.svc.Inventory.Close(a.session.sess)
	}
	a.session.sess = auth.Session{}
}

// closeServices closes the search index on shutdown (the store is closed by shutdown).
func (a *Core) closeServices() {
	a.session.mu.Lock()
	defer a.session.mu.Unlock()
	if a.session.svc != nil {
		_ = a.session.svc.Index.Close()
		a.session.svc = nil
	}
}

// SessionInfo is who is logged in, for the frontend.
type SessionInfo struct {
	UserID   string   `json:"userId"`
	Username string   `json:"username"`
	Roles    []string `json:"roles"`
	// IdleLockMinutes is how long the app may stay idle before it locks.
	IdleLockMinutes int `json:"idleLockMinutes"`
}

func (a *Core) sessionInfo(sess auth.Session) SessionInfo {
	info := SessionInfo{UserID: sess.UserID, Username: sess.Username, Roles: []string{}}
	for _, r := range sess.Roles {
		info.Roles = append(info.Roles, string(r))
	}
	a.session.mu.Lock()
	info.IdleLockMinutes = int(a.session.idle / time.Minute)
	a.session.mu.Unlock()
	return info
}
