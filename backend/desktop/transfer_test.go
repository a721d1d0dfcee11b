package desktop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dataskydd/backend/registry"
)

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
			_, _ = a.Cancel() // as the Cancel button would, while the import runs
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
	if stopped, _ := a.Cancel(); stopped {
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
