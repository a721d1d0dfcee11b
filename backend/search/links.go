package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"dataskydd/backend/registry"
)

// Link hits (datamap.md): the records that link to one of the person's own records, by
// customer number for a customer and by id for everything else (child rows included), and
// a customer's secure-data entries. An employee's user id stands in thousands of records
// (every comment they wrote), so the database counts the link hits and lists only those a
// page shows: link hits rank last, after every text hit, ordered by record and field.

// ownLinks is what links to the own records of one search.
type ownLinks struct {
	db     *sql.DB
	people map[string]bool     // "type/id" of the own records that are people (not a company)
	byType map[string][]string // own records by type (customers excepted): their ids
	custOf map[string]string   // an own customer's number -> "customer/id"
}

// ownLinks reads which own records are people and the customers' numbers.
func (ix *Index) ownLinks(ctx context.Context, owns []ownRecord) (*ownLinks, error) {
	lk := &ownLinks{db: ix.st.DB, people: map[string]bool{}, byType: map[string][]string{}, custOf: map[string]string{}}
	ids := map[string][]string{}
	var types []string
	for _, o := range owns {
		if _, ok := ids[o.typ.Name]; !ok {
			types = append(types, o.typ.Name)
		}
		ids[o.typ.Name] = append(ids[o.typ.Name], o.id)
	}
	for _, typName := range types {
		t, _ := registry.Get(typName)
		path := "$.none"
		if f := t.Subject.NotIf[0]; f != "" {
			path = "$." + f
		}
		rows, err := lk.db.QueryContext(ctx, "SELECT ext_id, cust_no, json_extract(data, ?) FROM records WHERE type = ? AND ext_id IN ("+sqlMarks(len(ids[typName]))+")",
			append([]any{path, typName}, anys(ids[typName])...)...)
		if err != nil {
			return nil, fmt.Errorf("reading own records: %w", err)
		}
		for rows.Next() {
			var id string
			var custNo, notIf sql.NullString
			if err := rows.Scan(&id, &custNo, &notIf); err != nil {
				rows.Close()
				return nil, fmt.Errorf("reading own records: %w", err)
			}
			if !t.Subject.IsSubject(func(string) string { return notIf.String }) {
				continue
			}
			lk.people[typName+"/"+id] = true
			if typName != "customer" {
				lk.byType[typName] = append(lk.byType[typName], id)
			} else if no := custNo.String; no != "" && no != registry.AnonymisedCustomer {
				lk.custOf[no] = typName + "/" + id
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("reading own records: %w", err)
		}
	}
	return lk, nil
}

// union is the query of every link hit as (type, ext_id, field, value, to), in areas
// (none: all), and its arguments.
func (lk *ownLinks) union(areas map[string]bool) (string, []any) {
	var allowed []string
	for _, t := range registry.Types() {
		if t.Searchable() && (len(areas) == 0 || areas[t.Area]) {
			allowed = append(allowed, t.Name)
		}
	}
	var parts []string
	var args []any
	typeIn := "r.type IN (" + sqlMarks(len(allowed)) + ")"
	for _, typName := range sortedKeys(lk.byType) {
		ids := lk.byType[typName]
		// One hit per linking record and field (links_to_field covers the DISTINCT); the
		// record's id is read for the hits a page lists only.
		parts = append(parts, `SELECT DISTINCT l.src_type AS type, l.src AS ext_id, l.field AS field, l.to_id AS value, ? || '/' || l.to_id AS link_to
			FROM links l WHERE l.to_type = ? AND l.to_id IN (`+sqlMarks(len(ids))+`) AND l.src_type IN (`+sqlMarks(len(allowed))+`)`)
		args = append(args, typName, typName)
		args = append(args, anys(ids)...)
		args = append(args, anys(allowed)...)
	}
	if len(lk.custOf) > 0 {
		nos := sortedKeys(lk.custOf)
		parts = append(parts, `SELECT r.type AS type, r.rid AS ext_id, ? AS field, r.cust_no AS value, r.cust_no AS link_to FROM records r
			WHERE r.cust_no IN (`+sqlMarks(len(nos))+`) AND r.type != 'customer' AND `+typeIn)
		args = append(args, registry.FieldCustomerNo)
		args = append(args, anys(nos)...)
		args = append(args, anys(allowed)...)
		if len(areas) == 0 || areas[vaultType.Area] {
			parts = append(parts, `SELECT ? AS type, entry_id AS ext_id, ? AS field, customer_number AS value, customer_number AS link_to FROM vault_entries
				WHERE customer_number IN (`+sqlMarks(len(nos))+`)`)
			args = append(args, vaultType.Name, registry.FieldCustomerNo)
			args = append(args, anys(nos)...)
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	return strings.Join(parts, " UNION ALL "), args
}

// count counts the link hits in areas.
func (lk *ownLinks) count(ctx context.Context, areas map[string]bool) (int, error) {
	q, args := lk.union(areas)
	if q == "" {
		return 0, nil
	}
	var n int
	if err := lk.db.QueryRowContext(ctx, "SELECT count(*) FROM ("+q+")", args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting link hits: %w", err)
	}
	return n, nil
}

// list lists the link hits in areas, by record ("type/id") and field, skipping the first
// offset and returning at most limit (every one when limit < 0).
func (lk *ownLinks) list(ctx context.Context, areas map[string]bool, offset, limit int) ([]Hit, error) {
	q, args := lk.union(areas)
	if q == "" || limit == 0 {
		return nil, nil
	}
	// Record hits carry their row id (ext_id of a secure-data entry is its own): the
	// external id is joined here, for the page only.
	q = `SELECT u.type, coalesce(r.ext_id, u.ext_id), u.field, u.value, u.link_to FROM (` + q + `) u
		LEFT JOIN records r ON u.type != '` + vaultType.Name + `' AND r.rid = u.ext_id
		ORDER BY u.type || '/' || coalesce(r.ext_id, u.ext_id), u.field, u.link_to LIMIT ? OFFSET ?`
	args = append(args, limit, offset)
	rows, err := lk.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("listing link hits: %w", err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var typ, id, field, value, to string
		if err := rows.Scan(&typ, &id, &field, &value, &to); err != nil {
			return nil, fmt.Errorf("listing link hits: %w", err)
		}
		if c, ok := lk.custOf[to]; ok { // a customer link names the customer's number
			to = c
		}
		area, loc := vaultType.Area, vaultType.Location
		if t, ok := registry.Get(typ); ok {
			area, loc = t.Area, t.Location
		}
		out = append(out, Hit{Area: area, Location: loc, Type: typ, ID: id, Field: field, Snippet: value, Match: MatchLink,
			Value: value, LinkTo: to, Values: []MatchValue{{Value: value, Match: MatchLink, Field: value, Whole: true}}})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing link hits: %w", err)
	}
	return out, nil
}

// sqlMarks is n SQL placeholders.
func sqlMarks(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
