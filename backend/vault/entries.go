package vault

import (
	"context"
	"database/sql"
	"dataskydd/backend/store"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"dataskydd/backend/auth"
)

// Entry is one filled-in form as a list shows it: plain values in clear, encrypted fields only
// named (shown hidden until decrypted).
type Entry struct {
	ID             string            `json:"id"`
	FormID         string            `json:"formId"`
	CustomerNumber string            `json:"customerNumber,omitempty"`
	Plain          map[string]string `json:"plain"`     // field id -> value
	Encrypted      []string          `json:"encrypted"` // ids of encrypted fields that hold a value
	CreatedAt      time.Time         `json:"createdAt"`
	UpdatedAt      time.Time         `json:"updatedAt"`
}

// EntryInput is what a user types into a form: values by field id (plain and secret alike).
// On update, a field left out keeps its value and an empty string clears it.
type EntryInput struct {
	CustomerNumber string            `json:"customerNumber"`
	Values         map[string]string `json:"values"`
}

// CreateEntry adds an entry. Writing needs the decrypt right; when the input holds an encrypted
// value the caller's password unlocks the form key to seal it.
func (s *Service) CreateEntry(ctx context.Context, sess auth.Session, formID string, in EntryInput, u Unlock) (Entry, error) {
	id, err := newID("E")
	if err != nil {
		return Entry{}, err
	}
	if err := s.writeEntry(ctx, sess, formID, id, true, in, u); err != nil {
		return Entry{}, err
	}
	if err := s.log(ctx, sess, ActionEntryCreate, TargetEntry, id); err != nil {
		return Entry{}, err
	}
	return s.Entry(ctx, sess, id)
}

// UpdateEntry changes an entry's values (see [EntryInput]).
func (s *Service) UpdateEntry(ctx context.Context, sess auth.Session, entryID string, in EntryInput, u Unlock) (Entry, error) {
	formID, err := s.entryForm(ctx, s.db, entryID)
	if err != nil {
		return Entry{}, err
	}
	if err := s.writeEntry(ctx, sess, formID, entryID, false, in, u); err != nil {
		return Entry{}, err
	}
	if err := s.log(ctx, sess, ActionEntryUpdate, TargetEntry, entryID); err != nil {
		return Entry{}, err
	}
	return s.Entry(ctx, sess, entryID)
}

func (s *Service) entryForm(ctx context.Context, q querier, entryID string) (string, error) {
	var formID string
	err := q.QueryRowContext(ctx, "SELECT form_id FROM vault_entries WHERE entry_id = ?", entryID).Scan(&formID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("entry %s: %w", entryID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("reading entry %s: %w", entryID, err)
	}
	return formID, nil
}

func (s *Service) writeEntry(ctx context.Context, sess auth.Session, formID, entryID string, create bool, in EntryInput, u Unlock) error {
	if err := s.requireDecrypt(ctx, s.db, sess, formID); err != nil {
		return err
	}
	f, err := s.loadForm(ctx, s.db, formID)
	if err != nil {
		return err
	}
	in.CustomerNumber = strings.TrimSpace(in.CustomerNumber)
	switch {
	case f.Purpose == PurposeCustomer && in.CustomerNumber == "" && create:
		return fmt.Errorf("an entry of a form for a customer names its customer: %w", ErrInvalidEntry)
	case f.Purpose == PurposeInternal && in.CustomerNumber != "":
		return fmt.Errorf("an internal form's entry has no customer: %w", ErrInvalidEntry)
	}
	if in.CustomerNumber != "" {
		ok, err := s.dir.CustomerExists(ctx, in.CustomerNumber)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("customer number %q: %w", in.CustomerNumber, ErrInvalidEntry)
		}
	}
	var key *DataKey
	for fid, v := range in.Values {
		fl, ok := f.field(fid)
		if !ok {
			return fmt.Errorf("field %q: %w", fid, ErrInvalidEntry)
		}
		if fl.Encrypted && v != "" && key == nil {
			if key, err = s.formKey(ctx, s.db, sess, formID, u); err != nil {
				return err
			}
			defer key.Wipe()
		}
	}
	now := s.now().UTC().Unix()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if create {
			var cust any
			if in.CustomerNumber != "" {
				cust = in.CustomerNumber
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO vault_entries(entry_id, form_id, customer_number, created_by, created_at, updated_at)
				VALUES(?, ?, ?, ?, ?, ?)`, entryID, formID, cust, sess.UserID, now, now); err != nil {
				return fmt.Errorf("creating entry: %w", err)
			}
		} else {
			q := "UPDATE vault_entries SET updated_at = ? WHERE entry_id = ?"
			args := []any{now, entryID}
			if in.CustomerNumber != "" && f.Purpose == PurposeCustomer {
				q = "UPDATE vault_entries SET updated_at = ?, customer_number = ? WHERE entry_id = ?"
				args = []any{now, in.CustomerNumber, entryID}
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("updating entry: %w", err)
			}
		}
		for fid, v := range in.Values {
			fl, _ := f.field(fid)
			if v == "" {
				if _, err := tx.ExecContext(ctx, "DELETE FROM vault_values WHERE entry_id = ? AND field_id = ?", entryID, fid); err != nil {
					return fmt.Errorf("clearing value: %w", err)
				}
				continue
			}
			var plain, sealed any
			if fl.Encrypted {
				b, err := key.Seal(Location{Form: formID, Entry: entryID, Field: fid}, []byte(v))
				if err != nil {
					return err
				}
				sealed = b
			} else {
				plain = v
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO vault_values(entry_id, field_id, plain, sealed) VALUES(?, ?, ?, ?)
				ON CONFLICT(entry_id, field_id) DO UPDATE SET plain = excluded.plain, sealed = excluded.sealed`,
				entryID, fid, plain, sealed); err != nil {
				return fmt.Errorf("writing value: %w", err)
			}
		}
		return enqueue(ctx, tx, "entry_id = ?", entryID)
	})
}

