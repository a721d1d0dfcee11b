package search

import (
	index "github.com/blevesearch/bleve_index_api"

	"context"
	"fmt"
	"math/bits"
	"sort"
	"unicode"
	"unicode/utf8"

	"dataskydd/backend/normalize"
	"dataskydd/backend/registry"
)

// DefaultLimit is how many hits a search lists unless told otherwise.
const DefaultLimit = 100

// Result is the answer to a search. Its JSON form is the CLI's (cli.md): query, total and
// hits, one hit per matching field, best first.
type Result struct {
	Query string         `json:"query"`
	Kind  normalize.Kind `json:"-"` // what the query was taken for
	Total int            `json:"total"`
	Hits  []Hit          `json:"hits"`
}

// Hit is one field of one record that matched. Hits in child rows name the record that
// holds the rows and the field as "child.field" ("comments.text"); old values in a
// record's version history are "versions.fields.<field>" in location Versionshistorik.
type Hit struct {
	Area     string `json:"area"`
	Location string `json:"location"`
	Type     string `json:"type"`
	ID       string `json:"id"`
	Field    string `json:"field"`
	Snippet  string `json:"snippet"`
	// Marks are the byte spans in Snippet that matched, for highlighting.
	Marks []Span  `json:"-"`
	Score float64 `json:"-"`
	// Values are every matching value at this place (for the access-request report).
	Values []string `json:"-"`
}

// Span is a byte range [Start, End).
type Span struct{ Start, End int }

// Request is a search with options.
type Request struct {
	Query string
	Limit int      // hits listed; 0 means DefaultLimit, < 0 every hit
	Areas []string // only hits in these areas (empty: all)
}

// Search finds every record where each word of the query matches some personal field
// (P or F) of the record or its child rows, and lists each matching field as a hit.
// Phone numbers, personnummer and e-mail addresses match whatever format either side
// used; words match case- and diacritic-insensitively, with one typo allowed from five
// letters and two from eight; digits are matched exactly.
func (ix *Index) Search(ctx context.Context, q string, limit int) (Result, error) {
	return ix.Find(ctx, Request{Query: q, Limit: limit})
}

// Find is Search with options.
func (ix *Index) Find(ctx context.Context, req Request) (Result, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return Result{}, ErrClosed
	}
	res := Result{Query: req.Query, Hits: []Hit{}, Kind: normalize.KindName}
	parts := normalize.SplitQuery(req.Query, ix.now())
	if len(parts) == 1 {
		res.Kind = parts[0].Kind
	}
	if len(parts) == 0 {
		return res, nil
	}
	if len(parts) > maxParts {
		return Result{}, fmt.Errorf("searching: %w: more than %d words", ErrQuery, maxParts)
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	areas := map[string]bool{}
	for _, a := range req.Areas {
		areas[a] = true
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return Result{}, fmt.Errorf("searching: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return Result{}, fmt.Errorf("searching: %w", err)
	}
	defer r.Close()
	m, err := ix.match(ctx, r, parts)
	if err != nil {
		return Result{}, fmt.Errorf("searching: %w", err)
	}
	// Every hit, scored without reading any value.
	type cand struct {
		k     int // index in m.nums
		place *place
		score float64
	}
	cands := make([]cand, 0, m.places.len())
	m.places.each(func(key, mask uint64) {
		k, pl := int(key>>16), key&0xffff
		if int(pl) >= len(ix.schema.places) {
			return
		}
		p := ix.schema.places[pl]
		if len(areas) > 0 && !areas[p.area] {
			return
		}
		cands = append(cands, cand{k, p, m.score[k] * placeWeight(p) * float64(bits.OnesCount64(mask)) / float64(len(parts))})
	})
	res.Total = len(cands)
	// Equal scores are ordered by the record's id, not the index's internal document number,
	// which depends on when segments were merged: the same data gives the same list on every
	// machine. Ids are read only for ties, once each.
	ext := map[int]string{}
	extOf := func(k int) string {
		if id, ok := ext[k]; ok {
			return id
		}
		id, err := r.ExternalID(index.NewIndexInternalID(nil, m.nums[k]))
		if err != nil {
			id = ""
		}
		ext[k] = id
		return id
	}
	less := func(a, b cand) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		if a.k != b.k {
			if ea, eb := extOf(a.k), extOf(b.k); ea != eb {
				return ea < eb
			}
			return a.k < b.k
		}
		return a.place.id < b.place.id
	}
	cands = topK(cands, limit, less)
	// Only the listed ones are read, for their values.
	values := map[int]*docValues{}
	for _, c := range cands {
		dv, ok := values[c.k]
		if !ok {
			if dv, err = loadValues(r, m.nums[c.k]); err != nil {
				return Result{}, fmt.Errorf("searching: %w", err)
			}
			values[c.k] = dv
		}
		h := Hit{Area: c.place.area, Location: c.place.location, Type: dv.typ, ID: dv.id, Field: dv.field(c.place), Score: c.score}
		for _, v := range dv.at(c.place.id) {
			spans := m.spans(v, c.place.format, ix.now())
			if len(spans) == 0 {
				continue
			}
			h.Values = append(h.Values, v)
			if h.Snippet == "" {
				h.Snippet, h.Marks = snippet(v, spans)
			}
		}
		res.Hits = append(res.Hits, h)
	}
	if limit >= 0 && len(res.Hits) > limit {
		res.Hits = res.Hits[:limit]
	}
	return res, nil
}

