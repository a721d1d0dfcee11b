package search

import (
	"context"
	"os"
	"testing"

	"dataskydd/backend/store"
)

func BenchmarkZZSlowNames(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv("SEARCH_BENCH_DIR"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ix, err := Open(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	qs := []string{"lars karlsson", "åke lindqvist", "lars dahlén", "anna sandström", "bjorn karlsson", "ulla ekström"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range qs {
			if _, err := ix.Search(ctx, q, DefaultLimit); err != nil {
				b.Fatal(err)
			}
		}
	}
}
