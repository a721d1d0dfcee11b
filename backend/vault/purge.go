package vault

import (
	"context"
	"database/sql"
	"dataskydd/backend/store"
	"fmt"
	"time"
)

// PurgeExpired deletes every entry older than its form's auto-delete age (forms with 0 days
// keep entries) and returns how many it deleted. The scheduler calls it. The store runs with
// secure_delete, so the deleted pages are zeroed; a WAL checkpoint afterwards folds them out of
// the -wal file too.
func (s *Service) PurgeExpired(ctx context.Context, now time.Time) (int, error) {
	const expired = `entry_id IN (
		SELECT e.entry_id FROM vault_entries e JOIN vault_forms f ON f.form_id = e.form_id
		WHERE f.auto_delete_days > 0 AND e.created_at + f.auto_delete_days * 86400 <= ?)`
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := enqueue(ctx, tx, expired, now.Unix()); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM vault_entries WHERE "+expired, now.Unix())
		if err != nil {
			return fmt.Errorf("purging expired entries: %w", err)
		}
		if n, _ = res.RowsAffected(); n > 0 {
			// Erased values leave the search index and the WAL only with a purge (store.MarkErasure).
			if _, err := tx.ExecContext(ctx, store.MarkErasureSQL); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if n > 0 {
		// Best effort: a busy reader may keep the WAL; the next checkpoint then finishes the job.
		_, _ = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return int(n), nil
}