// topK returns the best k items in order (every item when k < 0), without sorting them all.
func topK[T any](items []T, k int, less func(a, b T) bool) []T {
	if k < 0 || k >= len(items) {
		sort.Slice(items, func(i, j int) bool { return less(items[i], items[j]) })
		return items
	}
	if k == 0 {
		return items[:0]
	}
	// A bounded heap of the best k, worst on top.
	h := make([]T, 0, k)
	worse := func(i, j int) bool { return less(h[j], h[i]) }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			m := l
			if r := l + 1; r < len(h) && worse(r, l) {
				m = r
			}
			if !worse(m, i) {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for _, it := range items {
		if len(h) < k {
			h = append(h, it)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(i, p) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if less(it, h[0]) {
			h[0] = it
			down(0)
		}
	}
	sort.Slice(h, func(i, j int) bool { return less(h[i], h[j]) })
	return h
}

// placeWeight ranks dedicated personal fields above free text, and both above old values.
func placeWeight(p *place) float64 {
	switch {
	case p.version:
		return 0.6
	case p.class == registry.ClassF:
		return 0.8
	}
	return 1
}

// fuzziness is the typo tolerance of a folded word: none for short words and for any word
// with a digit, one edit from five letters, two from eight.
func fuzziness(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsDigit(r) {
			return 0
		}
		n++
	}
	switch {
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// snippetContext is how many bytes of text a snippet shows around the first match.
const snippetContext = 60

// snippet cuts a value down to the text around its matches and returns the matches'
// spans within the snippet.
func snippet(v string, spans []Span) (string, []Span) {
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	start, end := 0, len(v)
	if len(v) > 2*snippetContext+40 && len(spans) > 0 {
		start = max(0, spans[0].Start-snippetContext)
		end = min(len(v), spans[0].End+snippetContext+40)
		for start > 0 && !utf8.RuneStart(v[start]) {
			start--
		}
		for end < len(v) && !utf8.RuneStart(v[end]) {
			end++
		}
	}
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "…"
	}
	if end < len(v) {
		suffix = "…"
	}
	s := prefix + v[start:end] + suffix
	var marks []Span
	last := -1
	for _, sp := range spans {
		if sp.Start < start || sp.End > end || sp.Start < last || sp.End <= sp.Start {
			continue
		}
		marks = append(marks, Span{sp.Start - start + len(prefix), sp.End - start + len(prefix)})
		last = sp.End
	}
	return s, marks
}
