package search

import (
	"context"
	"testing"

	"dataskydd/backend/record"
	"dataskydd/backend/store"
)

func newStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Create(context.Background(), t.TempDir(), store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// put writes JSON Lines records through the store, as an import does (outbox included).
func put(t testing.TB, st *store.Store, lines ...string) {
	t.Helper()
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		for _, l := range lines {
			r, err := record.Decode([]byte(l))
			if err != nil {
				t.Fatalf("decoding %s: %v", l, err)
			}
			if _, err := tx.Put(r, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func openIndex(t testing.TB, st *store.Store) *Index {
	t.Helper()
	ix, err := Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func search(t testing.TB, ix *Index, q string) Result {
	t.Helper()
	res, err := ix.Search(context.Background(), q, -1)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return res
}

func hasHit(res Result, typ, id, field string) bool {
	for _, h := range res.Hits {
		if h.Type == typ && h.ID == id && (field == "" || h.Field == field) {
			return true
		}
	}
	return false
}
