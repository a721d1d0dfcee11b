package search

import (
	"context"
	"testing"

	"dataskydd/backend/store"
)

// TestOpenPurgesAPendingErasureUnlessDeferred: the command line's Open purges what an
// interrupted erasure left (and clears the mark); the desktop app's Open with DeferPurge
// returns at once and leaves the mark for its catch-up retention run, which purges it.
func TestOpenPurgesAPendingErasureUnlessDeferred(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, `{"type":"contact_person","id":"P1","first_name":"Yrsabella","last_name":"Trollkvarnsson"}`)
	openIndex(t, st).Close()
	mark := func() {
		t.Helper()
		if err := st.Update(ctx, func(tx *store.Tx) error { tx.MarkErasure(); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	pending := func() int64 {
		t.Helper()
		n, err := st.PurgePending(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	mark()
	ix, err := OpenWith(ctx, st, Options{DeferPurge: true})
	if err != nil {
		t.Fatal(err)
	}
	if pending() == 0 {
		t.Fatal("Open with DeferPurge purged (the mark is gone); the app's window would wait for it")
	}
	if res := search(t, ix, "Trollkvarnsson"); !hasHit(res, "contact_person", "P1", "") {
		t.Errorf("the deferred index does not answer: %+v", res.Hits)
	}
	if err := ix.PurgePending(ctx); err != nil {
		t.Fatal(err)
	}
	if n := pending(); n != 0 {
		t.Fatalf("PurgePending left the mark %d", n)
	}
	ix.Close()

	mark()
	ix = openIndex(t, st)
	if n := pending(); n != 0 {
		t.Fatalf("Open without DeferPurge left the erasure mark %d: nothing purged", n)
	}
	ix.Close()
}
