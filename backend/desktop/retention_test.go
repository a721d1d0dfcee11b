package desktop

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/jsonl"
)

// The rows of the authorisation table (roles_test.go) for the anonymisation and search
// adapters: Settings > GDPR is for admin and gdpr_officer only.
var _ = addAccess(map[string]access{
	"RetentionOverview":  adminOrDPO,
	"SetRetentionPolicy": adminOrDPO,
	"PreviewRetention":   adminOrDPO,
	"RunRetentionNow":    adminOrDPO,
	"CancelRetention":    adminOrDPO,
	"SearchPersons":      adminOrDPO,
	"ChooseReportFile":   {roles: []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}, dialog: true},
	"WriteAccessReport":  adminOrDPO,
	"PreviewErasure":     adminOrDPO,
	"EraseEverywhere":    adminOrDPO,
	"CheckIndex":         adminOrDPO,
	"RebuildIndex":       adminOrDPO,
})

func addAccess(rows map[string]access) bool {
	for k, v := range rows {
		boundAccess[k] = v
	}
	return true
}

// importInto imports JSON Lines into the app's store through the wired services and
// brings the index up to date.
func importInto(t *testing.T, a *App, lines ...string) {
	t.Helper()
	s, err := a.svc()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := jsonl.Import(context.Background(), s.Store, []string{path}, jsonl.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestRetentionScreen(t *testing.T) {
	a, rec := newTestApp(t, true)
	importInto(t, a,
		`{"type":"case","id":"K1","number":"1","title":"Lås","end_customer_name":"Zebulon Qvarnström","comments":[{"text":"ring Zebulon"}],"status":"closed","closed_at":"2025-01-01T00:00:00Z"}`,
		`{"type":"case","id":"K2","number":"2","title":"Dörr","end_customer_name":"Ytterligare Person","status":"open"}`,
	)
	ov, err := a.RetentionOverview()
	if err != nil {
		t.Fatal(err)
	}
	// Opening the screen started the scheduler: its catch-up run comes first.
	waitUntil(t, func() bool { return rec.count(EventRetentionDone) > 0 })
	byType := map[string]RetentionPolicy{}
	for _, p := range ov.Policies {
		byType[p.Type] = p
	}
	if p := byType["event"]; !p.Fixed || !p.Enabled || p.Days != 30 {
		t.Errorf("event policy = %+v, want fixed, on, 30 days", p)
	}
	if p := byType["system_log"]; !p.Fixed || p.Months != 3 {
		t.Errorf("system_log policy = %+v, want fixed 3 months", p)
	}
	if p := byType["customer"]; p.OnDelete != "anonymise" || p.Enabled || p.LabelSV == "" {
		t.Errorf("customer policy = %+v", p)
	}
	if p := byType["case"]; p.OnDelete != "" || len(p.Fields) == 0 {
		t.Errorf("case policy = %+v", p)
	}
	if ov.Word != "Anonymiserad" {
		t.Errorf("word = %q", ov.Word)
	}

	if _, err := a.SetRetentionPolicy(PolicyChange{Type: "event", Days: ptr(5)}); codeOfAppError(t, err) != CodeBadRequest {
		t.Errorf("changing the event log: %v, want bad_request", err)
	}
	if _, err := a.SetRetentionPolicy(PolicyChange{Type: "case", OnDelete: ptr("delete")}); codeOfAppError(t, err) != CodeBadRequest {
		t.Errorf("on-delete on case: %v, want bad_request", err)
	}
	p, err := a.SetRetentionPolicy(PolicyChange{Type: "case", Enabled: ptr(true), Days: ptr(30)})
	if err != nil || !p.Enabled || p.Days != 30 {
		t.Fatalf("enabling case: %+v, %v", p, err)
	}

	prev, err := a.PreviewRetention()
	if err != nil {
		t.Fatal(err)
	}
	var cs *TypeCounts
	for i := range prev.Types {
		if prev.Types[i].Type == "case" {
			cs = &prev.Types[i]
		}
	}
	if cs == nil || cs.Due != 1 || cs.Anonymised != 1 || len(cs.Samples) != 1 || cs.Samples[0].ID != "K1" || !prev.DryRun {
		t.Fatalf("preview = %+v", prev)
	}
	if strings.Contains(cs.Samples[0].Label, "Zebulon") {
		t.Errorf("the preview's sample names the person: %q", cs.Samples[0].Label)
	}
	s, _ := a.svc()
	if r, _ := s.Store.Get(context.Background(), "case", "K1"); r.String("end_customer_name") != "Zebulon Qvarnström" {
		t.Error("the preview changed the record")
	}

	run, err := a.RunRetentionNow()
	if err != nil {
		t.Fatal(err)
	}
	if run.Total != 1 || run.Trigger != "manual" {
		t.Errorf("run = %+v, want 1 record, manual", run)
	}
	if r, _ := s.Store.Get(context.Background(), "case", "K1"); r.String("end_customer_name") != "" || len(r.Rows("comments")) != 0 {
		t.Errorf("case K1 after the run: %v", r.Values)
	}
	if r, _ := s.Store.Get(context.Background(), "case", "K2"); r.String("end_customer_name") != "Ytterligare Person" {
		t.Errorf("open case K2 changed: %v", r.Values)
	}
	if rec.count(EventRetentionProgress) == 0 || rec.count(EventRetentionDone) < 2 {
		t.Errorf("events: %v", rec.events)
	}
	ov, err = a.RetentionOverview()
	if err != nil {
		t.Fatal(err)
	}
	if ov.LastRun == nil || ov.LastRun.Total != 1 || ov.NextRun == "" {
		t.Fatalf("overview after the run: last %+v, next %q", ov.LastRun, ov.NextRun)
	}
	// The secure data's auto-delete runs with every run of the scheduler.
	found := false
	for _, j := range ov.LastRun.Jobs {
		found = found || j.Name == "vault_purge"
	}
	if !found {
		t.Errorf("the last run ran no vault_purge job: %+v", ov.LastRun.Jobs)
	}
	if res, err := a.SearchPersons(SearchRequest{Query: "Zebulon Qvarnström"}); err != nil || res.Total != 0 {
		t.Errorf("search after the run: %+v, %v", res, err)
	}

	staffID, err := a.CreateUser(NewUserInput{Username: "staff", Password: "Personalens långa lösenord", Roles: []string{"staff"}})
	if err != nil {
		t.Fatal(err)
	}
	a.session.sess = auth.Session{UserID: staffID, Username: "staff", Roles: []auth.Role{auth.RoleStaff}}
	if _, err := a.RetentionOverview(); codeOfAppError(t, err) != CodeForbidden {
		t.Errorf("staff: %v, want forbidden", err)
	}
}

func TestSchedulerStartsOnceAndStops(t *testing.T) {
	a, rec := newTestApp(t, true)
	s1, err := a.startScheduler()
	if err != nil {
		t.Fatal(err)
	}
	s2, err := a.startScheduler()
	if err != nil || s1 != s2 {
		t.Fatalf("a second start made another scheduler (%p, %p, %v)", s1, s2, err)
	}
	// The catch-up run at start-up ends with a done event and a history row.
	s, _ := a.svc()
	waitUntil(t, func() bool { return rec.count(EventRetentionDone) > 0 })
	var n int
	if err := s.Store.DB.QueryRow("SELECT COUNT(*) FROM anonymisation_runs WHERE trigger = 'startup'").Scan(&n); err != nil || n != 1 {
		t.Errorf("start-up runs = %d (%v), want 1", n, err)
	}
	a.stopScheduler()
	if a.retention.Running() {
		t.Error("the scheduler is still set after stop")
	}
}

// waitUntil polls cond for up to ten seconds.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func ptr[T any](v T) *T { return &v }
