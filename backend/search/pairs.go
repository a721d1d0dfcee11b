package search

// Pair terms: the exact rule for the common two-word name query, answered from postings.
//
// Two name words are one mention when they stand in one P value, in the fields that
// together name one person, or at most two words apart in one free text with no
// conjunction or sentence end between them (exact.go). For every value the index also
// holds each such pair of words once, sorted and tagged with the place: "ulla\x01hedlund"
// becomes "hedlund\x01ulla\x00<place>". A query "Ulla Hedlund" then looks up the pairs of
// its words' variants (the words themselves and their typos), and every (record, place)
// holding one is a hit: no stored value is read to count or rank them, only for the hits
// listed. The pairs are made by the same functions as the rule itself (pairable,
// breaksMention), and a test compares both on random texts.

import (
	"sort"
	"unicode"

	"dataskydd/backend/normalize"
	"dataskydd/backend/registry"
)

// fieldPairPlace holds the pair terms, tagged with their place.
const fieldPairPlace = "pp"

// maxPairTextWords is the most words a free text may have to get pair terms; a longer one
// is marked longText and judged by reading it (a variable so a test can lower it).
var maxPairTextWords = 1000

// longText marks a place holding a free text too long for pairs (no pair key starts so).
const longText = "\x02long"

// maxPairWords caps the words of one P value (or group) that are paired with each other:
// names and contact details are short; a longer P value is judged by reading it.
const maxPairWords = 12

// pairable reports whether a folded word takes part in pairs: letters only, two or more.
// A query whose name words are not all pairable is judged by reading values instead.
func pairable(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			return false
		}
		n++
	}
	return n >= 2
}

// pairKey is the term of two words, in sorted order.
func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "\x01" + b
}

// word is one folded word of a value with its position and span.
type word struct {
	text       string
	pos        int
	start, end int
}

func pairWords(v string, posBase int) []word {
	ws := normalize.Words(v)
	out := make([]word, 0, len(ws))
	for i, w := range ws {
		out = append(out, word{text: normalize.Fold(w.Text), pos: posBase + i, start: w.Start, end: w.End})
	}
	return out
}

// valuePairs lists the pair terms of one value at a place, given its words (pairWords):
// every two words of a P value (up to maxPairWords), and in free text the words at most
// maxWordGap apart with nothing between them that parts two people.
func valuePairs(v string, ws []word, class registry.Class) []string {
	seen := map[string]bool{}
	var out []string
	add := func(a, b word) {
		if !pairable(a.text) || !pairable(b.text) {
			return
		}
		if k := pairKey(a.text, b.text); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	if class != registry.ClassF {
		if len(ws) > maxPairWords {
			ws = ws[:maxPairWords]
		}
		for i := range ws {
			for j := i + 1; j < len(ws); j++ {
				add(ws[i], ws[j])
			}
		}
		return out
	}
	for i := range ws {
		for j := i + 1; j < len(ws) && ws[j].pos-ws[i].pos <= maxWordGap; j++ {
			if breaksMention(v[ws[i].end:ws[j].start]) {
				break
			}
			add(ws[i], ws[j])
		}
	}
	return out
}

// groupPairs lists the pair terms across the values of one mention group (a contact
// person's first and last name), given each value's words: a word of one value with a word
// of another.
func groupPairs(per [][]word) []string {
	total := 0
	for _, ws := range per {
		total += len(ws)
	}
	if total > maxPairWords {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for i := range per {
		for j := i + 1; j < len(per); j++ {
			for _, a := range per[i] {
				for _, b := range per[j] {
					if !pairable(a.text) || !pairable(b.text) {
						continue
					}
					if k := pairKey(a.text, b.text); !seen[k] {
						seen[k] = true
						out = append(out, k)
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// recordPairs are a record's pair terms, tagged with their places: each value's own pairs
// at its place (for the values whose words are indexed: words[i] are value i's), and a
// mention group's cross pairs at the group's first place.
func recordPairs(vals []value, wordsIndexed []bool, words [][]word) [][]byte {
	var out [][]byte
	type gkey struct {
		group int
		inst  uint64
	}
	groups := map[gkey][][]word{}
	var gorder []gkey
	for i, v := range vals {
		if !wordsIndexed[i] {
			continue
		}
		if v.place.class == registry.ClassF && len(words[i]) > maxPairTextWords {
			// A long free text has no pairs (they would cost the index memory and room in
			// proportion); its place is marked, and a query reads such values instead.
			out = append(out, placeTerm(longText, v.place.id))
			continue
		}
		for _, k := range valuePairs(v.text, words[i], v.place.class) {
			out = append(out, placeTerm(k, v.place.id))
		}
		if v.place.group >= 0 {
			g := gkey{v.place.group, v.inst}
			if _, ok := groups[g]; !ok {
				gorder = append(gorder, g)
			}
			groups[g] = append(groups[g], words[i])
		}
	}
	for _, g := range gorder {
		for _, k := range groupPairs(groups[g]) {
			out = append(out, placeTerm(k, uint64(g.group)|groupPairBit))
		}
	}
	return out
}

// groupPairBit tags a mention group's cross pairs (place = the group's first place with
// this bit), apart from the pairs within that first place's own value.
const groupPairBit = 0x8000

// queryPairs lists the pair terms a two-word query may match, each with whether both of
// its words are exact; ok is false when a name word is not pairable.
func queryPairs(a, b []termRef) (map[string]bool, bool) {
	out := map[string]bool{}
	for _, x := range a {
		if !pairable(x.term) {
			return nil, false
		}
		for _, y := range b {
			if !pairable(y.term) {
				return nil, false
			}
			k := pairKey(x.term, y.term)
			out[k] = out[k] || (x.weight >= 1 && y.weight >= 1)
		}
	}
	return out, true
}

// groupPlaces lists, per group id, the places of the group.
func (s *schema) groupPlaces() map[int][]*place {
	out := map[int][]*place{}
	for _, p := range s.places {
		if p.group >= 0 {
			out[p.group] = append(out[p.group], p)
		}
	}
	return out
}
