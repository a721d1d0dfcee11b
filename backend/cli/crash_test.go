package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash suite (issue 12): the real command line, in a process of its own, killed with
// SIGKILL at seeded random moments of an import, a retention sweep, a person erasure and
// an index rebuild. After each kill the next start must find the store whole (all or
// nothing of an import), repair or rebuild the index (check exit 0), never show or keep
// on disk a value that a committed erasure removed, and finish the job on a rerun with
// the same result as a run that was never killed.

// kills is how many kills each scenario makes (the issue asks for at least 20);
// CRASHTEST_KILLS changes it for a quick look.
var kills = func() int {
	if n, err := strconv.Atoi(os.Getenv("CRASHTEST_KILLS")); err == nil && n > 0 {
		return n
	}
	return 20
}()

// crashArgs logs every command in as the administrator (the password on stdin), as a
// nightly job or an admin would run it.
func crashArgs(args []string) []string {
	if len(args) > 2 && args[0] == "--data-dir" && args[2] != "init" {
		return append([]string{"--user", "admin"}, args...)
	}
	return args
}

// cmd runs the CLI to its end.
func cmd(t testing.TB, stdin string, args ...string) (int, string, string) {
	t.Helper()
	if args = crashArgs(args); args[0] == "--user" {
		stdin = password + "\n"
	}
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), "CRASHTEST_CLI=1")
	c.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	c.Stdout, c.Stderr = &out, &errOut
	err := c.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// killAfter starts the CLI and kills it with SIGKILL after d (or lets it finish first).
// It reports whether the kill landed while the command ran.
func killAfter(t testing.TB, d time.Duration, args ...string) bool {
	t.Helper()
	c := exec.Command(os.Args[0], crashArgs(args)...)
	c.Env = append(os.Environ(), "CRASHTEST_CLI=1")
	c.Stdin = strings.NewReader(password + "\n")
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
		return false
	case <-time.After(d):
		_ = c.Process.Signal(syscall.SIGKILL)
		<-done
		return true
	}
}

// copyDir copies a data folder.
func copyDir(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// filesHolding counts the files under dir holding any of the fragments, and which.
func filesHolding(t testing.TB, dir string, frags []string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		for _, f := range frags {
			if bytes.Contains(b, []byte(f)) {
				out = append(out, filepath.Base(p)+": "+f)
			}
		}
		return nil
	})
	return out
}

// export is the data of a folder, without the logs (each command run with a login is an
// event); exportAll is everything, logs included.
func export(t testing.TB, dir string) string { return withoutLogs(exportAll(t, dir)) }

func exportAll(t testing.TB, dir string) string {
	t.Helper()
	code, out, errOut := cmd(t, "", "--data-dir", dir, "export", "-")
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	return out
}

// lines indexes an export by type/id.
func lines(export string) map[string]string {
	out := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(export), "\n") {
		if l == "" {
			continue
		}
		var head struct{ Type, ID string }
		_ = json.Unmarshal([]byte(l), &head)
		out[head.Type+"/"+head.ID] = l
	}
	return out
}

var emailRE = regexp.MustCompile(`[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}`)

// erasedFragments picks, from the string values in the given lines, fragments of ten
// bytes around the "@" that the export before holds and the export after does not: values
// erased everywhere, which must then be nowhere in the data folder either (snappy keeps
// short runs whole).
func erasedFragments(whole, clean string, of []string, max int) []string {
	var out []string
	for _, l := range of {
		for _, e := range valuesIn(l) {
			// The first ten-byte window of the value that the export after lacks, and whose
			// nine-byte ends it lacks too: a snappy literal is preceded by a tag byte, so a
			// live value's "Gunilla J" after the tag 0x20 reads " Gunilla J" on disk.
			for i := 0; i+10 <= len(e); i++ {
				if f := e[i : i+10]; strings.Contains(whole, f) && !strings.Contains(clean, f[1:]) && !strings.Contains(clean, f[:9]) {
					out = append(out, f)
					break
				}
			}
		}
		if len(out) >= max {
			break
		}
	}
	return out
}

// tally is what a scenario counts.
type tally struct{ kills, ok, lost, leaks int }

func (c tally) String() string {
	return fmt.Sprintf("kills %d, ok %d, lost %d, leaks %d", c.kills, c.ok, c.lost, c.leaks)
}

