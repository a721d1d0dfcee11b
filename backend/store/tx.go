package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mattn/go-sqlite3"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
)

// Tx is one write transaction. Every record write also appends the record to the search
// index's outbox in the same transaction.
type Tx struct {
	tx    *sql.Tx
	ctx   context.Context // for statements: never cancelled
	outer context.Context // the caller's, for cancellation checks
	stmts map[string]*sql.Stmt
	// Bulk leaves the outbox to EnqueueBatch, one statement for a whole import.
	Bulk    bool
	links   rowBuffer // links waiting to be written
	outbox  rowBuffer // outbox rows waiting to be written
	linkErr error
	// erasure: the transaction erases personal data, so the search index and the WAL must
	// be purged after it (see MarkErasure).
	erasure bool
}

// rowBuffer collects rows for one table and writes them in multi-row INSERTs: a statement per
// row costs more in database/sql and cgo than SQLite spends inserting it.
type rowBuffer struct {
	table string // "links(src, path, to_type, to_id)"
	cols  int
	args  []any
}

const bufferRows = 128

func (b *rowBuffer) add(tx *Tx, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) >= bufferRows*b.cols {
		return b.flush(tx)
	}
	return nil
}

func (b *rowBuffer) flush(tx *Tx) error {
	row := "(?" + strings.Repeat(", ?", b.cols-1) + ")"
	for len(b.args) > 0 {
		n := min(len(b.args)/b.cols, bufferRows)
		q := "INSERT INTO " + b.table + " VALUES " + strings.Repeat(row+", ", n-1) + row
		if _, err := tx.Exec(q, b.args[:n*b.cols]...); err != nil {
			return fmt.Errorf("writing %s: %w", b.table, err)
		}
		b.args = b.args[n*b.cols:]
	}
	b.args = b.args[:0]
	return nil
}

// flushLinks writes the buffered links and outbox rows. Everything that reads those tables
// in the transaction calls it first.
func (tx *Tx) flushLinks() error {
	if err := tx.links.flush(tx); err != nil {
		return err
	}
	return tx.outbox.flush(tx)
}

// Update runs fn in one write transaction; it commits when fn returns nil.
func (s *Store) Update(ctx context.Context, fn func(tx *Tx) error) error {
	if bulk, _ := ctx.Value(bulkKey{}).(bool); bulk {
		return s.updateBulk(ctx, fn)
	}
	sqlTx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("starting transaction: %w", err)
	}
	return s.update(ctx, sqlTx, fn)
}

type bulkKey struct{}

// Bulk marks ctx for a run of many write transactions (the retention sweep): their commits
// leave the WAL to grow instead of copying it into the database every 1,000 pages, each copy
// with its fsyncs; the caller checkpoints once at the end. Nothing is less durable: a
// committed transaction is in the WAL, which SQLite replays after a crash.
func Bulk(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

// defaultAutoCheckpoint is SQLite's own wal_autocheckpoint, restored after a bulk write.
const defaultAutoCheckpoint = "PRAGMA wal_autocheckpoint=1000"

// updateBulk is Update on a connection whose automatic checkpoints are off for the commit.
func (s *Store) updateBulk(ctx context.Context, fn func(tx *Tx) error) error {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("starting transaction: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_autocheckpoint=0"); err != nil {
		return fmt.Errorf("starting transaction: %w", err)
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), defaultAutoCheckpoint); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) // never pool it unchanged
		}
	}()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("starting transaction: %w", err)
	}
	return s.update(ctx, sqlTx, fn)
}

