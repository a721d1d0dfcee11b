package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dataskydd/backend/auth"
)

// FieldKind is how a field is shown and edited.
type FieldKind string

// The field kinds of security.md.
const (
	KindText   FieldKind = "text"
	KindSecret FieldKind = "secret"
	KindURL    FieldKind = "url"
	KindNote   FieldKind = "note"
)

// Purpose says whom a form's entries are about.
type Purpose string

// The purposes: internal, or for a customer (then every entry names its customer number).
const (
	PurposeInternal Purpose = "internal"
	PurposeCustomer Purpose = "customer"
)

// Field is one named field of a form. ID is assigned by the service and never changes.
type Field struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Kind      FieldKind `json:"kind"`
	Encrypted bool      `json:"encrypted"`
}

// Member kinds on an access list.
const (
	MemberUser  = "user"
	MemberGroup = "group"
)

// Member is a user or a group on an access list.
type Member struct {
	Kind string `json:"kind"` // MemberUser or MemberGroup
	ID   string `json:"id"`   // the user's or group's external id
}

// Form is a secure-data form.
type Form struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Purpose        Purpose   `json:"purpose"`
	Fields         []Field   `json:"fields"`
	AutoDeleteDays int       `json:"autoDeleteDays"` // 0 = never
	TwoFactor      bool      `json:"twoFactor"`      // second factor to decrypt
	Readers        []Member  `json:"readers"`        // may read plain fields
	Decrypters     []Member  `json:"decrypters"`     // may decrypt (and read plain fields)
	NeedsGrant     []string  `json:"needsGrant"`     // users on the decrypt list without a usable key ("needs re-grant")
	CanDecrypt     bool      `json:"canDecrypt"`     // the caller holds a key for this form
	CreatedAt      time.Time `json:"createdAt"`
	UpdatedAt      time.Time `json:"updatedAt"`
}

// validate checks a form's own values and assigns ids to new fields; old is the stored form
// when updating.
func (f *Form) validate(old *Form) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrInvalidForm)
	}
	f.Name = strings.TrimSpace(f.Name)
	if f.Name == "" {
		return bad("form name is empty")
	}
	if f.Purpose != PurposeInternal && f.Purpose != PurposeCustomer {
		return bad("purpose %q: want internal or customer", f.Purpose)
	}
	if f.AutoDeleteDays < 0 {
		return bad("auto-delete days %d < 0", f.AutoDeleteDays)
	}
	if len(f.Fields) == 0 {
		return bad("a form needs at least one field")
	}
	next := 1
	oldFields := map[string]Field{}
	if old != nil {
		for _, of := range old.Fields {
			oldFields[of.ID] = of
			if n, err := strconv.Atoi(strings.TrimPrefix(of.ID, "f")); err == nil && n >= next {
				next = n + 1
			}
		}
	}
	names := map[string]bool{}
	for i := range f.Fields {
		fl := &f.Fields[i]
		fl.Name = strings.TrimSpace(fl.Name)
		if fl.Name == "" || names[strings.ToLower(fl.Name)] {
			return bad("field %d: empty or repeated name %q", i+1, fl.Name)
		}
		names[strings.ToLower(fl.Name)] = true
		switch fl.Kind {
		case KindText, KindSecret, KindURL, KindNote:
		default:
			return bad("field %q: kind %q", fl.Name, fl.Kind)
		}
		if fl.ID == "" {
			fl.ID = "f" + strconv.Itoa(next)
			next++
			continue
		}
		of, ok := oldFields[fl.ID]
		if !ok {
			return bad("field %q: unknown id %q", fl.Name, fl.ID)
		}
		if of.Encrypted != fl.Encrypted {
			// Changing it would leave stored values in the other form; add a new field instead.
			return bad("field %q: cannot change whether an existing field is encrypted", fl.Name)
		}
	}
	for _, list := range [][]Member{f.Readers, f.Decrypters} {
		for _, m := range list {
			if (m.Kind != MemberUser && m.Kind != MemberGroup) || m.ID == "" {
				return bad("access list member %+v", m)
			}
		}
	}
	return nil
}

func (f *Form) field(id string) (Field, bool) {
	for _, fl := range f.Fields {
		if fl.ID == id {
			return fl, true
		}
	}
	return Field{}, false
}

