package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"dataskydd/backend/auth"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

// authorize applies the access table (access.go) to this run, once, before the command first
// opens the data folder (so bad usage is reported before a password is asked for): it logs
// in with --user or checks the --scheduler token, requires the row's roles, and writes an
// event naming the account. A failed login counts towards the account's back-off and is in
// the system log, exactly as in the app (auth.Service.Login).
func (e *env) authorize() error {
	if e.authorized {
		return nil
	}
	rule, ok := accessTable()[e.action]
	if !ok {
		return fmt.Errorf("%w: %q has no access rule", errNotAllowed, e.action)
	}
	if e.user != "" && e.scheduler {
		return usagef("give --user or --scheduler, not both")
	}
	switch {
	case e.scheduler && !rule.scheduler && rule.roles != nil:
		return fmt.Errorf("%w: the scheduler token allows only anonymise on the real clock, not %s", errNotAllowed, e.action)
	case e.user == "" && !e.scheduler && rule.roles == nil:
		e.authorized = true
		return nil
	case e.user == "" && !e.scheduler:
		if _, err := os.Stat(filepath.Join(e.dataDir, store.FileName)); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %s", store.ErrNoStore, e.dataDir) // says what to do first
		}
		return loginRequired(e.action, rule)
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	opts := services.FromEnv()
	opts.CheapKDF = opts.CheapKDF || e.cheapKDF
	pw, _ := opts.KDF()
	accounts := auth.NewService(st, auth.Options{Params: pw})
	who := auth.SchedulerUsername
	if e.scheduler {
		if err := accounts.VerifySchedulerToken(e.ctx, e.keyring()); err != nil {
			return fmt.Errorf("%w: %w", errNotAllowed, err)
		}
	} else {
		password, err := e.loginPassword()
		if err != nil {
			return err
		}
		sess, err := accounts.Login(e.ctx, e.user, password)
		if err != nil {
			return err
		}
		if rule.roles != nil {
			if err := auth.RequireRole(sess, rule.roles...); err != nil {
				return fmt.Errorf("%w: user %q has none of the roles %s that %s needs", errNotAllowed, sess.Username, roleNames(rule.roles), e.action)
			}
		}
		who = sess.Username
		e.accountID, e.accountName = sess.UserID, sess.Username
		if rule.inventory {
			if err := checkInventory(e.ctx, st); err != nil {
				return err
			}
		}
	}
	err = st.Update(e.ctx, func(tx *store.Tx) error {
		return tx.LogEvent(store.Event{At: time.Now(), Username: who, Action: eventAction(e.action)})
	})
	if err != nil {
		return fmt.Errorf("writing the event log (nothing was done): %w", err)
	}
	e.authorized = true
	return nil
}

// eventAction is the event log's name of an action: "cli.import", "cli.retention.set",
// "cli.anonymise.now".
func eventAction(action string) string {
	a := strings.NewReplacer(" --", ".", " ", ".", "-", "_").Replace(action)
	return "cli." + a
}

// keyring is the OS keyring, where the app keeps the scheduler token.
func (e *env) keyring() secrets.Secrets { return secrets.NewKeyring() }

// loginPassword reads --user's password: asked for without echo when standard input is a
// terminal, else its first line. Never from an argument.
func (e *env) loginPassword() (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(e.stderr, "Password for %s: ", e.user)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		if len(b) == 0 {
			return "", errors.New("no password given")
		}
		return string(b), nil
	}
	line, err := readLine(e.stdin)
	if err != nil {
		return "", fmt.Errorf("reading the password from standard input: %w", err)
	}
	if line == "" {
		return "", fmt.Errorf("no password on standard input for --user %s (give it as the first line)", e.user)
	}
	return line, nil
}

// readLine reads one line a byte at a time, so nothing after it is taken from r.
func readLine(r io.Reader) (string, error) {
	var b []byte
	var c [1]byte
	for len(b) < 4096 {
		n, err := r.Read(c[:])
		if n == 1 {
			if c[0] == '\n' {
				break
			}
			b = append(b, c[0])
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
	}
	return strings.TrimRight(string(b), "\r"), nil
}

// onTerminal reports whether standard input is a terminal (a person types, not a script).
func (e *env) onTerminal() bool {
	f, ok := e.stdin.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// readNewPassword reads the first administrator's password for init: asked for twice
// without echo on a terminal, else the first line of standard input (for scripts).
func (e *env) readNewPassword() (string, error) {
	if !e.onTerminal() {
		return e.readPassword()
	}
	fd := int(e.stdin.(*os.File).Fd())
	ask := func(prompt string) (string, error) {
		fmt.Fprint(e.stderr, prompt)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		return string(b), nil
	}
	first, err := ask("Password for the administrator (at least 12 characters): ")
	if err != nil {
		return "", err
	}
	if first == "" {
		return "", errors.New("no password given")
	}
	again, err := ask("The same password again: ")
	if err != nil {
		return "", err
	}
	if again != first {
		return "", errors.New("the two passwords differ; nothing was created")
	}
	return first, nil
}

// errInventoryCode refuses the GDPR inventory on the command line while its two-factor
// switch is on.
var errInventoryCode = errors.New("the GDPR inventory asks for an SMS code (Settings > Two-factor authentication > GDPR inventory); " +
	"while that switch is on, person search, access reports and erasure run in the app, which asks for the code")

// checkInventory applies the switch "GDPR inventory": the app asks for an SMS code before
// person search, the access report and erase everywhere; the command line cannot, so it
// refuses them rather than let a password alone past the switch.
func checkInventory(ctx context.Context, st *store.Store) error {
	on, err := twofactor.New(twofactor.Options{DB: st.DB}).FlowEnabled(ctx, twofactor.FlowInventory)
	if err != nil {
		return fmt.Errorf("reading the two-factor switches: %w", err)
	}
	if on {
		return fmt.Errorf("%w: %w", errNotAllowed, errInventoryCode)
	}
	return nil
}
