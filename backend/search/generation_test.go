package search

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenRebuildsAnIndexThatLostWrites: an index folder put back to an older state (as
// Bleve does when it finds its newest snapshot damaged and opens an older one) holds fewer
// records than the store says were applied. Open must see that and rebuild, so the records
// of the lost batch are found again; the same old folder with nothing applied since is not
// rebuilt.
func TestOpenRebuildsAnIndexThatLostWrites(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, `{"type":"contact_person","id":"P1","first_name":"Yrsabella","last_name":"Trollkvarnsson"}`)
	ix := openIndex(t, st)
	ix.Close()
	dir := filepath.Join(st.Dir, DirName)
	old := filepath.Join(t.TempDir(), "old-index")
	if err := os.CopyFS(old, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}

	// The same state again: nothing was applied since, nothing to rebuild.
	ix = openIndex(t, st)
	if ix.Rebuilt() {
		t.Fatal("an index as new as the store was rebuilt")
	}
	put(t, st, `{"type":"contact_person","id":"P2","first_name":"Gunborg","last_name":"Alvarsdotter"}`)
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	// Back to the state before P2's batch: the outbox row of P2 is gone, so only the
	// generation tells the index is behind.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, os.DirFS(old)); err != nil {
		t.Fatal(err)
	}
	ix = openIndex(t, st)
	if !ix.Rebuilt() {
		t.Error("Open did not rebuild an index that lost a batch")
	}
	if res := search(t, ix, "Gunborg Alvarsdotter"); !hasHit(res, "contact_person", "P2", "") {
		t.Errorf("the lost batch's record is not found after Open: %s", describe(res))
	}
	if problems, err := ix.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check after the rebuild: %q %v", problems, err)
	}
}

// TestOpenRebuildsAnIndexWithAnUnreadableGeneration: an index whose generation value is
// damaged cannot say what it holds; Open rebuilds it rather than fail or trust it.
func TestOpenRebuildsAnIndexWithAnUnreadableGeneration(t *testing.T) {
	st := newStore(t)
	put(t, st, `{"type":"contact_person","id":"P1","first_name":"Yrsabella","last_name":"Trollkvarnsson"}`)
	openIndex(t, st).Close()
	idx, err := openScorch(filepath.Join(st.Dir, DirName))
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.SetInternal(genKey, []byte("x\x00garbage")); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, st)
	if !ix.Rebuilt() {
		t.Error("Open trusted an index whose generation is unreadable")
	}
	if res := search(t, ix, "Yrsabella Trollkvarnsson"); !hasHit(res, "contact_person", "P1", "") {
		t.Errorf("after the rebuild: %s", describe(res))
	}
}
