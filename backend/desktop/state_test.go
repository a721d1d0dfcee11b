package desktop

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dataskydd/backend/search"
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

// TestOpeningTheIndexReportsARebuild: when the search index has to be built as the services
// are wired (after an upgrade that changes it, or damage), the login waits for it, so the
// window is told how far it has come, and that it finished; an index that opens as it is
// sends nothing.
func TestOpeningTheIndexReportsARebuild(t *testing.T) {
	a, rec := newTestApp(t, true)
	if err := os.RemoveAll(filepath.Join(a.dataDir, search.DirName)); err != nil {
		t.Fatal(err)
	}
	var got []IndexProgress
	rec.hook = func(name EventName, data any) {
		if name == EventIndexProgress {
			got = append(got, data.(IndexProgress))
		}
	}
	if _, err := a.svc(); err != nil {
		t.Fatal(err)
	}
	if len(got) < 2 || !got[len(got)-1].Finished || got[0].Total < accountRecords || got[0].Finished {
		t.Fatalf("index events while the services were wired: %+v; want progress, then finished", got)
	}

	b := NewApp(a.dataDir)
	brec := &recorder{}
	b.rt, b.session.opts = brec, a.session.opts
	a.shutdown()
	t.Cleanup(func() { b.shutdown() })
	if _, err := b.svc(); err != nil {
		t.Fatal(err)
	}
	if n := brec.count(EventIndexProgress); n != 0 {
		t.Errorf("an index that opened as it was sent %d progress events", n)
	}
}
