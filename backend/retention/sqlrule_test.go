package retention

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"dataskydd/backend/demo"
	"dataskydd/backend/jsonl"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// The rules compiled to SQL must leave exactly the bytes the Go rule leaves: same values,
// same canonical form, same links. Two copies of the demo data set are swept, one with the
// SQL path and one with Go only, and their exports and link tables compared.
func TestSQLRulesMatchTheGoRules(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	compiled := 0
	for _, typ := range registry.Types() {
		if _, ok := compileSQL(typ, "Anonymiserad"); ok {
			compiled++
		}
	}
	if compiled < 8 {
		t.Fatalf("only %d rules compile to SQL", compiled)
	}
	sweep := func(goOnly bool) (export []byte, links int, anonymised int) {
		st, err := store.Create(ctx, filepath.Join(t.TempDir(), "d"), store.CreateOptions{Lang: "sv"})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := demo.Fill(ctx, st, demo.Options{Customers: 40, Seed: 7, Now: now}); err != nil {
			t.Fatal(err)
		}
		on, days := true, 30
		for _, typ := range PolicyTypes() {
			if typ.Retention.Fixed() {
				continue
			}
			if _, err := SetPolicy(ctx, st, typ.Name, Change{Enabled: &on, Days: &days}); err != nil {
				t.Fatal(err)
			}
		}
		e := New(st, Options{Batch: 50})
		e.goOnly = goOnly
		rep, err := e.Run(ctx, now, TriggerManual)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := jsonl.Export(ctx, st, &buf, jsonl.ExportOptions{}); err != nil {
			t.Fatal(err)
		}
		st.DB.QueryRow("SELECT COUNT(*) FROM links").Scan(&links)
		return buf.Bytes(), links, rep.Total()
	}
	sqlExport, sqlLinks, sqlN := sweep(false)
	goExport, goLinks, goN := sweep(true)
	if sqlN < 200 || sqlN != goN {
		t.Fatalf("anonymised %d (SQL) vs %d (Go)", sqlN, goN)
	}
	if sqlLinks != goLinks {
		t.Errorf("links: %d (SQL) vs %d (Go)", sqlLinks, goLinks)
	}
	if !bytes.Equal(sqlExport, goExport) {
		a, b := bytes.Split(sqlExport, []byte("\n")), bytes.Split(goExport, []byte("\n"))
		for i := range min(len(a), len(b)) {
			if !bytes.Equal(a[i], b[i]) {
				t.Fatalf("first difference at line %d:\nSQL: %s\nGo:  %s", i+1, a[i], b[i])
			}
		}
		t.Fatalf("exports differ in length: %d vs %d lines", len(a), len(b))
	}
}