// loadForm reads a form with its access lists.
func (s *Service) loadForm(ctx context.Context, q querier, id string) (*Form, error) {
	f := &Form{ID: id}
	var fields string
	var created, updated int64
	err := q.QueryRowContext(ctx, `SELECT name, purpose, fields, auto_delete_days, two_factor, created_at, updated_at
		FROM vault_forms WHERE form_id = ?`, id).Scan(&f.Name, &f.Purpose, &fields, &f.AutoDeleteDays, &f.TwoFactor, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("form %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading form %s: %w", id, err)
	}
	if err := json.Unmarshal([]byte(fields), &f.Fields); err != nil {
		return nil, fmt.Errorf("reading fields of form %s: %w", id, err)
	}
	f.CreatedAt, f.UpdatedAt = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
	rows, err := q.QueryContext(ctx, "SELECT list, kind, member_id FROM vault_access WHERE form_id = ? ORDER BY list, kind, member_id", id)
	if err != nil {
		return nil, fmt.Errorf("reading access lists of form %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var list string
		var m Member
		if err := rows.Scan(&list, &m.Kind, &m.ID); err != nil {
			return nil, fmt.Errorf("reading access lists of form %s: %w", id, err)
		}
		if List(list) == ListRead {
			f.Readers = append(f.Readers, m)
		} else {
			f.Decrypters = append(f.Decrypters, m)
		}
	}
	return f, rows.Err()
}

// decorate fills NeedsGrant and CanDecrypt for sess.
func (s *Service) decorate(ctx context.Context, q querier, sess auth.Session, f *Form) error {
	dec, err := s.members(ctx, q, f.ID, ListDecrypt)
	if err != nil {
		return err
	}
	wrapped := map[string]bool{}
	rows, err := q.QueryContext(ctx, "SELECT user_id FROM vault_wraps WHERE form_id = ?", f.ID)
	if err != nil {
		return fmt.Errorf("reading wraps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return err
		}
		wrapped[u] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	f.NeedsGrant = nil
	for _, u := range sortedKeys(dec) {
		if !wrapped[u] {
			f.NeedsGrant = append(f.NeedsGrant, u)
		}
	}
	f.CanDecrypt = dec[sess.UserID] && wrapped[sess.UserID]
	return nil
}

func (s *Service) writeAccess(ctx context.Context, tx *sql.Tx, formID string, list List, ms []Member) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM vault_access WHERE form_id = ? AND list = ?", formID, string(list)); err != nil {
		return fmt.Errorf("writing access list: %w", err)
	}
	for _, m := range ms {
		if err := s.checkMember(ctx, m); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO vault_access(form_id, list, kind, member_id) VALUES(?, ?, ?, ?)",
			formID, string(list), m.Kind, m.ID); err != nil {
			return fmt.Errorf("writing access list: %w", err)
		}
	}
	return nil
}

func (s *Service) checkMember(ctx context.Context, m Member) error {
	switch m.Kind {
	case MemberUser:
		ok, err := s.dir.UserExists(ctx, m.ID)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("user %q: %w", m.ID, auth.ErrUserNotFound)
		}
	case MemberGroup:
		if _, err := s.dir.GroupMembers(ctx, m.ID); err != nil {
			return fmt.Errorf("group %q: %w", m.ID, err)
		}
	default:
		return fmt.Errorf("member kind %q: %w", m.Kind, ErrInvalidForm)
	}
	return nil
}

