package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"dataskydd/backend/normalize"
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
// and tagged with their place, to count the fields they occur in. Each segment's postings
// are roaring bitmaps: a part's terms (the word and its typo variants) are OR-ed, the
// parts AND-ed, and the place-tagged terms AND-ed with the result, so a common first name
// costs a few bitmap operations, not a walk over its postings.

// termRef is one concrete index term a query part may match.
type termRef struct {
	field  string // fieldText or fieldKey
	term   string
	weight float64 // 1 for an exact match, less per typo
}

// matchSet is every record where every part of a query occurs: their document numbers in
// ascending order, their scores, the places where parts occur, and each part's terms.
type matchSet struct {
	nums   []uint64
	score  []float64
	places marks // doc index << 16 | place -> bit i: part i matched there
	exact  marks // the same, only for the parts that matched there without a typo
	refs   [][]termRef
	segs   []segmentSpan // each segment's documents: where it starts in nums, and its postings
}

// weighted is the documents a part matches with one weight.
type weighted struct {
	weight float64
	docs   *roaring.Bitmap
}

// match finds the records where every query part occurs, segment by segment: each part's
// documents (partDocs), their intersection, each found record's score, and unless noPlaces
// the places where the parts occur (markPlaces).
func (ix *Index) match(ctx context.Context, r index.IndexReader, parts []normalize.Part, noPlaces bool) (*matchSet, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("not a scorch index")
	}
	ms := &matchSet{}
	refs, err := queryTerms(r, parts)
	if err != nil {
		return nil, err
	}
	ms.refs = refs
	for _, rs := range refs {
		if len(rs) == 0 {
			return ms, nil // a part that matches nothing: no record has every part
		}
	}
	pm := &placeMarker{r: r, tagged: map[termRef][]string{}, buf: make([]uint32, 512)}
	var base uint64 // the snapshot numbers documents across its segments in order
	for _, ss := range snap.Segments() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		seg := ss.Segment()
		sp := newSegmentPostings(ss)
		segBase := base
		base += seg.Count()
		pd, err := partDocs(sp, refs)
		if err != nil {
			return nil, err
		}
		found := intersect(pd.all)
		if found.IsEmpty() {
			continue
		}
		k0 := len(ms.nums)
		ms.segs = append(ms.segs, segmentSpan{k0: k0, found: found, postings: sp})
		ms.score = appendScores(ms.score, found, pd.byWeight, len(parts))
		it := found.Iterator()
		for it.HasNext() {
			ms.nums = append(ms.nums, segBase+uint64(it.Next()))
		}
		if noPlaces {
			continue // the caller finds the places another way (pair terms)
		}
		if err := ms.markPlaces(pm, sp, pd.refDocs, found, seg.Count(), k0); err != nil {
			return nil, err
		}
	}
	return ms, nil
}

// segmentParts is what one segment holds of each query part: its documents by weight (best
// first), all of them, and each of its terms' documents.
type segmentParts struct {
	byWeight [][]weighted
	all      []*roaring.Bitmap
	refDocs  [][]*roaring.Bitmap
}

// partDocs reads, in one segment, the documents of each part's terms.
func partDocs(sp *segmentPostings, refs [][]termRef) (*segmentParts, error) {
	np := len(refs)
	pd := &segmentParts{byWeight: make([][]weighted, np), all: make([]*roaring.Bitmap, np), refDocs: make([][]*roaring.Bitmap, np)}
	for i, rs := range refs {
		pd.all[i] = roaring.New()
		pd.refDocs[i] = make([]*roaring.Bitmap, len(rs))
		for r, ref := range rs {
			docs, err := sp.docs(ref.field, ref.term)
			if err != nil {
				return nil, err
			}
			pd.refDocs[i][r] = docs
			if docs.IsEmpty() {
				continue
			}
			pd.all[i].Or(docs)
			w := slices.IndexFunc(pd.byWeight[i], func(x weighted) bool { return x.weight == ref.weight })
			if w < 0 {
				pd.byWeight[i] = append(pd.byWeight[i], weighted{ref.weight, roaring.New()})
				w = len(pd.byWeight[i]) - 1
			}
			pd.byWeight[i][w].docs.Or(docs)
		}
		slices.SortFunc(pd.byWeight[i], func(a, b weighted) int { return cmp.Compare(b.weight, a.weight) })
	}
	return pd, nil
}

// intersect is the documents where every part matches, AND-ed from the smallest set up;
// all is reordered.
func intersect(all []*roaring.Bitmap) *roaring.Bitmap {
	slices.SortFunc(all, func(a, b *roaring.Bitmap) int { return cmp.Compare(a.GetCardinality(), b.GetCardinality()) })
	found := all[0].Clone()
	for _, a := range all[1:] {
		if found.IsEmpty() {
			break
		}
		found.And(a)
	}
	return found
}