func (s *Store) update(ctx context.Context, sqlTx *sql.Tx, fn func(tx *Tx) error) error {
	// Statements run without the cancellable context: go-sqlite3 starts a goroutine per
	// statement to watch one. Cancelling ctx still rolls the transaction back (database/sql
	// watches it), and long loops check Context().Err().
	tx := &Tx{tx: sqlTx, ctx: context.WithoutCancel(ctx), outer: ctx, stmts: map[string]*sql.Stmt{},
		links:  rowBuffer{table: "links(src, path, to_type, to_id, src_type, field)", cols: 6},
		outbox: rowBuffer{table: "outbox(type, ext_id)", cols: 2}}
	defer func() {
		for _, st := range tx.stmts {
			st.Close()
		}
		_ = sqlTx.Rollback()
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.flushLinks(); err != nil {
		return err
	}
	if tx.linkErr != nil {
		return tx.linkErr
	}
	if tx.erasure {
		if _, err := sqlTx.ExecContext(tx.ctx, MarkErasureSQL); err != nil {
			return fmt.Errorf("recording the erasure: %w", err)
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// SQL exposes the transaction for packages that own tables of their own (or read links).
func (tx *Tx) SQL() *sql.Tx {
	if err := tx.flushLinks(); err != nil {
		tx.linkErr = err
	}
	return tx.tx
}

// Context is the caller's context (check it for cancellation in long loops).
func (tx *Tx) Context() context.Context { return tx.outer }

func (tx *Tx) stmt(q string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[q]; ok {
		return st, nil
	}
	st, err := tx.tx.PrepareContext(tx.ctx, q)
	if err != nil {
		return nil, err
	}
	tx.stmts[q] = st
	return st, nil
}

// Exec runs a prepared statement in the transaction (prepared once per transaction).
func (tx *Tx) Exec(q string, args ...any) (sql.Result, error) {
	st, err := tx.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(tx.ctx, args...)
}

// ErrDuplicate is returned by Put when the same type+id was already written by this batch.
var ErrDuplicate = errors.New("the same type and id twice in one import")

const upsertSQL = `INSERT INTO records(type, ext_id, cust_no, status, created_at, updated_at, clock, anonymised_at, batch, data)
VALUES(?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
ON CONFLICT(type, ext_id) DO UPDATE SET cust_no = excluded.cust_no, status = excluded.status,
  created_at = excluded.created_at, updated_at = excluded.updated_at, clock = excluded.clock,
  anonymised_at = NULL, batch = excluded.batch, data = excluded.data
WHERE records.batch = 0 OR records.batch != excluded.batch
RETURNING rid`

// Put writes a record whole (an upsert by type and id) and returns its row id. batch > 0
// marks the import that writes it: a second Put of the same type+id in the same batch
// returns ErrDuplicate.
func (tx *Tx) Put(r *record.Record, batch int64) (int64, error) {
	return tx.PutPrepared(r.Prepare(), batch)
}

// PutAnonymised writes a record that has just been anonymised: its clock is cleared so the
// next run leaves it alone (idempotence) and the time of the anonymisation is kept.
func (tx *Tx) PutAnonymised(r *record.Record, at int64) (int64, error) {
	tx.erasure = true
	st, err := tx.stmt("SELECT rid FROM records WHERE type = ? AND ext_id = ?")
	if err != nil {
		return 0, err
	}
	var rid int64
	if err := st.QueryRowContext(tx.ctx, r.Type.Name, r.ID).Scan(&rid); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("%s %s: %w", r.Type.Name, r.ID, ErrNotFound)
		}
		return 0, err
	}
	return rid, tx.Rewrite(rid, r.Prepare(), nil, true, at)
}

// Rewrite replaces the stored form of the record at rid in one UPDATE. oldRefs are its links
// before the change (nil: unknown); links are rewritten only when they changed. With
// anonymised set, the clock is cleared and the anonymisation time kept, so the next
// retention run leaves the record alone.
func (tx *Tx) Rewrite(rid int64, p *record.Prepared, oldRefs []record.Ref, anonymised bool, at int64) error {
	r := p.Rec
	clock, anonAt := p.Clock, any(nil)
	if anonymised {
		clock, anonAt = nil, at
	}
	if _, err := tx.Exec(`UPDATE records SET cust_no = ?, status = ?, created_at = ?, updated_at = ?, clock = ?, anonymised_at = ?, batch = 0, data = ? WHERE rid = ?`,
		p.Customer, p.Status, p.Created, p.Updated, clock, anonAt, p.Data, rid); err != nil {
		return fmt.Errorf("rewriting %s %s: %w", r.Type.Name, r.ID, err)
	}
	if oldRefs == nil || !slices.Equal(oldRefs, p.Refs) {
		if err := tx.flushLinks(); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM links WHERE src = ?", rid); err != nil {
			return fmt.Errorf("rewriting links of %s %s: %w", r.Type.Name, r.ID, err)
		}
		for _, ref := range p.Refs {
			if ref.Target == "customer" {
				continue
			}
			if err := tx.links.add(tx, rid, ref.Path, ref.Target, ref.ID, r.Type.Name, record.RefField(ref.Path)); err != nil {
				return err
			}
		}
	}
	return tx.Enqueue(r.Type.Name, r.ID)
}

// PutPrepared writes a prepared record (see Put).
func (tx *Tx) PutPrepared(p *record.Prepared, batch int64) (int64, error) {
	r := p.Rec
	args := []any{r.Type.Name, r.ID, p.Customer, p.Status, p.Created, p.Updated, p.Clock, batch, p.Data}
	// Most writes are new records: a plain insert is the fast path. When the type+id exists,
	// the upsert replaces it (or, within one import batch, reports the duplicate).
	var rid int64
	res, err := tx.Exec(insertSQL, args...)
	switch {
	case err == nil:
		rid, _ = res.LastInsertId()
	case isUniqueViolation(err):
		if err := tx.flushLinks(); err != nil {
			return 0, err
		}
		st, err := tx.stmt(upsertSQL)
		if err != nil {
			return 0, fmt.Errorf("writing %s %s: %w", r.Type.Name, r.ID, err)
		}
		err = st.QueryRowContext(tx.ctx, args...).Scan(&rid)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, ErrDuplicate
		}
		if err != nil {
			return 0, fmt.Errorf("writing %s %s: %w", r.Type.Name, r.ID, err)
		}
		if _, err := tx.Exec("DELETE FROM links WHERE src = ?", rid); err != nil {
			return 0, fmt.Errorf("writing links of %s %s: %w", r.Type.Name, r.ID, err)
		}
	default:
		return 0, fmt.Errorf("writing %s %s: %w", r.Type.Name, r.ID, err)
	}
	for _, ref := range p.Refs {
		if ref.Target == "customer" {
			continue // customer links are found through records.cust_no
		}
		if err := tx.links.add(tx, rid, ref.Path, ref.Target, ref.ID, r.Type.Name, record.RefField(ref.Path)); err != nil {
			return 0, err
		}
	}
	if !tx.Bulk {
		if err := tx.Enqueue(r.Type.Name, r.ID); err != nil {
			return 0, err
		}
	}
	return rid, nil
}

