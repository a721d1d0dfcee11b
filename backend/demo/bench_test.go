package demo

import (
	"context"
	"testing"
	"time"

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