// wrapFor wraps key for every user in users that has a key pair, and records the others as
// needing a grant. It replaces existing wraps.
func (s *Service) wrapFor(ctx context.Context, tx *sql.Tx, formID string, gen int64, key *DataKey, users []string) error {
	for _, u := range users {
		var pub []byte
		err := tx.QueryRowContext(ctx, "SELECT public_key FROM vault_keys WHERE user_id = ?", u).Scan(&pub)
		if errors.Is(err, sql.ErrNoRows) {
			continue // no key pair yet: shows in NeedsGrant until granted again
		}
		if err != nil {
			return fmt.Errorf("reading public key of %q: %w", u, err)
		}
		r, err := NewRecipient(u, pub)
		if err != nil {
			return err
		}
		w, err := r.Wrap(formID, key)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO vault_wraps(form_id, user_id, wrapped, generation) VALUES(?, ?, ?, ?)
			ON CONFLICT(form_id, user_id) DO UPDATE SET wrapped = excluded.wrapped, generation = excluded.generation`,
			formID, u, w, gen); err != nil {
			return fmt.Errorf("writing wrapped key: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM vault_regrants WHERE form_id = ? AND user_id = ?", formID, u); err != nil {
			return fmt.Errorf("clearing re-grant mark: %w", err)
		}
	}
	return nil
}

// CreateForm creates a form (admins only). Its fresh data key is wrapped at once for every user
// on the decrypt list who has a key pair; an admin gets no key unless on that list.
func (s *Service) CreateForm(ctx context.Context, sess auth.Session, f Form) (Form, error) {
	if err := auth.RequireRole(sess, auth.RoleAdmin); err != nil {
		return Form{}, err
	}
	for i := range f.Fields {
		f.Fields[i].ID = ""
	}
	if err := f.validate(nil); err != nil {
		return Form{}, err
	}
	id, err := newID("F")
	if err != nil {
		return Form{}, err
	}
	f.ID = id
	now := s.now().UTC().Truncate(time.Second)
	f.CreatedAt, f.UpdatedAt = now, now
	fields, _ := json.Marshal(f.Fields)
	key, err := NewDataKey()
	if err != nil {
		return Form{}, err
	}
	defer key.Wipe()
	dec, err := s.expand(ctx, f.Decrypters)
	if err != nil {
		return Form{}, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO vault_forms(form_id, name, purpose, fields, auto_delete_days, two_factor, created_by, created_at, updated_at)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.ID, f.Name, string(f.Purpose), string(fields), f.AutoDeleteDays, f.TwoFactor, sess.UserID, now.Unix(), now.Unix()); err != nil {
			return fmt.Errorf("creating form: %w", err)
		}
		if err := s.writeAccess(ctx, tx, f.ID, ListRead, f.Readers); err != nil {
			return err
		}
		if err := s.writeAccess(ctx, tx, f.ID, ListDecrypt, f.Decrypters); err != nil {
			return err
		}
		return s.wrapFor(ctx, tx, f.ID, 1, key, sortedKeys(dec))
	})
	if err != nil {
		return Form{}, err
	}
	if err := s.log(ctx, sess, ActionFormCreate, TargetForm, f.ID); err != nil {
		return Form{}, err
	}
	return s.Form(ctx, sess, f.ID)
}

// UpdateForm changes a form's name, purpose, fields, auto-delete, two-factor flag and read list
// (admins only). The decrypt list changes only through [Service.Grant] and [Service.Revoke],
// because adding someone needs the key. A removed field's stored values are deleted.
func (s *Service) UpdateForm(ctx context.Context, sess auth.Session, f Form) (Form, error) {
	if err := auth.RequireRole(sess, auth.RoleAdmin); err != nil {
		return Form{}, err
	}
	old, err := s.loadForm(ctx, s.db, f.ID)
	if err != nil {
		return Form{}, err
	}
	f.Decrypters = old.Decrypters
	if err := f.validate(old); err != nil {
		return Form{}, err
	}
	if f.Purpose != old.Purpose {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM vault_entries WHERE form_id = ?", f.ID).Scan(&n); err != nil {
			return Form{}, fmt.Errorf("counting entries: %w", err)
		}
		if n > 0 {
			return Form{}, fmt.Errorf("changing the purpose of a form with entries: %w", ErrInvalidForm)
		}
	}
	fields, _ := json.Marshal(f.Fields)
	now := s.now().UTC().Unix()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE vault_forms SET name = ?, purpose = ?, fields = ?, auto_delete_days = ?, two_factor = ?, updated_at = ?
			WHERE form_id = ?`, f.Name, string(f.Purpose), string(fields), f.AutoDeleteDays, f.TwoFactor, now, f.ID); err != nil {
			return fmt.Errorf("updating form: %w", err)
		}
		for _, of := range old.Fields {
			if _, ok := f.field(of.ID); !ok {
				if _, err := tx.ExecContext(ctx, "DELETE FROM vault_values WHERE field_id = ? AND entry_id IN (SELECT entry_id FROM vault_entries WHERE form_id = ?)", of.ID, f.ID); err != nil {
					return fmt.Errorf("deleting values of removed field: %w", err)
				}
			}
		}
		// Field names are the search hits' field names: the entries are indexed again.
		if err := enqueue(ctx, tx, "form_id = ?", f.ID); err != nil {
			return err
		}
		return s.writeAccess(ctx, tx, f.ID, ListRead, f.Readers)
	})
	if err != nil {
		return Form{}, err
	}
	if err := s.log(ctx, sess, ActionFormUpdate, TargetForm, f.ID); err != nil {
		return Form{}, err
	}
	return s.Form(ctx, sess, f.ID)
}

// DeleteForm deletes a form with all its entries and keys (admins only).
func (s *Service) DeleteForm(ctx context.Context, sess auth.Session, formID string) error {
	if err := auth.RequireRole(sess, auth.RoleAdmin); err != nil {
		return err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := enqueue(ctx, tx, "form_id = ?", formID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM vault_forms WHERE form_id = ?", formID)
		if err != nil {
			return fmt.Errorf("deleting form: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("deleting form %s: %w", formID, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.log(ctx, sess, ActionFormDelete, TargetForm, formID)
}

// Form returns one form to an admin or to someone on one of its lists.
func (s *Service) Form(ctx context.Context, sess auth.Session, formID string) (Form, error) {
	if err := auth.RequireRole(sess); err != nil {
		return Form{}, err
	}
	f, err := s.loadForm(ctx, s.db, formID)
	if err != nil {
		return Form{}, err
	}
	if !sess.Has(auth.RoleAdmin) {
		if err := s.requireRead(ctx, s.db, sess, formID); err != nil {
			return Form{}, err
		}
	}
	if err := s.decorate(ctx, s.db, sess, f); err != nil {
		return Form{}, err
	}
	return *f, nil
}

// Forms lists the forms sess may see: every form for an admin, else those whose lists hold
// the caller.
func (s *Service) Forms(ctx context.Context, sess auth.Session) ([]Form, error) {
	if err := auth.RequireRole(sess); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT form_id FROM vault_forms ORDER BY name, form_id")
	if err != nil {
		return nil, fmt.Errorf("listing forms: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := []Form{}
	for _, id := range ids {
		f, err := s.Form(ctx, sess, id)
		if errors.Is(err, ErrNoAccess) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
