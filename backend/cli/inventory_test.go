package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

// TestInventorySwitchRefusesSearchReportErase: while the two-factor switch "GDPR inventory"
// is on, the app asks for an SMS code before person search, the access report and erase
// everywhere; the command line has no code step, so a password alone must not get past it:
// all three are refused and nothing is erased. With the switch off they run.
func TestInventorySwitchRefusesSearchReportErase(t *testing.T) {
	dir := initStore(t)
	data := filepath.Join(t.TempDir(), "people.jsonl")
	line := `{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Ulla Hedlund","email":"ulla.hedlund@outlook.com"}` + "\n"
	if err := os.WriteFile(data, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := admin(t, dir, "import", data); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	setSwitch := func(on string) {
		t.Helper()
		st, err := store.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		// The setting itself (SetFlow would first want an SMS provider, which is not the point here).
		if err := twofactor.NewSettings(st.DB).SetSetting(context.Background(), "flow."+string(twofactor.FlowInventory), on); err != nil {
			t.Fatal(err)
		}
	}

	setSwitch("on")
	for _, args := range [][]string{{"search", "Ulla Hedlund"}, {"report", "--format", "json", "Ulla Hedlund", "-"}, {"erase", "Ulla Hedlund"}} {
		code, out, errOut := admin(t, dir, args...)
		if code != ExitFail || !strings.Contains(errOut, "GDPR inventory asks for an SMS code") {
			t.Errorf("%s with the switch on: exit %d, stderr %q; want refused", args[0], code, errOut)
		}
		if strings.Contains(out, "Hedlund") {
			t.Errorf("%s with the switch on printed personal data: %q", args[0], out)
		}
	}
	if _, out, _ := admin(t, dir, "export", "-"); !strings.Contains(out, `"name":"Ulla Hedlund"`) {
		t.Fatal("a refused erase changed the customer")
	}

	setSwitch("off")
	if code, out, errOut := admin(t, dir, "search", "Ulla Hedlund"); code != 0 || !strings.Contains(out, "C1") {
		t.Errorf("search with the switch off: %d %q %q", code, out, errOut)
	}
}
