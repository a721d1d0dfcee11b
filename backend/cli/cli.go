// Package cli is Dataskydd's command line (shared/spec/cli.md): the desktop binary runs it
// when it is given a subcommand, headless, and exits with its code.
//
// Exit codes: 0 ok; 1 the operation failed (a message on stderr, nothing half-done);
// 2 bad usage. With --json a command prints exactly one JSON document on stdout.
package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"dataskydd/backend/paths"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
	"dataskydd/backend/version"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitFail  = 1
	ExitUsage = 2
)

// env is what every command gets.
type env struct {
	ctx     context.Context
	dataDir string
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	// cheapKDF uses test-only password hashing costs (cheapKDFForTests, or the test switch
	// of a testswitches build: services.FromEnv).
	cheapKDF bool

	// Login (login.go): --user or --scheduler, the access table's row for this run, and
	// whether it has been checked.
	user       string
	scheduler  bool
	action     string
	authorized bool
	// The logged-in account (after authorize), named in what a command logs.
	accountID, accountName string
}

// cheapKDFForTests is set by this package's tests (in code: a release binary cannot set it).
var cheapKDFForTests bool

type command struct {
	name    string
	usage   string
	summary string
	run     func(e *env, args []string) error
}

// usageError is bad usage: exit code 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func commands() []command {
	return []command{
		{"init", "init --admin USERNAME [--lang sv|en] [--org NAME]", "create the store and its first administrator (asks for the password on a terminal, else reads it from stdin)", cmdInit},
		{"import", "import FILE...", "import JSON Lines files in one transaction", cmdImport},
		{"export", "export [--type TYPE] FILE", "write JSON Lines (- for stdout)", cmdExport},
		{"demo", "demo [--customers N] [--seed S] [--now TIME]", "fill the store with a synthetic Swedish data set", cmdDemo},
		{"search", "search [--json] [--limit N] QUERY", "person search", cmdSearch},
		{"report", "report [--format json|html] [--value V]... QUERY FILE", "access-request report of the selected values (default: the exact matches)", cmdReport},
		{"erase", "erase [--dry-run] [--json] [--value V]... QUERY", "anonymise the person everywhere: only the selected values (default: the exact matches)", cmdErase},
		{"retention", "retention list [--json] | retention set TYPE [--enabled true|false] [--days N] [--on-delete anonymise|delete]", "read and change the anonymisation settings", cmdRetention},
		{"delete", "delete TYPE ID", "delete a record as the app does", cmdDelete},
		{"anonymise", "anonymise [--dry-run] [--now TIME] [--json]", "run every due retention policy now", cmdAnonymise},
		{"index", "index rebuild", "rebuild the search index from the database", cmdIndex},
		{"portal", "portal [--listen ADDR] [--tls-cert F --tls-key F] [--behind-tls-proxy] | portal invite customer|contact_person ID", "run the customer portal, or print an invitation link", cmdPortal},
		{"check", "check [--json]", "verify the database and that the search index matches it", cmdCheck},
	}
}

// Main runs the command line and returns the exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, cheapKDF: cheapKDFForTests}
	rest, code, done := e.globalFlags(args)
	if done {
		return code
	}
	if len(rest) == 0 {
		printUsage(stderr)
		return ExitUsage
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == rest[0] {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "dataskydd: unknown command %q\n\n", rest[0])
		printUsage(stderr)
		return ExitUsage
	}
	e.action = actionOf(cmd.name, rest[1:]) // checked when the command opens the folder
	if e.dataDir == "" {
		dir, err := paths.DataDir()
		if err != nil {
			fmt.Fprintf(stderr, "dataskydd: finding the data folder: %v (use --data-dir)\n", err)
			return ExitFail
		}
		e.dataDir = dir
	}
	err := cmd.run(e, rest[1:])
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "dataskydd %s: %s\nusage: dataskydd %s\n", cmd.name, ue.msg, cmd.usage)
		return ExitUsage
	default:
		fmt.Fprintf(stderr, "dataskydd %s: %v\n", cmd.name, err)
		return ExitFail
	}
}

