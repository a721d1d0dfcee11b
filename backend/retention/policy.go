package retention

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// Sentinel errors of the policy settings.
var (
	ErrNoPolicy    = errors.New("the type has no retention policy")
	ErrFixed       = errors.New("the policy is fixed: it is always on and its period cannot be changed")
	ErrBadDays     = errors.New("days must be a whole number from 0 to 36500")
	ErrNoOnDelete  = errors.New("only customer, contact_person and user have an on-delete setting")
	ErrBadOnDelete = errors.New("on-delete must be anonymise or delete")
)

// MaxDays caps a policy's period (a hundred years).
const MaxDays = 36500

// Policy is one row of Settings > GDPR > Anonymisation.
type Policy struct {
	Type    string `json:"type"`
	Enabled bool   `json:"enabled"`
	// Days is N: a record is due at its clock + N days. Fixed rows report their period here
	// (the event log: 30) or in Months (the other logs: 3 calendar months).
	Days   int  `json:"days"`
	Months int  `json:"months,omitempty"`
	Fixed  bool `json:"fixed"`
	// OnDelete is what a delete does ("anonymise" or "delete"); "" for types without the
	// choice.
	OnDelete string `json:"on_delete,omitempty"`
	// Clock names the fields that start the countdown, and how they combine ("earliest":
	// "A or B"; "first_set": "A, else B").
	Clock     []string `json:"clock"`
	ClockMode string   `json:"clock_mode"`
	DeleteRow bool     `json:"delete_row"` // the record is deleted instead of anonymised
}

// Cutoff is the latest clock that is due at now: now - N days, or now - M calendar months.
// A record is due when clock <= Cutoff(now).
func (p Policy) Cutoff(now time.Time) time.Time {
	now = now.UTC()
	if p.Months > 0 {
		return now.AddDate(0, -p.Months, 0)
	}
	return now.Add(-time.Duration(p.Days) * 24 * time.Hour)
}

// PolicyTypes returns the types that have a retention policy, in the data map's order.
func PolicyTypes() []*registry.Type {
	var out []*registry.Type
	for _, t := range registry.Types() {
		if t.Retention != nil {
			out = append(out, t)
		}
	}
	return out
}

func defaultPolicy(t *registry.Type) Policy {
	rule := t.Retention
	p := Policy{Type: t.Name, Clock: rule.Clock, ClockMode: "earliest", DeleteRow: rule.DeleteRow}
	if rule.Mode == registry.FirstSet {
		p.ClockMode = "first_set"
	}
	if rule.Fixed() {
		p.Enabled, p.Fixed, p.Days, p.Months = true, true, rule.FixedDays, rule.FixedMonths
	}
	if rule.OnDelete {
		p.OnDelete = store.OnDeleteAnonymise
	}
	return p
}

// Policies reads every policy: the fixed rows as the registry fixes them, the others as
// saved (off, 0 days, on-delete anonymise until an admin changes them).
func Policies(ctx context.Context, db *sql.DB) ([]Policy, error) {
	saved := map[string]Policy{}
	rows, err := db.QueryContext(ctx, "SELECT type, enabled, days, on_delete FROM retention_policies")
	if err != nil {
		return nil, fmt.Errorf("reading retention policies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Policy
		if err := rows.Scan(&p.Type, &p.Enabled, &p.Days, &p.OnDelete); err != nil {
			return nil, fmt.Errorf("reading retention policies: %w", err)
		}
		saved[p.Type] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading retention policies: %w", err)
	}
	var out []Policy
	for _, t := range PolicyTypes() {
		p := defaultPolicy(t)
		if s, ok := saved[t.Name]; ok && !p.Fixed {
			p.Enabled, p.Days = s.Enabled, s.Days
			if p.OnDelete != "" {
				p.OnDelete = s.OnDelete
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// PolicyOf reads one type's policy.
func PolicyOf(ctx context.Context, db *sql.DB, typeName string) (Policy, error) {
	all, err := Policies(ctx, db)
	if err != nil {
		return Policy{}, err
	}
	for _, p := range all {
		if p.Type == typeName {
			return p, nil
		}
	}
	return Policy{}, fmt.Errorf("reading the policy of %s: %w", typeName, ErrNoPolicy)
}

// Change is an edit of one policy; nil fields stay as they are.
type Change struct {
	Enabled  *bool
	Days     *int
	OnDelete *string
}

// SetPolicy validates and saves a change and returns the policy as saved. A fixed row, a
// type without a policy, days out of range and an on-delete choice on a type that has none
// are errors (ErrFixed, ErrNoPolicy, ErrBadDays, ErrNoOnDelete, ErrBadOnDelete), and
// nothing is saved.
func SetPolicy(ctx context.Context, st *store.Store, typeName string, c Change) (Policy, error) {
	t, ok := registry.Get(typeName)
	if !ok || t.Retention == nil {
		return Policy{}, fmt.Errorf("changing the policy of %s: %w", typeName, ErrNoPolicy)
	}
	if t.Retention.Fixed() {
		if c.Enabled == nil && c.Days == nil && c.OnDelete == nil {
			return defaultPolicy(t), nil
		}
		return Policy{}, fmt.Errorf("changing the policy of %s: %w", typeName, ErrFixed)
	}
	if c.Days != nil && (*c.Days < 0 || *c.Days > MaxDays) {
		return Policy{}, fmt.Errorf("changing the policy of %s: %w (got %d)", typeName, ErrBadDays, *c.Days)
	}
	if c.OnDelete != nil {
		if !t.Retention.OnDelete {
			return Policy{}, fmt.Errorf("changing the policy of %s: %w", typeName, ErrNoOnDelete)
		}
		if *c.OnDelete != store.OnDeleteAnonymise && *c.OnDelete != store.OnDeleteDelete {
			return Policy{}, fmt.Errorf("changing the policy of %s: %w (got %q)", typeName, ErrBadOnDelete, *c.OnDelete)
		}
	}
	var out Policy
	err := st.Update(ctx, func(tx *store.Tx) error {
		cur := defaultPolicy(t)
		var enabled bool
		var days int
		var onDelete string
		err := tx.SQL().QueryRowContext(ctx, "SELECT enabled, days, on_delete FROM retention_policies WHERE type = ?", typeName).Scan(&enabled, &days, &onDelete)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("reading the policy of %s: %w", typeName, err)
		default:
			cur.Enabled, cur.Days = enabled, days
			if cur.OnDelete != "" {
				cur.OnDelete = onDelete
			}
		}
		if c.Enabled != nil {
			cur.Enabled = *c.Enabled
		}
		if c.Days != nil {
			cur.Days = *c.Days
		}
		if c.OnDelete != nil {
			cur.OnDelete = *c.OnDelete
		}
		stored := cur.OnDelete
		if stored == "" {
			stored = store.OnDeleteAnonymise
		}
		_, err = tx.SQL().ExecContext(ctx, `INSERT INTO retention_policies(type, enabled, days, on_delete) VALUES(?, ?, ?, ?)
ON CONFLICT(type) DO UPDATE SET enabled = excluded.enabled, days = excluded.days, on_delete = excluded.on_delete`,
			typeName, cur.Enabled, cur.Days, stored)
		if err != nil {
			return fmt.Errorf("saving the policy of %s: %w", typeName, err)
		}
		out = cur
		return nil
	})
	return out, err
}
