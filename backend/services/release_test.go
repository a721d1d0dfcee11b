package services_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/store"
	"dataskydd/backend/vault"
)

// The test switches (cheap Argon2id, the SMS provider's URL, the reveal time) exist only in
// binaries built with the tag testswitches (backend/services/switches.go). This test builds
// the real binary as `make cli` does, without that tag, runs `init` with the switches set in
// its environment, and checks that the store got the production Argon2id costs and that the
// binary does not even contain the switches' names (so no command can read the SMS URL). The
// same steps on a binary built with the tag must show the switches taking effect, so the
// test can tell the two apart. Both builds reuse the Go build cache (a few seconds each).
func TestReleaseBinaryIgnoresTestSwitches(t *testing.T) {
	goTool, err := exec.LookPath("go") // go test puts its own go first on PATH
	if err != nil {
		t.Fatalf("finding the go tool: %v", err)
	}
	switchNames := []string{"DATASKYDD_TEST_CHEAP_KDF", "DATASKYDD_SMS_BASE_URL", "DATASKYDD_TEST_REVEAL_SECONDS"}
	// The Makefile's TAGS (webkit2_41: WebKitGTK 4.1, the only one our Linux targets have).
	for _, c := range []struct {
		name     string
		tags     string
		password auth.Params // what init must store for the administrator
		keys     auth.Params // and for the administrator's private key
		names    bool        // whether the binary holds the switches' names
	}{
		{"release", "webkit2_41", auth.DefaultParams(), vault.DefaultKeyParams(), false},
		{"testswitches", "webkit2_41,testswitches", auth.TestParams(), auth.TestParams(), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "dataskydd")
			build := exec.Command(goTool, "build", "-tags", c.tags, "-o", bin, ".")
			build.Dir = "../.." // the module's root: the binary (main.go)
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("go build -tags %s: %v\n%s", c.tags, err, out)
			}
			exe, err := os.ReadFile(bin)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range switchNames {
				if has := bytes.Contains(exe, []byte(name)); has != c.names {
					t.Errorf("the binary built with -tags %s contains %s: %v, want %v", c.tags, name, has, c.names)
				}
			}

			data := filepath.Join(dir, "data")
			initCmd := exec.Command(bin, "--data-dir", data, "init", "--admin", "admin", "--lang", "en")
			initCmd.Env = append(os.Environ(),
				"DATASKYDD_TEST_CHEAP_KDF=1",
				"DATASKYDD_SMS_BASE_URL=http://127.0.0.1:9/attacker",
				"DATASKYDD_TEST_REVEAL_SECONDS=1")
			initCmd.Stdin = strings.NewReader("korrekt häst batteri häftklammer\n")
			if out, err := initCmd.CombinedOutput(); err != nil {
				t.Fatalf("init: %v\n%s", err, out)
			}

			ctx := context.Background()
			st, err := store.Open(ctx, data)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var phc string
			var sealed []byte
			if err := st.DB.QueryRowContext(ctx, "SELECT phc FROM auth_credentials").Scan(&phc); err != nil {
				t.Fatal(err)
			}
			if err := st.DB.QueryRowContext(ctx, "SELECT sealed_private FROM vault_keys").Scan(&sealed); err != nil {
				t.Fatal(err)
			}
			p, _, _, err := auth.ParseHash(phc)
			if err != nil {
				t.Fatal(err)
			}
			if p != c.password {
				t.Errorf("password hash %q: parameters %+v, want %+v", phc[:strings.LastIndex(phc, "$")], p, c.password)
			}
			if c.name == "release" && !strings.HasPrefix(phc, "$argon2id$v=19$m=65536,t=3,p=4$") {
				t.Errorf("password hash %q does not carry the production costs m=65536,t=3,p=4", phc[:strings.LastIndex(phc, "$")])
			}
			k, err := vault.SealedParams(sealed)
			if err != nil {
				t.Fatal(err)
			}
			if k != c.keys {
				t.Errorf("private key sealed with %+v, want %+v", k, c.keys)
			}
		})
	}
}
