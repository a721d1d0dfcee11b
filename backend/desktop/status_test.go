package desktop

import (
	"testing"

	"dataskydd/backend/registry"
)

func TestStatusWithoutStore(t *testing.T) {
	a, _ := newTestApp(t, false)
	info, err := a.Status()
	if err != nil {
		t.Fatal(err)
	}
	if info.StoreExists || info.Total != 0 || info.DataDir != a.dataDir {
		t.Fatalf("status = %+v", info)
	}
	if len(info.Types) != len(registry.Types()) {
		t.Fatalf("got %d types, want every registry type (%d)", len(info.Types), len(registry.Types()))
	}
	if info.Version == "" {
		t.Fatal("no version")
	}
}
