package cli

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"dataskydd/backend/auth"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
)

var principals = []string{principalNobody, principalScheduler, "staff", "gdpr_officer", "admin"}

// The exact set of who may run each action. A changed row in access.go must change this test.
func TestAccessTableExactSets(t *testing.T) {
	everyone := []string{"nobody", "scheduler", "staff", "gdpr_officer", "admin"}
	officers := []string{"gdpr_officer", "admin"}
	want := map[string][]string{
		"init": everyone, "check": everyone, "index": everyone, "retention list": everyone,
		"anonymise --dry-run": everyone,
		"import":              officers, "export": officers, "search": officers, "report": officers,
		"erase": officers, "delete": officers, "demo": officers, "retention set": officers,
		"anonymise --now": officers,
		"anonymise":       {"scheduler", "gdpr_officer", "admin"},
		"portal":          {"admin"},
	}
	var got, wantKeys []string
	for a := range accessTable() {
		got = append(got, a)
	}
	for a := range want {
		wantKeys = append(wantKeys, a)
	}
	sort.Strings(got)
	sort.Strings(wantKeys)
	if !slices.Equal(got, wantKeys) {
		t.Fatalf("table rows %v, want %v", got, wantKeys)
	}
	for action, who := range want {
		var may []string
		for _, p := range principals {
			if allowed(action, p) {
				may = append(may, p)
			}
		}
		sort.Strings(may)
		w := slices.Clone(who)
		sort.Strings(w)
		if !slices.Equal(may, w) {
			t.Errorf("%s: allowed for %v, want exactly %v", action, may, w)
		}
	}
	if allowed("frobnicate", "admin") {
		t.Error("an action without a row is allowed")
	}
	// Every command has a row (report and erase are in the table before their commands).
	for _, c := range commands() {
		switch c.name {
		case "retention":
			continue // retention list / set, above
		case "anonymise":
			if actionOf(c.name, nil) != actionAnonymiseNow {
				t.Error("anonymise does not start at its strictest row")
			}
			continue
		}
		if _, ok := accessTable()[actionOf(c.name, nil)]; !ok {
			t.Errorf("command %s has no row in the access table", c.name)
		}
	}
}

// loginFixture is a store with an admin (initStore's), a GDPR officer, a staff member, a
// little data, and a scheduler token in the (mock) OS keyring.
type loginFixture struct {
	dir   string
	data  string // a JSON Lines file to import
	users map[string]string
}

