package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
// (the total counts them all), known without reading any stored value. Words and contact
// details are indexed twice: plain, to find the records where every query part occurs,
// and tagged with their place, to count the fields they occur in. The query part with the
// fewest postings is read whole; the others only advance to its candidates, so a common
// first name costs little next to a rare surname.

// termRef is one concrete index term a query part may match.
type termRef struct {
	field  string // fieldText or fieldKey
	term   string
	part   int
	weight float64 // 1 for an exact match, less per typo
}

// matchSet is every record matching a query: their document numbers in ascending order,
// their scores, the places where parts matched, and the concrete terms that matched (so
// snippets can mark them).
type matchSet struct {
	nums   []uint64
	score  []float64
	places map[uint64]uint64 // doc index << 16 | place -> bit i: part i matched there
	text   map[string]bool
	keys   map[string]bool
}

func (ix *Index) match(ctx context.Context, r index.IndexReader, parts []normalize.Part) (*matchSet, error) {
	ms := &matchSet{places: map[uint64]uint64{}, text: map[string]bool{}, keys: map[string]bool{}}
	refs := make([][]termRef, len(parts))
	cost := make([]uint64, len(parts))
	counts := map[string]uint64{}
	add := func(i int, ref termRef) error {
		tfr, err := r.TermFieldReader(ctx, []byte(ref.term), ref.field, false, false, false)
		if err != nil {
			return err
		}
		n := tfr.Count()
		tfr.Close()
		if n == 0 {
			return nil
		}
		refs[i] = append(refs[i], ref)
		cost[i] += n
		counts[ref.field+"\x00"+ref.term] = n
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
		if len(refs[i]) == 0 {
			return ms, nil // a part that matches nothing: no record has every part
		}
	}
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return cost[order[a]] < cost[order[b]] })

	// The rarest part: every record it occurs in is a candidate.
	np := len(parts)
	first := order[0]
	best := make(map[uint64]float64, cost[first])
	for _, ref := range refs[first] {
		err := eachDoc(ctx, r, ref.field, ref.term, nil, func(num uint64, _ int) {
			if ref.weight > best[num] {
				best[num] = ref.weight
			}
		})
		if err != nil {
			return nil, err
		}
	}
	nums := make([]uint64, 0, len(best))
	for num := range best {
		nums = append(nums, num)
	}
	slices.Sort(nums)
	weights := make([]float64, len(nums)*np)
	for k, num := range nums {
		weights[k*np+first] = best[num]
	}
	// Every other part only where the candidates are.
	for _, part := range order[1:] {
		for _, ref := range refs[part] {
			err := eachDoc(ctx, r, ref.field, ref.term, nums, func(_ uint64, k int) {
				if ref.weight > weights[k*np+part] {
					weights[k*np+part] = ref.weight
				}
			})
			if err != nil {
				return nil, err
			}
		}
		kept := 0
		for k := range nums {
			if weights[k*np+part] == 0 {
				continue
			}
			nums[kept] = nums[k]
			copy(weights[kept*np:kept*np+np], weights[k*np:k*np+np])
			kept++
		}
		nums, weights = nums[:kept], weights[:kept*np]
		if len(nums) == 0 {
			return ms, nil
		}
	}
	ms.nums = nums
	ms.places = make(map[uint64]uint64, 2*len(nums))
	ms.score = make([]float64, len(nums))
	for k := range nums {
		sum := 0.0
		for _, w := range weights[k*np : k*np+np] {
			sum += w
		}
		ms.score[k] = sum / float64(np)
	}
	// The places: every place-tagged variant of every matched term, where the records are.
	for i := range parts {
		bit := uint64(1) << i
		for _, ref := range refs[i] {
			pfield := fieldTextPlace
			if ref.field == fieldKey {
				pfield = fieldKeyPlace
			}
			prefix := []byte(ref.term + "\x00")
			fd, err := r.FieldDictPrefix(pfield, prefix)
			if err != nil {
				return nil, err
			}
			var tagged []string
			for {
				e, err := fd.Next()
				if err != nil {
					fd.Close()
					return nil, err
				}
				if e == nil {
					break
				}
				if len(e.Term) == len(prefix)+2 {
					tagged = append(tagged, e.Term)
				}
			}
			fd.Close()
			for _, t := range tagged {
				pl, _ := placeOfTerm(t)
				err := eachDoc(ctx, r, pfield, t, nums, func(_ uint64, k int) {
					ms.places[uint64(k)<<16|pl] |= bit
				})
				if err != nil {
					return nil, err
				}
			}
		}
	}
	return ms, nil
}

// eachDoc calls fn with every document holding a term; with among (ascending document
// numbers) only for those, with their index there. It reads the postings whole when they
// are fewer than the candidates and advances to each candidate otherwise.
func eachDoc(ctx context.Context, r index.IndexReader, field, term string, among []uint64, fn func(num uint64, k int)) error {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	var tfd index.TermFieldDoc
	if among == nil || tfr.Count() < uint64(len(among)) {
		k := 0 // postings come in ascending order: walk the candidates alongside
		for {
			t, err := tfr.Next(&tfd)
			if err != nil {
				return err
			}
			if t == nil {
				return nil
			}
			num := t.ID.Value()
			if among == nil {
				fn(num, -1)
				continue
			}
			for k < len(among) && among[k] < num {
				k++
			}
			if k == len(among) {
				return nil
			}
			if among[k] == num {
				fn(num, k)
			}
		}
	}
	id := make(index.IndexInternalID, 8)
	for k := 0; k < len(among); {
		t, err := tfr.Advance(index.NewIndexInternalID(id, among[k]), &tfd)
		if err != nil {
			return err
		}
		if t == nil {
			return nil
		}
		num := t.ID.Value()
		for k < len(among) && among[k] < num {
			k++
		}
		if k < len(among) && among[k] == num {
			fn(num, k)
			k++
		}
	}
	return nil
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
	labels  map[uint64]string   // place -> field name shown (secure data)
}

func (dv *docValues) at(place uint64) []string { return dv.vals[place] }

// field is the field a hit at p shows: its path, or the stored form field name.
func (dv *docValues) field(p *place) string {
	if l, ok := dv.labels[p.id]; ok {
		return l
	}
	return p.path
}

// loadValues reads a matched record's id and stored values.
func loadValues(r index.IndexReader, num uint64) (*docValues, error) {
	ext, err := r.ExternalID(index.NewIndexInternalID(nil, num))
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
		if f.Name() == fieldLabel {
			s := string(f.Value())
			if a := strings.IndexByte(s, ':'); a > 0 {
				if pl, err := strconv.ParseUint(s[:a], 10, 64); err == nil {
					if dv.labels == nil {
						dv.labels = map[uint64]string{}
					}
					dv.labels[pl] = s[a+1:]
				}
			}
			return
		}
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
