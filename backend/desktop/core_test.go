package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/registry"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
)

// recorder collects the runtime events an App sends; hook, when set, sees each one.
type recorder struct {
	mu     sync.Mutex
	events []EventName
	last   map[EventName]any
	hook   func(EventName, any)
}

// Emit records an event (Runtime); the recorder opens no dialogs.
func (r *recorder) Emit(event string, data any) {
	name := EventName(event)
	r.mu.Lock()
	if r.last == nil {
		r.last = map[EventName]any{}
	}
	r.events = append(r.events, name)
	r.last[name] = data
	hook := r.hook
	r.mu.Unlock()
	if hook != nil {
		hook(name, data)
	}
}

func (r *recorder) SaveFile(FileDialog) (string, error)    { return "", errNoWindow }
func (r *recorder) OpenFiles(FileDialog) ([]string, error) { return nil, errNoWindow }

func (r *recorder) count(name EventName) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e == name {
			n++
		}
	}
	return n
}

// newTestApp returns an App on a fresh data folder, with a store when withStore.
func newTestApp(t *testing.T, withStore bool) (*App, *recorder) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	opts := &services.Options{CheapKDF: true, Secrets: secrets.NewMemory()}
	// Logged in as an administrator (roles_test.go checks who may call what). The
	// account is real: every call re-reads it from the store.
	sess := auth.Session{UserID: "U-test", Username: "test", Roles: []auth.Role{auth.RoleAdmin}}
	if withStore {
		st, err := store.Create(context.Background(), dir, store.CreateOptions{Lang: "sv"})
		if err != nil {
			t.Fatal(err)
		}
		sv, err := services.Wire(context.Background(), st, *opts)
		if err != nil {
			t.Fatal(err)
		}
		if sess, err = sv.Accounts.Setup(context.Background(), auth.SetupInput{Username: "test", Password: adminPassword}); err != nil {
			t.Fatal(err)
		}
		if err := sv.Close(); err != nil {
			t.Fatal(err)
		}
	}
	a := NewApp(dir)
	rec := &recorder{}
	a.rt = rec
	a.session.opts = opts
	a.session.sess = sess
	t.Cleanup(func() { a.shutdown() })
	return a, rec
}

const fixture = "../../frontend/e2e/fixtures/small.jsonl"

// accountRecords are the records of the test admin's account in a newTestApp store: its user
// and its permission.
const accountRecords = 2

func codeOfAppError(t *testing.T, err error) ErrorCode {
	t.Helper()
	var ae *AppError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) is not an *AppError", err, err)
	}
	return ae.Code
}

func TestStatusWithoutStore(t *testing.T) {
	a, _ := newTestApp(t, false)
	info, err := a.Status()
	if err != nil {
		t.Fatal(err)
	}
	if info.StoreExists || info.Total != 0 || info.DataDir != a.dataDir {
		t.Fatalf("status = %+v", info)
	}
	if len(info.Types) != len(registry.Types()) {
		t.Fatalf("got %d types, want every registry type (%d)", len(info.Types), len(registry.Types()))
	}
	if info.Version == "" {
		t.Fatal("no version")
	}
}

func TestImportThenStatus(t *testing.T) {
	a, rec := newTestApp(t, true)
	res, err := a.ImportFiles([]string{fixture})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 0 {
		t.Fatalf("problems: %+v", res.Problems)
	}
	want := map[string]int{"user": 2, "customer": 2, "contact_person": 1, "work_order": 2, "time_report": 1, "inventory": 1}
	got := map[string]int{}
	for _, c := range res.Types {
		got[c.Type] = c.Count
		rt, _ := registry.Get(c.Type)
		if c.LabelSV != rt.LabelSV || c.LabelEN != rt.LabelEN || c.Area != rt.Area {
			t.Errorf("%s: labels %q/%q area %q, registry says %q/%q %q", c.Type, c.LabelSV, c.LabelEN, c.Area, rt.LabelSV, rt.LabelEN, rt.Area)
		}
	}
	if len(got) != len(want) || res.Total != 9 {
		t.Fatalf("imported %v (total %d), want %v (9)", got, res.Total, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: imported %d, want %d", k, got[k], v)
		}
	}
	if rec.count(EventStoreChanged) != 1 || rec.count(EventImportProgress) < 2 {
		t.Errorf("events %v: want progress reports and one store:changed", rec.events)
	}
	if p, _ := rec.last[EventImportProgress].(Progress); !p.Finished {
		t.Errorf("last progress %+v is not Finished", rec.last[EventImportProgress])
	}

	info, err := a.Status()
	if err != nil {
		t.Fatal(err)
	}
	want["user"]++ // the test admin's account (newTestApp)
	want["permission"]++
	if !info.StoreExists || info.Total != 9+accountRecords {
		t.Fatalf("status after import: exists=%v total=%d", info.StoreExists, info.Total)
	}
	for _, c := range info.Types {
		if c.Count != want[c.Type] {
			t.Errorf("status %s = %d, want %d", c.Type, c.Count, want[c.Type])
		}
	}
}