// globalFlags reads --data-dir, --version and --help before the subcommand.
func (e *env) globalFlags(args []string) (rest []string, code int, done bool) {
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--version" || a == "-version":
			fmt.Fprintln(e.stdout, version.Get().String())
			return nil, ExitOK, true
		case a == "--help" || a == "-h" || a == "-help" || a == "help":
			printUsage(e.stdout)
			return nil, ExitOK, true
		case a == "--data-dir" || a == "-data-dir":
			if len(args) < 2 {
				fmt.Fprintln(e.stderr, "dataskydd: --data-dir needs a folder")
				return nil, ExitUsage, true
			}
			e.dataDir, args = args[1], args[2:]
		case strings.HasPrefix(a, "--data-dir="):
			e.dataDir, args = strings.TrimPrefix(a, "--data-dir="), args[1:]
		case a == "--user" || a == "-user":
			if len(args) < 2 || args[1] == "" {
				fmt.Fprintln(e.stderr, "dataskydd: --user needs a username (the password goes on standard input)")
				return nil, ExitUsage, true
			}
			e.user, args = args[1], args[2:]
		case strings.HasPrefix(a, "--user="):
			e.user, args = strings.TrimPrefix(a, "--user="), args[1:]
		case a == "--scheduler" || a == "-scheduler":
			e.scheduler, args = true, args[1:]
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(e.stderr, "dataskydd: unknown flag %s\n", a)
			printUsage(e.stderr)
			return nil, ExitUsage, true
		default:
			return args, 0, false
		}
	}
	return nil, 0, false
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "Dataskydd %s: GDPR tooling for a small service business.\n\n", version.Get().Version)
	fmt.Fprintln(w, "Without a command the desktop app opens. Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nGlobal flags: --data-dir DIR (default: the per-user app-data folder), --version,")
	fmt.Fprintln(w, "  --user USERNAME (log in; the password is the first line of standard input, or asked for")
	fmt.Fprintln(w, "  on a terminal), --scheduler (the scheduler token the app keeps in the OS keyring).")
	fmt.Fprintln(w, "import, export, search, report, erase, delete, demo, retention set and anonymise need the")
	fmt.Fprintln(w, "login of an admin or GDPR officer; anonymise on the real clock also takes --scheduler.")
	fmt.Fprintln(w, "Run 'dataskydd COMMAND -h' for a command's flags.")
}

// flags returns a flag set for a command that reports errors as usage errors and also
// accepts --data-dir after the command.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&e.dataDir, "data-dir", e.dataDir, "data folder")
	fs.StringVar(&e.user, "user", e.user, "log in as `USERNAME` (the password on standard input)")
	fs.BoolVar(&e.scheduler, "scheduler", e.scheduler, "use the scheduler token (anonymise on the real clock only)")
	return fs
}

// parse parses a command's flags, allowing flags after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// open checks the login (login.go), then opens the store in the data folder.
func (e *env) open() (*store.Store, error) {
	if err := e.authorize(); err != nil {
		return nil, err
	}
	return e.openStore()
}

// openStore opens the store without the login check: only for authorize itself.
func (e *env) openStore() (*store.Store, error) {
	st, err := store.Open(e.ctx, e.dataDir)
	if errors.Is(err, store.ErrNoStore) {
		return nil, fmt.Errorf("%w: %s", err, e.dataDir)
	}
	return st, err
}

// services opens the data folder with every feature wired.
func (e *env) services() (*services.Services, error) {
	if err := e.authorize(); err != nil {
		return nil, err
	}
	opts := services.FromEnv()
	opts.CheapKDF = opts.CheapKDF || e.cheapKDF
	svc, err := services.Open(e.ctx, e.dataDir, opts)
	if errors.Is(err, store.ErrNoStore) {
		return nil, fmt.Errorf("%w: %s", err, e.dataDir)
	}
	return svc, err
}

// readPassword reads one line from standard input.
func (e *env) readPassword() (string, error) {
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input (give it as one line)")
	}
	return line, nil
}

// printJSON writes one JSON document on stdout.
func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
