package cli

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"dataskydd/backend/portal"
	"dataskydd/backend/services"
	"dataskydd/backend/twofactor"
)

// cmdPortal runs the customer portal headless (`portal [--listen ADDR] ...`) or makes an
// invitation link (`portal invite customer|contact_person ID`).
func cmdPortal(e *env, args []string) error {
	if len(args) > 0 && args[0] == "invite" {
		return cmdPortalInvite(e, args[1:])
	}
	fs := e.flags("portal")
	listen := fs.String("listen", "127.0.0.1:8443", "address to listen on (plain HTTP only on loopback)")
	cert := fs.String("tls-cert", "", "TLS certificate file (PEM)")
	key := fs.String("tls-key", "", "TLS key file (PEM)")
	proxy := fs.Bool("behind-tls-proxy", false, "plain HTTP to a TLS-terminating reverse proxy (trusts X-Forwarded-For)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	l := portal.Listen{Addr: *listen, CertFile: *cert, KeyFile: *key, BehindProxy: *proxy}
	if err := l.Check(); err != nil {
		return usagef("%v", err)
	}
	// The portal writes (approvals, accounts) and keeps the search index open: it holds
	// the data folder for as long as it serves, as the app does.
	svc, done, err := e.servicesLocked("portal")
	if err != nil {
		return err
	}
	defer done()
	opts := services.FromEnv()
	opts.CheapKDF = opts.CheapKDF || e.cheapKDF
	pw, _ := opts.KDF()
	pub, _ := portal.GetSetting(e.ctx, svc.Store.DB, portal.SettingPublicURL)
	srv, err := portal.New(portal.Options{Store: svc.Store, TwoFactor: svc.TwoFactor, Index: svc.Index, Params: pw,
		Secure: l.Secure(), PublicURL: pub, TrustProxy: l.BehindProxy})
	if err != nil {
		return err
	}
	run, err := portal.Start(l, srv)
	if err != nil {
		return err
	}
	scheme := "http"
	if l.TLS() {
		scheme = "https"
	}
	fmt.Fprintf(e.stdout, "customer portal on %s://%s (Ctrl-C stops it)\n", scheme, run.Addr())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	select {
	case <-sig:
	case <-e.ctx.Done():
	case err := <-waitErr(run):
		return err
	}
	return run.Stop(e.ctx)
}

func waitErr(r *portal.Running) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- r.Wait() }()
	return ch
}

func cmdPortalInvite(e *env, args []string) error {
	fs := e.flags("portal invite")
	pub := fs.String("public-url", "", "the portal's public address (default: Settings > Kundportal's)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[0] != "customer" && pos[0] != "contact_person") {
		return usagef("portal invite customer|contact_person ID")
	}
	st, done, err := e.openLocked("portal invite")
	if err != nil {
		return err
	}
	defer done()
	if *pub == "" {
		*pub, _ = portal.GetSetting(e.ctx, st.DB, portal.SettingPublicURL)
	}
	if *pub == "" {
		*pub = "http://127.0.0.1:8443"
	}
	inv, err := portal.Invite(e.ctx, st, twofactor.PersonRef{Kind: twofactor.PersonKind(pos[0]), ID: pos[1]}, *pub, "cli", time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n", inv.Link)
	return nil
}
