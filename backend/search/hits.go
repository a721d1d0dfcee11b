package search

import (
	"context"
	"sort"

	index "github.com/blevesearch/bleve_index_api"

	"dataskydd/backend/normalize"
	"dataskydd/backend/registry"
)

// MatchValue is one matching value at a hit's place: the mention of the person in one
// value (one child row, one old version), how it matched, and where in the value.
type MatchValue struct {
	Value     string   `json:"value"`               // the mention as stored
	Match     string   `json:"match"`               // exact, typo or link
	Corrected []string `json:"corrected,omitempty"` // typo: the words the query's words were taken for
	Field     string   `json:"-"`                   // the whole field value holding it
	Spans     []Span   `json:"-"`                   // the mention's spans in Field: what erasure replaces
	Marks     []Span   `json:"-"`                   // the matched words in Field, for highlighting
	Inst      uint64   `json:"-"`                   // which child row / version entry (see value)
	Whole     bool     `json:"-"`                   // the mention is the whole field value
	Own       bool     `json:"-"`                   // it makes the record (or its row) the person's own
}

// verify applies the exact rule (exact.go) to one record's stored values: every value
// holding an identifier part or a whole name mention, by place; nil when the record does
// not match (an identifier part missing, or no mention holds every name word).
func (ix *Index) verify(q *prepared, dv *docValues) map[uint64][]MatchValue {
	out := map[uint64][]MatchValue{}
	var ids uint64
	named := false
	type groupKey struct {
		group int
		inst  uint64
	}
	groups := map[groupKey][]uint64{} // places of the group holding a value at inst
	var gorder []groupKey
	places := make([]uint64, 0, len(dv.vals))
	for pl := range dv.vals {
		places = append(places, pl)
	}
	sort.Slice(places, func(i, j int) bool { return places[i] < places[j] })
	for _, pl := range places {
		if int(pl) >= len(ix.schema.places) {
			continue
		}
		p := ix.schema.places[pl]
		for _, iv := range dv.vals[pl] {
			if p.group >= 0 {
				k := groupKey{p.group, iv.inst}
				if _, ok := groups[k]; !ok {
					gorder = append(gorder, k)
				}
				groups[k] = append(groups[k], pl)
			}
			for _, m := range q.mentions(iv.text, p) {
				if p.group >= 0 && m.ids == 0 {
					continue // names in a group are judged together, below
				}
				ids |= m.ids
				named = named || m.name
				own := (p.subjectID && m.ids != 0) || (p.subjectName && m.name && m.ownName)
				out[pl] = append(out[pl], MatchValue{Value: m.text, Match: m.kind(), Corrected: m.corrected, Field: iv.text,
					Spans: m.spans, Marks: m.marks, Inst: iv.inst, Whole: m.whole, Own: own})
			}
		}
	}
	for _, k := range gorder {
		pls := groups[k]
		texts := make([]string, len(pls))
		for i, pl := range pls {
			for _, iv := range dv.vals[pl] {
				if iv.inst == k.inst {
					texts[i] = iv.text
				}
			}
		}
		m, in, marks, ok := q.groupMention(texts)
		if !ok {
			continue
		}
		named = true
		subject := false
		for _, pl := range pls {
			subject = subject || ix.schema.places[pl].subjectName
		}
		for i, pl := range pls {
			if in[i] {
				out[pl] = append(out[pl], MatchValue{Value: m.text, Match: m.kind(), Corrected: m.corrected, Field: texts[i],
					Spans: []Span{{0, len(texts[i])}}, Marks: marks[i], Inst: k.inst, Whole: true, Own: subject && m.ownName})
			}
		}
	}
	if ids != q.idAll || (q.nameAll != 0 && !named) {
		return nil
	}
	for pl, vs := range out {
		sort.SliceStable(vs, func(i, j int) bool { return matchRank(vs[i].Match) < matchRank(vs[j].Match) })
		out[pl] = vs
	}
	return out
}

// candidate is one text hit before it is listed: a place of a matched record (link hits
// are counted and listed by the database, links.go).
type candidate struct {
	k      int // the record's index in the matchSet
	place  *place
	rank   int // matchRank of the best value
	weight float64
	vals   []MatchValue // read: the values, when the rule needed them
}

