package cli

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dataskydd/backend/record"
	"dataskydd/backend/store"
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

// An init killed after it made the store but before the administrator (simulated: a store
// made and closed) leaves a store with no account and no record; the next init sets it up,
// in the language it is given. A store without an administrator that holds records is left
// alone.
func TestInitSetsUpTheEmptyStoreOfAnInterruptedInit(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Create(ctx, dir, store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, _, errOut := run(t, password, "--data-dir", dir, "init", "--admin", "admin", "--lang", "en", "--org", "Firma AB"); code != 0 {
		t.Fatalf("init over the empty store: exit %d %s", code, errOut)
	}
	st, err = store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	org, _ := st.Meta(ctx, "org_name")
	if st.Lang() != "en" || org != "Firma AB" {
		t.Errorf("lang %q, org %q: want the second init's", st.Lang(), org)
	}
	st.Close()
	if code, _, errOut := run(t, password, "--data-dir", dir, "init", "--admin", "other"); code != ExitFail || !strings.Contains(errOut, "already exists") {
		t.Fatalf("init over a set-up store: exit %d %q", code, errOut)
	}

	// No administrator, but records: not a leftover of init.
	dir2 := filepath.Join(t.TempDir(), "data")
	st, err = store.Create(ctx, dir2, store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := record.Decode([]byte(`{"type":"customer","id":"C1","customer_number":"1","name":"Åsa"}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, func(tx *store.Tx) error { _, err := tx.Put(r, 0); return err }); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, _, errOut := run(t, password, "--data-dir", dir2, "init", "--admin", "admin"); code != ExitFail || !strings.Contains(errOut, "already exists") {
		t.Fatalf("init over a store with records: exit %d %q", code, errOut)
	}
	st, err = store.Open(ctx, dir2)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, err := st.Get(ctx, "customer", "C1"); err != nil || c.String("name") != "Åsa" {
		t.Errorf("the record: %v, %v", c, err)
	}
}
