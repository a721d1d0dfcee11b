package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// entries lists a folder's names ("" when it does not exist).
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range des {
		names = append(names, d.Name())
	}
	return names
}

// A failed init leaves nothing behind, so the next, correct init in the same folder works:
// failures found before the store is made (password, --lang) and after (a username the
// account service refuses, found only once the store exists), in a folder init makes and in
// one the user made (whose own files stay).
func TestFailedInitLeavesNothingAndTheRetryWorks(t *testing.T) {
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"too short password", "kort\n", []string{"init", "--admin", "admin"}, ExitFail},
		{"common password", "password123\n", []string{"init", "--admin", "admin"}, ExitFail},
		{"no password", "", []string{"init", "--admin", "admin"}, ExitFail},
		{"bad --lang", password, []string{"init", "--admin", "admin", "--lang", "de"}, ExitUsage},
		{"username refused after the store was made", password, []string{"init", "--admin", "a b c!!"}, ExitFail},
	}
	for _, c := range cases {
		for _, userFolder := range []bool{false, true} {
			name := c.name
			if userFolder {
				name += ", in a folder the user made"
			}
			t.Run(name, func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "data")
				var want []string
				if userFolder {
					if err := os.MkdirAll(dir, 0o700); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("keep me"), 0o600); err != nil {
						t.Fatal(err)
					}
					want = []string{"mine.txt"}
				}
				code, _, errOut := run(t, c.stdin, append([]string{"--data-dir", dir}, c.args...)...)
				if code != c.code || errOut == "" {
					t.Fatalf("init: exit %d %q, want %d and a message", code, errOut, c.code)
				}
				if got := entries(t, dir); !slices.Equal(got, want) {
					t.Fatalf("after the failed init the folder holds %q, want %q", got, want)
				}
				if code, _, errOut := run(t, password, "--data-dir", dir, "init", "--admin", "admin"); code != 0 {
					t.Fatalf("the retry: exit %d %s", code, errOut)
				}
				if code, _, errOut := run(t, "", "--data-dir", dir, "check"); code != 0 {
					t.Fatalf("check after the retry: exit %d %s", code, errOut)
				}
				if userFolder {
					if b, err := os.ReadFile(filepath.Join(dir, "mine.txt")); err != nil || string(b) != "keep me" {
						t.Errorf("the user's file: %q, %v", b, err)
					}
				}
			})
		}
	}
}
