package erasure

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dataskydd/backend/jsonl"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/search"
	"dataskydd/backend/store"
	"dataskydd/backend/store/storetest"
)

// The person: Åsa Qwyllström, written differently in different places.
var personLines = []string{
	`{"type":"user","id":"U1","username":"admin","name":"Adam Admin"}`,
	`{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Åsa Qwyllström","mobile_phone":"070-912 34 56","email":"asa.qwyll@exempel-zz.se","personal_number":"19121212-1212","street":"Zorbagatan 5","notes":"Vill bli ringd efter 17","versions":[{"changed_at":"2025-01-01T00:00:00Z","changed_by":"U1","fields":{"name":"Åsa Gammalqvist"}}]}`,
	`{"type":"customer","id":"C2","customer_number":"2002","kind":"company","name":"Byggbolaget AB","email":"info@bygg-zz.se"}`,
	`{"type":"customer","id":"C3","customer_number":"3003","kind":"private","name":"Åsa Lindberg","mobile_phone":"070-111 22 33"}`,
	`{"type":"contact_person","id":"CP1","customer_number":"2002","first_name":"Bertil","last_name":"Zeta","email":"bertil@bygg-zz.se"}`,
	`{"type":"case","id":"K1","number":"55","title":"Byte av lås","customer_number":"2002","end_customer_name":"Asa Qwyllstrom","end_customer_phone":"+46709123456","comments":[{"author":"U1","text":"Ringde Åsa Qwyllström om nyckeln, portkod 4455"},{"author":"U1","text":"Bertil bekräftade"}]}`,
	`{"type":"work_order","id":"WO1","number":"77","title":"Målning","customer_number":"1001"}`,
	`{"type":"meeting","id":"M1","title":"Genomgång","starts_at":"2026-02-01T10:00:00Z","participants":[{"name":"Bertil Zeta","email":"bertil@bygg-zz.se"},{"name":"Å. Q.","email":"ASA.QWYLL@exempel-zz.se"}]}`,
}

