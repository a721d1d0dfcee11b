package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"dataskydd/backend/jsonl"
	"dataskydd/backend/store"
)

func newStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Create(context.Background(), filepath.Join(t.TempDir(), "data"), store.CreateOptions{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestEveryPooledConnectionHasTheSafetyPragmas(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	// Hold several connections at once so the pool opens more than one.
	var conns []interface{ Close() error }
	for i := 0; i < 4; i++ {
		c, err := st.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var secure, fk int
		var mode string
		c.QueryRowContext(ctx, "PRAGMA secure_delete").Scan(&secure)
		c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
		c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
		if secure != 1 || fk != 1 || mode != "wal" {
			t.Errorf("connection %d: secure_delete=%d foreign_keys=%d journal_mode=%s", i, secure, fk, mode)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	if st.ReplacementWord() != "Anonymised" {
		t.Errorf("replacement word %q for an English store", st.ReplacementWord())
	}
}

func TestOpenMissingAndCreateExisting(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "x")
	if _, err := store.Open(ctx, dir); !errors.Is(err, store.ErrNoStore) {
		t.Fatalf("open missing: %v", err)
	}
	st, err := store.Create(ctx, dir, store.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := store.Create(ctx, dir, store.CreateOptions{}); !errors.Is(err, store.ErrStoreExists) {
		t.Fatalf("create existing: %v", err)
	}
	st, err = store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Lang() != "sv" || st.ReplacementWord() != "Anonymiserad" {
		t.Errorf("default language %q", st.Lang())
	}
	fi, _ := os.Stat(filepath.Join(dir, store.FileName))
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 { // Windows has ACLs, not modes
		t.Errorf("database file mode %v", fi.Mode().Perm())
	}
}

func TestHardDeleteClearsEveryLink(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := jsonl.Import(ctx, st, []string{"../jsonl/testdata/small.jsonl"}, jsonl.Options{}); err != nil {
		t.Fatal(err)
	}
	err := st.Update(ctx, func(tx *store.Tx) error {
		if n, err := tx.HardDelete("user", "U1"); err != nil || n != 3 {
			t.Errorf("user: %d records rewritten, %v; want 3 (work order comment, time report, group)", n, err)
		}
		if n, err := tx.HardDelete("customer", "C1"); err != nil || n != 2 {
			t.Errorf("customer: %d records rewritten, %v; want 2", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wo, err := st.Get(ctx, "work_order", "WO1")
	if err != nil {
		t.Fatal(err)
	}
	if wo.CustomerNumber() != "0" || wo.Rows("comments")[0]["author"] != nil {
		t.Errorf("work order links not cleared: %v", wo.Values)
	}
	tr, _ := st.Get(ctx, "time_report", "TR1")
	if tr.String("user") != "" || tr.String("work_order") != "WO1" {
		t.Errorf("time report: %v", tr.Values)
	}
	g, _ := st.Get(ctx, "group", "G1")
	if _, ok := g.Values["members"]; ok {
		t.Errorf("group still lists the deleted user: %v", g.Values)
	}
	if _, err := st.Get(ctx, "user", "U1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("user still there: %v", err)
	}
	var links int
	st.DB.QueryRow("SELECT COUNT(*) FROM links WHERE to_id = 'U1'").Scan(&links)
	if links != 0 {
		t.Errorf("%d links to the deleted user remain", links)
	}
}

func TestSoftDeleteStartsTheClock(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := jsonl.Import(ctx, st, []string{"../jsonl/testdata/small.jsonl"}, jsonl.Options{}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	err := st.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.SoftDelete("customer", "C1", now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var clock int64
	st.DB.QueryRow("SELECT clock FROM records WHERE type='customer' AND ext_id='C1'").Scan(&clock)
	if clock != now.Unix() {
		t.Errorf("clock = %d, want deleted_at %d", clock, now.Unix())
	}
}
