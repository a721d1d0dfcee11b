package portal

import (
	"context"
	"errors"
	"net/http"
	"time"
	"unicode/utf8"

	"dataskydd/backend/auth"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

// Field limits (characters).
const (
	maxEmail    = 254
	maxPassword = 256
	maxCode     = 16
	maxMessage  = 4000
)

// field returns a form value within max characters; ok is false when it is longer.
func field(r *http.Request, name string, max int) (string, bool) {
	v := r.PostForm.Get(name)
	if len(r.PostForm[name]) > 1 || utf8.RuneCountInString(v) > max {
		return "", false
	}
	return v, true
}

func (s *Server) badInput(w http.ResponseWriter, ss *session) {
	w.WriteHeader(http.StatusBadRequest)
	s.pages.render(w, "error", ss.lang, map[string]any{"Message": tr(ss.lang, "err_input")})
}

func (s *Server) internal(w http.ResponseWriter, ss *session, err error) {
	_ = err // never shown: it may name internals
	w.WriteHeader(http.StatusInternalServerError)
	s.pages.render(w, "error", ss.lang, map[string]any{"Message": tr(ss.lang, "err_internal")})
}

func (s *Server) notFound(w http.ResponseWriter, ss *session) {
	w.WriteHeader(http.StatusNotFound)
	s.pages.render(w, "error", ss.lang, map[string]any{"Message": tr(ss.lang, "err_notfound")})
}

// contact is whom a customer calls: Settings > Kundportal's contact, else the organisation.
func (s *Server) contact(ctx context.Context) string {
	if v, _ := s.Setting(ctx, SettingContact); v != "" {
		return v
	}
	if v, _ := s.st.Meta(ctx, "org_name"); v != "" {
		return v
	}
	return "företaget"
}

// --- login -------------------------------------------------------------------------------

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, ss *session) {
	if ss.account != nil {
		http.Redirect(w, r, "/home", http.StatusSeeOther)
		return
	}
	msg := ss.flash
	ss.flash = ""
	s.pages.render(w, "login", ss.lang, map[string]any{"CSRF": ss.csrf, "Flash": msg})
}

func (s *Server) loginFailed(w http.ResponseWriter, ss *session, email, key string, status int) {
	w.WriteHeader(status)
	s.pages.render(w, "login", ss.lang, map[string]any{"CSRF": ss.csrf, "Error": tr(ss.lang, key), "Email": email})
}

func (s *Server) doLogin(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	email, ok1 := field(r, "email", maxEmail)
	pw, ok2 := field(r, "password", maxPassword)
	if !ok1 || !ok2 {
		s.badInput(w, ss)
		return
	}
	ip, now := s.clientIP(r), s.now()
	norm := accountKey(email)
	lim := s.opts.Limits
	if !s.allowAttempt("login", ip, norm, lim.LoginPerIP, lim.LoginPerAccount, now) {
		s.loginFailed(w, ss, email, "err_rate", http.StatusTooManyRequests)
		return
	}
	a, err := s.accountByEmail(ctx, norm)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	// An unknown e-mail, an account without a password yet and a disabled one cost the same
	// Argon2id run as a wrong password, and get the same answer.
	phc := s.dummyHash
	if a != nil && a.PasswordHash != "" && !a.Disabled {
		phc = a.PasswordHash
	}
	match, err := s.verifyPassword(ctx, pw, phc)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if a == nil || phc == s.dummyHash || !match {
		_ = s.st.Update(ctx, func(tx *store.Tx) error {
			return tx.LogSystem(store.SystemEntry{At: now, Kind: "login", Username: portalUser, IP: ip, Code: "portal_bad_credentials", Message: "customer portal: wrong e-mail or password"})
		})
		s.loginFailed(w, ss, email, "err_login", http.StatusOK)
		return
	}
	on, err := s.tf.FlowEnabled(ctx, twofactor.FlowPortalLogin)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if on {
		trusted := false
		if c, err := r.Cookie(deviceCookie); err == nil && c.Value != "" && len(c.Value) <= 100 {
			next, ok, err := s.tf.CheckToken(ctx, a.Ref, c.Value)
			if err != nil {
				s.internal(w, ss, err)
				return
			}
			if ok {
				trusted = true
				s.setDeviceCookie(ctx, w, next)
			}
		}
		if !trusted {
			s.challenge(w, r, ss, &pending{kind: "login", acct: a, flow: twofactor.FlowPortalLogin})
			return
		}
	}
	s.login(w, r, ss, a)
}

