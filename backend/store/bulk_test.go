package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dataskydd/backend/store"
)

// A bulk run's commits leave the WAL to grow (one checkpoint at the end), ordinary commits
// copy it into the database every 1,000 pages; and a bulk write leaves its connection as it
// found it.
func TestBulkUpdatesDoNotCheckpoint(t *testing.T) {
	ctx := context.Background()
	walSize := func(bulk bool) int64 {
		st := newStore(t)
		st.DB.SetMaxOpenConns(1) // one connection: the one the bulk writes used
		if _, err := st.DB.Exec("CREATE TABLE filler(b BLOB)"); err != nil {
			t.Fatal(err)
		}
		c := ctx
		if bulk {
			c = store.Bulk(ctx)
		}
		for i := 0; i < 8; i++ { // 8 MB in 8 transactions: twice the 1,000-page threshold
			err := st.Update(c, func(tx *store.Tx) error {
				_, err := tx.SQL().Exec("INSERT INTO filler VALUES(randomblob(1048576))")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := st.DB.QueryRow("PRAGMA wal_autocheckpoint").Scan(&n); err != nil || n != 1000 {
			t.Errorf("wal_autocheckpoint after the writes = %d, %v; want 1000", n, err)
		}
		fi, err := os.Stat(filepath.Join(st.Dir, store.FileName+"-wal"))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	plain, bulk := walSize(false), walSize(true)
	if plain >= 7<<20 {
		t.Errorf("ordinary commits: WAL %d bytes, want it checkpointed (under 7 MiB)", plain)
	}
	if bulk < 8<<20 {
		t.Errorf("bulk commits: WAL %d bytes, want every write still in it (8 MiB or more)", bulk)
	}
}
