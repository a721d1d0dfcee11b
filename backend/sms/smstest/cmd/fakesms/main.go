// Command fakesms runs a local fake SMS provider for end-to-end tests.
//
//	go run ./backend/sms/smstest/cmd/fakesms -addr 127.0.0.1:34200
//
// It speaks the 46elks API (or, with -provider twilio, Twilio's) at that
// address, so the app's SMS settings can point their base URL at it, and
// answers GET /last?to=+46701234567 with the newest message to that number as
// JSON ({"id","provider","to","from","message","at"}), and GET /messages with
// all of them. It accepts the credentials given with -user and -pass
// ("test"/"test" by default). The first line it prints is its base URL, for
// scripts that let it choose a port (-addr 127.0.0.1:0). SIGINT or SIGTERM stop it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fakesms:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends.
func run(ctx context.Context, args []string, stdout io.Writer) error {
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
	fmt.Fprintf(stdout, "http://%s\n", ln.Addr())
	srv := &http.Server{Handler: smstest.NewServer(p, sms.Credentials{Username: *user, Password: *pass}), ReadHeaderTimeout: 10 * time.Second}
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