const insertSQL = `INSERT INTO records(type, ext_id, cust_no, status, created_at, updated_at, clock, anonymised_at, batch, data)
VALUES(?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`

func isUniqueViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// EnqueueBatch queues every record written by an import batch for the search index, in one
// statement.
func (tx *Tx) EnqueueBatch(batch int64) error {
	if _, err := tx.tx.ExecContext(tx.ctx, "INSERT INTO outbox(type, ext_id) SELECT type, ext_id FROM records WHERE batch = ? ORDER BY rid", batch); err != nil {
		return fmt.Errorf("queueing the import for the search index: %w", err)
	}
	return nil
}

// Enqueue asks the search index to re-read a record (or drop it, when it is gone).
func (tx *Tx) Enqueue(typeName, id string) error {
	if err := tx.outbox.add(tx, typeName, id); err != nil {
		return fmt.Errorf("queueing %s %s for the search index: %w", typeName, id, err)
	}
	return nil
}

// Get reads a record inside the transaction.
func (tx *Tx) Get(typeName, id string) (*record.Record, error) {
	st, err := tx.stmt("SELECT data FROM records WHERE type = ? AND ext_id = ?")
	if err != nil {
		return nil, err
	}
	return scanRecord(st.QueryRowContext(tx.ctx, typeName, id), typeName, id)
}

// GetByRID reads a record by row id inside the transaction.
func (tx *Tx) GetByRID(rid int64) (*record.Record, error) {
	st, err := tx.stmt("SELECT type, ext_id, data FROM records WHERE rid = ?")
	if err != nil {
		return nil, err
	}
	var typeName, id string
	var data []byte
	if err := st.QueryRowContext(tx.ctx, rid).Scan(&typeName, &id, &data); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	return decodeRow(typeName, id, data)
}

