// Package storetest gives tests of other packages a real store in a temporary folder:
//
//	st := storetest.New(t, store.CreateOptions{Lang: "sv"})
//
// The store is a real SQLite file (WAL, foreign keys, secure_delete, the migrations), made
// in t.TempDir() and closed when the test ends.
package storetest

import (
	"context"
	"testing"

	"dataskydd/backend/store"
)

// New creates a store in a fresh temporary folder and closes it when the test ends.
func New(tb testing.TB, opts store.CreateOptions) *store.Store {
	tb.Helper()
	st, err := store.Create(context.Background(), tb.TempDir(), opts)
	if err != nil {
		tb.Fatalf("creating a test store: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}
