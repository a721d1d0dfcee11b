package desktop

import (
	"context"
	"path/filepath"
	"testing"

	"dataskydd/backend/store"
)

// TestStateNeedsNoSearchIndex: the login screen's question is answered from the store
// alone; opening the search index (which may have to rebuild, or finish an interrupted
// erasure's purge) is left for later, so the window paints at once.
func TestStateNeedsNoSearchIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Create(context.Background(), dir, store.CreateOptions{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	a := NewApp(dir)
	t.Cleanup(func() { a.shutdown() })
	state, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	if !state.StoreExists || state.SetUp || state.Lang != "en" {
		t.Errorf("State = %+v, want an existing store that is not set up, in English", state)
	}
	a.session.mu.Lock()
	wired := a.session.svc != nil
	a.session.mu.Unlock()
	if wired {
		t.Error("State wired the services (and opened the search index) before anyone logged in")
	}
}