// appendScores appends the score of each found document: the mean over the parts of the
// best weight a part matches it with.
func appendScores(scores []float64, found *roaring.Bitmap, byWeight [][]weighted, np int) []float64 {
	it := found.Iterator()
	for it.HasNext() {
		d := it.Next()
		sum := 0.0
		for i := range byWeight {
			for _, w := range byWeight[i] {
				if w.docs.Contains(d) {
					sum += w.weight
					break
				}
			}
		}
		scores = append(scores, sum/float64(np))
	}
	return scores
}

// markPlaces marks, for one segment's found documents (the first at k0), every place where
// a matched term occurs: every place-tagged variant of every term, where the records are.
func (ms *matchSet) markPlaces(pm *placeMarker, sp *segmentPostings, refDocs [][]*roaring.Bitmap, found *roaring.Bitmap, count uint64, k0 int) error {
	fs := newDocSet(found, count)
	ms.places.reserve(4 * int(found.GetCardinality()))
	for i, rs := range ms.refs {
		for r, ref := range rs {
			if !refDocs[i][r].Intersects(found) {
				continue // a typo variant only other records have
			}
			out := []*marks{&ms.places}
			if ref.weight >= 1 {
				out = append(out, &ms.exact)
			}
			if err := pm.mark(sp, ref, uint64(1)<<i, found, fs, k0, out...); err != nil {
				return err
			}
		}
	}
	return nil
}

// segmentSpan is one segment's share of a matchSet: its found documents are nums[k0:].
type segmentSpan struct {
	k0       int
	found    *roaring.Bitmap
	postings *segmentPostings
}

// get returns the bits at key (0 when absent).
func (m *marks) get(key uint64) uint64 {
	if len(m.keys) == 0 {
		return 0
	}
	mask := len(m.keys) - 1
	for i := int((key * 0x9E3779B97F4A7C15) >> m.shift); ; i = (i + 1) & mask {
		switch m.keys[i] {
		case key + 1:
			return m.vals[i]
		case 0:
			return 0
		}
	}
}

// placeMarker marks where the query's terms occur among the found records.
type placeMarker struct {
	r      index.IndexReader
	tagged map[termRef][]string // a term's place-tagged variants, read once
	buf    []uint32
}

func (pm *placeMarker) mark(sp *segmentPostings, ref termRef, bit uint64, found *roaring.Bitmap, fs *docSet, k0 int, outs ...*marks) error {
	nFound := found.GetCardinality()
	pfield := fieldTextPlace
	if ref.field == fieldKey {
		pfield = fieldKeyPlace
	}
	ts, ok := pm.tagged[ref]
	if !ok {
		var err error
		if ts, err = placeTerms(pm.r, pfield, ref.term); err != nil {
			return err
		}
		pm.tagged[ref] = ts
	}
	for _, t := range ts {
		docs, err := sp.docs(pfield, t)
		if err != nil {
			return err
		}
		pl, _ := placeOfTerm(t)
		// Walk whichever side is smaller.
		if n := docs.GetCardinality(); n == 0 {
			continue
		} else if n > 16*nFound {
			it := found.Iterator()
			for it.HasNext() {
				if d := it.Next(); docs.Contains(d) {
					k, _ := fs.index(d)
					for _, out := range outs {
						out.or(uint64(k0+k)<<16|pl, bit)
					}
				}
			}
			continue
		}
		it := docs.ManyIterator()
		for n := it.NextMany(pm.buf); n > 0; n = it.NextMany(pm.buf) {
			for _, d := range pm.buf[:n] {
				if k, ok := fs.index(d); ok {
					for _, out := range outs {
						out.or(uint64(k0+k)<<16|pl, bit)
					}
				}
			}
		}
	}
	return nil
}

// docSet is a set of a segment's documents as bits, with the rank of each: which of the
// set's documents, in ascending order, it is.
type docSet struct {
	bits []uint64
	rank []int32 // documents in the words before
}

func newDocSet(docs *roaring.Bitmap, n uint64) *docSet {
	s := &docSet{bits: make([]uint64, (n+63)/64+1)}
	it := docs.Iterator()
	for it.HasNext() {
		d := it.Next()
		s.bits[d>>6] |= 1 << (d & 63)
	}
	s.rank = make([]int32, len(s.bits))
	var c int32
	for w, b := range s.bits {
		s.rank[w] = c
		c += int32(bits.OnesCount64(b))
	}
	return s
}

// index is d's position in the set, if d is in it.
func (s *docSet) index(d uint32) (int, bool) {
	w := int(d >> 6)
	if w >= len(s.bits) {
		return 0, false
	}
	b := uint64(1) << (d & 63)
	if s.bits[w]&b == 0 {
		return 0, false
	}
	return int(s.rank[w]) + bits.OnesCount64(s.bits[w]&(b-1)), true
}

// marks maps keys (record index << 16 | place) to bit sets: an open-addressing hash
// table, because a common name marks tens of thousands of places in one search.
type marks struct {
	keys  []uint64 // key + 1; 0 is a free slot
	vals  []uint64
	n     int
	shift uint
}

