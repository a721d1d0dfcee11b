package search

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	index "github.com/blevesearch/bleve_index_api"

	"dataskydd/backend/normalize"
	"dataskydd/backend/registry"
)

// ErrQuery is returned for a query the search cannot run.
var ErrQuery = errors.New("bad query")

// maxParts is the most words (and contact details) a query may have.
const maxParts = 32

// How much a typo costs a word's match, per edit.
const typoPenalty = 0.2

// The search engine works on the index's postings directly, because the person search
// needs more than a ranked list of records: every matching field of every matching record
// (the total counts them all), known without reading any stored value. Each term's
// postings carry the array positions [place, instance] of the values it occurs in. The
// query part with the fewest postings is read whole; the others only advance to its
// candidate records, so a common first name costs little next to a rare surname.

// termRef is one concrete index term a query part may match.
type termRef struct {
	field  string
	term   string
	part   int
	weight float64 // 1 for an exact match, less per typo
}

// placeMatch is one place of a record where query parts matched.
type placeMatch struct {
	place uint64
	mask  uint64  // bit i: part i matched here
	cover float64 // the largest share of one value's tokens that matched
}

// instCount counts the matched tokens of one value in one field.
type instCount struct {
	place, inst uint64
	key         bool
	n, ntok     uint64
}

// docMatch is a record that matched.
type docMatch struct {
	num    uint64 // the index's internal document number
	parts  uint64 // bit i: part i matched somewhere
	weight []float64
	places []placeMatch
	counts []instCount
	score  float64
}

// matchSet is every record matching a query, and the concrete terms that matched, so
// snippets can mark them.
type matchSet struct {
	docs []*docMatch
	text map[string]bool
	keys map[string]bool
}

