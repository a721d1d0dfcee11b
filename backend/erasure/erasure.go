// Package erasure anonymises one person everywhere: it answers a data subject's request
// for erasure (GDPR article 17) from the person search's inventory.
//
// # Using it
//
//	er := erasure.New(st, searchIndex)
//	plan, err := er.Preview(ctx, "Ulla Hedlund", nil)         // what would change; changes nothing
//	plan, err = er.Erase(ctx, "Ulla Hedlund", nil, erasure.Actor{UserID: "U1", Username: "admin"})
//
// # What is changed (datamap.md, "Person search and erasure")
//
// Only the matched values the admin selected are acted on: by default the values that
// matched exactly; a typo match or a link hit only when chosen ([search.Choices]). For
// each selected value:
//
//   - a record that is the person's own (a private customer, contact person, user,
//     inventory subject; an incident's affected row) and that the value makes theirs is
//     anonymised by its type's rule, as if its policy were due now; records linking to it
//     follow the rule (customer number "0", other links null, where the rule clears them),
//     and the secure-data entries about that customer are deleted;
//   - in any other record, a value that is exactly the mention becomes the replacement
//     word, and in a longer value only the mention is replaced;
//   - a selected link hit clears that link;
//   - a value not selected, or a field where only some of the name words matched, is never
//     touched.
//
// The plan lists every change as record, field, action, before and after, and the dry
// run lists exactly what the real run changes: both are computed by the same code from
// the records as stored (the real run again, inside its transaction). Each changed record
// is logged as an event naming the account, never the query or a value. Afterwards the
// search index is brought up to date and purged, and the WAL truncated.
package erasure

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/retention"
	"dataskydd/backend/search"
	"dataskydd/backend/store"
)

// Sentinel errors.
var (
	// ErrEmptyQuery is returned for a query with nothing to search for.
	ErrEmptyQuery = errors.New("the query is empty")
	// ErrNothingSelected is returned when no value is selected: no exact match and none
	// chosen. Nothing is changed.
	ErrNothingSelected = errors.New("no value is selected: nothing matched exactly, choose the values to erase")
	// ErrOwnAccount is returned when the person to erase is the acting user's own account.
	ErrOwnAccount = errors.New("the acting user's own account cannot be anonymised")
	// ErrChanged is returned when a record changed between the search and the erasure.
	ErrChanged = errors.New("the data changed during the erasure; search again")
	// ErrCheckpoint is returned (wrapped) when the WAL could not be truncated afterwards.
	ErrCheckpoint = store.ErrCheckpoint
)

// EventAction is the event log's action for one record changed by an erasure.
const EventAction = "anonymise_everywhere"

// What a change does (Change.Action).
const (
	ChangeAnonymiseRecord = "anonymise_record" // the person's own record, by its type's rule
	ChangeReplaceValue    = "replace_value"    // a value that is exactly the mention -> the replacement word
	ChangeReplaceMention  = "replace_mention"  // the mention inside a longer value -> the replacement word
	ChangeClearLink       = "clear_link"       // a link to the person's own record cleared
	ChangeDeleteEntry     = "delete_entry"     // a secure-data entry about the customer deleted
)

// Index is what erasure needs of the person search.
type Index interface {
	Inventory(ctx context.Context, q string) (*search.Inventory, error)
	Apply(ctx context.Context) error
	Purge(ctx context.Context) error
}

// Actor is the logged-in user who asks for the erasure; they are named in the event log.
type Actor struct {
	UserID   string
	Username string
}

