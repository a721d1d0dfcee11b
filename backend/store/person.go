package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dataskydd/backend/registry"
)

// VaultEntryType is the type under which secure-data entries (package vault, which owns
// the vault tables) go through the search outbox: the store deletes them with their
// customer, so it knows the name too.
const VaultEntryType = "vault_entry"

// errView rolls a View's transaction back.
var errView = errors.New("view")

// View runs fn in a transaction that is always rolled back: a consistent read of the
// store through the same calls as a write (a dry run computes exactly what the real run
// would, from the same reads).
func (s *Store) View(ctx context.Context, fn func(tx *Tx) error) error {
	err := s.Update(ctx, func(tx *Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errView
	})
	if errors.Is(err, errView) {
		return nil
	}
	return err
}

// InboundLink is a link from a record to another: the linking record and the link's path
// in it ("customer_number", "comments[2].author").
type InboundLink struct {
	Type, ID, Path string
}

// Inbound lists the links to the record typ/id: for a customer, the records carrying its
// number custNo; for any other type, the id links to it.
func (tx *Tx) Inbound(typ, id, custNo string) ([]InboundLink, error) {
	if err := tx.flushLinks(); err != nil {
		return nil, err
	}
	var rows *sql.Rows
	var err error
	if typ == "customer" {
		if custNo == "" || custNo == registry.AnonymisedCustomer {
			return nil, nil
		}
		rows, err = tx.tx.QueryContext(tx.ctx, "SELECT type, ext_id, ? FROM records WHERE cust_no = ? AND type != 'customer' ORDER BY rid",
			registry.FieldCustomerNo, custNo)
	} else {
		rows, err = tx.tx.QueryContext(tx.ctx, `SELECT r.type, r.ext_id, l.path FROM links l JOIN records r ON r.rid = l.src
			WHERE l.to_type = ? AND l.to_id = ? ORDER BY l.src, l.rowid DESC`, typ, id)
	}
	if err != nil {
		return nil, fmt.Errorf("finding links to %s %s: %w", typ, id, err)
	}
	defer rows.Close()
	var out []InboundLink
	for rows.Next() {
		var l InboundLink
		if err := rows.Scan(&l.Type, &l.ID, &l.Path); err != nil {
			return nil, fmt.Errorf("finding links to %s %s: %w", typ, id, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SecureDataOf lists the secure-data entries about the customer with number custNo.
func (tx *Tx) SecureDataOf(custNo string) ([]string, error) {
	if custNo == "" || custNo == registry.AnonymisedCustomer {
		return nil, nil
	}
	rows, err := tx.tx.QueryContext(tx.ctx, "SELECT entry_id FROM vault_entries WHERE customer_number = ? ORDER BY entry_id", custNo)
	if err != nil {
		return nil, fmt.Errorf("finding the secure data of customer %s: %w", custNo, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// DeleteSecureDataEntry deletes a secure-data entry and its values (secure_delete
// overwrites them) and queues its removal from the search index.
func (tx *Tx) DeleteSecureDataEntry(id string) error {
	tx.erasure = true
	if err := tx.Enqueue(VaultEntryType, id); err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM vault_entries WHERE entry_id = ?", id); err != nil {
		return fmt.Errorf("deleting secure-data entry %s: %w", id, err)
	}
	return nil
}

// deleteSecureDataOf deletes every secure-data entry about a customer (datamap.md: secure
// data follows its customer when the customer is anonymised or deleted).
func (tx *Tx) deleteSecureDataOf(custNo string) error {
	ids, err := tx.SecureDataOf(custNo)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.DeleteSecureDataEntry(id); err != nil {
			return err
		}
	}
	return nil
}

// AnonymisedAt reports when the record was anonymised, if it was.
func (tx *Tx) AnonymisedAt(typ, id string) (int64, bool, error) {
	var at sql.NullInt64
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT anonymised_at FROM records WHERE type = ? AND ext_id = ?", typ, id).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, ErrNotFound
	}
	if err != nil {
		return 0, false, fmt.Errorf("reading %s %s: %w", typ, id, err)
	}
	return at.Int64, at.Valid, nil
}
