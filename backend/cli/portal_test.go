package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPortalCommand(t *testing.T) {
	dir := initStore(t)
	in := filepath.Join(t.TempDir(), "c.jsonl")
	os.WriteFile(in, []byte(`{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Anna A","email":"anna@example.se"}`+"\n"+
		`{"type":"customer","id":"C2","customer_number":"1002","kind":"company","name":"Bolaget AB","email":"info@bolaget.se"}`+"\n"), 0o600)
	if code, _, errOut := admin(t, dir, "import", in); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	code, out, errOut := admin(t, dir, "portal", "invite", "--public-url", "https://portal.example.se", "customer", "C1")
	if code != 0 || !strings.HasPrefix(out, "https://portal.example.se/invite/") {
		t.Fatalf("invite: %d %q %s", code, out, errOut)
	}
	if code, _, _ := admin(t, dir, "portal", "invite", "customer", "C2"); code != ExitFail {
		t.Fatalf("inviting a company: %d, want 1", code)
	}
	// Plain HTTP on a reachable address is refused before anything opens.
	if code, _, errOut := run(t, "", "--data-dir", dir, "portal", "--listen", "0.0.0.0:0"); code != ExitUsage || !strings.Contains(errOut, "loopback") {
		t.Fatalf("plain HTTP on 0.0.0.0: %d %s", code, errOut)
	}
	// On loopback it serves until stopped.
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	var so, se bytes.Buffer
	code = Main(ctx, []string{"--user", "admin", "--data-dir", dir, "portal", "--listen", "127.0.0.1:0"}, strings.NewReader(password), &so, &se)
	if code != 0 || !strings.Contains(so.String(), "customer portal on http://127.0.0.1:") {
		t.Fatalf("portal: %d %q %q", code, so.String(), se.String())
	}
}