func newStore(t *testing.T) *store.Store {
	t.Helper()
	st := storetest.New(t, store.CreateOptions{Lang: "sv"})
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(personLines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := jsonl.Import(context.Background(), st, []string{path}, jsonl.Options{}); err != nil {
		t.Fatalf("importing: %v", err)
	}
	return st
}

func openIndex(t *testing.T, st *store.Store) *search.Index {
	t.Helper()
	ix, err := search.Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func get(t *testing.T, st *store.Store, typ, id string) map[string]any {
	t.Helper()
	r, err := st.Get(context.Background(), typ, id)
	if err != nil {
		t.Fatalf("reading %s %s: %v", typ, id, err)
	}
	return r.Values
}

func total(t *testing.T, ix *search.Index, q string) int {
	t.Helper()
	res, err := ix.Search(context.Background(), q, -1)
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

func TestPreviewChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	ix := openIndex(t, st)
	before := total(t, ix, "Åsa Qwyllström")
	if before == 0 {
		t.Fatal("the person is not found before the erasure")
	}
	plan, err := New(st, ix).Preview(ctx, "asa qwyllstrom")
	if err != nil {
		t.Fatal(err)
	}
	if plan.Kind != "name" {
		t.Errorf("kind = %q, want name", plan.Kind)
	}
	modes := map[string]string{}
	for _, r := range plan.Records {
		modes[r.Type+"/"+r.ID] = r.Mode
	}
	want := map[string]string{"customer/C1": ModeRule, "case/K1": ModeValues, "meeting/M1": ModeValues}
	for k, m := range want {
		if modes[k] != m {
			t.Errorf("plan: %s mode %q, want %q (plan %v)", k, modes[k], m, modes)
		}
	}
	for _, k := range []string{"customer/C2", "customer/C3", "contact_person/CP1", "work_order/WO1", "user/U1"} {
		if _, ok := modes[k]; ok {
			t.Errorf("plan lists %s, which holds nothing of the person", k)
		}
	}
	if got := total(t, ix, "Åsa Qwyllström"); got != before {
		t.Errorf("preview changed the search: %d hits, before %d", got, before)
	}
	if v := get(t, st, "case", "K1")["end_customer_name"]; v != "Asa Qwyllstrom" {
		t.Errorf("preview changed the case: %v", v)
	}
}

func TestEraseEverywhere(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	ix := openIndex(t, st)
	dir := st.Dir
	// More writes in separate batches, so the index has several segments: Bleve keeps a
	// deleted value in a segment until the segment is merged away.
	for i := 0; i < 4; i++ {
		err := st.Update(ctx, func(tx *store.Tx) error {
			for j := 0; j < 40; j++ {
				r := record.New(mustType(t, "customer"), fmt.Sprintf("X%d-%d", i, j))
				r.Set("customer_number", fmt.Sprintf("%d", 9000+i*100+j))
				r.Set("name", fmt.Sprintf("Fyllnad %d %d", i, j))
				if _, err := tx.Put(r, 0); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Apply(ctx); err != nil {
			t.Fatal(err)
		}
	}
	res, err := New(st, ix).Erase(ctx, "Asa Qwyllstrom", Actor{UserID: "U1", Username: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Anonymised != 1 || res.Edited != 2 || res.Remaining != 0 {
		t.Errorf("result: anonymised %d, edited %d, remaining %d; want 1, 2, 0 (%+v)", res.Anonymised, res.Edited, res.Remaining, res.Plan)
	}

	// The person's own record, by the customer rule.
	c1 := get(t, st, "customer", "C1")
	for _, f := range []string{"name", "mobile_phone", "email", "personal_number", "street", "notes"} {
		if c1[f] != "Anonymiserad" {
			t.Errorf("customer C1 %s = %v, want Anonymiserad", f, c1[f])
		}
	}
	if c1["customer_number"] != "0" {
		t.Errorf("customer C1 number = %v, want 0", c1["customer_number"])
	}
	if _, ok := c1["versions"]; ok {
		t.Error("customer C1 keeps its version history")
	}
	if wo := get(t, st, "work_order", "WO1"); wo["customer_number"] != "0" || wo["title"] != "Målning" {
		t.Errorf("work order WO1 = %v, want customer number 0 and its title kept", wo)
	}

	// Another record: the person's values replaced, everything else kept.
	k1 := get(t, st, "case", "K1")
	if k1["end_customer_name"] != "Anonymiserad" || k1["end_customer_phone"] != "Anonymiserad" {
		t.Errorf("case K1 end customer = %v / %v", k1["end_customer_name"], k1["end_customer_phone"])
	}
	if k1["title"] != "Byte av lås" || k1["customer_number"] != "2002" {
		t.Errorf("case K1 lost data that is not the person's: %v", k1)
	}
	rows := k1["comments"].([]map[string]any)
	if rows[0]["text"] != "Ringde Anonymiserad om nyckeln, portkod 4455" || rows[1]["text"] != "Bertil bekräftade" {
		t.Errorf("case K1 comments = %v", rows)
	}
	// Found through the e-mail address of her own record, though the query was a name.
	parts := get(t, st, "meeting", "M1")["participants"].([]map[string]any)
	if parts[1]["email"] != "Anonymiserad" || parts[0]["name"] != "Bertil Zeta" || parts[0]["email"] != "bertil@bygg-zz.se" {
		t.Errorf("meeting participants = %v", parts)
	}

	// Others untouched.
	if c3 := get(t, st, "customer", "C3"); c3["name"] != "Åsa Lindberg" {
		t.Errorf("customer C3 = %v", c3)
	}
	if cp := get(t, st, "contact_person", "CP1"); cp["last_name"] != "Zeta" {
		t.Errorf("contact person CP1 = %v", cp)
	}

	// Nothing found, whatever the format.
	for _, q := range []string{"Åsa Qwyllström", "Qwyllstrom", "0709123456", "+46 70 912 34 56", "asa.qwyll@exempel-zz.se", "191212121212", "Gammalqvist"} {
		if n := total(t, ix, q); n != 0 {
			t.Errorf("search %q after the erasure: %d hits", q, n)
		}
	}

	// Logged without the personal data.
	var events []string
	rowsq, err := st.DB.QueryContext(ctx, "SELECT data FROM records WHERE type = 'event'")
	if err != nil {
		t.Fatal(err)
	}
	for rowsq.Next() {
		var d string
		if err := rowsq.Scan(&d); err != nil {
			t.Fatal(err)
		}
		events = append(events, d)
	}
	rowsq.Close()
	if len(events) != 3 {
		t.Errorf("events = %d, want 3 (one per changed record): %v", len(events), events)
	}
	for _, e := range events {
		if !strings.Contains(e, EventAction) || strings.Contains(e, "Qwyll") || strings.Contains(e, "912") {
			t.Errorf("event %s", e)
		}
	}

	// And gone from the files: database, WAL and index.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"Qwyllstr", "Qwyllstrom", "asa.qwyll", "ASA.QWYLL", "Gammalqvist", "912 34 56", "46709123456", "Zorbagatan", "191212121212", "19121212-1212"} {
		if files := filesHolding(t, dir, v); len(files) > 0 {
			t.Errorf("%q still in %v", v, files)
		}
	}
	if files := filesHolding(t, dir, "Lindberg"); len(files) == 0 {
		t.Error("the byte search finds nothing at all: it proves nothing")
	}
}

func TestEraseRefusesOwnAccount(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	ix := openIndex(t, st)
	_, err := New(st, ix).Erase(ctx, "Adam Admin", Actor{UserID: "U1", Username: "admin"})
	if !errors.Is(err, ErrOwnAccount) {
		t.Fatalf("err = %v, want ErrOwnAccount", err)
	}
	if u := get(t, st, "user", "U1"); u["name"] != "Adam Admin" {
		t.Errorf("user U1 changed: %v", u)
	}
	if _, err := New(st, ix).Preview(ctx, "  "); !errors.Is(err, ErrEmptyQuery) {
		t.Errorf("empty query: err = %v", err)
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct {
		v     string
		spans []search.Span
		want  string
	}{
		{"Ringde Åsa Q om", []search.Span{{Start: 7, End: 11}, {Start: 12, End: 13}}, "Ringde X om"},
		{"mail a.b@c.se nu", []search.Span{{Start: 5, End: 13}, {Start: 5, End: 6}}, "mail X nu"},
		{"abc", nil, "abc"},
		{"a, b", []search.Span{{Start: 0, End: 1}, {Start: 3, End: 4}}, "X, X"},
	} {
		if got := redact(c.v, c.spans, "X"); got != c.want {
			t.Errorf("redact(%q) = %q, want %q", c.v, got, c.want)
		}
	}
}

func mustType(t *testing.T, name string) *registry.Type {
	t.Helper()
	typ, ok := registry.Get(name)
	if !ok {
		t.Fatalf("no type %s", name)
	}
	return typ
}

// filesHolding lists the files under dir whose bytes contain s.
func filesHolding(t *testing.T, dir, s string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(s)) {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
