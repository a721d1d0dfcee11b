package services

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"dataskydd/backend/jsonl"
	"dataskydd/backend/record"
	"dataskydd/backend/search"
)

// peakHeap runs f and returns the largest live heap seen while it ran (sampled every 2 ms)
// and the bytes it allocated.
func peakHeap(f func()) (peak, total uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, start := ms.HeapAlloc, ms.TotalAlloc
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var s runtime.MemStats
		for {
			runtime.ReadMemStats(&s)
			if s.HeapAlloc > peak {
				peak = s.HeapAlloc
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > peak {
		peak = ms.HeapAlloc
	}
	return peak - min(base, peak), ms.TotalAlloc - start
}

// randomWords returns n bytes of random words: every word new to the index, the costliest
// text there is to index.
func randomWords(r *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < n {
		for i := 3 + r.Intn(7); i > 0; i-- {
			b.WriteByte(byte('a' + r.Intn(26)))
		}
		b.WriteByte(' ')
	}
	return b.String()[:n]
}

// The import command at the size limits, search index included: a line of exactly
// jsonl.MaxLine bytes, every value as long as record.MaxString allows and made of words the
// index has never seen, is imported and indexed with a bounded heap. (Before the limits, a
// 15 MiB value took 2.4 GB and more; the search index needs about 250 times the text.)
func TestImportAtTheLimitsKeepsMemoryBounded(t *testing.T) {
	const maxPeak = 512 << 20 // measured 176-248 MiB
	ctx := context.Background()
	svc := wired(t, "sv", "")
	r := rand.New(rand.NewSource(1))
	head := `{"type":"case","id":"K1","comments":[`
	var b strings.Builder
	b.WriteString(head)
	for i := 0; ; i++ {
		left := jsonl.MaxLine - b.Len() - len(`,{"text":""}]}`)
		if left <= 0 {
			break
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"text":"` + randomWords(r, min(left, record.MaxString)) + `"}`)
	}
	b.WriteString("]}")
	line := b.String()
	if len(line) != jsonl.MaxLine {
		t.Fatalf("line of %d bytes, want %d", len(line), jsonl.MaxLine)
	}
	path := filepath.Join(t.TempDir(), "limit.jsonl")
	if err := os.WriteFile(path, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	peak, total := peakHeap(func() {
		if _, err := jsonl.Import(ctx, svc.Store, []string{path}, jsonl.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := svc.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("import and index of one line of %d KiB: peak heap %d MiB, %d MiB allocated", len(line)>>10, peak>>20, total>>20)
	if peak > maxPeak {
		t.Errorf("peak heap %d MiB, want at most %d MiB", peak>>20, maxPeak>>20)
	}
	// The record is there and searchable: the limit did not cost the data.
	word := strings.Fields(line[len(head)+len(`{"text":"`):])[1]
	res, err := svc.Index.Find(ctx, search.Request{Query: word, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Errorf("search for %q found nothing", word)
	}
}
