package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRetentionListAndSet(t *testing.T) {
	dir := initStore(t)
	code, out, errOut := run(t, "", "--data-dir", dir, "retention", "list", "--json")
	if code != ExitOK {
		t.Fatalf("list: %d %s", code, errOut)
	}
	var list struct {
		Policies []struct {
			Type     string `json:"type"`
			Enabled  bool   `json:"enabled"`
			Days     int    `json:"days"`
			Months   int    `json:"months"`
			Fixed    bool   `json:"fixed"`
			OnDelete string `json:"on_delete"`
		} `json:"policies"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list.Policies) != 16 {
		t.Fatalf("list JSON %v: %s", err, out)
	}
	for _, p := range list.Policies {
		if p.Type == "system_log" && (!p.Fixed || p.Months != 3 || !p.Enabled) {
			t.Errorf("system_log %+v", p)
		}
		if p.Type == "case" && p.Enabled {
			t.Errorf("case on by default")
		}
	}
	if code, _, errOut := admin(t, dir, "retention", "set", "case", "--enabled", "true", "--days", "30"); code != ExitOK {
		t.Fatalf("set: %d %s", code, errOut)
	}
	if code, _, errOut := admin(t, dir, "retention", "set", "user", "--on-delete", "delete"); code != ExitOK {
		t.Fatalf("set on-delete: %d %s", code, errOut)
	}
	_, out, _ = run(t, "", "--data-dir", dir, "retention", "list")
	if !strings.Contains(out, "case") || !regexpLine(out, "case", "yes", "30 days") || !regexpLine(out, "user", "no", "delete") {
		t.Errorf("list after set:\n%s", out)
	}
	bad := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"retention", "set", "event", "--days", "10"}, ExitFail, "fixed"},
		{[]string{"retention", "set", "system_log", "--enabled", "false"}, ExitFail, "fixed"},
		{[]string{"retention", "set", "case", "--on-delete", "delete"}, ExitFail, "on-delete"},
		{[]string{"retention", "set", "contract", "--enabled", "true"}, ExitFail, "no retention policy"},
		{[]string{"retention", "set", "nosuch", "--enabled", "true"}, ExitUsage, "unknown type"},
		{[]string{"retention", "set", "case", "--days", "-1"}, ExitUsage, "--days"},
		{[]string{"retention", "set", "case", "--enabled", "yes"}, ExitUsage, "--enabled"},
		{[]string{"retention", "set", "customer", "--on-delete", "shred"}, ExitUsage, "--on-delete"},
		{[]string{"retention", "set", "case"}, ExitUsage, "nothing to change"},
		{[]string{"retention"}, ExitUsage, "list or set"},
		{[]string{"retention", "purge"}, ExitUsage, "list or set"},
	}
	for _, b := range bad {
		code, _, errOut := admin(t, dir, b.args...)
		if code != b.code || !strings.Contains(errOut, b.msg) {
			t.Errorf("%v: %d %q, want %d and %q", b.args, code, errOut, b.code, b.msg)
		}
	}
}

func regexpLine(out, typ string, parts ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != typ {
			continue
		}
		for _, p := range parts {
			if !strings.Contains(line, p) {
				return false
			}
		}
		return true
	}
	return false
}

func TestAnonymiseDryRunThenRun(t *testing.T) {
	dir := initStore(t)
	in := filepath.Join(t.TempDir(), "in.jsonl")
	data := `{"type":"case","id":"K1","number":"1","end_customer_name":"Qwertzuiop Slutkund","closed_at":"2026-01-01T00:00:00+01:00"}
{"type":"event","id":"E1","occurred_at":"2026-01-01T00:00:00Z","ip":"192.0.2.55"}
{"type":"system_log","id":"L1","occurred_at":"2026-01-01T00:00:00Z","username":"x"}
`
	if err := os.WriteFile(in, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := admin(t, dir, "import", in); code != ExitOK {
		t.Fatalf("import: %s", errOut)
	}
	admin(t, dir, "retention", "set", "case", "--enabled", "true", "--days", "0")
	type report struct {
		Now    string `json:"now"`
		DryRun bool   `json:"dry_run"`
		Types  map[string]struct {
			Due        int `json:"due"`
			Anonymised int `json:"anonymised"`
			Deleted    int `json:"deleted"`
		} `json:"types"`
	}
	read := func(out string) report {
		t.Helper()
		var r report
		dec := json.NewDecoder(strings.NewReader(out))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("JSON %v: %s", err, out)
		}
		if dec.More() {
			t.Fatalf("more than one JSON document: %s", out)
		}
		return r
	}
	code, out, errOut := run(t, "", "--data-dir", dir, "anonymise", "--dry-run", "--now", "2026-11-01T00:00:00Z", "--json")
	if code != ExitOK {
		t.Fatalf("dry run: %d %s", code, errOut)
	}
	dry := read(out)
	if !dry.DryRun || dry.Now != "2026-11-01T00:00:00Z" || dry.Types["case"].Due != 1 || dry.Types["case"].Anonymised != 1 ||
		dry.Types["event"].Anonymised != 1 || dry.Types["system_log"].Deleted != 1 {
		t.Errorf("dry run %+v", dry)
	}
	_, exp, _ := admin(t, dir, "export", "-")
	if !strings.Contains(exp, "Qwertzuiop") {
		t.Fatal("the dry run changed the data")
	}
	code, out, errOut = admin(t, dir, "anonymise", "--now", "2026-11-01T00:00:00Z", "--json")
	if code != ExitOK {
		t.Fatalf("run: %d %s", code, errOut)
	}
	ran := read(out)
	if ran.DryRun || ran.Types["case"].Anonymised != 1 || ran.Types["system_log"].Deleted != 1 {
		t.Errorf("run %+v", ran)
	}
	_, exp, _ = admin(t, dir, "export", "-")
	if strings.Contains(exp, "Qwertzuiop") || strings.Contains(exp, "192.0.2.55") || strings.Contains(exp, `"L1"`) {
		t.Errorf("export after the run:\n%s", exp)
	}
	_, out, _ = admin(t, dir, "search", "--json", "Qwertzuiop")
	if !strings.Contains(out, `"total": 0`) {
		t.Errorf("the search still finds the erased name: %s", out)
	}
	code, out, _ = admin(t, dir, "anonymise", "--now", "2026-11-01T00:00:00Z")
	if code != ExitOK || !strings.Contains(out, "0 records anonymised") {
		t.Errorf("second run: %d %s", code, out)
	}
	if code, _, _ := run(t, "", "--data-dir", dir, "anonymise", "--now", "yesterday"); code != ExitUsage {
		t.Errorf("bad --now: %d", code)
	}
	if code, _, _ := run(t, "", "--data-dir", dir, "anonymise", "extra"); code != ExitUsage {
		t.Errorf("extra argument: %d", code)
	}
}