// Change is one field of one record that an erasure changes.
type Change struct {
	Type   string `json:"type"`
	ID     string `json:"id"`
	Field  string `json:"field"`
	Action string `json:"action"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Plan is what an erasure changes (the dry run) or changed.
type Plan struct {
	Query   string               `json:"query"`
	Kind    string               `json:"kind"`
	DryRun  bool                 `json:"dry_run"`
	Values  []search.ValueChoice `json:"values"`
	Changes []Change             `json:"changes"`
	Records int                  `json:"records"` // records changed (secure-data entries included)
	People  int                  `json:"people"`  // own records anonymised: the people it touches
	// OwnAccounts are the user accounts the plan anonymises (the acting user's own is refused).
	OwnAccounts []string `json:"own_accounts,omitempty"`
	Remaining   int      `json:"remaining"` // after a real run: selected values a new search still finds
}

// Blocked reports whether the plan anonymises userID's own account, which Erase refuses
// (ErrOwnAccount) when userID acts.
func (p Plan) Blocked(userID string) bool { return ownAccount(p.OwnAccounts, userID) }

// ownAccount is the own-account rule: the acting user's account is among those anonymised.
func ownAccount(accounts []string, userID string) bool {
	return userID != "" && slices.Contains(accounts, userID)
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

// Preview is the dry run: the changes an erasure of the selected values (nil: the exact
// matches) would make. It changes nothing.
func (e *Eraser) Preview(ctx context.Context, q string, values []string) (Plan, error) {
	inv, choices, err := e.find(ctx, q, values)
	plan := Plan{Query: q, DryRun: true, Values: choices, Changes: []Change{}}
	if err != nil {
		return plan, err
	}
	plan.Kind = inv.Kind.String()
	var w *work
	err = e.st.View(ctx, func(tx *store.Tx) error {
		var err error
		w, err = compute(txGetter{tx}, inv, search.SelectedSet(choices), e.st.ReplacementWord())
		return err
	})
	if err != nil {
		return plan, err
	}
	w.fill(&plan)
	return plan, nil
}

// find brings the index up to date, finds the person and the selection.
func (e *Eraser) find(ctx context.Context, q string, values []string) (*search.Inventory, []search.ValueChoice, error) {
	if strings.TrimSpace(q) == "" {
		return nil, []search.ValueChoice{}, ErrEmptyQuery
	}
	// Writes not yet in the index (an import that did not sync it) must be found too.
	if err := e.ix.Apply(ctx); err != nil {
		return nil, []search.ValueChoice{}, fmt.Errorf("updating the search index: %w", err)
	}
	inv, err := e.ix.Inventory(ctx, q)
	if err != nil {
		return nil, []search.ValueChoice{}, err
	}
	choices, err := search.Choices(inv.Hits, values)
	if err != nil {
		return inv, []search.ValueChoice{}, err
	}
	if choices == nil {
		choices = []search.ValueChoice{}
	}
	return inv, choices, nil
}

// Erase anonymises the selected values (nil: the exact matches) of the person the query
// finds (see the package guide), logs each changed record as an event, brings the search
// index up to date and purges it, and truncates the WAL. The plan it returns lists what
// it changed; Remaining is how many selected values a new search still finds (0).
func (e *Eraser) Erase(ctx context.Context, q string, values []string, actor Actor) (Plan, error) {
	inv, choices, err := e.find(ctx, q, values)
	plan := Plan{Query: q, Values: choices, Changes: []Change{}}
	if err != nil {
		return plan, err
	}
	plan.Kind = inv.Kind.String()
	selected := search.SelectedSet(choices)
	if len(selected) == 0 {
		return plan, ErrNothingSelected
	}
	now := e.now().UTC()
	word := e.st.ReplacementWord()
	err = e.st.Update(ctx, func(tx *store.Tx) error {
		w, err := compute(txGetter{tx}, inv, selected, word)
		if err != nil {
			return err
		}
		if ownAccount(w.ownAccounts(), actor.UserID) {
			return fmt.Errorf("anonymising user %s: %w", actor.UserID, ErrOwnAccount)
		}
		if err := w.apply(tx, now); err != nil {
			return err
		}
		for _, ed := range w.order {
			if err := tx.LogEvent(store.Event{At: now, Username: actor.Username, Action: EventAction, TargetType: ed.before.Type.Name, TargetID: ed.before.ID}); err != nil {
				return err
			}
		}
		plan.Changes = plan.Changes[:0]
		w.fill(&plan)
		return nil
	})
	if err != nil {
		return plan, fmt.Errorf("erasing: %w", err)
	}
	if err := e.ix.Apply(ctx); err != nil {
		return plan, fmt.Errorf("updating the search index: %w", err)
	}
	if err := e.ix.Purge(ctx); err != nil {
		return plan, fmt.Errorf("purging erased values from the search index: %w", err)
	}
	if err := e.st.Checkpoint(ctx); err != nil {
		return plan, err
	}
	after, err := e.ix.Inventory(ctx, q)
	if err != nil {
		return plan, fmt.Errorf("searching again: %w", err)
	}
	for _, h := range after.Hits {
		for _, v := range h.Values {
			if selected[v.Value] && v.Match != search.MatchLink {
				plan.Remaining++
			}
		}
	}
	return plan, nil
}

// getter reads records as stored.
type getter interface {
	get(typ, id string) (*record.Record, error)
	linking(t *registry.Type, id, custNo string) ([]store.InboundLink, error)
	entries(custNo string) ([]string, error)
	anonymisedAt(typ, id string) (int64, bool, error)
}

type txGetter struct{ tx *store.Tx }

func (g txGetter) get(typ, id string) (*record.Record, error) { return g.tx.Get(typ, id) }
func (g txGetter) linking(t *registry.Type, id, custNo string) ([]store.InboundLink, error) {
	return g.tx.Inbound(t.Name, id, custNo)
}
func (g txGetter) entries(custNo string) ([]string, error) { return g.tx.SecureDataOf(custNo) }
func (g txGetter) anonymisedAt(typ, id string) (int64, bool, error) {
	return g.tx.AnonymisedAt(typ, id)
}

// edit is one record's change.
type edit struct {
	before, after *record.Record
	own           bool              // anonymised by its rule as the person's own record
	actions       map[string]string // field path -> action, for the value edits
}

// work is an erasure computed from the records as stored.
type work struct {
	word    string
	edits   map[string]*edit
	order   []*edit
	entries []string // secure-data entries to delete
	get     getter
}

func (w *work) edit(typ, id string) (*edit, error) {
	k := typ + "/" + id
	if ed, ok := w.edits[k]; ok {
		return ed, nil
	}
	r, err := w.get.get(typ, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil // gone since the search: nothing of it is left to erase
	}
	if err != nil {
		return nil, err
	}
	ed := &edit{before: r, after: r.Clone(), actions: map[string]string{}}
	w.edits[k] = ed
	w.order = append(w.order, ed)
	return ed, nil
}

// compute works out every change an erasure of the selected values makes.
func compute(get getter, inv *search.Inventory, selected map[string]bool, word string) (*work, error) {
	w := &work{word: word, edits: map[string]*edit{}, get: get}
	// 1. The person's own records that a selected value makes theirs.
	ownOf := map[string]search.Own{}
	for _, o := range inv.Own {
		ownOf[o.Type+"/"+o.ID] = o
	}
	ownRows := map[string]map[uint64]bool{} // Subject.Child: rows to anonymise
	for _, h := range inv.Hits {
		o, ok := ownOf[h.Type+"/"+h.ID]
		if !ok {
			continue
		}
		t, _ := registry.Get(h.Type)
		for _, v := range h.Values {
			if !v.Own || !selected[v.Value] {
				continue
			}
			if t.Subject.Child != "" {
				if ownRows[h.Type+"/"+h.ID] == nil {
					ownRows[h.Type+"/"+h.ID] = map[uint64]bool{}
				}
				ownRows[h.Type+"/"+h.ID][v.Inst] = true
				continue
			}
			if err := w.anonymiseOwn(t, o.ID); err != nil {
				return nil, err
			}
		}
	}
	for k, rows := range ownRows {
		typ, id, _ := strings.Cut(k, "/")
		t, _ := registry.Get(typ)
		ed, err := w.edit(typ, id)
		if err != nil || ed == nil {
			return nil, err
		}
		for ri := range rows {
			rs := ed.after.Rows(t.Subject.Child)
			if int(ri) < len(rs) {
				for fn, fv := range rs[ri] {
					if s, ok := fv.(string); ok && s != "" {
						rs[ri][fn] = word
						ed.actions[fmt.Sprintf("%s[%d].%s", t.Subject.Child, ri, fn)] = ChangeAnonymiseRecord
					}
				}
			}
		}
	}
	// 2. The selected values everywhere else, and selected links.
	for _, h := range inv.Hits {
		t, ok := registry.Get(h.Type)
		if !ok {
			continue // a secure-data entry: deleted with its customer, not edited
		}
		for _, v := range h.Values {
			if !selected[v.Value] {
				continue
			}
			if ed := w.edits[h.Type+"/"+h.ID]; ed != nil && ed.own {
				continue // anonymised whole by its rule
			}
			ed, err := w.edit(h.Type, h.ID)
			if err != nil {
				return nil, err
			}
			if ed == nil {
				continue
			}
			if v.Match == search.MatchLink {
				w.clearLink(ed, t, h.Field, h.LinkTo, v.Value)
				continue
			}
			if err := w.replace(ed, h.Field, v); err != nil {
				return nil, err
			}
		}
	}
	return w, nil
}

// anonymiseOwn anonymises the person's own record typ/id by its type's rule, with the
// records linking to it and, for a customer, its secure-data entries.
func (w *work) anonymiseOwn(t *registry.Type, id string) error {
	ed, err := w.edit(t.Name, id)
	if err != nil || ed == nil || ed.own {
		return err
	}
	ed.own = true
	custNo := ed.before.CustomerNumber()
	ed.after = ed.before.Clone()
	anonymiseByRule(ed.after, w.word)
	if t.Retention == nil || !t.Retention.ClearInbound {
		return nil
	}
	links, err := w.get.linking(t, id, custNo)
	if err != nil {
		return err
	}
	for _, l := range links {
		other, err := w.edit(l.Type, l.ID)
		if err != nil {
			return err
		}
		if other == nil || other.own {
			continue
		}
		other.after.ClearRef(l.Path)
		other.actions[record.RefField(l.Path)] = ChangeClearLink
	}
	if t.Name == "customer" && custNo != "" && custNo != registry.AnonymisedCustomer {
		ids, err := w.get.entries(custNo)
		if err != nil {
			return err
		}
		w.entries = append(w.entries, ids...)
	}
	return nil
}

// anonymiseByRule anonymises r as its retention policy would when due, and purges its
// version history; a type without a policy has every personal value replaced.
func anonymiseByRule(r *record.Record, word string) {
	if r.Type.Retention != nil {
		retention.Anonymise(r, word)
	} else {
		for i := range r.Type.Fields {
			f := &r.Type.Fields[i]
			if s, ok := r.Values[f.Name].(string); ok && f.Personal() && s != "" {
				r.Values[f.Name] = word
			}
		}
	}
	delete(r.Values, registry.FieldVersions)
}

// clearLink clears the link at field (a link hit) that points at the own record to.
func (w *work) clearLink(ed *edit, t *registry.Type, field, to, value string) {
	toType, toID, _ := strings.Cut(to, "/")
	for _, ref := range ed.after.Refs() {
		if record.RefField(ref.Path) == field && ref.Target == toType && ref.ID == toID {
			ed.after.ClearRef(ref.Path)
			ed.actions[field] = ChangeClearLink
		}
	}
	if field == registry.FieldCustomerNo && ed.after.CustomerNumber() == value && t.Name != "customer" {
		ed.after.ClearRef(registry.FieldCustomerNo)
		ed.actions[field] = ChangeClearLink
	}
}

// ownAccounts are the user accounts the work anonymises.
func (w *work) ownAccounts() []string {
	var out []string
	for _, ed := range w.order {
		if ed.own && ed.before.Type.Name == "user" {
			out = append(out, ed.before.ID)
		}
	}
	return out
}

// apply writes the work in the transaction.
func (w *work) apply(tx *store.Tx, now time.Time) error {
	for _, ed := range w.order {
		if equalRecords(ed.before, ed.after) {
			continue
		}
		at, anonymised, err := w.get.anonymisedAt(ed.before.Type.Name, ed.before.ID)
		if err != nil {
			return err
		}
		switch {
		case ed.own:
			_, err = tx.PutAnonymised(ed.after, now.Unix())
		case anonymised:
			_, err = tx.PutAnonymised(ed.after, at) // stays anonymised: no new clock
		default:
			_, err = tx.Put(ed.after, 0)
		}
		if err != nil {
			return err
		}
	}
	for _, id := range w.entries {
		if err := tx.DeleteSecureDataEntry(id); err != nil {
			return err
		}
	}
	return nil
}

// fill lists the work's changes in the plan, in the data map's order of types, then by id.
func (w *work) fill(p *Plan) {
	order := map[string]int{}
	for i, n := range registry.Names() {
		order[n] = i
	}
	eds := append([]*edit(nil), w.order...)
	sort.SliceStable(eds, func(i, j int) bool {
		a, b := eds[i].before, eds[j].before
		if a.Type != b.Type {
			return order[a.Type.Name] < order[b.Type.Name]
		}
		return a.ID < b.ID
	})
	p.Changes = []Change{}
	p.Records, p.People, p.OwnAccounts = 0, 0, nil
	for _, ed := range eds {
		cs := diff(ed)
		if len(cs) == 0 {
			continue
		}
		p.Changes = append(p.Changes, cs...)
		p.Records++
		if ed.own {
			p.People++
			if ed.before.Type.Name == "user" {
				p.OwnAccounts = append(p.OwnAccounts, ed.before.ID)
			}
		}
	}
	ids := append([]string(nil), w.entries...)
	sort.Strings(ids)
	for _, id := range ids {
		p.Changes = append(p.Changes, Change{Type: store.VaultEntryType, ID: id, Field: "", Action: ChangeDeleteEntry})
		p.Records++
	}
}
