package retention

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"dataskydd/backend/search"
	"dataskydd/backend/store"
)

// Distinctive values, each in a field some rule erases, none of them anywhere else.
var erased = []string{
	"Zxqvbörn Qwylldottir",     // customer name
	"+46709998877",             // customer mobile phone
	"19121212-1212",            // customer personnummer
	"zxqv.qwyll@exampel-zz.se", // customer e-mail
	"Qpxzwerkgatan 77",         // customer street
	"Gammalnamn Zqxxyberg",     // an old value in the customer's version history
	"Kvmbxlundqvist Ytterö",    // end customer on a work order
	"Wrövelkommentar om Jxqz",  // work order comment (child row)
	"+46731112299",             // conversation phone on a work order
	"Fnyxelbetalare Qöst",      // payer on a project payment plan (replaced)
	"192.0.2.177",              // event IP
	"loggzqxuser",              // system-log user name (row deleted)
	"Ökvistrapport Zzlq",       // time report comment
	"Larmkod Qzxyplomb",        // a secure-data entry about the customer (deleted with it)
}

func erasureLines() []string {
	return []string{
		`{"type":"user","id":"U1","username":"bertil","status":"open"}`,
		`{"type":"customer","id":"C1","customer_number":"4711","kind":"private","name":"Zxqvbörn Qwylldottir","mobile_phone":"+46709998877","personal_number":"19121212-1212","email":"zxqv.qwyll@exampel-zz.se","street":"Qpxzwerkgatan 77","versions":[{"changed_at":"2025-01-01T00:00:00Z","changed_by":"U1","fields":{"name":"Gammalnamn Zqxxyberg"}}],"status":"deleted","deleted_at":"2026-01-01T00:00:00Z"}`,
		`{"type":"work_order","id":"WO1","number":"1","title":"Rör","customer_number":"4711","end_customer_name":"Kvmbxlundqvist Ytterö","comments":[{"author":"U1","text":"Wrövelkommentar om Jxqz"}],"conversations":[{"from_phone":"+46731112299","body":"hej"}],"status":"closed","closed_at":"2026-01-01T00:00:00Z"}`,
		`{"type":"project","id":"P1","number":"2","name":"Bygge","payment_plans":[{"payer_name":"Fnyxelbetalare Qöst","amount":1}],"closed_at":"2026-01-01T00:00:00Z"}`,
		`{"type":"event","id":"E1","occurred_at":"2026-01-01T00:00:00Z","ip":"192.0.2.177","action":"login"}`,
		`{"type":"system_log","id":"L1","occurred_at":"2026-01-01T00:00:00Z","username":"loggzqxuser","kind":"login"}`,
		`{"type":"time_report","id":"TR1","user":"U1","hours":2,"comment":"Ökvistrapport Zzlq","updated_at":"2026-01-01T00:00:00Z"}`,
	}
}

// fragments are the 8-byte windows of a value: Snappy and other encodings split strings,
// so a short fragment is what a byte search must look for.
func fragments(v string) [][]byte {
	b := []byte(v)
	if len(b) <= 8 {
		return [][]byte{b}
	}
	var out [][]byte
	for i := 0; i+8 <= len(b); i++ {
		out = append(out, b[i:i+8])
	}
	return out
}

// residue byte-searches every file under dir and returns, per value, the files holding a
// fragment of it.
func residue(t *testing.T, dir string) map[string][]string {
	t.Helper()
	found := map[string][]string{}
	files := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		for _, v := range erased {
			for _, f := range fragments(v) {
				if bytes.Contains(data, f) {
					rel, _ := filepath.Rel(dir, path)
					found[v] = append(found[v], rel+" ("+string(f)+")")
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("no files in the data folder")
	}
	return found
}

func TestProvableErasure(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Create(ctx, dir, store.CreateOptions{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	importLines(t, st, erasureLines()...)
	// Secure data about the customer, as package vault stores it (its tables, the outbox).
	for _, q := range []string{
		`INSERT INTO vault_forms(form_id, name, purpose, fields, created_at, updated_at) VALUES ('F1', 'Larm', 'customer', '[{"id":"f1","name":"Kod","kind":"text","encrypted":false}]', 1, 1)`,
		`INSERT INTO vault_entries(entry_id, form_id, customer_number, created_at, updated_at) VALUES ('VE1', 'F1', '4711', 1, 1)`,
		`INSERT INTO vault_values(entry_id, field_id, plain) VALUES ('VE1', 'f1', 'Larmkod Qzxyplomb')`,
		`INSERT INTO outbox(type, ext_id) VALUES ('vault_entry', 'VE1')`,
	} {
		if _, err := st.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, typ := range []string{"customer", "work_order", "project", "time_report"} {
		enable(t, st, typ, 30)
	}
	ix, err := search.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, "Qwylldottir", 10)
	if err != nil || res.Total == 0 {
		t.Fatalf("the index does not hold the values before the run: %+v %v", res, err)
	}
	ix.Close()
	st.Close()
	// The byte search sees every value before the run (so it can fail).
	before := residue(t, dir)
	for _, v := range erased {
		if len(before[v]) == 0 {
			t.Fatalf("%q not found in the data folder before the run", v)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, search.DirName)); err != nil {
		t.Fatalf("no search index folder: %v", err)
	}

	st, err = store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, err = search.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := New(st, Options{Index: ix, Batch: 2}).Run(ctx, mustTime(t, "2026-11-01T00:00:00Z"), TriggerManual)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total() != 6 {
		t.Errorf("handled %d records, want 6: %s", rep.Total(), jsonText(rep.Types))
	}
	for _, q := range []string{"Qwylldottir", "+46709998877", "19121212-1212", "Kvmbxlundqvist", "Fnyxelbetalare", "Qzxyplomb"} {
		res, err := ix.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 {
			t.Errorf("the person search still finds %q: %+v", q, res.Hits)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for v, where := range residue(t, dir) {
		t.Errorf("%q is still readable after the run in %v", v, where)
	}
}

// countingIndex counts the purges a run asks for.
type countingIndex struct{ purges int }

func (c *countingIndex) Apply(context.Context) error { return nil }
func (c *countingIndex) Purge(context.Context) error { c.purges++; return nil }

// TestRunPurgesWhatACrashLeft: an erasure whose purge never ran (the mark in the store) is
// purged by the next run even when nothing is due; with nothing pending, nothing is purged.
func TestRunPurgesWhatACrashLeft(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	ix := &countingIndex{}
	e := New(st, Options{Index: ix})
	now := mustTime(t, "2026-11-01T00:00:00Z")
	if _, err := e.Run(ctx, now, TriggerManual); err != nil {
		t.Fatal(err)
	}
	if ix.purges != 0 {
		t.Fatalf("a run with nothing due and nothing pending purged %d times", ix.purges)
	}
	if err := st.Update(ctx, func(tx *store.Tx) error { tx.MarkErasure(); return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Run(ctx, now, TriggerManual); err != nil {
		t.Fatal(err)
	}
	if ix.purges != 1 {
		t.Fatalf("the run purged %d times, want 1 for the pending erasure", ix.purges)
	}
}
