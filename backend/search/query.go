package search

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

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
	res := Result{Query: req.Query, Hits: []Hit{}}
	parts := normalize.SplitQuery(req.Query, ix.now())
	res.Kind = normalize.KindName
	if len(parts) == 1 {
		res.Kind = parts[0].Kind
	}
	if len(parts) == 0 {
		return res, nil
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	areas := map[string]bool{}
	for _, a := range req.Areas {
		areas[a] = true
	}
	q := buildQuery(parts)

	// First the best records, with their values for snippets. A record yields at least one
	// hit, so `limit` records are enough for `limit` hits.
	size := limit
	if size < 0 || size > 10000 {
		size = 10000
	}
	sr := bleve.NewSearchRequestOptions(q, size, 0, false)
	sr.IncludeLocations = true
	sr.Fields = []string{fieldVal}
	sr.SortBy([]string{"-_score", "_id"})
	first, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return Result{}, fmt.Errorf("searching: %w", err)
	}
	for _, dm := range first.Hits {
		res.Hits = append(res.Hits, ix.hits(dm, areas, true)...)
	}
	if limit < 0 && first.Total > uint64(len(first.Hits)) {
		// Every hit wanted, with values: take every record.
		sr.Size = int(first.Total)
		if first, err = ix.idx.SearchInContext(ctx, sr); err != nil {
			return Result{}, fmt.Errorf("searching: %w", err)
		}
		res.Hits = res.Hits[:0]
		for _, dm := range first.Hits {
			res.Hits = append(res.Hits, ix.hits(dm, areas, true)...)
		}
	}
	res.Total = len(res.Hits)
	if first.Total > uint64(len(first.Hits)) {
		// More records than listed: count their hits too (locations only, no values).
		sr := bleve.NewSearchRequestOptions(q, int(first.Total), 0, false)
		sr.IncludeLocations = true
		sr.SortBy([]string{"-_score", "_id"})
		all, err := ix.idx.SearchInContext(ctx, sr)
		if err != nil {
			return Result{}, fmt.Errorf("searching: %w", err)
		}
		res.Total = 0
		for i, dm := range all.Hits {
			if i < len(first.Hits) {
				continue
			}
			res.Total += len(ix.hits(dm, areas, false))
		}
		res.Total += len(res.Hits)
	}
	sort.SliceStable(res.Hits, func(i, j int) bool { return res.Hits[i].Score > res.Hits[j].Score })
	if limit >= 0 && len(res.Hits) > limit {
		res.Hits = res.Hits[:limit]
	}
	return res, nil
}

// buildQuery: every part must match (a conjunction); a part matches through any of its
// terms; a word of five letters or more also matches with typos.
func buildQuery(parts []normalize.Part) query.Query {
	conj := make([]query.Query, 0, len(parts))
	for _, p := range parts {
		var alts []query.Query
		for _, t := range p.Terms {
			if t.Kind != normalize.KindName {
				tq := query.NewTermQuery(keyTerm(t.Kind, t.Value))
				tq.SetField(fieldKey)
				alts = append(alts, tq)
				continue
			}
			tq := query.NewTermQuery(t.Value)
			tq.SetField(fieldText)
			tq.SetBoost(2)
			alts = append(alts, tq)
			if fz := fuzziness(t.Value); fz > 0 {
				fq := query.NewFuzzyQuery(t.Value)
				fq.SetField(fieldText)
				fq.SetFuzziness(fz)
				alts = append(alts, fq)
			}
		}
		if len(alts) == 1 {
			conj = append(conj, alts[0])
		} else {
			conj = append(conj, query.NewDisjunctionQuery(alts))
		}
	}
	if len(conj) == 1 {
		return conj[0]
	}
	return query.NewConjunctionQuery(conj)
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

// hits turns one matching record into its hits: one per place that has a term location.
func (ix *Index) hits(dm *bsearch.DocumentMatch, areas map[string]bool, withValues bool) []Hit {
	typ, id, _ := splitDocID(dm.ID)
	spans := map[instKey][]Span{}
	terms := map[uint64]map[string]bool{}
	for _, field := range []string{fieldText, fieldKey} {
		for term, locs := range dm.Locations[field] {
			for _, l := range locs {
				if len(l.ArrayPositions) < 2 {
					continue
				}
				k := instKey{l.ArrayPositions[0], l.ArrayPositions[1]}
				spans[k] = append(spans[k], Span{int(l.Start), int(l.End)})
				if terms[k.place] == nil {
					terms[k.place] = map[string]bool{}
				}
				terms[k.place][term] = true
			}
		}
	}
	byPlace := map[uint64][]uint64{}
	for k := range spans {
		byPlace[k.place] = append(byPlace[k.place], k.inst)
	}
	var values map[instKey]string
	if withValues {
		values = storedValues(dm.Fields[fieldVal])
	}
	out := make([]Hit, 0, len(byPlace))
	for pid, insts := range byPlace {
		if int(pid) >= len(ix.schema.places) {
			continue
		}
		p := ix.schema.places[pid]
		if len(areas) > 0 && !areas[p.area] {
			continue
		}
		sort.Slice(insts, func(i, j int) bool { return insts[i] < insts[j] })
		h := Hit{Area: p.area, Location: p.location, Type: typ, ID: id, Field: p.path,
			Score: dm.Score * (1 + 0.1*float64(len(terms[pid])))}
		if withValues {
			for n, inst := range insts {
				v := values[instKey{pid, inst}]
				h.Values = append(h.Values, v)
				if n == 0 {
					sp := spans[instKey{pid, inst}]
					h.Snippet, h.Marks = snippet(v, sp)
					// A field that is mostly the query (a name field for a name) ranks
					// above one that merely contains it.
					covered := 0
					for _, m := range h.Marks {
						covered += m.End - m.Start
					}
					if len(h.Snippet) > 0 {
						h.Score *= 1 + float64(covered)/float64(len(h.Snippet))
					}
				}
			}
		}
		out = append(out, h)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Field < out[j].Field
	})
	return out
}

// instKey names one indexed value: its place and its instance there.
type instKey struct{ place, inst uint64 }

// storedValues parses the stored "place:inst:value" strings of a document.
func storedValues(f any) map[instKey]string {
	out := map[instKey]string{}
	add := func(s string) {
		a := strings.IndexByte(s, ':')
		if a < 0 {
			return
		}
		b := strings.IndexByte(s[a+1:], ':')
		if b < 0 {
			return
		}
		pl, err1 := strconv.ParseUint(s[:a], 10, 64)
		in, err2 := strconv.ParseUint(s[a+1:a+1+b], 10, 64)
		if err1 != nil || err2 != nil {
			return
		}
		out[instKey{pl, in}] = s[a+2+b:]
	}
	switch x := f.(type) {
	case string:
		add(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok {
				add(s)
			}
		}
	}
	return out
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

// placeOf is for callers that need a hit's registry field.
func (ix *Index) placeOf(typ, path string) *place {
	t, ok := registry.Get(typ)
	if !ok {
		return nil
	}
	return ix.schema.place(t, path)
}
