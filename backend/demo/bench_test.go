package demo

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"dataskydd/backend/jsonl"

	"dataskydd/backend/record"
)

var benchNow = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// BenchmarkGenerate measures making records alone (no store), reported per record.
func BenchmarkGenerate(b *testing.B) {
	n := 0
	for b.Loop() {
		err := Generate(context.Background(), Options{Customers: 500, Seed: 1, Now: benchNow}, func(r *record.Record) error {
			n++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkFill measures generating into a real store, reported per record.
func BenchmarkFill(b *testing.B) {
	n := 0
	for b.Loop() {
		b.StopTimer()
		st := newStore(b)
		b.StartTimer()
		res, err := Fill(context.Background(), st, Options{Customers: 500, Seed: 1, Now: benchNow})
		if err != nil {
			b.Fatal(err)
		}
		n += res.Records
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkImportDemoExport measures jsonl.Import (what `dataskydd import` does before it
// updates the search index) of the demo data set's export into an empty store. The export
// is made once, of BENCH_CUSTOMERS customers (default 1000), or read from BENCH_FILE.
// Profile it with -cpuprofile to see where an import spends its time.
func BenchmarkImportDemoExport(b *testing.B) {
	ctx := context.Background()
	path := os.Getenv("BENCH_FILE")
	if path == "" {
		customers := 1000
		if s := os.Getenv("BENCH_CUSTOMERS"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				b.Fatalf("BENCH_CUSTOMERS: %v", err)
			}
			customers = n
		}
		st := newStore(b)
		if _, err := Fill(ctx, st, Options{Customers: customers, Seed: 1, Now: benchNow}); err != nil {
			b.Fatal(err)
		}
		path = filepath.Join(b.TempDir(), "demo.jsonl")
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := jsonl.Export(ctx, st, f, jsonl.ExportOptions{}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	n := 0
	for b.Loop() {
		b.StopTimer()
		st := newStore(b)
		b.StartTimer()
		res, err := jsonl.Import(ctx, st, []string{path}, jsonl.Options{})
		if err != nil {
			b.Fatal(err)
		}
		n += res.Records
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}
