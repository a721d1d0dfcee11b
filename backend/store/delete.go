package store

import (
	"database/sql"
	"fmt"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
)

// SoftDelete marks a record deleted: status "deleted" and deleted_at set. It stays, with its
// personal data, until its retention policy anonymises it.
func (tx *Tx) SoftDelete(typeName, id string, now time.Time) (*record.Record, error) {
	r, err := tx.Get(typeName, id)
	if err != nil {
		return nil, err
	}
	r.Set(registry.FieldStatus, registry.StatusDeleted)
	if _, ok := r.Time(registry.FieldDeletedAt); !ok {
		r.Set(registry.FieldDeletedAt, now.UTC().Format(time.RFC3339))
	}
	r.Set(registry.FieldUpdatedAt, now.UTC().Format(time.RFC3339))
	if _, err := tx.Put(r, 0); err != nil {
		return nil, err
	}
	return r, nil
}

// HardDelete removes a record for good and clears every link to it: records that carry its
// customer number get "0", other links become null (datamap.md, on-delete "delete").
// It returns the number of records whose links were cleared.
func (tx *Tx) HardDelete(typeName, id string) (int, error) {
	r, err := tx.Get(typeName, id)
	if err != nil {
		return 0, err
	}
	n, err := tx.ClearInbound(r)
	if err != nil {
		return 0, err
	}
	return n, tx.Remove(typeName, id)
}

// ClearInbound rewrites every record that links to r: a customer's number becomes "0" in
// the records that carry it, other links to r become null; a customer's secure-data
// entries are deleted. Version history of the rewritten
// records is left alone (it holds the old link, not personal data of r).
func (tx *Tx) ClearInbound(r *record.Record) (int, error) {
	type hit struct {
		rid   int64
		paths []string
	}
	var hits []hit
	if err := tx.flushLinks(); err != nil {
		return 0, err
	}
	if r.Type.Name == "customer" {
		no := r.CustomerNumber()
		if no == "" || no == registry.AnonymisedCustomer {
			return 0, nil
		}
		if err := tx.deleteSecureDataOf(no); err != nil {
			return 0, err
		}
		rows, err := tx.tx.QueryContext(tx.ctx, "SELECT rid FROM records WHERE cust_no = ? AND type != 'customer'", no)
		if err != nil {
			return 0, fmt.Errorf("finding records of customer %s: %w", no, err)
		}
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.rid); err != nil {
				rows.Close()
				return 0, err
			}
			h.paths = []string{registry.FieldCustomerNo}
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
	} else {
		rows, err := tx.tx.QueryContext(tx.ctx, "SELECT src, path FROM links WHERE to_type = ? AND to_id = ? ORDER BY src, rowid DESC", r.Type.Name, r.ID)
		if err != nil {
			return 0, fmt.Errorf("finding links to %s %s: %w", r.Type.Name, r.ID, err)
		}
		for rows.Next() {
			var rid int64
			var path string
			if err := rows.Scan(&rid, &path); err != nil {
				rows.Close()
				return 0, err
			}
			if len(hits) == 0 || hits[len(hits)-1].rid != rid {
				hits = append(hits, hit{rid: rid})
			}
			// Paths arrive last-first within a record, so removing list elements keeps the
			// indexes of the ones still to remove valid.
			hits[len(hits)-1].paths = append(hits[len(hits)-1].paths, path)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
	}
	for _, h := range hits {
		other, err := tx.GetByRID(h.rid)
		if err != nil {
			return 0, err
		}
		oldRefs := other.Refs()
		for _, p := range h.paths {
			other.ClearRef(p)
		}
		// An already anonymised record stays anonymised: no new clock.
		var anonymisedAt sql.NullInt64
		if err := tx.tx.QueryRowContext(tx.ctx, "SELECT anonymised_at FROM records WHERE rid = ?", h.rid).Scan(&anonymisedAt); err != nil {
			return 0, err
		}
		if err := tx.Rewrite(h.rid, other.Prepare(), oldRefs, anonymisedAt.Valid, anonymisedAt.Int64); err != nil {
			return 0, err
		}
	}
	return len(hits), nil
}
