package search

// This file belongs to the "anonymise everywhere" feature (backend/erasure): it exposes
// where exactly a query matched, value by value, so the person's values can be replaced
// and nothing else.

import (
	"context"
	"fmt"
	"sort"

	"dataskydd/backend/normalize"
	"dataskydd/backend/registry"
)

// Located is one value that matched a query: the record, the field path as in [Hit]
// ("email", "comments.text", "versions.fields.notes"), the value as stored and the byte
// spans of it that matched.
type Located struct {
	Type    string
	ID      string
	Field   string
	Area    string
	Place   string // the search location (Versionshistorik for old values)
	Class   registry.Class
	Version bool // an old value in the version history
	Value   string
	Spans   []Span
}

// Locate finds every record the query matches (as [Index.Find] with no limit does) and
// lists each matching value with the spans that matched, in index order. Values at a
// matching place that are not themselves a match (another child row) are left out.
func (ix *Index) Locate(ctx context.Context, q string) ([]Located, normalize.Kind, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return nil, normalize.KindName, ErrClosed
	}
	ref := ix.now()
	parts := normalize.SplitQuery(q, ref)
	kind := normalize.KindName
	if len(parts) == 1 {
		kind = parts[0].Kind
	}
	if len(parts) == 0 {
		return nil, kind, nil
	}
	if len(parts) > maxParts {
		return nil, kind, fmt.Errorf("locating: %w: more than %d words", ErrQuery, maxParts)
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, kind, fmt.Errorf("locating: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, kind, fmt.Errorf("locating: %w", err)
	}
	defer r.Close()
	m, err := ix.match(ctx, r, parts)
	if err != nil {
		return nil, kind, fmt.Errorf("locating: %w", err)
	}
	byDoc := map[int][]uint64{}
	m.places.each(func(key, _ uint64) {
		k := int(key >> 16)
		byDoc[k] = append(byDoc[k], key&0xffff)
	})
	var out []Located
	for k := range m.nums {
		pls := byDoc[k]
		if len(pls) == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, kind, err
		}
		dv, err := loadValues(r, m.nums[k])
		if err != nil {
			return nil, kind, fmt.Errorf("locating: %w", err)
		}
		sort.Slice(pls, func(i, j int) bool { return pls[i] < pls[j] })
		for _, pl := range pls {
			p := ix.schema.places[pl]
			if p.linked {
				continue // a linked user's name, not a value of this record
			}
			for _, v := range dv.at(p.id) {
				spans := m.spans(v, p.format, ref)
				if len(spans) == 0 {
					continue
				}
				out = append(out, Located{Type: dv.typ, ID: dv.id, Field: dv.field(p), Area: p.area, Place: p.location,
					Class: p.class, Version: p.version, Value: v, Spans: spans})
			}
		}
	}
	return out, kind, nil
}
