package portal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/search"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

// IdleTimeout ends a session nobody used for this long.
const IdleTimeout = 30 * time.Minute

// MaxDeviceAge caps the trusted-device cookie (and the device's expiry): one year.
const MaxDeviceAge = 365 * 24 * time.Hour

// Cookie names.
const (
	sessionCookie = "dsk_session"
	deviceCookie  = "dsk_device"
	langCookie    = "dsk_lang"
)

// maxBody bounds every request body; fields have their own, smaller limits.
const maxBody = 16 << 10

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Limits are the rate limits: at most N attempts per key within Window.
type Limits struct {
	Window          time.Duration
	LoginPerIP      int
	LoginPerAccount int
	CodePerIP       int
	ResetPerIP      int
	ResetPerAccount int
}

// DefaultLimits suit a small business: a household behind one address logs in a few times,
// a password-guessing script does not get far.
func DefaultLimits() Limits {
	return Limits{Window: 15 * time.Minute, LoginPerIP: 30, LoginPerAccount: 10, CodePerIP: 30, ResetPerIP: 10, ResetPerAccount: 3}
}

// Options configure a Server.
type Options struct {
	Store     *store.Store
	TwoFactor *twofactor.Engine
	Index     *search.Index // for "Mina uppgifter"; nil: the report is unavailable
	Params    auth.Params   // Argon2id parameters for new passwords (the staff ones)
	// Secure marks cookies Secure and sends HSTS: set when served over TLS or behind a TLS proxy.
	Secure bool
	// PublicURL is the portal's address as customers reach it (invitation links).
	PublicURL string
	// HashSlots is how many Argon2id calls may run at once (default 2).
	HashSlots int
	Limits    Limits           // zero: DefaultLimits
	Now       func() time.Time // nil: time.Now
	// TrustProxy takes the client address from X-Forwarded-For (behind a reverse proxy).
	TrustProxy bool
}

// Server is the portal. Use New; it is an http.Handler.
type Server struct {
	st     *store.Store
	tf     *twofactor.Engine
	ix     *search.Index
	params auth.Params
	opts   Options
	now    func() time.Time
	mux    *http.ServeMux
	pages  *pages

	hashSlots chan struct{}
	hashCalls func() // test hook: called for every Argon2id run
	dummyHash string // verified for unknown e-mails, so they cost what a wrong password costs

	mu       sync.Mutex
	sessions map[string]*session // by SHA-256 of the cookie value

	limiter *limiter
}

// New returns a portal over the given services.
func New(o Options) (*Server, error) {
	if o.Store == nil || o.TwoFactor == nil {
		return nil, errors.New("portal: a store and a two-factor engine are needed")
	}
	if err := o.Params.Validate(); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if o.HashSlots <= 0 {
		o.HashSlots = 2
	}
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{st: o.Store, tf: o.TwoFactor, ix: o.Index, params: o.Params, opts: o, now: o.Now, pages: p,
		hashSlots: make(chan struct{}, o.HashSlots), sessions: map[string]*session{}, limiter: newLimiter(o.Limits.Window)}
	s.dummyHash, err = auth.HashPassword("no such account: this hash is never matched", o.Params)
	if err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler: security headers, the body limit, then the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.opts.Secure {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", s.handleRoot)
	m.HandleFunc("GET /lang/{lang}", s.handleLang)
	m.HandleFunc("GET /login", s.page(s.showLogin))
	m.HandleFunc("POST /login", s.form(s.doLogin))
	m.HandleFunc("GET /code", s.page(s.showCode))
	m.HandleFunc("POST /code", s.form(s.doCode))
	m.HandleFunc("GET /invite/{token}", s.page(s.showInvite))
	m.HandleFunc("POST /invite/{token}", s.form(s.doInvite))
	m.HandleFunc("GET /reset", s.page(s.showReset))
	m.HandleFunc("POST /reset", s.form(s.doReset))
	m.HandleFunc("POST /logout", s.form(s.doLogout))
	// Logged in.
	m.HandleFunc("GET /home", s.authed(s.showHome))
	m.HandleFunc("GET /r/{type}/{id}", s.authed(s.showRecord))
	m.HandleFunc("POST /r/{type}/{id}/approve", s.authedForm(s.doApprove))
	m.HandleFunc("POST /r/{type}/{id}/{child}/{n}/approve", s.authedForm(s.doApprove))
	m.HandleFunc("POST /r/{type}/{id}/reply", s.authedForm(s.doReply))
	m.HandleFunc("GET /me", s.authed(s.showMe))
	m.HandleFunc("GET /me/report", s.authed(s.doReport))
	m.HandleFunc("POST /me/erasure", s.authedForm(s.doErasure))
	m.HandleFunc("GET /devices", s.authed(s.showDevices))
	m.HandleFunc("POST /devices/{id}/remove", s.authedForm(s.doRemoveDevice))
	s.mux = m
}

// session is one browser's visit: anonymous until a login passes.
type session struct {
	key     string
	csrf    string
	seen    time.Time
	lang    string
	account *account // nil until logged in
	pending *pending // a code the visitor is asked for
	flash   string   // a message for the next page
}

// pending is what a sent code will unlock.
type pending struct {
	kind      string // "login", "invite", "reset", "approve"
	acct      *account
	challenge string
	flow      twofactor.Flow
	newHash   string // invite: the chosen password, hashed, set when the code passes
	invite    []byte // invite: the invitation's token hash
	target    string // approve: what is approved
	to        string // the masked number
	fakeTries int    // reset for an unknown e-mail: wrong answers so far
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // the OS has no entropy: nothing is safe
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashKey(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// sessionOf returns the visitor's live session, or nil.
func (s *Server) sessionOf(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return nil
	}
	key := hashKey(c.Value)
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sessions[key]
	if ss == nil {
		return nil
	}
	now := s.now()
	if now.Sub(ss.seen) >= IdleTimeout {
		delete(s.sessions, key)
		return nil
	}
	ss.seen = now
	return ss
}

// newSession starts an anonymous session and sets its cookie.
func (s *Server) newSession(w http.ResponseWriter, lang string) *session {
	tok := randomToken()
	ss := &session{key: hashKey(tok), csrf: randomToken(), seen: s.now(), lang: lang}
	s.mu.Lock()
	// Expired sessions go when new ones come: the map cannot grow without bound.
	for k, o := range s.sessions {
		if s.now().Sub(o.seen) >= IdleTimeout {
			delete(s.sessions, k)
		}
	}
	s.sessions[ss.key] = ss
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode})
	return ss
}

