// Package erasure anonymises one person everywhere: it answers a data subject's request
// for erasure (GDPR article 17) from the person search's results.
//
// # Using it
//
//	er := erasure.New(st, searchIndex)
//	plan, err := er.Preview(ctx, "Åsa Östergren")   // which records, which fields; changes nothing
//	res, err := er.Erase(ctx, "Åsa Östergren", erasure.Actor{UserID: "U1", Username: "admin"})
//
// # What is changed
//
// The person search ([search.Index.Locate]) lists every value that matched the query. The
// records holding them are changed in one transaction:
//
//   - the person's own record (a private customer, a contact person or a user, found by
//     one of its own personal fields) is anonymised by its type's rule, exactly as the
//     retention engine does it ([retention.Anonymise]): links to it are cleared where the
//     rule says so (customer number "0" on a customer's records), every field the rule
//     names is replaced or emptied, and its version history is purged;
//   - in every other record, each matching personal value (class P: a name, an e-mail
//     address, a phone number) becomes the store's replacement word, and in free text
//     (class F) only the matched words are replaced, in the record's own fields, its child
//     rows and the old values of its version history.
//
// Each changed record is logged as an event naming the actor, the action and the record,
// never the personal data. Afterwards the search index is brought up to date and purged
// (merged so the old terms leave the index files), and the WAL is truncated, so neither a
// search nor a byte search of the data folder finds the old values.
package erasure

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"dataskydd/backend/normalize"
	"dataskydd/backend/registry"
	"dataskydd/backend/retention"
	"dataskydd/backend/search"
	"dataskydd/backend/store"
)

// Sentinel errors.
var (
	// ErrEmptyQuery is returned for a query with nothing to search for.
	ErrEmptyQuery = errors.New("the query is empty")
	// ErrOwnAccount is returned when the person to erase is the acting user's own account.
	ErrOwnAccount = errors.New("the acting user's own account cannot be anonymised")
	// ErrCheckpoint is returned (wrapped) when the WAL could not be truncated afterwards.
	ErrCheckpoint = store.ErrCheckpoint
)

// EventAction is the event log's action for one record changed by an erasure.
const EventAction = "anonymise_everywhere"

// Index is what erasure needs of the person search.
type Index interface {
	Locate(ctx context.Context, q string) ([]search.Located, normalize.Kind, error)
	Apply(ctx context.Context) error
	Purge(ctx context.Context) error
}

// Actor is the logged-in user who asks for the erasure; they are named in the event log.
type Actor struct {
	UserID   string
	Username string
}

// How a record is changed.
const (
	ModeRule   = "rule"   // the person's own record, anonymised by its type's rule
	ModeValues = "values" // the person's values replaced, the rest kept
)

// Target is one record an erasure changes.
type Target struct {
	Type     string   `json:"type"`
	ID       string   `json:"id"`
	Area     string   `json:"area"`
	Location string   `json:"location"`
	Mode     string   `json:"mode"`   // ModeRule or ModeValues
	Fields   []string `json:"fields"` // the field paths that change
	Values   int      `json:"values"` // how many matched values it holds
}

// Plan is what an erasure changes (or, after Erase, changed).
type Plan struct {
	Query   string   `json:"query"`
	Kind    string   `json:"kind"`
	Records []Target `json:"records"`
	Values  int      `json:"values"` // matched values in all
}

// Result is what Erase did.
type Result struct {
	Plan
	Anonymised int `json:"anonymised"` // records anonymised by their rule
	Edited     int `json:"edited"`     // records whose matched values were replaced
	Remaining  int `json:"remaining"`  // values a search for the query still finds (0)
}

// Eraser anonymises people in one store.
type Eraser struct {
	st  *store.Store
	ix  Index
	now func() time.Time
}

// New returns an eraser for st and its search index.
func New(st *store.Store, ix Index) *Eraser {
	return &Eraser{st: st, ix: ix, now: time.Now}
}

// Preview lists the records and fields an erasure of the person the query finds would
// change, and changes nothing.
func (e *Eraser) Preview(ctx context.Context, q string) (Plan, error) {
	plan, _, err := e.plan(ctx, q)
	return plan, err
}

// group is the located values of one record.
type group struct {
	typ  *registry.Type
	id   string
	locs []search.Located
	mode string
}

