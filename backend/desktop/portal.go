package desktop

import (
	"errors"
	"sync"

	"dataskydd/backend/auth"
	"dataskydd/backend/portal"
	"dataskydd/backend/services"
	"dataskydd/backend/twofactor"
)

// PortalService runs and configures the customer portal inside the app.
type PortalService struct{ *Core }

// Settings > Kundportal: the customer portal run inside the app (off by default), the
// invitation from the customer card and the erasure-request queue. The rules live in
// backend/portal; this file holds only the running portal between two calls.

// portalState is the portal the app runs, if any.
type portalState struct {
	mu  sync.Mutex
	run *portal.Running
}

// PortalSettings is Settings > Kundportal.
type PortalSettings struct {
	Enabled     bool   `json:"enabled"` // start with the app
	Listen      string `json:"listen"`
	TLSCert     string `json:"tls_cert"`
	TLSKey      string `json:"tls_key"`
	BehindProxy bool   `json:"behind_proxy"`
	PublicURL   string `json:"public_url"`
	Contact     string `json:"contact"` // whom a customer without a phone calls
}

// PortalStatus says whether the portal runs and where.
type PortalStatus struct {
	Running bool   `json:"running"`
	Addr    string `json:"addr"`
}

const defaultPortalListen = "127.0.0.1:8443"

// GetPortalSettings reads Settings > Kundportal (administrators).
func (a *PortalService) GetPortalSettings() (PortalSettings, error) {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return PortalSettings{}, err
	}
	get := func(k string) string { v, _ := portal.GetSetting(a.ctx, s.Store.DB, k); return v }
	ps := PortalSettings{Enabled: get(portal.SettingEnabled) == "on", Listen: get(portal.SettingListen), TLSCert: get(portal.SettingTLSCert),
		TLSKey: get(portal.SettingTLSKey), BehindProxy: get(portal.SettingBehindProxy) == "on", PublicURL: get(portal.SettingPublicURL), Contact: get(portal.SettingContact)}
	if ps.Listen == "" {
		ps.Listen = defaultPortalListen
	}
	return ps, nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return ""
}

// SavePortalSettings writes Settings > Kundportal; plain HTTP on a reachable address is
// refused (bad_request).
func (a *PortalService) SavePortalSettings(ps PortalSettings) error {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	if ps.Listen == "" {
		ps.Listen = defaultPortalListen
	}
	l := portal.Listen{Addr: ps.Listen, CertFile: ps.TLSCert, KeyFile: ps.TLSKey, BehindProxy: ps.BehindProxy}
	if err := l.Check(); err != nil {
		return fail(CodeBadRequest, err)
	}
	for k, v := range map[string]string{portal.SettingEnabled: onOff(ps.Enabled), portal.SettingListen: ps.Listen, portal.SettingTLSCert: ps.TLSCert,
		portal.SettingTLSKey: ps.TLSKey, portal.SettingBehindProxy: onOff(ps.BehindProxy), portal.SettingPublicURL: ps.PublicURL, portal.SettingContact: ps.Contact} {
		if err := portal.SetSetting(a.ctx, s.Store.DB, k, v); err != nil {
			return serviceFail(err)
		}
	}
	return nil
}

// GetPortalStatus says whether the portal runs (administrators).
func (a *PortalService) GetPortalStatus() (PortalStatus, error) {
	if _, _, err := a.requireRole(auth.RoleAdmin); err != nil {
		return PortalStatus{}, err
	}
	a.portal.mu.Lock()
	defer a.portal.mu.Unlock()
	if a.portal.run == nil {
		return PortalStatus{}, nil
	}
	return PortalStatus{Running: true, Addr: a.portal.run.Addr()}, nil
}

// StartPortal starts the portal with the saved settings.
func (a *PortalService) StartPortal() (PortalStatus, error) {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return PortalStatus{}, err
	}
	ps, err := a.GetPortalSettings()
	if err != nil {
		return PortalStatus{}, err
	}
	return a.startPortal(s, ps)
}