// template is a data folder with the demo data set, made once.
type template struct {
	empty, full, data string // an initialised empty store, the same with the demo, its export file
	export            string
}

func makeTemplate(t *testing.T) template {
	t.Helper()
	root := t.TempDir()
	tp := template{empty: filepath.Join(root, "empty"), full: filepath.Join(root, "full"), data: filepath.Join(root, "demo.jsonl")}
	if code, _, e := cmd(t, password, "--data-dir", tp.empty, "init", "--admin", "admin", "--lang", "sv"); code != 0 {
		t.Fatalf("init: %s", e)
	}
	copyDir(t, tp.empty, tp.full)
	if code, _, e := cmd(t, "", "--data-dir", tp.full, "demo", "--customers", "80", "--seed", "3", "--now", "2026-11-01T00:00:00Z"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	full := exportAll(t, tp.full)
	tp.export = withoutLogs(full)
	if err := os.WriteFile(tp.data, []byte(full), 0o600); err != nil {
		t.Fatal(err)
	}
	return tp
}

// timed measures how long a clean run of the command takes on a copy of from.
func timed(t *testing.T, from string, args ...string) time.Duration {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "timed")
	copyDir(t, from, dir)
	start := time.Now()
	if code, _, e := cmd(t, "", append([]string{"--data-dir", dir}, args...)...); code != 0 {
		t.Fatalf("%v: %s", args, e)
	}
	return time.Since(start)
}

// start is the next start after a kill: check (which opens the index: replays the
// outbox, purges an interrupted erasure, rebuilds a damaged index) until it is clean.
func start(t testing.TB, dir string) bool {
	t.Helper()
	for i := 0; i < 2; i++ {
		code, out, errOut := cmd(t, "", "--data-dir", dir, "check")
		if code == 0 {
			return true
		}
		if strings.Contains(errOut, "panic") || strings.Contains(out, "panic") {
			t.Errorf("check panicked: %s %s", out, errOut)
			return false
		}
	}
	return false
}

func TestCrashSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash suite runs in make test, not in -short")
	}
	tp := makeTemplate(t)
	rng := rand.New(rand.NewPCG(2026, 12))
	var report []string

	// Import into an empty store: all or nothing, then the rerun gives the clean result.
	t.Run("import", func(t *testing.T) {
		d := timed(t, tp.empty, "import", tp.data)
		var c tally
		for i := 0; c.kills < kills && i < 4*kills; i++ { // until the kills land (a run may end first)
			dir := filepath.Join(t.TempDir(), "d")
			copyDir(t, tp.empty, dir)
			if !killAfter(t, killDelay(rng, d), "--data-dir", dir, "import", tp.data) {
				continue
			}
			c.kills++
			if !start(t, dir) {
				t.Errorf("kill %d: check does not come clean", i)
				continue
			}
			got := lines(export(t, dir))
			n := 0
			for k := range got {
				if !strings.HasPrefix(k, "user/") && !strings.HasPrefix(k, "permission/") {
					n++
				}
			}
			want := lines(tp.export)
			if n != 0 && len(got) != len(want) {
				c.lost++
				t.Errorf("kill %d: a half import: %d of %d records", i, len(got), len(want))
				continue
			}
			if code, _, e := cmd(t, "", "--data-dir", dir, "import", tp.data); code != 0 {
				t.Errorf("kill %d: the rerun failed: %s", i, e)
				continue
			}
			if after := export(t, dir); after != tp.export {
				c.lost++
				t.Errorf("kill %d: the rerun's result differs from a clean import", i)
				continue
			}
			c.ok++
		}
		report = append(report, "import: "+c.String())
	})

	// The retention sweep: every policy on at 0 days, so every closed or deleted record is
	// due. After a kill and the next start, nothing anonymised is found or left on disk.
	t.Run("sweep", func(t *testing.T) {
		base := filepath.Join(t.TempDir(), "base")
		copyDir(t, tp.full, base)
		for _, typ := range []string{"customer", "contact_person", "case", "work_order", "quote", "project", "service_case", "order", "user", "time_report", "deviation", "invoice_basis", "expense", "customer_contact"} {
			if code, _, e := cmd(t, "", "--data-dir", base, "retention", "set", typ, "--enabled", "true", "--days", "0"); code != 0 {
				t.Fatalf("retention set %s: %s", typ, e)
			}
		}
		clean := filepath.Join(t.TempDir(), "clean")
		copyDir(t, base, clean)
		d := timed(t, base, "anonymise", "--now", "2026-11-02T00:00:00Z")
		if code, _, e := cmd(t, "", "--data-dir", clean, "anonymise", "--now", "2026-11-02T00:00:00Z"); code != 0 {
			t.Fatal(e)
		}
		cleanFull := exportAll(t, clean)
		cleanExport := withoutLogs(cleanFull)
		before, after := lines(tp.export), lines(cleanExport)
		var erased []string
		for k, l := range before {
			if after[k] != l {
				erased = append(erased, l)
			}
		}
		sort.Strings(erased)
		var c tally
		for i := 0; c.kills < kills && i < 4*kills; i++ { // until the kills land (a run may end first)
			dir := filepath.Join(t.TempDir(), "d")
			copyDir(t, base, dir)
			if !killAfter(t, killDelay(rng, d), "--data-dir", dir, "anonymise", "--now", "2026-11-02T00:00:00Z") {
				continue
			}
			c.kills++
			if !start(t, dir) {
				t.Errorf("kill %d: check does not come clean", i)
				continue
			}
			// What the killed run committed is erased for good: not found, not on disk.
			nowExport := exportAll(t, dir) // the logs keep what they logged, until their own rule
			now := lines(withoutLogs(nowExport))
			var done []string
			for k, l := range before {
				if now[k] != l && after[k] != l {
					done = append(done, l)
				}
			}
			frags := erasedFragments(tp.export, nowExport, done, 40)
			leaked := filesHolding(t, dir, frags)
			// And the search finds none of them (a few, to keep the suite short).
			searched := 0
			for _, l := range done {
				for _, e := range emailRE.FindAllString(l, -1) {
					if searched >= 3 || strings.Contains(nowExport, e) {
						continue
					}
					searched++
					_, out, _ := cmd(t, "", "--data-dir", dir, "search", "--json", "--limit", "0", e)
					var res struct{ Total int }
					if json.Unmarshal([]byte(out), &res) != nil || res.Total != 0 {
						leaked = append(leaked, "search: "+e)
					}
				}
			}
			if len(leaked) > 0 {
				if keep := os.Getenv("CRASHTEST_KEEP"); keep != "" {
					copyDir(t, dir, filepath.Join(keep, fmt.Sprintf("sweep-%d", i)))
				}
				c.leaks++
				t.Errorf("kill %d: %d erased values still in the data folder: %v", i, len(leaked), leaked[:min(5, len(leaked))])
			}
			// The rerun finishes the job exactly as a clean run did.
			if code, _, e := cmd(t, "", "--data-dir", dir, "anonymise", "--now", "2026-11-02T00:00:00Z"); code != 0 {
				t.Errorf("kill %d: rerun: %s", i, e)
				continue
			}
			if got := export(t, dir); got != cleanExport {
				c.lost++
				t.Errorf("kill %d: the rerun's result differs from a clean run", i)
				continue
			}
			if left := filesHolding(t, dir, erasedFragments(tp.export, cleanFull, erased, 40)); len(left) > 0 {
				c.leaks++
				t.Errorf("kill %d: after the rerun, erased values on disk: %v", i, left[:min(5, len(left))])
				continue
			}
			c.ok++
		}
		report = append(report, "sweep: "+c.String())
	})

	// A person erased everywhere: one transaction, then the purge. A kill leaves it undone
	// or done; done, the next start purges what the kill kept on disk.
	t.Run("erase", func(t *testing.T) {
		// A person from the demo: the first private customer's e-mail address.
		var query string
		for _, l := range strings.Split(tp.export, "\n") {
			if strings.Contains(l, `"type":"customer"`) && strings.Contains(l, `"kind":"private"`) {
				if e := emailRE.FindString(l); e != "" {
					query = e
					break
				}
			}
		}
		if query == "" {
			t.Fatal("no private customer with an e-mail address in the demo")
		}
		clean := filepath.Join(t.TempDir(), "clean")
		copyDir(t, tp.full, clean)
		d := timed(t, tp.full, "erase", query)
		if code, _, e := cmd(t, "", "--data-dir", clean, "erase", query); code != 0 {
			t.Fatal(e)
		}
		// The erasure logs events with the real clock: the data is compared without the logs.
		cleanFull := exportAll(t, clean)
		cleanExport := withoutLogs(cleanFull)
		before, after := lines(tp.export), lines(cleanExport)
		var erased []string
		for k, l := range before {
			if after[k] != l {
				erased = append(erased, l)
			}
		}
		frags := erasedFragments(tp.export, cleanFull, erased, 40) // the logs keep what they logged, until their own rule
		if len(frags) == 0 {
			t.Fatal("no erased value to look for")
		}
		template := tp.export
		var c tally
		for i := 0; c.kills < kills && i < 4*kills; i++ { // until the kills land (a run may end first)
			dir := filepath.Join(t.TempDir(), "d")
			copyDir(t, tp.full, dir)
			if !killAfter(t, killDelay(rng, d), "--data-dir", dir, "erase", query) {
				continue
			}
			c.kills++
			if !start(t, dir) {
				t.Errorf("kill %d: check does not come clean", i)
				continue
			}
			got := export(t, dir)
			switch got {
			case template: // the kill came before the commit: nothing changed; erase again
				if code, _, e := cmd(t, "", "--data-dir", dir, "erase", query); code != 0 {
					t.Errorf("kill %d: rerun: %s", i, e)
					continue
				}
			case cleanExport: // committed: the next start must have purged it
			default:
				c.lost++
				t.Errorf("kill %d: half an erasure", i)
				continue
			}
			if left := filesHolding(t, dir, frags); len(left) > 0 {
				c.leaks++
				t.Errorf("kill %d: %d erased values on disk: %v", i, len(left), left[:min(5, len(left))])
				continue
			}
			if export(t, dir) != cleanExport {
				c.lost++
				t.Errorf("kill %d: differs from a clean erasure", i)
				continue
			}
			c.ok++
		}
		report = append(report, "erase: "+c.String())
	})

	// An index rebuild killed midway: the next start rebuilds or repairs; no panic.
	t.Run("rebuild", func(t *testing.T) {
		d := timed(t, tp.full, "index", "rebuild")
		var c tally
		for i := 0; c.kills < kills && i < 4*kills; i++ { // until the kills land (a run may end first)
			dir := filepath.Join(t.TempDir(), "d")
			copyDir(t, tp.full, dir)
			if !killAfter(t, killDelay(rng, d), "--data-dir", dir, "index", "rebuild") {
				continue
			}
			c.kills++
			if !start(t, dir) {
				t.Errorf("kill %d: check does not come clean after a killed rebuild", i)
				continue
			}
			if export(t, dir) != tp.export {
				c.lost++
				t.Errorf("kill %d: a rebuild changed the data", i)
				continue
			}
			c.ok++
		}
		report = append(report, "rebuild: "+c.String())
	})
	for _, r := range report {
		t.Log(r)
		if !strings.Contains(r, fmt.Sprintf("kills %d,", kills)) {
			t.Errorf("fewer kills than %d landed: %s", kills, r)
		}
	}
	if err := os.WriteFile(filepath.Join(os.TempDir(), "dataskydd-crash-suite.txt"), []byte(strings.Join(report, "\n")+"\n"), 0o600); err == nil {
		t.Logf("figures in %s", filepath.Join(os.TempDir(), "dataskydd-crash-suite.txt"))
	}
}

// withoutLogs drops the event and system-log lines of an export.
func withoutLogs(export string) string {
	var keep []string
	for _, l := range strings.Split(export, "\n") {
		if !strings.HasPrefix(l, `{"type":"event"`) && !strings.HasPrefix(l, `{"type":"system_log"`) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

var valueRE = regexp.MustCompile(`:"([^"\\]{10,})"`)

// valuesIn lists the string values of ten bytes or more in an export line.
func valuesIn(line string) []string {
	var out []string
	for _, m := range valueRE.FindAllStringSubmatch(line, -1) {
		if !strings.HasPrefix(m[1], "20") { // not the times
			out = append(out, m[1])
		}
	}
	return out
}

// killDelay is a moment within a run that took d: a run can be faster than the one
// measured (a warm cache), so the moments lie in its first 80 percent.
func killDelay(rng *rand.Rand, d time.Duration) time.Duration {
	return time.Duration(rng.Int64N(int64(d) * 8 / 10))
}