func (e *Eraser) plan(ctx context.Context, q string) (Plan, []*group, error) {
	plan := Plan{Query: q, Kind: normalize.KindName.String(), Records: []Target{}}
	if strings.TrimSpace(q) == "" {
		return plan, nil, ErrEmptyQuery
	}
	// Writes not yet in the index (an import that did not sync it) must be found too.
	if err := e.ix.Apply(ctx); err != nil {
		return plan, nil, fmt.Errorf("updating the search index: %w", err)
	}
	locs, kind, err := e.ix.Locate(ctx, q)
	if err != nil {
		return plan, nil, fmt.Errorf("finding the person: %w", err)
	}
	plan.Kind = kind.String()
	byKey := map[string]*group{}
	seenLoc := map[string]bool{}
	var groups []*group
	addLocs := func(locs []search.Located) {
		for _, l := range locs {
			lk := l.Type + "/" + l.ID + "\x00" + l.Field + "\x00" + l.Value
			if seenLoc[lk] {
				continue
			}
			seenLoc[lk] = true
			k := l.Type + "/" + l.ID
			g := byKey[k]
			if g == nil {
				t, ok := registry.Get(l.Type)
				if !ok {
					continue
				}
				g = &group{typ: t, id: l.ID}
				byKey[k] = g
				groups = append(groups, g)
			}
			g.locs = append(g.locs, l)
		}
	}
	addLocs(locs)
	for _, g := range groups {
		g.mode = ModeValues
		if isSubject(ctx, e.st, g) {
			g.mode = ModeRule
		}
	}
	// The person's own records name their contact details: those are the person's
	// wherever they appear (a name query alone would leave their e-mail address in a
	// meeting's participant list). One level deep, from the person's own records only.
	for _, id := range identifiers(ctx, e.st, groups) {
		more, _, err := e.ix.Locate(ctx, id)
		if err != nil {
			return plan, nil, fmt.Errorf("finding the person's contact details: %w", err)
		}
		n := len(groups)
		addLocs(more)
		for _, g := range groups[n:] {
			g.mode = ModeValues
			if isSubject(ctx, e.st, g) {
				g.mode = ModeRule
			}
		}
	}
	// The data map's order, then by id: the same person gives the same plan.
	order := map[string]int{}
	for i, n := range registry.Names() {
		order[n] = i
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if a.typ != b.typ {
			return order[a.typ.Name] < order[b.typ.Name]
		}
		return a.id < b.id
	})
	for _, g := range groups {
		t := Target{Type: g.typ.Name, ID: g.id, Area: g.typ.Area, Location: g.typ.Location, Mode: g.mode, Values: len(g.locs)}
		seen := map[string]bool{}
		if g.mode == ModeRule {
			for _, f := range retention.Named(g.typ) {
				seen[f] = true
				t.Fields = append(t.Fields, f)
			}
			if _, ok := g.typ.Field(registry.FieldVersions); ok && !seen[registry.FieldVersions] {
				seen[registry.FieldVersions] = true
				t.Fields = append(t.Fields, registry.FieldVersions)
			}
		}
		for _, l := range g.locs {
			if !seen[l.Field] && !(g.mode == ModeRule && l.Version) {
				seen[l.Field] = true
				t.Fields = append(t.Fields, l.Field)
			}
		}
		plan.Records = append(plan.Records, t)
		plan.Values += len(g.locs)
	}
	return plan, groups, nil
}

// isSubject reports whether a record is the person's own: a customer (not a company),
// contact person or user whose own personal field (not a child row, not free text, not
// an old value) matched.
func isSubject(ctx context.Context, st *store.Store, g *group) bool {
	if g.typ.Retention == nil || !g.typ.Retention.OnDelete {
		return false
	}
	own := false
	for _, l := range g.locs {
		if !l.Version && l.Class == registry.ClassP && !strings.Contains(l.Field, ".") {
			own = true
			break
		}
	}
	if !own {
		return false
	}
	if g.typ.Name == "customer" {
		r, err := st.Get(ctx, g.typ.Name, g.id)
		if err != nil || r.String("kind") == "company" {
			return false // a company is not the person: only their values go
		}
	}
	return true
}

