package portal

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// ErrPlainHTTP: plain HTTP was asked for on an address other people can reach.
var ErrPlainHTTP = errors.New("plain HTTP is served only on a loopback address: give a TLS certificate and key, or say the portal is behind a TLS proxy")

// Listen says where and how the portal is served.
type Listen struct {
	Addr        string // host:port
	CertFile    string // TLS certificate (PEM); with KeyFile
	KeyFile     string
	BehindProxy bool // plain HTTP to a TLS-terminating reverse proxy
}

// TLS reports whether the portal itself speaks TLS.
func (l Listen) TLS() bool { return l.CertFile != "" && l.KeyFile != "" }

// Secure reports whether customers reach the portal over TLS (cookies get Secure).
func (l Listen) Secure() bool { return l.TLS() || l.BehindProxy }

// Check refuses plain HTTP on anything but a loopback address (127.0.0.0/8, ::1,
// localhost) unless the portal is behind a TLS proxy, and a certificate without its key.
func (l Listen) Check() error {
	if (l.CertFile == "") != (l.KeyFile == "") {
		return errors.New("a TLS certificate needs its key file, and a key its certificate")
	}
	host, _, err := net.SplitHostPort(l.Addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", l.Addr, err)
	}
	if l.Secure() {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return ErrPlainHTTP
}

// Running is a started portal.
type Running struct {
	srv  *http.Server
	ln   net.Listener
	done chan error
}

// Addr is the address the portal listens on (with the real port when :0 was asked for).
func (r *Running) Addr() string { return r.ln.Addr().String() }

// Wait returns when the portal has stopped.
func (r *Running) Wait() error { return <-r.done }

// Stop shuts the portal down, letting running requests finish for a few seconds.
func (r *Running) Stop(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return r.srv.Shutdown(ctx)
}

// Start checks l and serves h on it in the background.
func Start(l Listen, h http.Handler) (*Running, error) {
	if err := l.Check(); err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 32 << 10}
	ln, err := net.Listen("tcp", l.Addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", l.Addr, err)
	}
	if l.TLS() {
		cert, err := tls.LoadX509KeyPair(l.CertFile, l.KeyFile)
		if err != nil {
			ln.Close()
			return nil, fmt.Errorf("reading the TLS certificate: %w", err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}
	r := &Running{srv: srv, ln: ln, done: make(chan error, 1)}
	go func() {
		err := srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		r.done <- err
	}()
	return r, nil
}
