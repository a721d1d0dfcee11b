package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/records"
)

func TestExportRecordsCSVWritesTheFilteredLog(t *testing.T) {
	a, _ := newTestApp(t, true)
	if _, err := a.ImportFiles([]string{fixture}); err != nil {
		t.Fatal(err)
	}
	// Two events of the test user: a create and a delete.
	if _, err := a.SaveRecord("schedule", "S-csv", map[string]any{"note": "pass"}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.DeleteRecord("schedule", "S-csv"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "events.csv")
	n, err := a.ExportRecordsCSV(records.Query{Type: "event", Sort: "created_at", Match: map[string]string{"username": "test", "action": "delete"}}, out)
	if err != nil || n != 1 {
		t.Fatalf("n = %d, err = %v", n, err)
	}
	b, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "id,occurred_at,username") || !strings.Contains(lines[1], ",test,") || !strings.Contains(lines[1], ",delete,schedule,S-csv") {
		t.Errorf("csv = %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".dataskydd-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// A bad filter is the caller's mistake and leaves no file.
	bad := filepath.Join(dir, "bad.csv")
	if _, err := a.ExportRecordsCSV(records.Query{Type: "event", Match: map[string]string{"nope": "x"}}, bad); err == nil {
		t.Error("bad filter exported")
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("bad.csv: %v", err)
	}
	// Staff may not export logs.
	staffID, err := a.CreateUser(NewUserInput{Username: "staff", Password: "Personalens långa lösenord", Roles: []string{"staff"}})
	if err != nil {
		t.Fatal(err)
	}
	a.session.sess = auth.Session{UserID: staffID, Username: "staff", Roles: []auth.Role{auth.RoleStaff}}
	if _, err := a.ExportRecordsCSV(records.Query{Type: "event"}, filepath.Join(dir, "staff.csv")); codeOfAppError(t, err) != CodeForbidden {
		t.Errorf("staff: %v", err)
	}
}