// Remove deletes a record row for good (secure_delete zeroes it) and drops it from the index.
// It does not touch records that link to it: see Store.HardDelete.
func (tx *Tx) Remove(typeName, id string) error {
	tx.erasure = true
	if _, err := tx.Exec("DELETE FROM records WHERE type = ? AND ext_id = ?", typeName, id); err != nil {
		return fmt.Errorf("deleting %s %s: %w", typeName, id, err)
	}
	return tx.Enqueue(typeName, id)
}

func scanRecord(row *sql.Row, typeName, id string) (*record.Record, error) {
	var data []byte
	if err := row.Scan(&data); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%s %s: %w", typeName, id, ErrNotFound)
		}
		return nil, fmt.Errorf("reading %s %s: %w", typeName, id, err)
	}
	return decodeRow(typeName, id, data)
}

func decodeRow(typeName, id string, data []byte) (*record.Record, error) {
	t, ok := registry.Get(typeName)
	if !ok {
		return nil, fmt.Errorf("reading %s %s: unknown type", typeName, id)
	}
	r, err := record.DecodeData(t, id, data)
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: stored data: %w", typeName, id, err)
	}
	return r, nil
}

// Get reads one record.
func (s *Store) Get(ctx context.Context, typeName, id string) (*record.Record, error) {
	return scanRecord(s.DB.QueryRowContext(ctx, "SELECT data FROM records WHERE type = ? AND ext_id = ?", typeName, id), typeName, id)
}

// Exists reports whether the record a link names exists (customers by customer number).
func (tx *Tx) Exists(target, id string) (bool, error) {
	q := "SELECT 1 FROM records WHERE type = ? AND ext_id = ? LIMIT 1"
	if target == "customer" {
		q = "SELECT 1 FROM records WHERE cust_no = ? AND type = ? LIMIT 1"
		target, id = id, target
	}
	st, err := tx.stmt(q)
	if err != nil {
		return false, err
	}
	var one int
	err = st.QueryRowContext(tx.ctx, target, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Counts returns the number of records per type.
func (s *Store) Counts(ctx context.Context) (map[string]int64, error) {
	rows, err := s.DB.QueryContext(ctx, "SELECT type, COUNT(*) FROM records GROUP BY type")
	if err != nil {
		return nil, fmt.Errorf("counting records: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var t string
		var n int64
		if err := rows.Scan(&t, &n); err != nil {
			return nil, err
		}
		out[t] = n
	}
	return out, rows.Err()
}

// DeferIndexes drops the secondary (non-unique) indexes of records and links for a bulk load
// and returns the function that builds them again, which must run before the transaction
// commits. Building an index once, sorted, costs a fraction of keeping it up to date row by
// row; DDL is transactional in SQLite, so a rollback restores them as they were.
func (tx *Tx) DeferIndexes() (rebuild func() error, err error) {
	if err := tx.flushLinks(); err != nil {
		return nil, err
	}
	rows, err := tx.tx.QueryContext(tx.ctx, `SELECT name, sql FROM sqlite_master
WHERE type = 'index' AND tbl_name IN ('records', 'links') AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`)
	if err != nil {
		return nil, fmt.Errorf("listing indexes: %w", err)
	}
	var names, ddl []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			rows.Close()
			return nil, err
		}
		names, ddl = append(names, name), append(ddl, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.tx.ExecContext(tx.ctx, `DROP INDEX "`+name+`"`); err != nil {
			return nil, fmt.Errorf("deferring index %s: %w", name, err)
		}
	}
	return func() error {
		if err := tx.flushLinks(); err != nil {
			return err
		}
		for i, q := range ddl {
			if _, err := tx.tx.ExecContext(tx.ctx, q); err != nil {
				return fmt.Errorf("building index %s: %w", names[i], err)
			}
		}
		return nil
	}, nil
}

// Empty reports whether the store holds no record.
func (tx *Tx) Empty() (bool, error) {
	var empty bool
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT NOT EXISTS (SELECT 1 FROM records)").Scan(&empty)
	return empty, err
}