// autoStartPortal starts the portal with the app when Settings > Kundportal says so (no
// session is needed: an administrator switched it on). Failures leave it stopped; the
// settings screen shows the state and Start reports the error.
func (a *Core) autoStartPortal() {
	s, err := a.svc()
	if err != nil {
		return
	}
	if v, _ := portal.GetSetting(a.ctx, s.Store.DB, portal.SettingEnabled); v != "on" {
		return
	}
	get := func(k string) string { v, _ := portal.GetSetting(a.ctx, s.Store.DB, k); return v }
	ps := PortalSettings{Listen: get(portal.SettingListen), TLSCert: get(portal.SettingTLSCert), TLSKey: get(portal.SettingTLSKey),
		BehindProxy: get(portal.SettingBehindProxy) == "on", PublicURL: get(portal.SettingPublicURL)}
	if ps.Listen == "" {
		ps.Listen = defaultPortalListen
	}
	_, _ = a.startPortal(s, ps)
}

func (a *Core) startPortal(s *services.Services, ps PortalSettings) (PortalStatus, error) {
	a.portal.mu.Lock()
	defer a.portal.mu.Unlock()
	if a.portal.run != nil {
		return PortalStatus{Running: true, Addr: a.portal.run.Addr()}, nil
	}
	l := portal.Listen{Addr: ps.Listen, CertFile: ps.TLSCert, KeyFile: ps.TLSKey, BehindProxy: ps.BehindProxy}
	pw, _ := a.session.options().KDF()
	srv, err := portal.New(portal.Options{Store: s.Store, TwoFactor: s.TwoFactor, Index: s.Index, Params: pw,
		Secure: l.Secure(), PublicURL: ps.PublicURL, TrustProxy: l.BehindProxy})
	if err != nil {
		return PortalStatus{}, serviceFail(err)
	}
	run, err := portal.Start(l, srv)
	if errors.Is(err, portal.ErrPlainHTTP) {
		return PortalStatus{}, fail(CodeBadRequest, err)
	}
	if err != nil {
		return PortalStatus{}, serviceFail(err)
	}
	a.portal.run = run
	return PortalStatus{Running: true, Addr: run.Addr()}, nil
}

// StopPortal stops the portal the app runs.
func (a *PortalService) StopPortal() error {
	if _, _, err := a.requireRole(auth.RoleAdmin); err != nil {
		return err
	}
	a.stopPortal()
	return nil
}

func (a *Core) stopPortal() {
	a.portal.mu.Lock()
	defer a.portal.mu.Unlock()
	if a.portal.run != nil {
		_ = a.portal.run.Stop(a.ctx)
		a.portal.run = nil
	}
}

// InviteToPortal makes an invitation link for a private customer ("customer") or a contact
// person ("contact_person"); the administrator sends it to the person.
func (a *PortalService) InviteToPortal(kind, id string) (portal.Invitation, error) {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return portal.Invitation{}, err
	}
	pub, _ := portal.GetSetting(a.ctx, s.Store.DB, portal.SettingPublicURL)
	if pub == "" {
		pub = "http://" + defaultPortalListen
	}
	inv, err := portal.Invite(a.ctx, s.Store, twofactor.PersonRef{Kind: twofactor.PersonKind(kind), ID: id}, pub, sess.Username, a.session.clock())
	if err != nil {
		return portal.Invitation{}, serviceFail(err)
	}
	return inv, nil
}

// ListErasureRequests is the queue of erasure requests from the portal (administrators
// and GDPR officers), to review through the erasure plan.
func (a *PortalService) ListErasureRequests() ([]portal.ErasureRequest, error) {
	_, s, err := a.requireRole(auth.RoleAdmin, auth.RoleGDPROfficer)
	if err != nil {
		return nil, err
	}
	q, err := portal.ErasureRequests(a.ctx, s.Store.DB)
	if err != nil {
		return nil, serviceFail(err)
	}
	return q, nil
}

// CloseErasureRequest marks a request "done" or "rejected".
func (a *PortalService) CloseErasureRequest(id, status string) error {
	sess, s, err := a.requireRole(auth.RoleAdmin, auth.RoleGDPROfficer)
	if err != nil {
		return err
	}
	if err := portal.CloseErasureRequest(a.ctx, s.Store, id, status, sess.Username, a.session.clock()); err != nil {
		return serviceFail(err)
	}
	return nil
}