// login makes the session a logged-in one (under a new id) and writes the event.
func (s *Server) login(w http.ResponseWriter, r *http.Request, ss *session, a *account) {
	if err := s.logEvent(r.Context(), a, s.clientIP(r), "portal_login", "", ""); err != nil {
		s.internal(w, ss, err)
		return
	}
	ns := s.renew(w, ss)
	ns.account = a
	http.Redirect(w, r, "/home", http.StatusSeeOther)
}

func (s *Server) doLogout(w http.ResponseWriter, r *http.Request, ss *session) {
	s.endSession(w, ss)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *Server) setDeviceCookie(ctx context.Context, w http.ResponseWriter, tok string) {
	period, err := s.tf.DevicePeriod(ctx)
	if err != nil || period > MaxDeviceAge {
		period = MaxDeviceAge
	}
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: tok, Path: "/", MaxAge: int(period / time.Second),
		HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode})
}

func (s *Server) clearDeviceCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode})
}

// --- codes -------------------------------------------------------------------------------

// challenge sends a code for p and shows the code page; a person without a phone is told
// whom to call.
func (s *Server) challenge(w http.ResponseWriter, r *http.Request, ss *session, p *pending) {
	ctx := r.Context()
	ch, err := s.tf.Start(ctx, p.acct.Ref, p.flow)
	if err != nil {
		ss.pending = nil
		s.codeError(w, r, ss, err)
		return
	}
	p.challenge, p.to = ch.ID, ch.To
	ss.pending = p
	http.Redirect(w, r, "/code", http.StatusSeeOther)
}

// codeError shows what went wrong with a code, in the visitor's words.
func (s *Server) codeError(w http.ResponseWriter, r *http.Request, ss *session, err error) {
	var msg string
	var wc *twofactor.WrongCodeError
	switch {
	case errors.As(err, &wc):
		msg = tf(ss.lang, "err_wrong_code", wc.TriesLeft)
	case errors.Is(err, twofactor.ErrNoPhone):
		msg = tf(ss.lang, "err_no_phone", s.contact(r.Context()))
	case errors.Is(err, twofactor.ErrTooManyTries):
		msg = tr(ss.lang, "err_too_many_tries")
	case errors.Is(err, twofactor.ErrTooManyCodes):
		msg = tr(ss.lang, "err_too_many_codes")
	case errors.Is(err, twofactor.ErrCodeExpired), errors.Is(err, twofactor.ErrCodeUsed), errors.Is(err, twofactor.ErrUnknownChallenge):
		msg = tr(ss.lang, "err_code_expired")
	default:
		msg = tr(ss.lang, "err_sms")
	}
	w.WriteHeader(http.StatusOK)
	s.pages.render(w, "error", ss.lang, map[string]any{"Message": msg})
}

func tf(lang, key string, args ...any) string {
	return sprintf(tr(lang, key), args...)
}

func (s *Server) showCode(w http.ResponseWriter, r *http.Request, ss *session) {
	if ss.pending == nil {
		s.pages.render(w, "error", ss.lang, map[string]any{"Message": tr(ss.lang, "no_code_pending")})
		return
	}
	s.renderCode(w, ss, "")
}

func (s *Server) renderCode(w http.ResponseWriter, ss *session, errMsg string) {
	to := ss.pending.to
	if to == "" || ss.pending.kind == "reset" { // a reset never tells whether the address has an account
		to = "•••"
	}
	s.pages.render(w, "code", ss.lang, map[string]any{"CSRF": ss.csrf, "To": to, "Error": errMsg,
		"NewPassword": ss.pending.kind == "reset"})
}