// DeleteEntry deletes an entry (decrypt right needed). secure_delete zeroes its pages.
func (s *Service) DeleteEntry(ctx context.Context, sess auth.Session, entryID string) error {
	formID, err := s.entryForm(ctx, s.db, entryID)
	if err != nil {
		return err
	}
	if err := s.requireDecrypt(ctx, s.db, sess, formID); err != nil {
		return err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := enqueue(ctx, tx, "entry_id = ?", entryID); err != nil {
			return err
		}
		// Erased values leave the search index and the WAL only with a purge (store.MarkErasure).
		if _, err := tx.ExecContext(ctx, store.MarkErasureSQL); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM vault_entries WHERE entry_id = ?", entryID); err != nil {
			return fmt.Errorf("deleting entry: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.log(ctx, sess, ActionEntryDelete, TargetEntry, entryID)
}

// Entry returns one entry to someone who may read its form.
func (s *Service) Entry(ctx context.Context, sess auth.Session, entryID string) (Entry, error) {
	formID, err := s.entryForm(ctx, s.db, entryID)
	if err != nil {
		return Entry{}, err
	}
	if err := s.requireRead(ctx, s.db, sess, formID); err != nil {
		return Entry{}, err
	}
	es, _, err := s.listEntries(ctx, "e.entry_id = ?", []any{entryID}, 0, 1)
	if err != nil {
		return Entry{}, err
	}
	if len(es) == 0 {
		return Entry{}, ErrNotFound
	}
	return es[0], nil
}

// ListOptions page and filter [Service.Entries].
type ListOptions struct {
	CustomerNumber string // only this customer's entries
	Offset, Limit  int    // Limit 0: 100
}

// Entries lists a form's entries, newest first, with the total count, to someone who may read
// the form.
func (s *Service) Entries(ctx context.Context, sess auth.Session, formID string, opt ListOptions) ([]Entry, int, error) {
	if err := s.requireRead(ctx, s.db, sess, formID); err != nil {
		return nil, 0, err
	}
	where, args := "e.form_id = ?", []any{formID}
	if opt.CustomerNumber != "" {
		where += " AND e.customer_number = ?"
		args = append(args, opt.CustomerNumber)
	}
	if opt.Limit <= 0 {
		opt.Limit = 100
	}
	return s.listEntries(ctx, where, args, opt.Offset, opt.Limit)
}

func (s *Service) listEntries(ctx context.Context, where string, args []any, offset, limit int) ([]Entry, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM vault_entries e WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting entries: %w", err)
	}
	// One row per entry: plain values gathered into a JSON object by SQLite, the names of the
	// encrypted fields as a list. Sealed blobs are never read here.
	rows, err := s.db.QueryContext(ctx, `SELECT e.entry_id, e.form_id, coalesce(e.customer_number, ''), e.created_at, e.updated_at,
			(SELECT json_group_object(v.field_id, v.plain) FROM vault_values v WHERE v.entry_id = e.entry_id AND v.plain IS NOT NULL),
			(SELECT group_concat(v.field_id, ',') FROM vault_values v WHERE v.entry_id = e.entry_id AND v.sealed IS NOT NULL)
		FROM (SELECT * FROM vault_entries e WHERE `+where+` ORDER BY e.created_at DESC, e.entry_id LIMIT ? OFFSET ?) e
		ORDER BY e.created_at DESC, e.entry_id`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("listing entries: %w", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var e Entry
		var created, updated int64
		var plain []byte
		var sealed sql.NullString
		if err := rows.Scan(&e.ID, &e.FormID, &e.CustomerNumber, &created, &updated, &plain, &sealed); err != nil {
			return nil, 0, fmt.Errorf("listing entries: %w", err)
		}
		e.CreatedAt, e.UpdatedAt = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
		e.Plain = map[string]string{}
		if err := json.Unmarshal(plain, &e.Plain); err != nil {
			return nil, 0, fmt.Errorf("listing entries: plain values of %s: %w", e.ID, err)
		}
		e.Encrypted = []string{}
		if sealed.String != "" {
			e.Encrypted = strings.Split(sealed.String, ",")
			slices.Sort(e.Encrypted)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// Decrypt returns an entry's encrypted values (field id -> value) after the caller types their
// password again (and passes the second factor where the form asks). It writes an event naming
// who decrypted which entry, never the value; the values must stay in memory.
func (s *Service) Decrypt(ctx context.Context, sess auth.Session, entryID string, u Unlock) (map[string]string, error) {
	formID, err := s.entryForm(ctx, s.db, entryID)
	if err != nil {
		return nil, err
	}
	if err := s.requireDecrypt(ctx, s.db, sess, formID); err != nil {
		return nil, err
	}
	key, err := s.formKeyFor(ctx, s.db, sess, formID, u, TargetEntry, entryID)
	if err != nil {
		return nil, err
	}
	defer key.Wipe()
	rows, err := s.db.QueryContext(ctx, "SELECT field_id, sealed FROM vault_values WHERE entry_id = ? AND sealed IS NOT NULL", entryID)
	if err != nil {
		return nil, fmt.Errorf("reading sealed values: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var fid string
		var sealed []byte
		if err := rows.Scan(&fid, &sealed); err != nil {
			return nil, fmt.Errorf("reading sealed values: %w", err)
		}
		pt, err := key.Open(Location{Form: formID, Entry: entryID, Field: fid}, sealed)
		if err != nil {
			return nil, err
		}
		out[fid] = string(pt)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Log before returning anything: no value leaves without its event.
	if err := s.log(ctx, sess, ActionDecrypt, TargetEntry, entryID); err != nil {
		return nil, err
	}
	return out, nil
}

// CustomerEntries lists, for a customer card, the entries about one customer in every form
// the caller may read, newest first.
func (s *Service) CustomerEntries(ctx context.Context, sess auth.Session, customerNumber string) ([]Entry, error) {
	if err := auth.RequireRole(sess); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT form_id FROM vault_entries WHERE customer_number = ?`, customerNumber)
	if err != nil {
		return nil, fmt.Errorf("listing customer entries: %w", err)
	}
	var forms []any
	var where []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		forms = append(forms, id)
	}
	rows.Close()
	var readable []any
	for _, id := range forms {
		read, _, err := s.rights(ctx, s.db, sess, id.(string))
		if err != nil {
			return nil, err
		}
		if read {
			readable = append(readable, id)
			where = append(where, "?")
		}
	}
	if len(readable) == 0 {
		return []Entry{}, nil
	}
	es, _, err := s.listEntries(ctx, "e.customer_number = ? AND e.form_id IN ("+strings.Join(where, ", ")+")",
		append([]any{customerNumber}, readable...), 0, -1)
	return es, err
}

// DeleteCustomerEntries deletes every entry about a customer; the retention engine calls it
// when the customer is erased or anonymised, since secure data about them must go too. It
// returns how many entries it deleted.
func (s *Service) DeleteCustomerEntries(ctx context.Context, customerNumber string) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := enqueue(ctx, tx, "customer_number = ?", customerNumber); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM vault_entries WHERE customer_number = ?", customerNumber)
		if err != nil {
			return fmt.Errorf("deleting entries of customer %s: %w", customerNumber, err)
		}
		if n, _ = res.RowsAffected(); n > 0 {
			// Erased values leave the search index and the WAL only with a purge (store.MarkErasure).
			if _, err := tx.ExecContext(ctx, store.MarkErasureSQL); err != nil {
				return err
			}
		}
		return nil
	})
	return int(n), err
}
