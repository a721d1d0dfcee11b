// Package records is what the record screens do with records: list a type page by page,
// show one with its children and version history, create and edit with validation, and
// delete the way each type deletes. Every method checks the caller's role; every change
// writes a version-history entry (for types that keep one) and an event.
//
// The screens are driven by the registry: [Schemas] describes every type and field, so no
// screen is written per type.
package records

import (
	"context"
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// Service is the record screens' backend.
type Service struct {
	st  *store.Store
	now func() time.Time
}

// New returns the service; now may be nil (time.Now).
func New(st *store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, now: now}
}

// Errors with stable codes for the UI.
var (
	ErrUnknownType = &auth.Error{Code: "unknown_type", Message: "unknown record type"}
	ErrNotFound    = &auth.Error{Code: "not_found", Message: "the record does not exist"}
	ErrReadOnly    = &auth.Error{Code: "read_only", Message: "records of this type are written by the app, not edited"}
	ErrExists      = &auth.Error{Code: "exists", Message: "a record with this id already exists"}
)

// ValidationError names the field that is wrong.
type ValidationError struct {
	Field string `json:"field"`
	Msg   string `json:"message"`
}

func (e *ValidationError) Error() string { return fmt.Sprintf("field %q: %s", e.Field, e.Msg) }

// readRoles says who may see a type's records: Workcloud and Time are everyone's daily work,
// GDPR and the logs are for admins and GDPR officers, Settings for admins.
func readRoles(t *registry.Type) []auth.Role {
	switch {
	case t.Area == "GDPR" || t.Name == "system_log" || t.Name == "event":
		return []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}
	case t.Area == "Settings":
		return []auth.Role{auth.RoleAdmin}
	}
	return nil
}

// writable reports whether people edit the type; logs are written by the app alone.
func writable(t *registry.Type) bool { return t.Name != "event" && t.Name != "system_log" }

func (s *Service) typeFor(sess auth.Session, name string, write bool) (*registry.Type, error) {
	if err := auth.RequireRole(sess); err != nil {
		return nil, err
	}
	t, ok := registry.Get(name)
	if !ok {
		return nil, ErrUnknownType
	}
	if err := auth.RequireRole(sess, readRoles(t)...); err != nil {
		return nil, err
	}
	if write && !writable(t) {
		return nil, ErrReadOnly
	}
	return t, nil
}

// Detail is one record as the detail screen shows it.
type Detail struct {
	Type   string         `json:"type"`
	ID     string         `json:"id"`
	Values map[string]any `json:"values"`
	// Names are the display names of the records it links to, keyed by [NameKey]
	// ("user/U1", "customer_number/1001"): every link in its fields, child rows and version
	// history that the caller may read. Filled by Get; empty in what Save returns.
	Names map[string]string `json:"names"`
	// Customers maps each named customer number to the customer's id.
	Customers map[string]string `json:"customers"`
}

func detail(r *record.Record) Detail {
	return Detail{Type: r.Type.Name, ID: r.ID, Values: r.Values, Names: map[string]string{}, Customers: map[string]string{}}
}

// Get reads one record with its children and version history, and names the records it
// links to.
func (s *Service) Get(ctx context.Context, sess auth.Session, typeName, id string) (Detail, error) {
	t, err := s.typeFor(sess, typeName, false)
	if err != nil {
		return Detail{}, err
	}
	r, err := s.st.Get(ctx, t.Name, id)
	if errors.Is(err, store.ErrNotFound) {
		return Detail{}, ErrNotFound
	}
	if err != nil {
		return Detail{}, err
	}
	d := detail(r)
	n, err := s.resolveNames(ctx, sess, r.Refs())
	if err != nil {
		return Detail{}, fmt.Errorf("reading %s %s: %w", t.Name, id, err)
	}
	d.Names, d.Customers = n.Names, n.Customers
	return d, nil
}

// Save creates (create true) or replaces a record from the edit form's values. The values are
// validated exactly as an import line is; links must name existing records. An edit appends
// the changed fields' old values to the version history and writes an event.
func (s *Service) Save(ctx context.Context, sess auth.Session, typeName, id string, values map[string]any, create bool) (Detail, error) {
	t, err := s.typeFor(sess, typeName, true)
	if err != nil {
		return Detail{}, err
	}
	if id == "" {
		return Detail{}, &ValidationError{Field: "id", Msg: "required"}
	}
	r, err := fromValues(t, id, values)
	if err != nil {
		return Detail{}, err
	}
	now := s.now().UTC()
	ts := now.Format(time.RFC3339)
	err = s.st.Update(ctx, func(tx *store.Tx) error {
		old, err := tx.Get(t.Name, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			if !create {
				return ErrNotFound
			}
			old = nil
		case err != nil:
			return err
		case create:
			return ErrExists
		}
		if err := checkRefs(tx, r); err != nil {
			return err
		}
		action := "create"
		if old == nil {
			if _, ok := r.Values[registry.FieldStatus]; !ok {
				r.Set(registry.FieldStatus, registry.StatusOpen)
			}
			if _, ok := r.Values[registry.FieldCreatedAt]; !ok {
				r.Set(registry.FieldCreatedAt, ts)
			}
		} else {
			action = "update"
			// History is the app's to keep: the form cannot rewrite it.
			if hist, ok := old.Values[registry.FieldVersions]; ok {
				r.Values[registry.FieldVersions] = hist
			} else {
				delete(r.Values, registry.FieldVersions)
			}
			if v, ok := old.Values[registry.FieldCreatedAt]; ok {
				r.Values[registry.FieldCreatedAt] = v
			}
			addVersion(r, old, sess.UserID, ts)
		}
		r.Set(registry.FieldUpdatedAt, ts)
		if _, err := tx.Put(r, 0); err != nil {
			return err
		}
		return tx.LogEvent(store.Event{At: now, Username: sess.Username, Action: action, TargetType: t.Name, TargetID: id})
	})
	if err != nil {
		return Detail{}, err
	}
	return detail(r), nil
}