func newLoginFixture(t *testing.T) *loginFixture {
	t.Helper()
	keyring.MockInit() // go-keyring's in-memory keyring, for this test binary
	f := &loginFixture{dir: initStore(t), users: map[string]string{"admin": strings.TrimSpace(password)}}
	ctx := context.Background()
	sv, err := services.Open(ctx, f.dir, services.Options{CheapKDF: true, Secrets: secrets.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	defer sv.Close()
	adm, err := sv.Accounts.Login(ctx, "admin", f.users["admin"])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []auth.Role{auth.RoleGDPROfficer, auth.RoleStaff} {
		pw := "ett långt lösenord för " + string(r)
		if _, err := sv.Accounts.CreateUser(ctx, adm, auth.NewUser{Username: string(r), Password: pw, Roles: []auth.Role{r}}); err != nil {
			t.Fatal(err)
		}
		f.users[string(r)] = pw
	}
	if _, err := sv.Accounts.CreateSchedulerToken(ctx, adm, secrets.NewKeyring()); err != nil {
		t.Fatal(err)
	}
	f.data = filepath.Join(t.TempDir(), "in.jsonl")
	lines := `{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Åsa Lindström","email":"asa@example.se","status":"open","created_at":"2020-01-01"}
{"type":"case","id":"K1","customer_number":"1001","title":"Läckage","status":"closed","created_at":"2020-01-01","closed_at":"2020-02-01"}
`
	if err := os.WriteFile(f.data, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// as runs the command line as principal.
func (f *loginFixture) as(t *testing.T, principal string, args ...string) (int, string, string) {
	t.Helper()
	pre := []string{"--data-dir", f.dir}
	stdin := ""
	switch principal {
	case principalNobody:
	case principalScheduler:
		pre = append(pre, "--scheduler")
	default:
		pre = append(pre, "--user", principal)
		stdin = f.users[principal] + "\n"
	}
	return run(t, stdin, append(pre, args...)...)
}

// query reads one value from the data folder's database.
func (f *loginFixture) query(t *testing.T, q string, args ...any) string {
	t.Helper()
	st, err := store.Open(context.Background(), f.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v sql.NullString
	if err := st.DB.QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v.String
}

// Every registered command, run by every principal through the real command line: the
// table's allowed ones get past the check, the others exit 1 with "login required" (nobody)
// or "not allowed".
func TestEveryCommandChecksTheLogin(t *testing.T) {
	f := newLoginFixture(t)
	if code, _, errOut := f.as(t, "admin", "import", f.data); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	runs := map[string][]string{
		"init":                {"init", "--admin", "x"},
		"check":               {"check"},
		"index":               {"index", "rebuild"},
		"retention list":      {"retention", "list"},
		"anonymise --dry-run": {"anonymise", "--dry-run", "--now", "2030-01-01T00:00:00Z"},
		"import":              {"import", f.data},
		"export":              {"export", "-"},
		"search":              {"search", "Åsa"},
		"delete":              {"delete", "case", "NOPE"},
		"demo":                {"demo", "--customers", "1"},
		"retention set":       {"retention", "set", "case", "--days", "400"},
		"anonymise --now":     {"anonymise", "--now", "2020-01-02T00:00:00Z"},
		"anonymise":           {"anonymise"},
		"report":              {"report", "Åsa", "-"},
		"portal":              {"portal", "invite", "customer", "NOPE"},
		"erase":               {"erase", "--dry-run", "Åsa"},
	}
	registered := map[string]bool{}
	for _, c := range commands() {
		registered[c.name] = true
	}
	for action := range accessTable() {
		if _, ok := runs[action]; !ok && registered[strings.Fields(action)[0]] {
			t.Errorf("no run for the registered action %q: add one", action)
		}
	}
	for action, args := range runs {
		for _, p := range principals {
			code, out, errOut := f.as(t, p, args...)
			refused := strings.Contains(errOut, "login required") || strings.Contains(errOut, "not allowed")
			switch {
			case allowed(action, p) && refused:
				t.Errorf("%s as %s: refused (%d %q)", action, p, code, errOut)
			case !allowed(action, p) && (!refused || code != ExitFail || out != ""):
				t.Errorf("%s as %s: %d %q %q, want exit 1, refused, nothing on stdout", action, p, code, out, errOut)
			case !allowed(action, p) && p == principalNobody && !strings.Contains(errOut, "login required"):
				t.Errorf("%s as nobody: %q, want login required", action, errOut)
			case !allowed(action, p) && p != principalNobody && !strings.Contains(errOut, "not allowed"):
				t.Errorf("%s as %s: %q, want not allowed", action, p, errOut)
			}
		}
	}
}

// The attacks, from the command line.
func TestCommandLineAttacksAreRefused(t *testing.T) {
	f := newLoginFixture(t)
	if code, _, errOut := f.as(t, "admin", "import", f.data); code != 0 {
		t.Fatal(errOut)
	}
	staffID := f.query(t, "SELECT ext_id FROM records WHERE type = 'user' AND json_extract(data, '$.username') = 'staff'")
	perm := filepath.Join(t.TempDir(), "perm.jsonl")
	os.WriteFile(perm, []byte(`{"type":"permission","id":"`+staffID+`:admin","user":"`+staffID+`","role":"admin"}`+"\n"), 0o600)
	// Staff making themself admin: no login, the wrong role, then even an admin's import.
	if code, _, errOut := f.as(t, "nobody", "import", perm); code != ExitFail || !strings.Contains(errOut, "login required") {
		t.Errorf("import without login: %d %q", code, errOut)
	}
	if code, _, errOut := f.as(t, "staff", "import", perm); code != ExitFail || !strings.Contains(errOut, "not allowed") {
		t.Errorf("import as staff: %d %q", code, errOut)
	}
	if code, _, errOut := f.as(t, "admin", "import", perm); code != ExitFail || !strings.Contains(errOut, perm+":1: field \"role\"") {
		t.Errorf("import of a permission as admin: %d %q", code, errOut)
	}
	if n := f.query(t, "SELECT count(*) FROM records WHERE type = 'permission' AND json_extract(data, '$.user') = ?", staffID); n != "1" {
		t.Errorf("staff has %s permissions, want 1", n)
	}
	// The only admin's record marked deleted.
	_, exp, _ := f.as(t, "admin", "export", "--type", "user", "-")
	var adminLine string
	for _, l := range strings.Split(exp, "\n") {
		if strings.Contains(l, `"username":"admin"`) {
			adminLine = strings.Replace(l, `"status":"open"`, `"status":"deleted"`, 1)
		}
	}
	del := filepath.Join(t.TempDir(), "del.jsonl")
	os.WriteFile(del, []byte(adminLine+"\n"), 0o600)
	if code, _, errOut := f.as(t, "gdpr_officer", "import", del); code != ExitFail || !strings.Contains(errOut, del+":1: field \"status\"") {
		t.Errorf("deleting the only admin by import: %d %q", code, errOut)
	}
	// Wiping everything with a far-future clock: not without a login, not with the token.
	for _, p := range []string{"nobody", "scheduler", "staff"} {
		if code, _, _ := f.as(t, p, "anonymise", "--now", "9999-12-31T23:59:59Z"); code != ExitFail {
			t.Errorf("anonymise --now 9999 as %s: exit %d", p, code)
		}
	}
	if n := f.query(t, "SELECT count(*) FROM records WHERE anonymised_at IS NOT NULL"); n != "0" {
		t.Errorf("%s records anonymised by refused runs", n)
	}
	// Exporting everything without a login prints nothing.
	if code, out, _ := f.as(t, "nobody", "export", "-"); code != ExitFail || out != "" {
		t.Errorf("export without login: %d, %d bytes", code, len(out))
	}
	// --user and --scheduler together is bad usage; a missing password is a failure.
	if code, _, _ := run(t, password, "--data-dir", f.dir, "--user", "admin", "--scheduler", "anonymise"); code != ExitUsage {
		t.Errorf("--user with --scheduler: %d", code)
	}
	if code, _, errOut := run(t, "", "--data-dir", f.dir, "--user", "admin", "export", "-"); code != ExitFail || !strings.Contains(errOut, "no password") {
		t.Errorf("no password: %d %q", code, errOut)
	}
}

// A failed login on the command line counts towards the account's back-off and is in the
// system log, as in the app; a run with a login is an event naming the account.
func TestCommandLineLoginBacksOffAndIsLogged(t *testing.T) {
	f := newLoginFixture(t)
	for i := 1; i <= 4; i++ {
		code, _, errOut := run(t, "not the password at all\n", "--data-dir", f.dir, "--user", "staff", "check")
		if code != ExitFail || !strings.Contains(errOut, "wrong username or password") {
			t.Fatalf("wrong password %d: %d %q", i, code, errOut)
		}
	}
	code, _, errOut := f.as(t, "staff", "check")
	if code != ExitFail || !strings.Contains(errOut, "too many failed logins") {
		t.Fatalf("right password during the back-off: %d %q", code, errOut)
	}
	if n := f.query(t, "SELECT count(*) FROM records WHERE type = 'system_log' AND json_extract(data, '$.username') = 'staff' AND json_extract(data, '$.code') = 'bad_credentials'"); n != "4" {
		t.Errorf("%s bad_credentials entries, want 4", n)
	}
	if n := f.query(t, "SELECT count(*) FROM records WHERE type = 'system_log' AND json_extract(data, '$.username') = 'staff' AND json_extract(data, '$.code') = 'throttled'"); n != "1" {
		t.Errorf("%s throttled entries, want 1", n)
	}
	// No event for refused runs; one per run with a login, naming the account.
	if n := f.query(t, "SELECT count(*) FROM records WHERE type = 'event' AND json_extract(data, '$.username') = 'staff'"); n != "0" {
		t.Errorf("%s events for staff's refused runs", n)
	}
	if code, _, errOut := f.as(t, "gdpr_officer", "retention", "set", "case", "--days", "400"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := f.as(t, "admin", "import", f.data); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := f.as(t, "scheduler", "anonymise"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, _ := f.as(t, "nobody", "check"); code != 0 {
		t.Fatal("check without login")
	}
	got := f.query(t, "SELECT group_concat(json_extract(data, '$.username') || ' ' || json_extract(data, '$.action'), ', ') FROM (SELECT data FROM records WHERE type = 'event' AND json_extract(data, '$.action') LIKE 'cli.%' ORDER BY rid)")
	if got != "gdpr_officer cli.retention.set, admin cli.import, scheduler cli.anonymise" {
		t.Errorf("events %q", got)
	}
}

// The scheduler token allows anonymise on the real clock and nothing else; revoked or missing,
// nothing.
func TestSchedulerTokenOnTheCommandLine(t *testing.T) {
	f := newLoginFixture(t)
	if code, out, errOut := f.as(t, "scheduler", "anonymise", "--json"); code != 0 || !strings.Contains(out, `"dry_run": false`) {
		t.Fatalf("scheduler anonymise: %d %q %q", code, out, errOut)
	}
	for _, args := range [][]string{{"anonymise", "--now", "2030-01-01T00:00:00Z"}, {"export", "-"}, {"import", f.data}, {"search", "Åsa"}, {"retention", "set", "case", "--days", "1"}, {"delete", "case", "K1"}} {
		if code, _, errOut := f.as(t, "scheduler", args...); code != ExitFail || !strings.Contains(errOut, "not allowed") {
			t.Errorf("scheduler %v: %d %q", args, code, errOut)
		}
	}
	// Revoked in the app: refused at once.
	sv, err := services.Open(context.Background(), f.dir, services.Options{CheapKDF: true, Secrets: secrets.NewMemory()})
	if err != nil {
		t.Fatal(err)
	}
	adm, err := sv.Accounts.Login(context.Background(), "admin", f.users["admin"])
	if err == nil {
		err = sv.Accounts.RevokeSchedulerToken(context.Background(), adm, secrets.NewKeyring())
	}
	sv.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := f.as(t, "scheduler", "anonymise"); code != ExitFail || !strings.Contains(errOut, "not allowed") || !strings.Contains(errOut, "scheduler token") {
		t.Errorf("revoked token: %d %q", code, errOut)
	}
	if n := f.query(t, "SELECT count(*) FROM records WHERE type = 'system_log' AND json_extract(data, '$.username') = 'scheduler' AND json_extract(data, '$.code') = 'scheduler_token'"); n != "1" {
		t.Errorf("%s failed scheduler logins in the system log, want 1", n)
	}
}

// demo fills a store made by init although the login wrote its own log lines first.
func TestDemoAfterLogin(t *testing.T) {
	dir := initStore(t)
	if code, out, errOut := admin(t, dir, "demo", "--customers", "2", "--seed", "1", "--now", "2026-11-01T00:00:00Z"); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := admin(t, dir, "demo", "--customers", "2"); code != ExitFail || !strings.Contains(errOut, "already holds data") {
		t.Fatalf("second demo: %d %q", code, errOut)
	}
}