// identifiers are the e-mail addresses, phone numbers and personal numbers held by the
// person's own records.
func identifiers(ctx context.Context, st *store.Store, groups []*group) []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range groups {
		if g.mode != ModeRule {
			continue
		}
		r, err := st.Get(ctx, g.typ.Name, g.id)
		if err != nil {
			continue
		}
		for i := range g.typ.Fields {
			f := &g.typ.Fields[i]
			if f.Class != registry.ClassP {
				continue
			}
			switch f.Format {
			case registry.FormatEmail, registry.FormatPhone, registry.FormatPersonalNumber:
				if v := strings.TrimSpace(r.String(f.Name)); v != "" && !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// Erase anonymises the person the query finds in every record that holds their data (see
// the package guide), logs each changed record as an event, brings the search index up to
// date and purges it, and truncates the WAL. Remaining in the result is what a search for
// the same query finds afterwards.
func (e *Eraser) Erase(ctx context.Context, q string, actor Actor) (Result, error) {
	plan, groups, err := e.plan(ctx, q)
	res := Result{Plan: plan}
	if err != nil {
		return res, err
	}
	for _, g := range groups {
		if g.mode == ModeRule && g.typ.Name == "user" && g.id == actor.UserID {
			return res, fmt.Errorf("anonymising %s %s: %w", g.typ.Name, g.id, ErrOwnAccount)
		}
	}
	if len(groups) == 0 {
		return res, nil
	}
	now := e.now().UTC()
	word := e.st.ReplacementWord()
	err = e.st.Update(ctx, func(tx *store.Tx) error {
		res.Anonymised, res.Edited = 0, 0
		// The person's own records first: their rule may rewrite records listed later,
		// which are then read as rewritten.
		for _, pass := range []string{ModeRule, ModeValues} {
			for _, g := range groups {
				if g.mode != pass {
					continue
				}
				changed, err := e.apply(tx, g, word, now)
				if err != nil {
					return err
				}
				if !changed {
					continue
				}
				if g.mode == ModeRule {
					res.Anonymised++
				} else {
					res.Edited++
				}
				if err := tx.LogEvent(store.Event{At: now, Username: actor.Username, Action: EventAction, TargetType: g.typ.Name, TargetID: g.id}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("anonymising %q: %w", q, err)
	}
	if err := e.ix.Apply(ctx); err != nil {
		return res, fmt.Errorf("updating the search index: %w", err)
	}
	if err := e.ix.Purge(ctx); err != nil {
		return res, fmt.Errorf("purging erased values from the search index: %w", err)
	}
	if err := e.st.Checkpoint(ctx); err != nil {
		return res, err
	}
	left, _, err := e.ix.Locate(ctx, q)
	if err != nil {
		return res, fmt.Errorf("searching again: %w", err)
	}
	res.Remaining = len(left)
	return res, nil
}

// apply changes one record in the transaction and reports whether it changed.
func (e *Eraser) apply(tx *store.Tx, g *group, word string, now time.Time) (bool, error) {
	r, err := tx.Get(g.typ.Name, g.id)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil // gone since the search: nothing of it is left to erase
	}
	if err != nil {
		return false, err
	}
	var anonymisedAt *int64
	var at any
	if err := tx.SQL().QueryRowContext(tx.Context(), "SELECT anonymised_at FROM records WHERE type = ? AND ext_id = ?", g.typ.Name, g.id).Scan(&at); err != nil {
		return false, fmt.Errorf("reading %s %s: %w", g.typ.Name, g.id, err)
	}
	if v, ok := at.(int64); ok {
		anonymisedAt = &v
	}
	changed := false
	if g.mode == ModeRule {
		if g.typ.Retention.ClearInbound {
			// Before the rewrite: a customer's links are found by its own number.
			if _, err := tx.ClearInbound(r); err != nil {
				return false, err
			}
		}
		changed = retention.Anonymise(r, word)
		if _, ok := r.Values[registry.FieldVersions]; ok {
			delete(r.Values, registry.FieldVersions) // old values are personal data
			changed = true
		}
	}
	if replaceValues(r, g.locs, word) {
		changed = true
	}
	if !changed {
		return false, nil
	}
	switch {
	case g.mode == ModeRule:
		_, err = tx.PutAnonymised(r, now.Unix())
	case anonymisedAt != nil:
		_, err = tx.PutAnonymised(r, *anonymisedAt) // stays anonymised: no new clock
	default:
		_, err = tx.Put(r, 0)
	}
	if err != nil {
		return false, err
	}
	return true, nil
}
