package search

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"dataskydd/backend/store"
)

func outboxLen(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.DB.QueryRow("SELECT count(*) FROM outbox").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A crash after the database commit and before the index is updated loses nothing: the
// outbox rows are in the database and the next Open applies them.
func TestOutboxSurvivesCrashAndIsReplayed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Create(ctx, dir, store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	put(t, st, `{"type":"customer","id":"C1","customer_number":"1","name":"Första Kund"}`)
	ix, err := Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if n := outboxLen(t, st); n != 0 {
		t.Fatalf("outbox after Open: %d rows", n)
	}
	// Writes whose index update never happens: the process "dies" here.
	put(t, st, `{"type":"customer","id":"C2","customer_number":"2","name":"Andra Kundsson"}`,
		`{"type":"case","id":"K1","customer_number":"2","title":"Ärende","comments":[{"text":"Kundsson ringde"}]}`)
	if err := st.Update(ctx, func(tx *store.Tx) error { return tx.Remove("customer", "C1") }); err != nil {
		t.Fatal(err)
	}
	if n := outboxLen(t, st); n != 3 {
		t.Fatalf("outbox rows after the writes: %d, want 3", n)
	}
	if res := search(t, ix, "Kundsson"); res.Total != 0 {
		t.Fatalf("index saw the writes before Apply: %s", describe(res))
	}
	// Simulate the crash: close both without applying, then start again.
	ix.Close()
	st.Close()
	st, err = store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n := outboxLen(t, st); n != 3 {
		t.Fatalf("outbox rows after restart: %d, want 3", n)
	}
	ix = openIndex(t, st)
	if ix.Rebuilt() {
		t.Error("Open rebuilt instead of replaying the outbox")
	}
	if n := outboxLen(t, st); n != 0 {
		t.Errorf("outbox not drained by Open: %d rows", n)
	}
	res := search(t, ix, "Kundsson")
	if !hasHit(res, "customer", "C2", "name") || !hasHit(res, "case", "K1", "comments.text") {
		t.Errorf("replayed writes not found: %s", describe(res))
	}
	if res := search(t, ix, "Första"); res.Total != 0 {
		t.Errorf("removed record still found: %s", describe(res))
	}
	// A crash after the index batch but before the outbox rows were deleted replays rows
	// that are already applied: harmless.
	if _, err := st.DB.Exec("INSERT INTO outbox(type, ext_id) VALUES ('customer','C2'), ('case','K1'), ('customer','C1')"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	if problems, err := ix.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("Check after replaying applied rows: %v %v", problems, err)
	}
	if res := search(t, ix, "Kundsson"); res.Total != 2 {
		t.Errorf("after replay: %s", describe(res))
	}
}

func TestApplyManyBatches(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	ix := openIndex(t, st)
	var lines []string
	for i := 0; i < 2*applyBatch+17; i++ {
		lines = append(lines, `{"type":"todo","id":"T`+itoa(i)+`","text":"Ring Majvor `+itoa(i)+`"}`)
	}
	put(t, st, lines...)
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	if n := outboxLen(t, st); n != 0 {
		t.Errorf("outbox: %d rows left", n)
	}
	if res := search(t, ix, "Majvor"); res.Total != len(lines) {
		t.Errorf("total %d, want %d", res.Total, len(lines))
	}
	if res := search(t, ix, "Majvor 2016"); !hasHit(res, "todo", "T2016", "text") || res.Total != 1 {
		t.Errorf("Majvor 2016: %s", describe(res))
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestCheckFindsDisagreement(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, formatData...)
	ix := openIndex(t, st)
	if problems, err := ix.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("fresh index: %v %v", problems, err)
	}
	// A change behind the outbox's back, a record dropped from the index, a stray document.
	if _, err := st.DB.Exec(`UPDATE records SET data = replace(data, 'Bengt', 'Bengta') WHERE type = 'customer' AND ext_id = 'C2'`); err != nil {
		t.Fatal(err)
	}
	ix.mu.RLock()
	if err := ix.idx.Delete("customer/C3"); err != nil {
		t.Fatal(err)
	}
	stray := ix.idx.NewBatch()
	if err := stray.Index("customer/GHOST", map[string]any{"x": "y"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.idx.Batch(stray); err != nil {
		t.Fatal(err)
	}
	ix.mu.RUnlock()
	problems, err := ix.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(problems, "\n")
	for _, want := range []string{"customer/C2 differs", "customer/C3 is in the database but not indexed", "customer/GHOST is indexed but not in the database"} {
		if !strings.Contains(got, want) {
			t.Errorf("Check problems lack %q:\n%s", want, got)
		}
	}
	if len(problems) != 3 {
		t.Errorf("Check: %d problems, want 3:\n%s", len(problems), got)
	}
	// A rebuild repairs it.
	var calls, lastDone, lastTotal int
	if err := ix.Rebuild(ctx, func(done, total int) { calls++; lastDone, lastTotal = done, total }); err != nil {
		t.Fatal(err)
	}
	if calls == 0 || lastDone != lastTotal || lastTotal != len(formatData) {
		t.Errorf("progress: %d calls, last %d/%d", calls, lastDone, lastTotal)
	}
	if problems, err := ix.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("after rebuild: %v %v", problems, err)
	}
	if res := search(t, ix, "Bengta"); !hasHit(res, "customer", "C2", "name") {
		t.Errorf("rebuild did not index the database's value: %s", describe(res))
	}
}

// An index that is missing, damaged or made for another registry is rebuilt by Open.
func TestOpenRebuildsUnusableIndex(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, formatData...)
	ix := openIndex(t, st)
	if !ix.Rebuilt() {
		t.Error("first Open did not build the index")
	}
	ix.Close()

	// Another schema fingerprint.
	idx, err := bleve.OpenUsing(filepath.Join(st.Dir, DirName), scorchConfig(filepath.Join(st.Dir, DirName), false))
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.SetInternal(schemaKey, []byte("old")); err != nil {
		t.Fatal(err)
	}
	idx.Close()
	ix = openIndex(t, st)
	if !ix.Rebuilt() || !hasHit(search(t, ix, "Östergren"), "customer", "C1", "name") {
		t.Error("index of another schema not rebuilt")
	}
	ix.Close()

	// Damaged files.
	if err := os.WriteFile(filepath.Join(st.Dir, DirName, "index_meta.json"), []byte("{garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	ix = openIndex(t, st)
	if !ix.Rebuilt() || !hasHit(search(t, ix, "Östergren"), "customer", "C1", "name") {
		t.Error("damaged index not rebuilt")
	}
	ix.Close()

	// Unchanged: opened as is.
	ix = openIndex(t, st)
	if ix.Rebuilt() {
		t.Error("a good index was rebuilt")
	}
	if problems, err := ix.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("Check: %v %v", problems, err)
	}
}

// A large backlog is rebuilt rather than applied row by row, and that is no problem.
func TestOpenRebuildsLargeBacklog(t *testing.T) {
	st := newStore(t)
	ix := openIndex(t, st)
	ix.Close()
	var lines []string
	for i := 0; i < rebuildBacklog+1; i++ {
		lines = append(lines, `{"type":"todo","id":"T`+itoa(i)+`","text":"Backlogg"}`)
	}
	put(t, st, lines...)
	var calls int
	ix, err := OpenWith(context.Background(), st, Options{Progress: func(done, total int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if calls == 0 || ix.Rebuilt() {
		t.Errorf("backlog: progress calls %d, Rebuilt %v", calls, ix.Rebuilt())
	}
	if n := outboxLen(t, st); n != 0 {
		t.Errorf("outbox: %d", n)
	}
	if res := search(t, ix, "backlogg"); res.Total != len(lines) {
		t.Errorf("total %d", res.Total)
	}
}