// fromValues validates form values by encoding them as an import line and decoding it.
func fromValues(t *registry.Type, id string, values map[string]any) (*record.Record, error) {
	line, err := record.LineFromValues(t.Name, id, values)
	if err != nil {
		return nil, &ValidationError{Field: "", Msg: err.Error()}
	}
	r, err := record.Decode(line)
	if err != nil {
		var fe *record.FieldError
		if errors.As(err, &fe) {
			return nil, &ValidationError{Field: fe.Field, Msg: fe.Msg}
		}
		return nil, err
	}
	return r, nil
}

func checkRefs(tx *store.Tx, r *record.Record) error {
	for _, ref := range r.Refs() {
		ok, err := tx.Exists(ref.Target, ref.ID)
		if err != nil {
			return err
		}
		if !ok {
			return &ValidationError{Field: ref.Path, Msg: fmt.Sprintf("%s %q does not exist", ref.Target, ref.ID)}
		}
	}
	return nil
}

// addVersion appends {changed_at, changed_by, fields: old values of the changed fields}.
func addVersion(r, old *record.Record, userID, at string) {
	if _, ok := r.Type.Field(registry.FieldVersions); !ok {
		return
	}
	changed := map[string]any{}
	for _, f := range r.Type.Fields {
		switch f.Name {
		case registry.FieldVersions, registry.FieldUpdatedAt:
			continue
		}
		ov, nv := old.Values[f.Name], r.Values[f.Name]
		if !record.SameValue(&f, ov, nv) {
			if ov == nil {
				changed[f.Name] = nil
			} else {
				changed[f.Name] = ov
			}
		}
	}
	if len(changed) == 0 {
		return
	}
	row := record.Row{"changed_at": at, "fields": changed}
	if userID != "" {
		row["changed_by"] = userID
	}
	r.Values[registry.FieldVersions] = append(r.Rows(registry.FieldVersions), row)
}

// DeleteEffect says what deleting a record of the type does, for the confirmation dialog:
// "delete" (gone at once, links cleared), "anonymise" (kept, anonymised by its policy), or
// "mark" (marked deleted; its retention policy, if on, anonymises it later).
func (s *Service) DeleteEffect(ctx context.Context, typeName string) (string, error) {
	t, ok := registry.Get(typeName)
	if !ok {
		return "", ErrUnknownType
	}
	if t.Retention != nil && t.Retention.OnDelete {
		var effect string
		err := s.st.Update(ctx, func(tx *store.Tx) error {
			var err error
			effect, err = store.OnDelete(tx, t.Name)
			return err
		})
		return effect, err
	}
	return "mark", nil
}

// Delete deletes a record the way its type deletes (see [DeleteIn]) and writes an event.
func (s *Service) Delete(ctx context.Context, sess auth.Session, typeName, id string) (string, error) {
	t, err := s.typeFor(sess, typeName, true)
	if err != nil {
		return "", err
	}
	var what string
	now := s.now()
	err = s.st.Update(ctx, func(tx *store.Tx) error {
		what, err = DeleteIn(tx, t, id, now)
		if errors.Is(err, store.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return tx.LogEvent(store.Event{At: now, Username: sess.Username, Action: "delete", TargetType: t.Name, TargetID: id})
	})
	return what, err
}

// DeleteIn deletes as the app does: customer, contact_person and user follow their on-delete
// setting (delete: gone at once and links cleared); everything else is marked deleted and
// waits for its retention policy. It returns a sentence saying what happened.
func DeleteIn(tx *store.Tx, t *registry.Type, id string, now time.Time) (string, error) {
	if t.Retention != nil && t.Retention.OnDelete {
		onDelete, err := store.OnDelete(tx, t.Name)
		if err != nil {
			return "", err
		}
		if onDelete == store.OnDeleteDelete {
			n, err := tx.HardDelete(t.Name, id)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("deleted %s %s for good; cleared links in %d records", t.Name, id, n), nil
		}
	}
	if _, err := tx.SoftDelete(t.Name, id, now); err != nil {
		return "", err
	}
	return fmt.Sprintf("marked %s %s deleted; its retention policy anonymises it when due", t.Name, id), nil
}