// reserve makes room for n more keys.
func (m *marks) reserve(n int) {
	need := 2 * (m.n + n)
	if need <= len(m.keys) {
		return
	}
	size := 64
	for size < need {
		size *= 2
	}
	old, oldVals := m.keys, m.vals
	m.keys, m.vals, m.n = make([]uint64, size), make([]uint64, size), 0
	m.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for i, k := range old {
		if k != 0 {
			m.or(k-1, oldVals[i])
		}
	}
}

// or sets the bits at key.
func (m *marks) or(key, b uint64) {
	if 2*(m.n+1) > len(m.keys) {
		m.reserve(max(m.n, 32))
	}
	mask := len(m.keys) - 1
	for i := int((key * 0x9E3779B97F4A7C15) >> m.shift); ; i = (i + 1) & mask {
		switch m.keys[i] {
		case key + 1:
			m.vals[i] |= b
			return
		case 0:
			m.keys[i], m.vals[i] = key+1, b
			m.n++
			return
		}
	}
}

// len is the number of keys.
func (m *marks) len() int { return m.n }

// each calls fn with every key and its bits, in no particular order.
func (m *marks) each(fn func(key, b uint64)) {
	for i, k := range m.keys {
		if k != 0 {
			fn(k-1, m.vals[i])
		}
	}
}

// queryTerms lists, for each query part, the index terms it matches: contact details as
// their key, words as themselves and, from five letters, their typo variants in the index.
func queryTerms(r index.IndexReader, parts []normalize.Part) ([][]termRef, error) {
	refs := make([][]termRef, len(parts))
	fz, _ := r.(index.IndexReaderFuzzy)
	for i, p := range parts {
		for _, t := range p.Terms {
			if t.Kind != normalize.KindName {
				refs[i] = append(refs[i], termRef{fieldKey, keyTerm(t.Kind, t.Value), 1})
				continue
			}
			refs[i] = append(refs[i], termRef{fieldText, t.Value, 1})
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
				refs[i] = append(refs[i], termRef{fieldText, e.Term, 1 - typoPenalty*float64(d)})
			}
			fd.Close()
		}
	}
	return refs, nil
}

// placeTerms lists the place-tagged variants of a term (term NUL place).
func placeTerms(r index.IndexReader, pfield, term string) ([]string, error) {
	prefix := []byte(term + "\x00")
	fd, err := r.FieldDictPrefix(pfield, prefix)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	var out []string
	for {
		e, err := fd.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return out, nil
		}
		if len(e.Term) == len(prefix)+2 {
			out = append(out, e.Term)
		}
	}
}

// segmentPostings reads the postings of one segment as bitmaps of its live documents.
type segmentPostings struct {
	seg     segment.Segment
	deleted *roaring.Bitmap
	dicts   map[string]segment.TermDictionary
}

func newSegmentPostings(ss *scorch.SegmentSnapshot) *segmentPostings {
	return &segmentPostings{seg: ss.Segment(), deleted: ss.Deleted(), dicts: map[string]segment.TermDictionary{}}
}

var emptyDocs = roaring.New()

// docs are the live documents of the segment holding the term; the bitmap may be the
// segment's own and must not be changed.
func (sp *segmentPostings) docs(field, term string) (*roaring.Bitmap, error) {
	dict, ok := sp.dicts[field]
	if !ok {
		var err error
		if dict, err = sp.seg.Dictionary(field); err != nil {
			return nil, err
		}
		sp.dicts[field] = dict
	}
	if dict == nil {
		return emptyDocs, nil
	}
	pl, err := dict.PostingsList([]byte(term), sp.deleted, nil)
	if err != nil {
		return nil, err
	}
	it := pl.Iterator(false, false, false, nil)
	if o, ok := it.(segment.OptimizablePostingsIterator); ok {
		if d, ok := o.DocNum1Hit(); ok {
			return roaring.BitmapOf(uint32(d)), nil
		}
		if bm := o.ActualBitmap(); bm != nil {
			return bm, nil
		}
		return emptyDocs, nil
	}
	out := roaring.New() // another segment kind: walk its postings
	for {
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			return out, nil
		}
		out.Add(uint32(p.Number()))
	}
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// docValues are a record's stored values.
type docValues struct {
	typ, id string
	vals    map[uint64][]instValue // place -> values in instance order
	labels  map[uint64]string      // place -> field name shown (secure data)
}

// instValue is one stored value and its instance (see value).
type instValue struct {
	inst uint64
	text string
}

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
	dv := &docValues{typ: typ, id: id, vals: map[uint64][]instValue{}}
	doc, err := r.Document(ext)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, fmt.Errorf("reading %s: gone from the index", ext)
	}
	byPlace := dv.vals
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
		byPlace[pl] = append(byPlace[pl], instValue{in, s[a+2+b:]})
	})
	for _, vs := range byPlace {
		sort.Slice(vs, func(i, j int) bool { return vs[i].inst < vs[j].inst })
	}
	return dv, nil
}