func (s *Server) doCode(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	p := ss.pending
	if p == nil {
		s.pages.render(w, "error", ss.lang, map[string]any{"Message": tr(ss.lang, "no_code_pending")})
		return
	}
	code, ok := field(r, "code", maxCode)
	if !ok {
		s.badInput(w, ss)
		return
	}
	ip, now := s.clientIP(r), s.now()
	if !s.limiter.allow("code-ip:"+ip, s.opts.Limits.CodePerIP, now) {
		w.WriteHeader(http.StatusTooManyRequests)
		s.renderCode(w, ss, tr(ss.lang, "err_rate"))
		return
	}
	var newPW string
	if p.kind == "reset" {
		pw1, ok1 := field(r, "password", maxPassword)
		pw2, ok2 := field(r, "password2", maxPassword)
		if !ok1 || !ok2 {
			s.badInput(w, ss)
			return
		}
		if msg := passwordProblem(ss.lang, pw1, pw2); msg != "" {
			s.renderCode(w, ss, msg)
			return
		}
		newPW = pw1
	}
	if p.acct == nil { // a reset for an unknown e-mail: it looks the same and never passes
		p.fakeTries++
		if p.fakeTries >= twofactor.MaxTries {
			ss.pending = nil
			s.codeError(w, r, ss, twofactor.ErrTooManyTries)
			return
		}
		s.renderCode(w, ss, tf(ss.lang, "err_wrong_code", twofactor.MaxTries-p.fakeTries))
		return
	}
	if err := s.tf.Verify(ctx, p.acct.Ref, p.flow, p.challenge, code); err != nil {
		var wc *twofactor.WrongCodeError
		if errors.As(err, &wc) {
			s.renderCode(w, ss, tf(ss.lang, "err_wrong_code", wc.TriesLeft))
			return
		}
		ss.pending = nil
		s.codeError(w, r, ss, err)
		return
	}
	ss.pending = nil
	switch p.kind {
	case "login":
		if err := s.trustDevice(ctx, w, r, p.acct); err != nil {
			s.internal(w, ss, err)
			return
		}
		s.login(w, r, ss, p.acct)
	case "invite":
		if err := s.setPassword(ctx, p.acct, p.newHash, p.invite, ip, "portal_password_set"); err != nil {
			s.inviteFailed(w, ss, err)
			return
		}
		if err := s.trustDevice(ctx, w, r, p.acct); err != nil {
			s.internal(w, ss, err)
			return
		}
		p.acct.PasswordHash = p.newHash
		s.login(w, r, ss, p.acct)
	case "reset":
		phc, err := s.hashPassword(ctx, newPW)
		if err == nil {
			err = s.setPassword(ctx, p.acct, phc, nil, ip, "portal_password_reset")
		}
		if err == nil {
			_, err = s.tf.ForgetDevices(ctx, p.acct.Ref)
		}
		if err != nil {
			s.internal(w, ss, err)
			return
		}
		s.endSessionsOf(p.acct.ID)
		s.clearDeviceCookie(w)
		ns := s.renew(w, ss)
		ns.flash = tr(ss.lang, "reset_done")
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	case "approve":
		s.finishApprove(w, r, ss, p.target)
	}
}

// trustDevice makes this browser a trusted device of the person after a passed code.
func (s *Server) trustDevice(ctx context.Context, w http.ResponseWriter, r *http.Request, a *account) error {
	old := ""
	if c, err := r.Cookie(deviceCookie); err == nil && len(c.Value) <= 100 {
		old = c.Value
	}
	tok, err := s.tf.TrustToken(ctx, a.Ref, old)
	if err != nil {
		return err
	}
	s.setDeviceCookie(ctx, w, tok)
	return nil
}

func passwordProblem(lang, pw1, pw2 string) string {
	if pw1 != pw2 {
		return tr(lang, "err_pw_mismatch")
	}
	switch err := auth.CheckPassword(pw1); {
	case errors.Is(err, auth.ErrPasswordTooShort):
		return tr(lang, "err_pw_short")
	case err != nil:
		return tr(lang, "err_pw_common")
	}
	return ""
}

// --- invitation ----------------------------------------------------------------------------

func (s *Server) showInvite(w http.ResponseWriter, r *http.Request, ss *session) {
	a, _, err := s.invitation(r.Context(), r.PathValue("token"))
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if a == nil {
		w.WriteHeader(http.StatusNotFound)
		s.pages.render(w, "error", ss.lang, map[string]any{"Message": tr(ss.lang, "invite_invalid")})
		return
	}
	s.pages.render(w, "invite", ss.lang, map[string]any{"CSRF": ss.csrf, "Email": a.Email, "Token": r.PathValue("token")})
}

