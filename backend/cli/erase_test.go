package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// erase and report through the command line, in cli.md's JSON shapes.
func TestEraseAndReportCommands(t *testing.T) {
	dir := initStore(t)
	data := filepath.Join(t.TempDir(), "people.jsonl")
	lines := `{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Ulla Hedlund","email":"ulla.hedlund@outlook.com"}
{"type":"customer","id":"C2","customer_number":"1002","kind":"private","name":"Anders Hedlund"}
{"type":"customer","id":"C8","customer_number":"1008","kind":"private","name":"Ulla Hedlind"}
{"type":"case","id":"K1","customer_number":"1002","title":"Offert","description":"Ring Ulla Hedlund om offerten"}
`
	if err := os.WriteFile(data, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := admin(t, dir, "import", data); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	// The data, without the logs (every command run with a login is an event).
	exported := func() string {
		_, out, _ := admin(t, dir, "export", "-")
		var keep []string
		for _, l := range strings.Split(out, "\n") {
			if !strings.HasPrefix(l, `{"type":"event"`) && !strings.HasPrefix(l, `{"type":"system_log"`) {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	before := exported()
	// A typo query has no exact match: erase refuses and changes nothing.
	if code, _, errOut := admin(t, dir, "erase", "Ulla Hedlnd"); code != ExitFail || !strings.Contains(errOut, "no value is selected") {
		t.Errorf("erase of a typo: %d %s", code, errOut)
	}
	code, out, errOut := admin(t, dir, "erase", "--dry-run", "--json", "Ulla Hedlund")
	if code != 0 {
		t.Fatalf("erase --dry-run: %d %s", code, errOut)
	}
	var plan struct {
		Query  string `json:"query"`
		DryRun bool   `json:"dry_run"`
		Values []struct {
			Value    string `json:"value"`
			Match    string `json:"match"`
			Hits     int    `json:"hits"`
			Selected bool   `json:"selected"`
		} `json:"values"`
		Changes []map[string]string `json:"changes"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil || !plan.DryRun || plan.Query != "Ulla Hedlund" {
		t.Fatalf("dry run JSON %v: %s", err, out)
	}
	for _, v := range plan.Values {
		if (v.Value == "Ulla Hedlind") == v.Selected {
			t.Errorf("value %+v", v)
		}
	}
	var k1 map[string]string
	for _, c := range plan.Changes {
		for _, k := range []string{"type", "id", "field", "action", "before", "after"} {
			if _, ok := c[k]; !ok {
				t.Errorf("change lacks %q: %v", k, c)
			}
		}
		if c["type"] == "customer" && c["id"] != "C1" {
			t.Errorf("the plan touches %v", c)
		}
		if c["type"] == "case" {
			k1 = c
		}
	}
	if k1 == nil || k1["action"] != "replace_mention" || k1["after"] != "Ring Anonymiserad om offerten" {
		t.Errorf("case change %v", k1)
	}
	if exported() != before {
		t.Fatal("the dry run changed the data")
	}
	// The report of the default selection, then of one chosen value.
	report := filepath.Join(t.TempDir(), "utdrag.json")
	if code, _, errOut := admin(t, dir, "report", "Ulla Hedlund", report); code != 0 {
		t.Fatalf("report: %d %s", code, errOut)
	}
	b, _ := os.ReadFile(report)
	var rep struct {
		Query  string              `json:"query"`
		Values []map[string]any    `json:"values"`
		Places []map[string]string `json:"places"`
	}
	if err := json.Unmarshal(b, &rep); err != nil || len(rep.Places) != 3 {
		t.Fatalf("report %v: %s", err, b)
	}
	for _, p := range rep.Places {
		if p["id"] == "C2" || p["id"] == "C8" {
			t.Errorf("the report names someone else: %v", p)
		}
	}
	if code, out, _ := admin(t, dir, "report", "--format", "html", "--value", "Ulla Hedlind", "Ulla Hedlund", "-"); code != 0 ||
		!strings.Contains(out, "Ulla Hedlind") || strings.Contains(out, "ulla.hedlund@outlook.com") {
		t.Errorf("report of a chosen value: %d %s", code, out)
	}
	// The real run: only the plan's records change.
	if code, _, errOut := admin(t, dir, "erase", "Ulla Hedlund"); code != 0 {
		t.Fatalf("erase: %d %s", code, errOut)
	}
	after := exported()
	for _, l := range strings.Split(strings.TrimSpace(before), "\n") {
		if strings.Contains(l, `"C2"`) || strings.Contains(l, `"C8"`) {
			if !strings.Contains(after, l) {
				t.Errorf("someone else's record changed: %s", l)
			}
		}
	}
	if strings.Contains(after, "Ulla Hedlund") || !strings.Contains(after, "Ring Anonymiserad om offerten") {
		t.Errorf("after erase:\n%s", after)
	}
	if code, _, _ := admin(t, dir, "erase"); code != ExitUsage {
		t.Errorf("erase without a query: %d", code)
	}
}
