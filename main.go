// Dataskydd: GDPR tooling for a small Swedish service business, offline, on the admin's own
// computer. With a subcommand the binary is the command line (no window, no display);
// without one it opens the desktop app.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"dataskydd/backend/cli"
)

func main() {
	if len(os.Args) > 1 {
		attachConsole()
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	if err := runApp(); err != nil {
		fmt.Fprintln(os.Stderr, "dataskydd:", err)
		os.Exit(1)
	}
}