// ownRecord is a record the search found to be the person's own.
type ownRecord struct {
	typ  *registry.Type
	id   string
	rows map[uint64]bool // Subject.Child: the rows that are the person
}

// collected is everything a query finds, before listing.
type collected struct {
	links *ownLinks // the link hits of the own records
	q     *prepared
	ms    *matchSet
	cands []candidate
	loads map[int]*docValues
	ver   map[int]map[uint64][]MatchValue
	own   []ownRecord
}

// collect finds every hit of the query: the places of the records that match the exact
// rule, and the link hits of the person's own records among them.
func (ix *Index) collect(ctx context.Context, r index.IndexReader, parts []normalize.Part) (*collected, error) {
	// A query of two name words and nothing else is answered from pair terms alone: the
	// places where each word occurs are not needed then.
	names, pairable2 := 0, true
	for _, p := range parts {
		if p.Kind != normalize.KindName {
			pairable2 = false
		} else if names++; !pairable(p.Terms[0].Value) {
			pairable2 = false
		}
	}
	m, err := ix.match(ctx, r, parts, pairable2 && names == 2 && !ix.readAll)
	if err != nil {
		return nil, err
	}
	q := prepare(parts, m.refs, ix.now())
	c := &collected{q: q, ms: m, loads: map[int]*docValues{}, ver: map[int]map[uint64][]MatchValue{}}
	// Which bits of the marks (numbered by query part) are name parts.
	var nameBits uint64
	for i, p := range parts {
		if p.Kind == normalize.KindName {
			nameBits |= 1 << uint(i)
		}
	}
	byDoc := map[int][]uint64{}
	m.places.each(func(key, bits uint64) {
		k, pl := int(key>>16), key&0xffff
		if int(pl) < len(ix.schema.places) {
			byDoc[k] = append(byDoc[k], pl)
		}
	})
	ownDocs := map[int]bool{}
	var nameParts []int
	for i, p := range parts {
		if p.Kind == normalize.KindName {
			nameParts = append(nameParts, i)
		}
	}
	var pairs map[string]bool
	pairsOK := false
	if q.names == 2 && !ix.readAll {
		pairs, pairsOK = queryPairs(m.refs[nameParts[0]], m.refs[nameParts[1]])
	}
	if pairsOK {
		if err := ix.collectPairs(r, c, pairs, byDoc, nameBits, ownDocs); err != nil {
			return nil, err
		}
	} else if q.names <= 1 {
		// Every place where a part matched holds a whole mention: list them from the
		// postings, and read values only for the hits listed.
		oneWord, err := ix.wholeNames(m, 1)
		if err != nil {
			return nil, err
		}
		for k, pls := range byDoc {
			for _, pl := range pls {
				p := ix.schema.places[pl]
				bits, exact := m.places.get(uint64(k)<<16|pl), m.exact.get(uint64(k)<<16|pl)
				rank := 0
				if bits&^exact != 0 {
					rank = 1
				}
				c.cands = append(c.cands, candidate{k: k, place: p, rank: rank, weight: placeWeight(p)})
				switch {
				case p.subjectID && bits&^nameBits != 0:
					ownDocs[k] = true
				case p.subjectName && bits&nameBits != 0:
					g := pl
					if p.group >= 0 {
						g = uint64(p.group)
					}
					if oneWord[k][g] {
						ownDocs[k] = true
					}
				}
			}
		}
	} else {
		for k, pls := range byDoc {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if !mayHoldName(ix.schema, m, k, pls, nameBits) {
				continue
			}
			vals, err := c.verified(ix, r, q, k)
			if err != nil {
				return nil, err
			}
			for pl, vs := range vals {
				p := ix.schema.places[pl]
				c.cands = append(c.cands, candidate{k: k, place: p, rank: matchRank(vs[0].Match), weight: placeWeight(p), vals: vs})
				for _, v := range vs {
					if v.Own {
						ownDocs[k] = true
					}
				}
			}
		}
	}
	// The person's own records, and what links to them.
	ks := make([]int, 0, len(ownDocs))
	for k := range ownDocs {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	var records []ownRecord // own whole records (not child rows), to look up their links
	for _, k := range ks {
		vals, err := c.verified(ix, r, q, k)
		if err != nil {
			return nil, err
		}
		dv := c.loads[k]
		t, ok := registry.Get(dv.typ)
		if !ok || t.Subject == nil {
			continue
		}
		o := ownRecord{typ: t, id: dv.id, rows: map[uint64]bool{}}
		for pl, vs := range vals {
			for _, v := range vs {
				if v.Own && ix.schema.places[pl].subjectName || v.Own && ix.schema.places[pl].subjectID {
					o.rows[v.Inst] = true
				}
			}
		}
		if len(o.rows) == 0 {
			continue
		}
		if t.Subject.Child != "" {
			c.own = append(c.own, o)
			continue
		}
		records = append(records, o)
	}
	// The records linking to them: counted and listed by the database (links.go).
	lk, err := ix.ownLinks(ctx, records)
	if err != nil {
		return nil, err
	}
	for _, o := range records {
		if lk.people[o.typ.Name+"/"+o.id] {
			c.own = append(c.own, o)
		}
	}
	c.links = lk
	return c, nil
}

// verified reads record k's values and applies the exact rule to them, once.
func (c *collected) verified(ix *Index, r index.IndexReader, q *prepared, k int) (map[uint64][]MatchValue, error) {
	if v, ok := c.ver[k]; ok {
		return v, nil
	}
	dv, err := c.load(r, k)
	if err != nil {
		return nil, err
	}
	v := ix.verify(q, dv)
	c.ver[k] = v
	return v, nil
}

func (c *collected) load(r index.IndexReader, k int) (*docValues, error) {
	if dv, ok := c.loads[k]; ok {
		return dv, nil
	}
	dv, err := loadValues(r, c.ms.nums[k])
	if err != nil {
		return nil, err
	}
	c.loads[k] = dv
	return dv, nil
}

// mayHoldName reports, from the postings alone, whether record k can hold every name word
// in one mention: some place, or some mention group's places together, has them all.
func mayHoldName(s *schema, m *matchSet, k int, pls []uint64, nameBits uint64) bool {
	groupBits := map[int]uint64{}
	for _, pl := range pls {
		bits := m.places.get(uint64(k)<<16 | pl)
		if bits&nameBits == nameBits {
			return true
		}
		if g := s.places[pl].group; g >= 0 {
			groupBits[g] |= bits
			if groupBits[g]&nameBits == nameBits {
				return true
			}
		}
	}
	return false
}

// wholeNames lists, per found record, the own name places (or groups) whose name is n
// words long: an n-word query that matches there covers the name whole.
func (ix *Index) wholeNames(m *matchSet, n int) (map[int]map[uint64]bool, error) {
	out := map[int]map[uint64]bool{}
	for _, seg := range m.segs {
		fs := newDocSet(seg.found, seg.postings.seg.Count())
		for _, p := range ix.schema.places {
			if !p.subjectName || (p.group >= 0 && uint64(p.group) != p.id) {
				continue
			}
			docs, err := seg.postings.docs(fieldNameWords, nameWordTerm(p.id, n))
			if err != nil {
				return nil, err
			}
			if docs.IsEmpty() || !docs.Intersects(seg.found) {
				continue
			}
			it := docs.Iterator()
			for it.HasNext() {
				if i, ok := fs.index(it.Next()); ok {
					k := seg.k0 + i
					if out[k] == nil {
						out[k] = map[uint64]bool{}
					}
					out[k][p.id] = true
				}
			}
		}
	}
	return out, nil
}

// collectPairs lists the hits of a two-word name query (with any identifier parts) from
// the pair terms (pairs.go): every place holding one of the query's pairs, with the
// group's fields for a group's pair, and every place holding an identifier part of a
// record that holds a pair. No stored value is read.
func (ix *Index) collectPairs(r index.IndexReader, c *collected, pairs map[string]bool, byDoc map[int][]uint64, nameBits uint64, ownDocs map[int]bool) error {
	m := c.ms
	var pm, pe marks // doc << 16 | place: a pair there; one of exact words
	for k, exact := range pairs {
		tagged, err := placeTerms(r, fieldPairPlace, k)
		if err != nil {
			return err
		}
		for _, seg := range m.segs {
			var fs *docSet
			for _, t := range tagged {
				docs, err := seg.postings.docs(fieldPairPlace, t)
				if err != nil {
					return err
				}
				if docs.IsEmpty() || !docs.Intersects(seg.found) {
					continue
				}
				if fs == nil {
					fs = newDocSet(seg.found, seg.postings.seg.Count())
				}
				pl, _ := placeOfTerm(t)
				it := docs.Iterator()
				for it.HasNext() {
					if i, ok := fs.index(it.Next()); ok {
						key := uint64(seg.k0+i)<<16 | pl
						pm.or(key, 1)
						if exact {
							pe.or(key, 1)
						}
					}
				}
			}
		}
	}
	whole, err := ix.wholeNames(m, 2)
	if err != nil {
		return err
	}
	// Records with a free text too long for pairs where both words occur are judged by
	// reading them (pairs.go, longText).
	long, err := placeTerms(r, fieldPairPlace, longText)
	if err != nil {
		return err
	}
	longDocs := map[int]bool{}
	for _, seg := range m.segs {
		fs := newDocSet(seg.found, seg.postings.seg.Count())
		for _, t := range long {
			docs, err := seg.postings.docs(fieldPairPlace, t)
			if err != nil {
				return err
			}
			it := docs.Iterator()
			for it.HasNext() {
				if i, ok := fs.index(it.Next()); ok {
					longDocs[seg.k0+i] = true
				}
			}
		}
	}
	groups := ix.schema.groupPlaces()
	type hit struct {
		k  int
		pl uint64
	}
	rank := map[hit]int{} // the best rank of each hit
	setRank := func(h hit, r int) {
		if old, ok := rank[h]; !ok || r < old {
			rank[h] = r
		}
	}
	named := map[int]bool{}
	pm.each(func(key, _ uint64) {
		k, pl := int(key>>16), key&0xffff
		isGroup := pl&groupPairBit != 0
		pl &^= groupPairBit
		if int(pl) >= len(ix.schema.places) {
			return
		}
		named[k] = true
		r := 1
		if pe.get(key) != 0 {
			r = 0
		}
		p := ix.schema.places[pl]
		targets := []*place{p}
		if isGroup && p.group >= 0 {
			// A pair across a group's values has a word in two of them: with two fields,
			// both; in a larger group, those where a word is marked (or all, unmarked).
			targets = nil
			gps := groups[p.group]
			for _, gp := range gps {
				if len(gps) == 2 || len(m.places.keys) == 0 || m.places.get(uint64(k)<<16|gp.id)&nameBits != 0 {
					targets = append(targets, gp)
				}
			}
		}
		for _, t := range targets {
			setRank(hit{k, t.id}, r)
			if t.subjectName {
				g := t.id
				if t.group >= 0 {
					g = uint64(t.group)
				}
				if whole[k][g] {
					ownDocs[k] = true
				}
			}
		}
	})
	for k := range longDocs {
		vals, err := c.verified(ix, r, c.q, k)
		if err != nil {
			return err
		}
		for pl, vs := range vals {
			setRank(hit{k, pl}, matchRank(vs[0].Match))
			named[k] = true
			for _, v := range vs {
				if v.Own {
					ownDocs[k] = true
				}
			}
		}
	}
	for k, pls := range byDoc {
		if !named[k] {
			continue // no mention holds both words: no match
		}
		for _, pl := range pls {
			if m.places.get(uint64(k)<<16|pl)&^nameBits != 0 { // an identifier part
				setRank(hit{k, pl}, 0)
				if ix.schema.places[pl].subjectID {
					ownDocs[k] = true
				}
			}
		}
	}
	for h, r := range rank {
		p := ix.schema.places[h.pl]
		c.cands = append(c.cands, candidate{k: h.k, place: p, rank: r, weight: placeWeight(p)})
	}
	return nil
}
