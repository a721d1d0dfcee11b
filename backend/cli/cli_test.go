package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	// Cheap password hashing: the tests are about the command line, not Argon2id's cost.
	cheapKDFForTests = true
	// The crash suite runs this test binary as the command line, in a process it kills.
	if os.Getenv("CRASHTEST_CLI") == "1" {
		os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// run invokes the command line as the binary would.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

const password = "korrekt häst batteri häftklammer\n"

func initStore(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := run(t, password, "--data-dir", dir, "init", "--admin", "admin", "--lang", "sv"); code != 0 {
		t.Fatalf("init: %d %s", code, errOut)
	}
	return dir
}

func TestInitCreatesOwnerOnlyStoreAndRefusesASecond(t *testing.T) {
	dir := initStore(t)
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("data folder mode %v, want 0700", fi.Mode().Perm())
	}
	code, _, errOut := run(t, password, "--data-dir", dir, "init", "--admin", "other")
	if code != ExitFail || !strings.Contains(errOut, "already exists") {
		t.Fatalf("second init: %d %q", code, errOut)
	}
}

func TestInitRefusesWeakPasswordAndBadUsage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	if code, _, errOut := run(t, "password123\n", "--data-dir", dir, "init", "--admin", "a"); code != ExitFail || errOut == "" {
		t.Errorf("weak password: %d %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "dataskydd.db")); err == nil {
		t.Error("a store was created despite the refused password")
	}
	if code, _, _ := run(t, password, "--data-dir", dir, "init"); code != ExitUsage {
		t.Errorf("init without --admin: %d, want 2", code)
	}
	if code, _, _ := run(t, password, "--data-dir", dir, "init", "--admin", "a", "--lang", "de"); code != ExitUsage {
		t.Errorf("bad --lang: %d, want 2", code)
	}
	if code, _, _ := run(t, "", "frobnicate"); code != ExitUsage {
		t.Errorf("unknown command: %d, want 2", code)
	}
	if code, _, _ := run(t, "", "--data-dir", dir, "export", "--bogus", "x"); code != ExitUsage {
		t.Errorf("unknown flag: %d, want 2", code)
	}
}

func TestImportExportDeleteCheck(t *testing.T) {
	dir := initStore(t)
	in := filepath.Join("..", "jsonl", "testdata", "small.jsonl")
	code, out, errOut := admin(t, dir, "import", in)
	if code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	if !strings.Contains(out, "work_order") || !strings.Contains(out, "imported 6 records") {
		t.Errorf("import output: %q", out)
	}
	code, out, _ = admin(t, dir, "export", "--type", "customer", "-")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, `{"type":"customer","id":"C1"`) {
		t.Fatalf("export: %d %q", code, out)
	}
	// A bad file: exit 1, file:line and field named, nothing written.
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte(`{"type":"customer","id":"C9","name":"X"}`+"\n"+`{"type":"case","id":"K1","hours":3}`+"\n"), 0o600)
	code, _, errOut = admin(t, dir, "import", bad)
	if code != ExitFail || !strings.Contains(errOut, bad+":2: field \"hours\"") || !strings.Contains(errOut, "nothing was imported") {
		t.Fatalf("bad import: %d %q", code, errOut)
	}
	if _, out, _ = admin(t, dir, "export", "--type", "customer", "-"); strings.Contains(out, "C9") {
		t.Fatal("the bad import wrote C9")
	}
	code, out, errOut = admin(t, dir, "delete", "work_order", "WO1")
	if code != 0 || !strings.Contains(out, "marked work_order WO1 deleted") {
		t.Fatalf("delete: %d %q %q", code, out, errOut)
	}
	_, out, _ = admin(t, dir, "export", "--type", "work_order", "-")
	if !strings.Contains(out, `"status":"deleted"`) || !strings.Contains(out, `"deleted_at":`) {
		t.Errorf("deleted work order: %q", out)
	}
	if code, _, errOut = admin(t, dir, "delete", "work_order", "NOPE"); code != ExitFail || !strings.Contains(errOut, "not found") {
		t.Errorf("delete missing: %d %q", code, errOut)
	}
	if code, _, _ = run(t, "", "--data-dir", dir, "delete", "spaceship", "1"); code != ExitUsage {
		t.Errorf("delete unknown type: %d", code)
	}
	code, out, _ = run(t, "", "--data-dir", dir, "check", "--json")
	if code != 0 || !strings.Contains(out, `"ok": true`) {
		t.Errorf("check: %d %q", code, out)
	}
}

func TestCommandsOnMissingStoreFail(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	code, _, errOut := run(t, "", "--data-dir", dir, "export", "-")
	if code != ExitFail || !strings.Contains(errOut, "run init first") {
		t.Fatalf("%d %q", code, errOut)
	}
}

// admin runs a command as the store's first administrator (initStore's), password on stdin.
func admin(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return run(t, password, append([]string{"--user", "admin", "--data-dir", dir}, args...)...)
}
