// Command fakesms runs a local fake SMS provider for end-to-end tests.
//
//	go run ./backend/sms/smstest/cmd/fakesms -addr 127.0.0.1:34200
//
// It speaks the 46elks API (or, with -provider twilio, Twilio's) at that
// address, so the app's SMS settings can point their base URL at it, and
// answers GET /last?to=+46701234567 with the newest message to that number as
// JSON ({"id","provider","to","from","message","at"}), and GET /messages with
// all of them. With -user and -pass left empty it accepts the credentials
// "test"/"test".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"dataskydd/backend/sms"
	"dataskydd/backend/sms/smstest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "fakesms:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("fakesms", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
	provider := fs.String("provider", string(sms.Elks), "API to speak: 46elks or twilio")
	user := fs.String("user", "test", "API username (46elks) or Account SID (Twilio) to accept")
	pass := fs.String("pass", "test", "API password (46elks) or auth token (Twilio) to accept")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p := sms.Provider(*provider)
	if p != sms.Elks && p != sms.Twilio {
		return fmt.Errorf("unknown provider %q", *provider)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	// The first line of output is the base URL, for scripts that chose port 0.
	fmt.Printf("http://%s\n", ln.Addr())
	srv := &http.Server{Handler: smstest.NewServer(p, sms.Credentials{Username: *user, Password: *pass}), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
