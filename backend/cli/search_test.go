package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The person search through the command line: search --json in cli.md's shape, limits,
// check and index rebuild, and the outbox replayed when the index lags the database.
func TestSearchCommand(t *testing.T) {
	dir := initStore(t)
	data := filepath.Join(t.TempDir(), "people.jsonl")
	lines := `{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Åsa Östergren","personal_number":"800101-1231","email":"Asa@Example.se","mobile_phone":"070-123 45 67"}
{"type":"case","id":"K1","customer_number":"1001","title":"Kran","comments":[{"text":"Åsa ringde från 0046701234567"}]}
`
	if err := os.WriteFile(data, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := admin(t, dir, "import", data); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	code, out, errOut := admin(t, dir, "search", "--json", "+46 70 123 45 67")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	var res struct {
		Query string           `json:"query"`
		Total int              `json:"total"`
		Hits  []map[string]any `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json output %q: %v", out, err)
	}
	var top map[string]json.RawMessage
	_ = json.Unmarshal([]byte(out), &top)
	// The phone number in two places, and the case linked to the customer it identifies.
	if len(top) != 3 || res.Query != "+46 70 123 45 67" || res.Total != 3 || len(res.Hits) != 3 {
		t.Fatalf("search --json: %s", out)
	}
	for _, h := range res.Hits {
		for _, k := range []string{"area", "location", "type", "id", "field", "snippet", "match", "value"} {
			if _, ok := h[k]; !ok {
				t.Errorf("hit lacks %q: %v", k, h)
			}
		}
	}
	if m := res.Hits[2]; m["match"] != "link" || m["field"] != "customer_number" || m["value"] != "1001" {
		t.Errorf("last hit: %v", m)
	}
	found := map[string]bool{}
	for _, h := range res.Hits {
		found[h["type"].(string)+"/"+h["id"].(string)+" "+h["field"].(string)+" "+h["area"].(string)+"/"+h["location"].(string)] = true
	}
	for _, want := range []string{"customer/C1 mobile_phone Workcloud/Kundregister", "case/K1 comments.text Workcloud/Ärendehantering"} {
		if !found[want] {
			t.Errorf("missing hit %s in %v", want, found)
		}
	}
	// --limit caps the list, not the total.
	_, out, _ = admin(t, dir, "search", "--json", "--limit", "1", "asa")
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) != 1 || res.Total < 3 {
		t.Errorf("--limit 1: %v %s", err, out)
	}
	// Text output names the kind and groups by area and location.
	_, out, _ = admin(t, dir, "search", "800101-1231")
	if !strings.Contains(out, "(personal_number)") || !strings.Contains(out, "Workcloud / Kundregister (1)") {
		t.Errorf("text output:\n%s", out)
	}
	if code, _, _ := admin(t, dir, "search"); code != ExitUsage {
		t.Errorf("search without a query: exit %d", code)
	}
	if code, out, _ := run(t, "", "--data-dir", dir, "check"); code != 0 {
		t.Errorf("check: %d %s", code, out)
	}
	// The index drifts from the database: check says so; index rebuild repairs it.
	if err := os.RemoveAll(filepath.Join(dir, "index")); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := run(t, "", "--data-dir", dir, "check"); code != ExitFail || !strings.Contains(out, "rebuilt") {
		t.Errorf("check of a missing index: %d %s", code, out)
	}
	code, _, errOut = run(t, "", "--data-dir", dir, "index", "rebuild")
	if code != 0 || !strings.Contains(errOut, "indexing: 100%") {
		t.Errorf("index rebuild: %d %s", code, errOut)
	}
	if code, _, _ := run(t, "", "--data-dir", dir, "index", "frobnicate"); code != ExitUsage {
		t.Errorf("index frobnicate: exit %d", code)
	}
	if code, out, _ := run(t, "", "--data-dir", dir, "check", "--json"); code != 0 || !strings.Contains(out, `"ok": true`) {
		t.Errorf("check after rebuild: %d %s", code, out)
	}
}