func TestImportBadLineWritesNothing(t *testing.T) {
	a, rec := newTestApp(t, true)
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	good, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(good), "\n")
	lines[3] = strings.Replace(lines[3], `"created_at":"2024-03-05"`, `"created_at":"5 mars"`, 1)
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := a.ImportFiles([]string{bad})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 {
		t.Fatalf("problems = %+v, want one", res.Problems)
	}
	p := res.Problems[0]
	if p.File != bad || p.Line != 4 || p.Field != "created_at" || p.Message == "" {
		t.Fatalf("problem = %+v, want %s:4 field created_at", p, bad)
	}
	if res.Total != 0 || len(res.Types) != 0 {
		t.Fatalf("result counts %d %v after a rejected import", res.Total, res.Types)
	}
	if rec.count(EventStoreChanged) != 0 {
		t.Fatal("store:changed sent for a rejected import")
	}
	info, err := a.Status()
	if err != nil {
		t.Fatal(err)
	}
	if info.Total != accountRecords {
		t.Fatalf("%d records written by a rejected import", info.Total-accountRecords)
	}
}

func TestImportErrorsCarryCodes(t *testing.T) {
	withStore, _ := newTestApp(t, true)
	noStore, _ := newTestApp(t, false)
	tests := []struct {
		name  string
		app   *App
		paths []string
		want  ErrorCode
	}{
		{"no files", withStore, nil, CodeBadRequest},
		{"missing file", withStore, []string{filepath.Join(t.TempDir(), "nope.jsonl")}, CodeFileNotFound},
		{"no store", noStore, []string{fixture}, CodeNoStore},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.app.ImportFiles(tt.paths)
			if got := codeOfAppError(t, err); got != tt.want {
				t.Fatalf("code %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
}

func TestFormatError(t *testing.T) {
	tests := []struct {
		err  error
		want ErrorCode
	}{
		{fail(CodeNoStore, errors.New("x")), CodeNoStore},
		{store.ErrNoStore, CodeNoStore},
		{os.ErrNotExist, CodeFileNotFound},
		{context.Canceled, CodeCancelled},
		{errors.New("disk on fire"), CodeInternal},
	}
	for _, tt := range tests {
		text, ok := FormatError(tt.err).(string)
		var ae AppError
		if !ok || json.Unmarshal([]byte(text), &ae) != nil || ae.Code != tt.want || ae.Message == "" {
			t.Errorf("FormatError(%v) = %v, want JSON with code %q", tt.err, FormatError(tt.err), tt.want)
		}
	}
}

// Codes and event names cross to TypeScript by their values (EnumBind): they must be
// unique, or two would be indistinguishable there.
func TestConstantsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range allErrorCodes {
		if seen["code:"+string(c.Value)] || seen["ts:code:"+c.TSName] {
			t.Errorf("error code %q / %s listed twice", c.Value, c.TSName)
		}
		seen["code:"+string(c.Value)], seen["ts:code:"+c.TSName] = true, true
	}
	for _, e := range allEventNames {
		if seen["event:"+string(e.Value)] || seen["ts:event:"+e.TSName] {
			t.Errorf("event %q / %s listed twice", e.Value, e.TSName)
		}
		seen["event:"+string(e.Value)], seen["ts:event:"+e.TSName] = true, true
	}
}

func TestExportRoundTrip(t *testing.T) {
	a, rec := newTestApp(t, true)
	if _, err := a.ImportFiles([]string{fixture}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export.jsonl")
	res, err := a.ExportFile(out, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 9+accountRecords || res.Path != out {
		t.Fatalf("export result %+v, want %d records to %s", res, 9+accountRecords, out)
	}
	if p, _ := rec.last[EventExportProgress].(Progress); !p.Finished {
		t.Errorf("last export progress %+v is not Finished", rec.last[EventExportProgress])
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".dataskydd-export-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// The export imports back into the store and exports to the same bytes. (Into another
	// store it would not: an import never creates accounts or roles, docs/security.md.)
	b := a
	if r, err := b.ImportFiles([]string{out}); err != nil || len(r.Problems) != 0 || r.Total != 9+accountRecords {
		t.Fatalf("re-import: %+v, %v", r, err)
	}
	again := filepath.Join(t.TempDir(), "again.jsonl")
	if _, err := b.ExportFile(again, ""); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(out)
	second, _ := os.ReadFile(again)
	if string(first) != string(second) {
		t.Fatalf("export -> import -> export differs:\n%s\n---\n%s", first, second)
	}

	// One type only.
	one := filepath.Join(t.TempDir(), "customers.jsonl")
	res, err = a.ExportFile(one, "customer")
	if err != nil || res.Total != 2 || len(res.Types) != 1 || res.Types[0].Type != "customer" {
		t.Fatalf("customer export: %+v, %v", res, err)
	}
	if _, err := a.ExportFile(one, "no_such_type"); codeOfAppError(t, err) != CodeBadRequest {
		t.Fatalf("unknown type: %v", err)
	}
}

// bigFile writes n customers as JSON Lines, enough for many import chunks.
func bigFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "big.jsonl")
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, `{"type":"customer","id":"C%d","customer_number":"%d","name":"Kund %d","status":"open","created_at":"2024-01-01"}`+"\n", i, 10000+i, i)
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCancelImportWritesNothing(t *testing.T) {
	a, rec := newTestApp(t, true)
	rec.hook = func(name EventName, data any) {
		if p, ok := data.(Progress); ok && name == EventImportProgress && !p.Finished {
			a.Cancel() // as the Cancel button would, while the import runs
		}
	}
	_, err := a.ImportFiles([]string{bigFile(t, 20000)})
	if got := codeOfAppError(t, err); got != CodeCancelled {
		t.Fatalf("code %q, want cancelled (%v)", got, err)
	}
	info, err := a.Status()
	if err != nil {
		t.Fatal(err)
	}
	if info.Total != accountRecords {
		t.Fatalf("a cancelled import wrote %d records", info.Total-accountRecords)
	}
	if a.Cancel() {
		t.Fatal("Cancel reports an operation after the import returned")
	}
	// The next import runs normally.
	rec.hook = nil
	if r, err := a.ImportFiles([]string{fixture}); err != nil || r.Total != 9 {
		t.Fatalf("import after cancel: %+v, %v", r, err)
	}
}

func TestOneOperationAtATime(t *testing.T) {
	a, rec := newTestApp(t, true)
	var busyErr error
	rec.hook = func(name EventName, data any) {
		if p, ok := data.(Progress); ok && name == EventImportProgress && !p.Finished && busyErr == nil {
			_, busyErr = a.ExportFile(filepath.Join(t.TempDir(), "x.jsonl"), "")
		}
	}
	if _, err := a.ImportFiles([]string{fixture}); err != nil {
		t.Fatal(err)
	}
	if busyErr == nil || codeOfAppError(t, busyErr) != CodeBusy {
		t.Fatalf("export during an import: %v, want code busy", busyErr)
	}
}

func TestNeedDisplay(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	tests := []struct {
		goos string
		vars map[string]string
		want error
	}{
		{"linux", nil, errNoDisplay},
		{"linux", map[string]string{"DISPLAY": ":0"}, nil},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, nil},
		{"freebsd", nil, errNoDisplay},
		{"windows", nil, nil},
		{"darwin", nil, nil},
	}
	for _, tt := range tests {
		if got := NeedDisplay(tt.goos, env(tt.vars)); !errors.Is(got, tt.want) {
			t.Errorf("NeedDisplay(%s, %v) = %v, want %v", tt.goos, tt.vars, got, tt.want)
		}
	}
}