// renew replaces the session's id after a login, so an id seen before it is worth nothing.
func (s *Server) renew(w http.ResponseWriter, old *session) *session {
	s.mu.Lock()
	delete(s.sessions, old.key)
	s.mu.Unlock()
	ns := s.newSession(w, old.lang)
	return ns
}

func (s *Server) endSession(w http.ResponseWriter, ss *session) {
	s.mu.Lock()
	delete(s.sessions, ss.key)
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode})
}

// endSessionsOf ends every session of an account (after a password reset).
func (s *Server) endSessionsOf(accountID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, o := range s.sessions {
		if o.account != nil && o.account.ID == accountID {
			delete(s.sessions, k)
		}
	}
}

func (s *Server) langOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "sv" || c.Value == "en") {
		return c.Value
	}
	al := r.Header.Get("Accept-Language")
	if strings.HasPrefix(al, "en") {
		return "en"
	}
	return "sv"
}

// handler is a page or form handler with the visitor's session.
type handler func(w http.ResponseWriter, r *http.Request, ss *session)

// page serves a GET: a visitor without a session gets one.
func (s *Server) page(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ss := s.sessionOf(r)
		if ss == nil {
			ss = s.newSession(w, s.langOf(r))
		}
		ss.lang = s.langOf(r)
		h(w, r, ss)
	}
}

// form serves a POST: it needs a live session and its CSRF token.
func (s *Server) form(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ss := s.sessionOf(r)
		if ss == nil {
			s.forbidden(w, r, "session")
			return
		}
		if err := r.ParseForm(); err != nil {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		got := r.PostForm.Get("csrf")
		if subtle.ConstantTimeCompare([]byte(got), []byte(ss.csrf)) != 1 {
			s.forbidden(w, r, "csrf")
			return
		}
		ss.lang = s.langOf(r)
		h(w, r, ss)
	}
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request, why string) {
	w.WriteHeader(http.StatusForbidden)
	s.pages.render(w, "error", s.langOf(r), map[string]any{"Message": tr(s.langOf(r), "err_forbidden")})
}

// authed serves a logged-in GET; anyone else goes to the login page.
func (s *Server) authed(h handler) http.HandlerFunc {
	return s.page(func(w http.ResponseWriter, r *http.Request, ss *session) {
		if ss.account == nil {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		h(w, r, ss)
	})
}

// authedForm serves a logged-in POST.
func (s *Server) authedForm(h handler) http.HandlerFunc {
	return s.form(func(w http.ResponseWriter, r *http.Request, ss *session) {
		if ss.account == nil {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		h(w, r, ss)
	})
}

// clientIP is the request's address (the proxy's X-Forwarded-For when trusted).
func (s *Server) clientIP(r *http.Request) string {
	if s.opts.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			first, _, _ := strings.Cut(f, ",")
			if ip := net.ParseIP(strings.TrimSpace(first)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// hash runs Argon2id in one of the few slots.
func (s *Server) hash(ctx context.Context, fn func() error) error {
	select {
	case s.hashSlots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.hashSlots }()
	if s.hashCalls != nil {
		s.hashCalls()
	}
	return fn()
}

func (s *Server) verifyPassword(ctx context.Context, password, phc string) (bool, error) {
	var ok bool
	err := s.hash(ctx, func() error {
		var err error
		ok, err = auth.VerifyPassword(password, phc)
		return err
	})
	return ok, err
}

func (s *Server) hashPassword(ctx context.Context, password string) (string, error) {
	var h string
	err := s.hash(ctx, func() error {
		var err error
		h, err = auth.HashPassword(password, s.params)
		return err
	})
	return h, err
}

func (s *Server) handleRoot(w http.ResponseWriter, r *http.Request) {
	if ss := s.sessionOf(r); ss != nil && ss.account != nil {
		http.Redirect(w, r, "/home", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// handleLang sets the language cookie (a preference, not state worth a CSRF token).
func (s *Server) handleLang(w http.ResponseWriter, r *http.Request) {
	l := r.PathValue("lang")
	if l != "sv" && l != "en" {
		http.NotFound(w, r)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
