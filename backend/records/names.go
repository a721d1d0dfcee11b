package records

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"dataskydd/backend/auth"
	"dataskydd/backend/normalize"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
)

// Display names of linked records.
//
// A detail (and a list page) carries Names: for every record it links to, a short display
// name made by the target type's [registry.Naming] ("Anna Öberg (anna)", "5001 Byte av
// kökskran"), or the target's id where it has no naming value. The keys are
//
//	"<type>/<id>"               e.g. "user/U1", "contact_person/CP1"
//	"customer_number/<number>"  customer links, which carry the customer number
//
// and Customers maps a linked customer number to the customer's id, so a screen can link to
// it. Only targets the caller may read are named; a target that is missing or of a type the
// caller may not read has no entry (the screen shows the bare id).

// customerKey is the Names key prefix of customer links.
const customerKey = "customer_number"

// NameKey is the key of a link target in Detail.Names and Page.Names.
func NameKey(target, id string) string {
	if target == "customer" {
		return customerKey + "/" + id
	}
	return target + "/" + id
}

// names are the display names of a set of link targets, read type by type.
type names struct {
	Names     map[string]string
	Customers map[string]string // customer number -> customer id
}

// resolveNames reads the display names of the refs' targets: one query per target type,
// only for types sess may read.
func (s *Service) resolveNames(ctx context.Context, sess auth.Session, refs []record.Ref) (names, error) {
	out := names{Names: map[string]string{}, Customers: map[string]string{}}
	byType := map[string][]string{}
	seen := map[string]bool{}
	for _, ref := range refs {
		k := NameKey(ref.Target, ref.ID)
		if ref.ID == "" || seen[k] {
			continue
		}
		seen[k] = true
		byType[ref.Target] = append(byType[ref.Target], ref.ID)
	}
	for target, ids := range byType {
		t, ok := registry.Get(target)
		if !ok || auth.RequireRole(sess, readRoles(t)...) != nil {
			continue
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return names{}, fmt.Errorf("naming linked %s records: %w", target, err)
		}
		match := "ext_id IN (SELECT value FROM json_each(?))"
		if target == "customer" {
			match = "cust_no IN (SELECT value FROM json_each(?))"
		}
		err = s.scanNamed(ctx, t, match, []any{string(list)}, "", 0, func(o Option) {
			out.Names[NameKey(target, o.Value)] = o.Name
			if target == "customer" {
				out.Customers[o.Value] = o.ID
			}
		})
		if err != nil {
			return names{}, fmt.Errorf("naming linked %s records: %w", target, err)
		}
	}
	return out, nil
}

// scanNamed runs one query over the type's records (where: an extra condition with its
// args; order and limit optional) and hands each record's option to fn. Only the naming
// fields are read from the stored JSON, not the whole record.
func (s *Service) scanNamed(ctx context.Context, t *registry.Type, where string, args []any, order string, limit int, fn func(Option)) error {
	n := t.Naming()
	fields := n.Fields()
	cols := "ext_id, cust_no"
	for _, f := range fields {
		cols += fmt.Sprintf(", json_extract(data, '$.%s')", f)
	}
	q := "SELECT " + cols + " FROM records WHERE type = ?"
	if where != "" {
		q += " AND (" + where + ")"
	}
	if order != "" {
		q += " ORDER BY " + order
	}
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.st.RO.QueryContext(ctx, q, append([]any{t.Name}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]sql.NullString, len(fields))
	dest := make([]any, 2+len(fields))
	var id string
	var custNo sql.NullString
	dest[0], dest[1] = &id, &custNo
	for i := range vals {
		dest[2+i] = &vals[i]
	}
	values := make(map[string]any, len(fields))
	for rows.Next() {
		for i := range vals {
			vals[i] = sql.NullString{}
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		clear(values)
		for i, f := range fields {
			if vals[i].Valid {
				values[f] = vals[i].String
			}
		}
		o := Option{Value: id, ID: id, Name: n.Label(values)}
		if t.Name == "customer" {
			o.Value = custNo.String
		}
		if o.Name == "" {
			o.Name = o.Value
		}
		fn(o)
	}
	return rows.Err()
}

// Option is a record a link field may point at, for the edit form's picker.
type Option struct {
	Value string `json:"value"` // what a link to it carries: its id, or a customer's customer number
	ID    string `json:"id"`    // its id (the detail screen's address)
	Name  string `json:"name"`  // its display name (the value where it has none)
}

// Lookup returns up to limit (1..50; 0 means 20) records of a type whose id, customer number
// or naming fields contain text (all records for ""): the one whose id or number is text
// first, then by id. Its access rules are List's. Names match whatever the case and the
// diacritics ("asa" and "ÅSA" find "Åsa"); ids and numbers match as LIKE does.
//
// Both reads walk an index in order and stop at the limit, so a picker stays quick on a type
// with a million records as long as its text is common; a rare text reads the whole type,
// as the list's filter does.
func (s *Service) Lookup(ctx context.Context, sess auth.Session, typeName, text string, limit int) ([]Option, error) {
	t, err := s.typeFor(sess, typeName, false)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 20
	}
	if limit > 50 {
		limit = 50
	}
	key := "ext_id"
	var conds []string
	if t.Name == "customer" {
		key = "cust_no"
		// Customer number 0 is "no customer (anonymised)", never a link target.
		conds = append(conds, "cust_no IS NOT '"+registry.AnonymisedCustomer+"'")
	}
	out := []Option{}
	add := func(o Option) {
		if len(out) < limit && (len(out) == 0 || o.Value != out[0].Value) {
			out = append(out, o)
		}
	}
	var args []any
	if text = strings.TrimSpace(text); text != "" {
		exact := append(append([]string{}, conds...), key+" = ?")
		if err := s.scanNamed(ctx, t, strings.Join(exact, ") AND ("), []any{text}, "", 1, add); err != nil {
			return nil, fmt.Errorf("looking up %s records: %w", t.Name, err)
		}
		pat := "%" + likeEscape(text) + "%"
		match := []string{`ext_id LIKE ? ESCAPE '\'`}
		args = append(args, pat)
		if t.Name == "customer" {
			match = append(match, `cust_no LIKE ? ESCAPE '\'`)
			args = append(args, pat)
		}
		// Names match case- and diacritic-insensitively ("asa" and "åsa" find "Åsa"), by a
		// GLOB of letter sets, because SQLite's LIKE folds ASCII letters only.
		glob := normalize.FoldGlob(text)
		for _, f := range t.Naming().Fields() {
			match = append(match, fmt.Sprintf(`json_extract(data, '$.%s') GLOB ?`, f))
			args = append(args, glob)
		}
		conds = append(conds, strings.Join(match, " OR "))
	}
	// One more than the limit: the exact match, found first, may be among them again.
	if err := s.scanNamed(ctx, t, strings.Join(conds, ") AND ("), args, "ext_id", limit+1, add); err != nil {
		return nil, fmt.Errorf("looking up %s records: %w", t.Name, err)
	}
	return out, nil
}
