package search

// The exact rule of the person search (datamap.md, "Person search and erasure"): which
// values of a record are about the person a query names. The index finds the records
// where every part of the query occurs somewhere (see engine.go); this file decides, value
// by value, which of them hold a whole mention of the person:
//
//   - an identifier part (e-mail, phone number, personnummer) matches an identifier in a
//     value that equals it after normalisation, in a field of its format or written inside
//     any text;
//   - the name words match together in ONE mention: one P value, the fields that together
//     name one person (registry Field.Mention, same record or child row), or a stretch of
//     one free text in which the matched words stand at most two words apart.
//
// A record matches when every identifier part occurs in it and, when the query has name
// words, at least one mention holds them all. Each value holding an identifier part or a
// whole name mention is a hit; a value with only some of the name words is not.

import (
	"strings"
	"time"

	"dataskydd/backend/normalize"
	"dataskydd/backend/registry"
)

// Match kinds of a hit, best first.
const (
	MatchExact = "exact" // every word as written (case and diacritics aside)
	MatchTypo  = "typo"  // at least one word matched through a typo
	MatchLink  = "link"  // the record links to one of the person's own records
)

// matchRank orders match kinds: exact before typo before link.
func matchRank(kind string) int {
	switch kind {
	case MatchExact:
		return 0
	case MatchTypo:
		return 1
	}
	return 2
}

// maxWordGap is how far apart (in words) two matched words of one free-text mention may
// stand: "Ulla M. Hedlund" (2) is one mention, "Ulla och Anders Hedlund" (3) is not.
const maxWordGap = 2

// prepared is a query made ready for the exact rule.
type prepared struct {
	idAll, nameAll uint64              // bits of the identifier parts, of the name parts
	names          int                 // how many name parts
	keys           map[string]uint64   // key term -> identifier parts it stands for
	words          map[string]wordBits // folded word -> name parts it stands for
	ref            time.Time
}

// wordBits are the name parts a word stands for: exactly, and through a typo.
type wordBits struct{ exact, typo uint64 }

// prepare numbers the query's identifier parts and name parts separately and lists every
// index term each may match (refs, from queryTerms).
func prepare(parts []normalize.Part, refs [][]termRef, ref time.Time) *prepared {
	q := &prepared{keys: map[string]uint64{}, words: map[string]wordBits{}, ref: ref}
	var nid, nname uint
	for i, p := range parts {
		if p.Kind != normalize.KindName {
			bit := uint64(1) << nid
			nid++
			q.idAll |= bit
			for _, r := range refs[i] {
				q.keys[r.term] |= bit
			}
			continue
		}
		bit := uint64(1) << nname
		nname++
		q.nameAll |= bit
		for _, r := range refs[i] {
			wb := q.words[r.term]
			if r.weight >= 1 {
				wb.exact |= bit
			} else {
				wb.typo |= bit
			}
			q.words[r.term] = wb
		}
	}
	q.names = int(nname)
	return q
}

// mention is one mention of the person in one value.
type mention struct {
	spans     []Span   // what a replacement replaces, within the value
	marks     []Span   // the matched words or identifiers, for highlighting
	text      string   // the mention as stored: the hit's value
	typo      bool     // a word matched through a typo
	corrected []string // the words the typos stand for, as the index has them
	ids       uint64   // identifier parts it holds
	name      bool     // it holds every name word
	whole     bool     // it is the whole value
	ownName   bool     // the name words cover every word of the value (a whole name)
}

func (m mention) kind() string {
	if m.typo {
		return MatchTypo
	}
	return MatchExact
}

// tok is one word of a value that stands for at least one name part.
type tok struct {
	start, end, pos int
	word            string
	exact, typo     uint64
}

// nameTokens lists the words of v that stand for a name part, and how many words v has.
func (q *prepared) nameTokens(v string, posBase int) ([]tok, int) {
	var out []tok
	words := normalize.Words(v)
	for i, w := range words {
		f := normalize.Fold(w.Text)
		if wb, ok := q.words[f]; ok {
			out = append(out, tok{start: w.Start, end: w.End, pos: posBase + i, word: f, exact: wb.exact, typo: wb.typo})
		}
	}
	return out, len(words)
}

// cover assigns every name part a word of its own among toks (exactly where it can) and
// reports whether it could, whether a typo was needed, and the words matched by a typo.
func (q *prepared) cover(toks []tok) (ok, typo bool, corrected []string) {
	if len(toks) < q.names {
		return false, false, nil
	}
	if assign(toks, q.names, false) != nil {
		return true, false, nil
	}
	owner := assign(toks, q.names, true)
	if owner == nil {
		return false, false, nil
	}
	for t, p := range owner {
		if p >= 0 && toks[t].exact&(1<<uint(p)) == 0 {
			corrected = append(corrected, toks[t].word)
		}
	}
	return true, true, corrected
}

// assign is a bipartite matching of name parts to distinct words (Kuhn's algorithm; a
// query has a handful of words). It returns each word's part (-1: none), nil when some
// part has no word.
func assign(toks []tok, parts int, typos bool) []int {
	owner := make([]int, len(toks))
	for i := range owner {
		owner[i] = -1
	}
	edge := func(p, t int) bool {
		b := uint64(1) << uint(p)
		return toks[t].exact&b != 0 || (typos && toks[t].typo&b != 0)
	}
	var try func(p int, seen []bool) bool
	try = func(p int, seen []bool) bool {
		for t := range toks {
			if !edge(p, t) || seen[t] {
				continue
			}
			seen[t] = true
			if owner[t] < 0 || try(owner[t], seen) {
				owner[t] = p
				return true
			}
		}
		return false
	}
	for p := 0; p < parts; p++ {
		if !try(p, make([]bool, len(toks))) {
			return nil
		}
	}
	return owner
}

