package jsonl

import (
	"database/sql"
	"errors"
	"fmt"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// Customers are linked by customer number (datamap.md), so a number must name one customer:
// two customers with the same number, in the import or one in the import and one already
// stored, would make every link to it ambiguous. Number "0" is "no customer (anonymised)":
// several anonymised customers may share it (an export of anonymised customers must import
// again), but a customer that still holds personal data may not take it.

type customerAt struct {
	id   string
	file int
	line int
}

type customerNumbers struct {
	word string                // the store's replacement word (what anonymisation writes)
	seen map[string]customerAt // customer number -> the customer of this import that has it
}

// add checks one customer record of the import, in file order.
func (c *customerNumbers) add(files []string, l line, r *record.Record) error {
	no := r.CustomerNumber()
	if no == "" {
		return nil
	}
	if no == registry.AnonymisedCustomer {
		if field := personalField(r, c.word); field != "" {
			return lineErr(files, l, registry.FieldCustomerNo, fmt.Sprintf(
				"customer number %q is reserved for anonymised customers, and this customer still holds personal data (%s)", no, field))
		}
		return nil
	}
	if prev, ok := c.seen[no]; ok && prev.id != r.ID {
		return lineErr(files, l, registry.FieldCustomerNo, fmt.Sprintf(
			"customer number %q is also customer %q's (%s:%d): a customer number names one customer", no, prev.id, files[prev.file], prev.line))
	}
	c.seen[no] = customerAt{id: r.ID, file: l.file, line: l.no}
	return nil
}

// personalField names a field of an anonymised-looking customer that anonymisation would
// still change ("" when there is none): a personal or free-text value other than the
// replacement word, or a version history.
func personalField(r *record.Record, word string) string {
	for i := range r.Type.Fields {
		f := &r.Type.Fields[i]
		v, ok := r.Values[f.Name]
		if !ok {
			continue
		}
		switch f.Anon {
		case registry.Replace:
			if s, _ := v.(string); s != word {
				return f.Name
			}
		case registry.Clear:
			return f.Name
		}
	}
	return ""
}

// checkStore, once every line is written, finds a customer of this import whose number
// another stored customer (one the import did not change) already has.
func (c *customerNumbers) checkStore(tx *store.Tx, batch int64, files []string) error {
	if len(c.seen) == 0 {
		return nil
	}
	var no, id, other string
	err := tx.SQL().QueryRowContext(tx.Context(), `
SELECT s.cust_no, s.ext_id, t.ext_id FROM records s
JOIN records t ON t.cust_no = s.cust_no AND t.cust_no IS NOT NULL AND t.type = 'customer' AND t.rid != s.rid
WHERE s.batch = ? AND s.type = 'customer' AND s.cust_no IS NOT NULL AND s.cust_no != ?
ORDER BY s.rid LIMIT 1`, batch, registry.AnonymisedCustomer).Scan(&no, &id, &other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("checking customer numbers: %w", err)
	}
	at, ok := c.seen[no]
	if !ok { // cannot happen: every customer of the batch went through add
		return fmt.Errorf("%w: customer number %q of customer %q is also customer %q's", ErrImport, no, id, other)
	}
	return &LineError{File: files[at.file], Line: at.line, Field: registry.FieldCustomerNo, Msg: fmt.Sprintf(
		"customer number %q is already customer %q's in the store: a customer number names one customer", no, other)}
}
