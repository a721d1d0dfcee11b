package store

import (
	"fmt"
	"strings"

	"dataskydd/backend/record"
)

// putAllRows is how many records one multi-row INSERT writes (9 parameters each, well
// within SQLite's limit of 32,766).
const putAllRows = 64

// PutAll writes prepared records as PutPrepared does, one after the other, and appends their
// row ids to rids. New records go in multi-row INSERTs (a statement per row costs more in
// database/sql and cgo than SQLite spends on the row); a group holding a type+id the store
// has, or one repeated in the group, is written row by row instead, so an upsert or the
// duplicate in a batch (ErrDuplicate) is exactly PutPrepared's. On an error, n is the index
// of the record that failed; every record before it is written.
func (tx *Tx) PutAll(ps []*record.Prepared, batch int64, rids []int64) (out []int64, n int, err error) {
	for start := 0; start < len(ps); start += putAllRows {
		group := ps[start:min(start+putAllRows, len(ps))]
		first, ok, err := tx.insertGroup(group, batch)
		if err != nil {
			return rids, start, err
		}
		if !ok {
			for i, p := range group {
				rid, err := tx.PutPrepared(p, batch)
				if err != nil {
					return rids, start + i, err
				}
				rids = append(rids, rid)
			}
			continue
		}
		for i, p := range group {
			rid := first + int64(i)
			if err := tx.afterInsert(p, rid); err != nil {
				return rids, start + i, err
			}
			rids = append(rids, rid)
		}
	}
	return rids, len(ps), nil
}

// insertGroup inserts new records in one statement and returns the first one's row id (the
// others follow it); ok is false, with nothing written, when one of them exists already, or
// repeats in the group, or the row ids are not consecutive.
func (tx *Tx) insertGroup(group []*record.Prepared, batch int64) (first int64, ok bool, err error) {
	if len(group) == 1 {
		return 0, false, nil // PutPrepared's own statement
	}
	args := make([]any, 0, 9*len(group))
	for _, p := range group {
		r := p.Rec
		args = append(args, r.Type.Name, r.ID, p.Customer, p.Status, p.Created, p.Updated, p.Clock, batch, p.Data)
	}
	if _, err := tx.Exec("SAVEPOINT put_all"); err != nil {
		return 0, false, fmt.Errorf("writing records: %w", err)
	}
	res, err := tx.Exec(insertManySQL(len(group)), args...)
	if err != nil {
		if _, rerr := tx.Exec("ROLLBACK TO put_all"); rerr != nil {
			return 0, false, fmt.Errorf("writing records: %w", rerr)
		}
		if _, rerr := tx.Exec("RELEASE put_all"); rerr != nil {
			return 0, false, fmt.Errorf("writing records: %w", rerr)
		}
		if isUniqueViolation(err) {
			return 0, false, nil
		}
		return 0, false, fmt.Errorf("writing records: %w", err)
	}
	last, err := res.LastInsertId()
	if err != nil {
		return 0, false, fmt.Errorf("writing records: %w", err)
	}
	first = last - int64(len(group)) + 1
	// SQLite numbers new rows one above the largest row id, so a statement's rows are
	// consecutive; the first row's id says so (it would not be after the largest possible id).
	var got int64
	r := group[0].Rec
	st, err := tx.stmt("SELECT rid FROM records WHERE type = ? AND ext_id = ?")
	if err != nil {
		return 0, false, fmt.Errorf("writing records: %w", err)
	}
	if err := st.QueryRowContext(tx.ctx, r.Type.Name, r.ID).Scan(&got); err != nil {
		return 0, false, fmt.Errorf("writing records: %w", err)
	}
	if got != first {
		if _, err := tx.Exec("ROLLBACK TO put_all"); err != nil {
			return 0, false, fmt.Errorf("writing records: %w", err)
		}
		if _, err := tx.Exec("RELEASE put_all"); err != nil {
			return 0, false, fmt.Errorf("writing records: %w", err)
		}
		return 0, false, nil
	}
	if _, err := tx.Exec("RELEASE put_all"); err != nil {
		return 0, false, fmt.Errorf("writing records: %w", err)
	}
	return first, true, nil
}

// insertManySQL is insertSQL for n rows.
func insertManySQL(n int) string {
	const row = "(?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)"
	return `INSERT INTO records(type, ext_id, cust_no, status, created_at, updated_at, clock, anonymised_at, batch, data)
VALUES ` + strings.Repeat(row+", ", n-1) + row
}
