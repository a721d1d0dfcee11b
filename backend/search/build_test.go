package search

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// A rebuild (Bleve's offline builder, several of its segments merged) is one segment holding
// every record, agrees with the database, reports its progress up to the total, and leaves
// no build files behind; the index it makes takes live writes after it.
func TestRebuildIsOneSegmentOfEveryRecord(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, formatData...)
	var lines []string
	for i := 0; i < 3*buildBatch+7; i++ {
		lines = append(lines, `{"type":"todo","id":"T`+itoa(i)+`","text":"Ring Majvor `+itoa(i)+`"}`)
	}
	put(t, st, lines...)
	var last, total int
	ix, err := Build(ctx, st, func(done, n int) { last, total = done, n })
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if last != total || total < len(lines) {
		t.Errorf("progress ended at %d of %d, want all of at least %d", last, total, len(lines))
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	segs := len(r.(*scorch.IndexSnapshot).Segments())
	r.Close()
	if segs != 1 {
		t.Errorf("%d segments after a rebuild, want 1", segs)
	}
	entries, err := os.ReadDir(ix.Dir())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "scorch-offline-build") {
			t.Errorf("build folder left behind: %s", filepath.Join(ix.Dir(), e.Name()))
		}
	}
	if problems, err := ix.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("Check after the rebuild: %v %v", problems, err)
	}
	if res := search(t, ix, "Majvor 3006"); !hasHit(res, "todo", "T3006", "text") || res.Total != 1 {
		t.Errorf("Majvor 3006: %s", describe(res))
	}
	put(t, st, `{"type":"todo","id":"N1","text":"Ring Majvor igen"}`)
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	if res := search(t, ix, "Majvor igen"); !hasHit(res, "todo", "N1", "text") {
		t.Errorf("a write after the rebuild: %s", describe(res))
	}
	if problems, err := ix.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("Check after a write: %v %v", problems, err)
	}
}