// mentions finds the mentions of the person in one value at place p (not in a mention
// group: see groupMention).
func (q *prepared) mentions(v string, p *place) []mention {
	var out []mention
	b := []byte(v)
	keys := keyAnalyser{format: p.format, ref: q.ref}.Analyze(b)
	if q.idAll != 0 {
		for _, t := range keys {
			if bits := q.keys[string(t.Term)]; bits != 0 {
				whole := t.Start == 0 && t.End == len(v)
				m := mention{spans: []Span{{t.Start, t.End}}, marks: []Span{{t.Start, t.End}}, text: v[t.Start:t.End], ids: bits, whole: whole}
				if p.class == registry.ClassP && p.format != registry.FormatText {
					// A contact-detail field holds one identifier: the value is the mention.
					m.spans, m.text, m.whole = []Span{{0, len(v)}}, v, true
				}
				out = append(out, m)
			}
		}
	}
	if q.nameAll == 0 || !(indexesWords(p.format) || len(keys) == 0) {
		return out
	}
	toks, n := q.nameTokens(v, 0)
	if len(toks) < q.names {
		return out
	}
	if p.class != registry.ClassF {
		// One P value is one mention, whatever stands between the words.
		if ok, typo, corr := q.cover(toks); ok {
			out = append(out, mention{spans: []Span{{0, len(v)}}, marks: tokSpans(toks), text: v, typo: typo, corrected: corr,
				name: true, whole: true, ownName: n == q.names})
		}
		return out
	}
	// Free text: the shortest stretches, from left to right, whose matched words stand at
	// most maxWordGap apart and cover every name word.
	for i := 0; i < len(toks); {
		found := false
		for j := i; j < len(toks); j++ {
			if j > i && (toks[j].pos-toks[j-1].pos > maxWordGap || breaksMention(v[toks[j-1].end:toks[j].start])) {
				break
			}
			if j-i+1 < q.names {
				continue
			}
			if ok, typo, corr := q.cover(toks[i : j+1]); ok {
				s, e := toks[i].start, toks[j].end
				out = append(out, mention{spans: []Span{{s, e}}, marks: tokSpans(toks[i : j+1]), text: v[s:e], typo: typo, corrected: corr, name: true,
					whole: s == 0 && e == len(v), ownName: n == q.names && j-i+1 == n})
				i, found = j+1, true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// groupMention checks the values of one mention group (the fields naming one person, in
// one record or child row) as one mention; vals are in place order. It returns the
// mention shared by every value that holds one of its words, which values those are, and
// the matched words' spans in each.
func (q *prepared) groupMention(vals []string) (mention, []bool, [][]Span, bool) {
	if q.nameAll == 0 {
		return mention{}, nil, nil, false
	}
	var toks []tok
	of := []int{}
	offsets := make([]int, len(vals))
	total := 0
	for i, v := range vals {
		ts, n := q.nameTokens(v, total)
		total += n
		toks = append(toks, ts...)
		for range ts {
			of = append(of, i)
		}
	}
	ok, typo, corr := q.cover(toks)
	if !ok {
		return mention{}, nil, nil, false
	}
	in := make([]bool, len(vals))
	marks := make([][]Span, len(vals))
	for t, i := range of {
		in[i] = true
		marks[i] = append(marks[i], Span{toks[t].start - offsets[i], toks[t].end - offsets[i]})
	}
	var parts []string
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			parts = append(parts, strings.TrimSpace(v))
		}
	}
	return mention{text: strings.Join(parts, " "), typo: typo, corrected: corr, name: true, whole: true,
		ownName: total == q.names}, in, marks, true
}

// breaksMention reports whether the text between two matched words of a free text parts
// two people: a conjunction ("Anders Hedlund och Ulla Nilsson") or the end of a sentence
// ("... Hedlund. Ulla ..."); a comma ("Hedlund, Ulla") or an initial ("Ulla M. Hedlund")
// does not.
func breaksMention(between string) bool {
	if strings.ContainsAny(between, ";!?\n") {
		return true
	}
	words := normalize.Words(between)
	for _, w := range words {
		if conjunctions[normalize.Fold(w.Text)] {
			return true
		}
	}
	if strings.Contains(between, "&") {
		return true
	}
	// A full stop ends a sentence unless it follows an initial (one letter).
	for i := strings.IndexByte(between, '.'); i >= 0; {
		before := strings.TrimSpace(between[:i])
		last := normalize.Words(before)
		if len(last) > 0 && len([]rune(last[len(last)-1].Text)) > 1 {
			return true
		}
		if len(last) == 0 && i == 0 {
			return true // the word before the gap ends the sentence ("Hedlund. Ulla")
		}
		next := strings.IndexByte(between[i+1:], '.')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// conjunctions join two people's names; they never stand inside one person's name.
var conjunctions = map[string]bool{"och": true, "samt": true, "eller": true, "and": true, "or": true, "med": true, "with": true}

func tokSpans(toks []tok) []Span {
	out := make([]Span, len(toks))
	for i, t := range toks {
		out[i] = Span{t.start, t.end}
	}
	return out
}