func (s *Server) inviteFailed(w http.ResponseWriter, ss *session, err error) {
	if errors.Is(err, errInvitationUsed) {
		w.WriteHeader(http.StatusNotFound)
		s.pages.render(w, "error", ss.lang, map[string]any{"Message": tr(ss.lang, "invite_invalid")})
		return
	}
	s.internal(w, ss, err)
}

func (s *Server) doInvite(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	tok := r.PathValue("token")
	a, th, err := s.invitation(ctx, tok)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if a == nil {
		s.inviteFailed(w, ss, errInvitationUsed)
		return
	}
	pw1, ok1 := field(r, "password", maxPassword)
	pw2, ok2 := field(r, "password2", maxPassword)
	if !ok1 || !ok2 {
		s.badInput(w, ss)
		return
	}
	if msg := passwordProblem(ss.lang, pw1, pw2); msg != "" {
		s.pages.render(w, "invite", ss.lang, map[string]any{"CSRF": ss.csrf, "Email": a.Email, "Token": tok, "Error": msg})
		return
	}
	phc, err := s.hashPassword(ctx, pw1)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	on, err := s.tf.FlowEnabled(ctx, twofactor.FlowConversations)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if on {
		s.challenge(w, r, ss, &pending{kind: "invite", acct: a, flow: twofactor.FlowConversations, newHash: phc, invite: th})
		return
	}
	if err := s.setPassword(ctx, a, phc, th, s.clientIP(r), "portal_password_set"); err != nil {
		s.inviteFailed(w, ss, err)
		return
	}
	a.PasswordHash = phc
	s.login(w, r, ss, a)
}

// --- password reset ------------------------------------------------------------------------

// resetFlow is the switch a reset goes by: the portal's own, else customer conversations'.
// With both off there is no reset in the portal.
func (s *Server) resetFlow(ctx context.Context) (twofactor.Flow, bool, error) {
	for _, f := range []twofactor.Flow{twofactor.FlowPortalPasswordReset, twofactor.FlowConversations} {
		on, err := s.tf.FlowEnabled(ctx, f)
		if err != nil {
			return "", false, err
		}
		if on {
			return f, true, nil
		}
	}
	return "", false, nil
}

func (s *Server) showReset(w http.ResponseWriter, r *http.Request, ss *session) {
	_, on, err := s.resetFlow(r.Context())
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if !on {
		s.pages.render(w, "error", ss.lang, map[string]any{"Message": tf(ss.lang, "reset_off", s.contact(r.Context()))})
		return
	}
	s.pages.render(w, "reset", ss.lang, map[string]any{"CSRF": ss.csrf})
}

func (s *Server) doReset(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	flow, on, err := s.resetFlow(ctx)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if !on {
		s.pages.render(w, "error", ss.lang, map[string]any{"Message": tf(ss.lang, "reset_off", s.contact(ctx))})
		return
	}
	email, ok := field(r, "email", maxEmail)
	if !ok {
		s.badInput(w, ss)
		return
	}
	ip, now := s.clientIP(r), s.now()
	norm := accountKey(email)
	lim := s.opts.Limits
	if !s.allowAttempt("reset", ip, norm, lim.ResetPerIP, lim.ResetPerAccount, now) {
		w.WriteHeader(http.StatusTooManyRequests)
		s.pages.render(w, "reset", ss.lang, map[string]any{"CSRF": ss.csrf, "Error": tr(ss.lang, "err_rate")})
		return
	}
	a, err := s.accountByEmail(ctx, norm)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	p := &pending{kind: "reset", flow: flow}
	if a != nil && !a.Disabled && a.PasswordHash != "" {
		ch, err := s.tf.Start(ctx, a.Ref, flow)
		if err == nil {
			p.acct, p.challenge, p.to = a, ch.ID, ch.To
		}
		// Any failure (no phone, too many codes) looks like an unknown address here: the
		// page says whom to call when no code arrives.
	}
	ss.pending = p
	s.pages.render(w, "code", ss.lang, map[string]any{"CSRF": ss.csrf, "To": "•••", "NewPassword": true,
		"Info": tf(ss.lang, "reset_sent", s.contact(ctx))})
}