func (ix *Index) match(ctx context.Context, r index.IndexReader, parts []normalize.Part) (*matchSet, error) {
	ms := &matchSet{text: map[string]bool{}, keys: map[string]bool{}}
	readers := make([][]index.TermFieldReader, len(parts))
	refs := make([][]termRef, len(parts))
	cost := make([]uint64, len(parts))
	defer func() {
		for _, rs := range readers {
			for _, tfr := range rs {
				tfr.Close()
			}
		}
	}()
	add := func(i int, ref termRef) error {
		tfr, err := r.TermFieldReader(ctx, []byte(ref.term), ref.field, false, false, true)
		if err != nil {
			return err
		}
		if tfr.Count() == 0 {
			return tfr.Close()
		}
		readers[i] = append(readers[i], tfr)
		refs[i] = append(refs[i], ref)
		cost[i] += tfr.Count()
		if ref.field == fieldText {
			ms.text[ref.term] = true
		} else {
			ms.keys[ref.term] = true
		}
		return nil
	}
	fz, _ := r.(index.IndexReaderFuzzy)
	for i, p := range parts {
		for _, t := range p.Terms {
			if t.Kind != normalize.KindName {
				if err := add(i, termRef{fieldKey, keyTerm(t.Kind, t.Value), i, 1}); err != nil {
					return nil, err
				}
				continue
			}
			if err := add(i, termRef{fieldText, t.Value, i, 1}); err != nil {
				return nil, err
			}
			n := fuzziness(t.Value)
			if n == 0 || fz == nil {
				continue
			}
			fd, fa, err := fz.FieldDictFuzzyAutomaton(fieldText, t.Value, n, "")
			if err != nil {
				return nil, err
			}
			for {
				e, err := fd.Next()
				if err != nil {
					fd.Close()
					return nil, err
				}
				if e == nil {
					break
				}
				if e.Term == t.Value || hasDigit(e.Term) {
					continue
				}
				d := uint8(n)
				if fa != nil {
					_, d = fa.MatchAndDistance(e.Term)
				}
				if err := add(i, termRef{fieldText, e.Term, i, 1 - typoPenalty*float64(d)}); err != nil {
					fd.Close()
					return nil, err
				}
			}
			fd.Close()
		}
		if len(readers[i]) == 0 {
			return ms, nil // a part that matches nothing: no record has every part
		}
	}
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return cost[order[a]] < cost[order[b]] })

	docs := map[uint64]*docMatch{}
	var tfd index.TermFieldDoc
	visit := func(d *docMatch, t *index.TermFieldDoc, ref termRef) {
		bit := uint64(1) << ref.part
		d.parts |= bit
		if ref.weight > d.weight[ref.part] {
			d.weight[ref.part] = ref.weight
		}
	vectors:
		for _, v := range t.Vectors {
			if len(v.ArrayPositions) < 2 {
				continue
			}
			pl := v.ArrayPositions[0]
			if len(v.ArrayPositions) >= 3 {
				d.count(pl, v.ArrayPositions[1], v.ArrayPositions[2], v.Field == fieldKey)
			}
			for k := range d.places {
				if d.places[k].place == pl {
					d.places[k].mask |= bit
					continue vectors
				}
			}
			d.places = append(d.places, placeMatch{place: pl, mask: bit})
		}
	}
	// The rarest part: every record it occurs in is a candidate.
	first := order[0]
	for k, tfr := range readers[first] {
		for {
			t, err := tfr.Next(&tfd)
			if err != nil {
				return nil, err
			}
			if t == nil {
				break
			}
			num := t.ID.Value()
			d := docs[num]
			if d == nil {
				d = &docMatch{num: num, weight: make([]float64, len(parts))}
				docs[num] = d
			}
			visit(d, t, refs[first][k])
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	cands := make([]uint64, 0, len(docs))
	for num := range docs {
		cands = append(cands, num)
	}
	sort.Slice(cands, func(a, b int) bool { return cands[a] < cands[b] })
	// Every other part only where the candidates are.
	id := make(index.IndexInternalID, 8)
	for _, part := range order[1:] {
		for k, tfr := range readers[part] {
			for c := 0; c < len(cands); {
				t, err := tfr.Advance(index.NewIndexInternalID(id, cands[c]), &tfd)
				if err != nil {
					return nil, err
				}
				if t == nil {
					break
				}
				num := t.ID.Value()
				for c < len(cands) && cands[c] < num {
					c++
				}
				if c < len(cands) && cands[c] == num {
					visit(docs[num], t, refs[part][k])
					c++
				}
			}
		}
		bit := uint64(1) << part
		kept := cands[:0]
		for _, num := range cands {
			if docs[num].parts&bit != 0 {
				kept = append(kept, num)
			} else {
				delete(docs, num)
			}
		}
		cands = kept
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	for _, num := range cands {
		d := docs[num]
		sum := 0.0
		for _, w := range d.weight {
			sum += w
		}
		d.score = sum / float64(len(parts))
		for _, c := range d.counts {
			cover := min(1, float64(c.n)/float64(max(c.ntok, 1)))
			for k := range d.places {
				if d.places[k].place == c.place && cover > d.places[k].cover {
					d.places[k].cover = cover
				}
			}
		}
		d.counts = nil
		ms.docs = append(ms.docs, d)
	}
	return ms, nil
}

func (d *docMatch) count(place, inst, ntok uint64, key bool) {
	for k := range d.counts {
		c := &d.counts[k]
		if c.place == place && c.inst == inst && c.key == key {
			c.n++
			return
		}
	}
	d.counts = append(d.counts, instCount{place: place, inst: inst, key: key, n: 1, ntok: ntok})
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// spans finds the matched terms in one value, for its snippet; none means the value at a
// matching place is not itself a match (another child row, another old version). It
// analyses the value exactly as the index did (see Index.document).
func (ms *matchSet) spans(v string, format registry.Format, ref time.Time) []Span {
	var out []Span
	b := []byte(v)
	keys := keyAnalyser{format: format, ref: ref}.Analyze(b)
	for _, t := range keys {
		if ms.keys[string(t.Term)] {
			out = append(out, Span{t.Start, t.End})
		}
	}
	if indexesWords(format) || len(keys) == 0 {
		for _, t := range (textAnalyser{}).Analyze(b) {
			if ms.text[string(t.Term)] {
				out = append(out, Span{t.Start, t.End})
			}
		}
	}
	return out
}

// docValues are a record's stored values.
type docValues struct {
	typ, id string
	vals    map[uint64][]string // place -> values in instance order
}

func (dv *docValues) at(place uint64) []string { return dv.vals[place] }

// loadValues reads a matched record's id and stored values.
func loadValues(r index.IndexReader, d *docMatch) (*docValues, error) {
	ext, err := r.ExternalID(index.NewIndexInternalID(nil, d.num))
	if err != nil {
		return nil, err
	}
	typ, id, _ := splitDocID(ext)
	dv := &docValues{typ: typ, id: id, vals: map[uint64][]string{}}
	doc, err := r.Document(ext)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, fmt.Errorf("reading %s: gone from the index", ext)
	}
	type iv struct {
		inst uint64
		v    string
	}
	byPlace := map[uint64][]iv{}
	doc.VisitFields(func(f index.Field) {
		if f.Name() != fieldVal {
			return
		}
		s := string(f.Value())
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
		byPlace[pl] = append(byPlace[pl], iv{in, s[a+2+b:]})
	})
	for pl, vs := range byPlace {
		sort.Slice(vs, func(i, j int) bool { return vs[i].inst < vs[j].inst })
		for _, x := range vs {
			dv.vals[pl] = append(dv.vals[pl], x.v)
		}
	}
	return dv, nil
}
