package search

import (
	index "github.com/blevesearch/bleve_index_api"

	"context"
	"fmt"
	"slices"
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
// A link hit names the record that links to one of the person's own records, the link
// field, and the own record (LinkTo).
type Hit struct {
	Area     string `json:"area"`
	Location string `json:"location"`
	Type     string `json:"type"`
	ID       string `json:"id"`
	Field    string `json:"field"`
	Snippet  string `json:"snippet"`
	// Match is how the hit matched (its best value): exact, typo or link.
	Match string `json:"match"`
	// Value is the matched value as stored (its best one): the mention of the person.
	Value string `json:"value"`
	// Corrected: for a typo match, the words the query's words were taken for.
	Corrected []string `json:"corrected,omitempty"`
	// Own: the hit is in one of the person's own records (a customer, contact person,
	// user, inventory subject or incident-affected row that the query names whole).
	Own bool `json:"own,omitempty"`
	// LinkTo: a link hit's own record, "type/id".
	LinkTo string `json:"link_to,omitempty"`
	// Marks are the byte spans in Snippet that matched, for highlighting.
	Marks []Span  `json:"-"`
	Score float64 `json:"-"`
	// Values are every matching value at this place, best first (several for child rows
	// and version history).
	Values []MatchValue `json:"-"`
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
	res := Result{Query: req.Query, Hits: []Hit{}, Kind: normalize.KindName}
	if ix.idx == nil {
		return res, ErrClosed
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	hits, total, kind, _, err := ix.find(ctx, req.Query, req.Areas, limit)
	if err != nil {
		return Result{}, fmt.Errorf("searching: %w", err)
	}
	res.Hits, res.Total, res.Kind = hits, total, kind
	return res, nil
}

// find lists the best limit hits (every hit when limit < 0) of the query in the given
// areas (all when none), and counts them all. The caller holds ix.mu.
func (ix *Index) find(ctx context.Context, q string, areaList []string, limit int) ([]Hit, int, normalize.Kind, []Own, error) {
	parts, kind, err := ix.parseQuery(q)
	if err != nil || len(parts) == 0 {
		return []Hit{}, 0, kind, nil, err
	}
	areas := map[string]bool{}
	for _, a := range areaList {
		areas[a] = true
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, 0, kind, nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, 0, kind, nil, err
	}
	defer r.Close()
	c, err := ix.collect(ctx, r, parts)
	if err != nil {
		return nil, 0, kind, nil, err
	}
	cands := inAreas(c.cands, areas)
	links := 0
	if c.links != nil {
		if links, err = c.links.count(ctx, areas); err != nil {
			return nil, 0, kind, nil, err
		}
	}
	total := len(cands) + links
	cands = topK(cands, limit, rankOrder(r, c))
	own, owns := ownRecords(c)
	hits, err := ix.hitsOf(r, c, cands, own)
	if err != nil {
		return nil, 0, kind, nil, err
	}
	if hits, err = appendLinkHits(ctx, c, hits, areas, links, len(cands), limit, own); err != nil {
		return nil, 0, kind, nil, err
	}
	return hits, total, kind, owns, nil
}

// parseQuery splits the query into its parts and names its kind (a lone part's; a name
// otherwise); more than maxParts parts is ErrQuery.
func (ix *Index) parseQuery(q string) ([]normalize.Part, normalize.Kind, error) {
	parts := normalize.SplitQuery(q, ix.now())
	kind := normalize.KindName
	if len(parts) == 1 {
		kind = parts[0].Kind
	}
	if len(parts) > maxParts {
		return nil, kind, fmt.Errorf("%w: more than %d words", ErrQuery, maxParts)
	}
	return parts, kind, nil
}

// inAreas keeps the candidates in the chosen areas (all of them when none is chosen).
func inAreas(cands []candidate, areas map[string]bool) []candidate {
	out := cands[:0:0]
	for _, cd := range cands {
		if len(areas) == 0 || areas[cd.place.area] {
			out = append(out, cd)
		}
	}
	return out
}

// rankOrder is the order of the hits: match rank, then weight; equal ranks are ordered by
// the record's id, not the index's internal document number, which depends on when segments
// were merged, so the same data gives the same list on every machine. Ids are read only for
// ties, once each.
func rankOrder(r index.IndexReader, c *collected) func(a, b candidate) bool {
	ext := map[int]string{}
	extOf := func(cd candidate) string {
		if id, ok := ext[cd.k]; ok {
			return id
		}
		id, err := r.ExternalID(index.NewIndexInternalID(nil, c.ms.nums[cd.k]))
		if err != nil {
			id = ""
		}
		ext[cd.k] = id
		return id
	}
	return func(a, b candidate) bool {
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.weight != b.weight {
			return a.weight > b.weight
		}
		if a.k != b.k {
			if ea, eb := extOf(a), extOf(b); ea != eb {
				return ea < eb
			}
		}
		return a.place.path < b.place.path
	}
}

// ownRecords lists the records the search found to be the person's own, and a set of them
// ("type/id") for marking hits.
func ownRecords(c *collected) (map[string]bool, []Own) {
	own := map[string]bool{}
	owns := make([]Own, 0, len(c.own))
	for _, o := range c.own {
		own[o.typ.Name+"/"+o.id] = true
		rec := Own{Type: o.typ.Name, ID: o.id}
		if o.typ.Subject.Child != "" {
			for row := range o.rows {
				rec.Rows = append(rec.Rows, row)
			}
			slices.Sort(rec.Rows)
		}
		owns = append(owns, rec)
	}
	return own, owns
}

// hitsOf makes the hits of the ranked candidates: each with its best value (read now when
// the rule did not need the values), its snippet and whether its record is the person's own.
func (ix *Index) hitsOf(r index.IndexReader, c *collected, cands []candidate, own map[string]bool) ([]Hit, error) {
	hits := make([]Hit, 0, len(cands))
	for _, cd := range cands {
		vals := cd.vals
		if vals == nil {
			v, err := c.verified(ix, r, c.q, cd.k)
			if err != nil {
				return nil, err
			}
			vals = v[cd.place.id]
		}
		if len(vals) == 0 {
			continue // the postings promised a mention the values do not hold
		}
		dv, err := c.load(r, cd.k)
		if err != nil {
			return nil, err
		}
		best := vals[0]
		h := Hit{Area: cd.place.area, Location: cd.place.location, Type: dv.typ, ID: dv.id, Field: dv.field(cd.place),
			Match: best.Match, Value: best.Value, Corrected: best.Corrected, Values: vals, Own: own[dv.typ+"/"+dv.id],
			Score: cd.weight}
		h.Snippet, h.Marks = snippet(best.Field, append([]Span(nil), best.Marks...))
		hits = append(hits, h)
	}
	return hits, nil
}

// appendLinkHits fills the rest of the page with link hits, which rank last.
func appendLinkHits(ctx context.Context, c *collected, hits []Hit, areas map[string]bool, links, ranked, limit int, own map[string]bool) ([]Hit, error) {
	if c.links == nil || links == 0 || (limit >= 0 && ranked >= limit) {
		return hits, nil
	}
	n := -1
	if limit >= 0 {
		n = limit - ranked
	}
	lh, err := c.links.list(ctx, areas, 0, n)
	if err != nil {
		return nil, err
	}
	for _, h := range lh {
		h.Own = own[h.Type+"/"+h.ID]
		hits = append(hits, h)
	}
	return hits, nil
}

// findAll is find with every hit, in every area.
func (ix *Index) findAll(ctx context.Context, q string) ([]Hit, int, normalize.Kind, []Own, error) {
	return ix.find(ctx, q, nil, -1)
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

// placeWeight ranks names above the person's other dedicated fields, those above free
// text, and all of them above old values.
func placeWeight(p *place) float64 {
	switch {
	case p.version:
		return 0.6
	case p.class == registry.ClassF:
		return 0.8
	case p.format != registry.FormatText:
		return 0.95
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
