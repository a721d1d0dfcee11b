package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// Erasure must survive a crash (datamap.md: after a run no anonymised value may be found
// anywhere in the data folder). The database forgets an erased value when its transaction
// commits (secure_delete), but the search index and the WAL keep old bytes until they are
// purged, after the commit. So every transaction that erases personal data also bumps a
// counter in meta, durably with the erasure itself, and the counter is cleared only once
// the purge has finished: a crash in between leaves it set, and the next start purges
// first.

// purgeKey is the meta key of the erasure counter.
const purgeKey = "purge_pending"

// MarkErasureSQL bumps the erasure counter; packages that erase in tables of their own
// (the vault) run it in their transaction.
const MarkErasureSQL = `INSERT INTO meta(key, value) VALUES ('` + purgeKey + `', '1')
	ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`

// MarkErasure records that the transaction erases personal data (PutAnonymised, Remove and
// DeleteSecureDataEntry do it themselves; a bulk rule in SQL says so here).
func (tx *Tx) MarkErasure() { tx.erasure = true }

// PurgePending returns the erasure counter: 0 when every erasure has been purged.
func (s *Store) PurgePending(ctx context.Context) (int64, error) {
	var v string
	err := s.DB.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", purgeKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("reading the erasure mark: %w", err)
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	return n, nil
}

// PurgeDone clears the erasure counter after a purge that began when it read gen: an
// erasure committed since then (the counter moved on) keeps it set.
func (s *Store) PurgeDone(ctx context.Context, gen int64) error {
	if gen == 0 {
		return nil
	}
	if _, err := s.DB.ExecContext(ctx, "DELETE FROM meta WHERE key = ? AND value = ?", purgeKey, strconv.FormatInt(gen, 10)); err != nil {
		return fmt.Errorf("clearing the erasure mark: %w", err)
	}
	return nil
}
