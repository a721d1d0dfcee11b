package search

import (
	"errors"
	"fmt"
	"slices"
	"sort"
)

// ErrNoValue is returned when a chosen value is not among the values a query found.
var ErrNoValue = errors.New("not among the values found")

// ValueChoice is one matched value of a query, for the admin to select (datamap.md: the
// access report and erasure act on selected values only).
type ValueChoice struct {
	Value    string `json:"value"`
	Match    string `json:"match"` // the best way it matched: exact, typo or link
	Hits     int    `json:"hits"`  // the places holding it
	Selected bool   `json:"selected"`
}

// Choices lists the distinct values of the hits, best first (exact, typo, link, then by
// value), with the selection: the chosen values, or when none are given the exact ones.
// A chosen value that no hit holds is an error (ErrNoValue): it would select nothing.
func Choices(hits []Hit, chosen []string) ([]ValueChoice, error) {
	byValue := map[string]*ValueChoice{}
	var out []*ValueChoice
	for _, h := range hits {
		seen := map[string]bool{}
		for _, v := range h.Values {
			c := byValue[v.Value]
			if c == nil {
				c = &ValueChoice{Value: v.Value, Match: v.Match}
				byValue[v.Value] = c
				out = append(out, c)
			}
			if matchRank(v.Match) < matchRank(c.Match) {
				c.Match = v.Match
			}
			if !seen[v.Value] {
				seen[v.Value] = true
				c.Hits++
			}
		}
	}
	for _, v := range chosen {
		c := byValue[v]
		if c == nil {
			return nil, fmt.Errorf("choosing %q: %w", v, ErrNoValue)
		}
		c.Selected = true
	}
	if len(chosen) == 0 {
		for _, c := range out {
			c.Selected = c.Match == MatchExact
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Match != b.Match {
			return matchRank(a.Match) < matchRank(b.Match)
		}
		return a.Value < b.Value
	})
	res := make([]ValueChoice, len(out))
	for i, c := range out {
		res[i] = *c
	}
	return res, nil
}

// SelectedSet is the selected values of choices.
func SelectedSet(choices []ValueChoice) map[string]bool {
	out := map[string]bool{}
	for _, c := range choices {
		if c.Selected {
			out[c.Value] = true
		}
	}
	return out
}

// PersonHits are the hits about one person whose own record the search found: the own
// record's hits first, then the records linking to it.
type PersonHits struct {
	Type, ID    string
	Identifiers []string // the own record's matched values (names, e-mail, phone, ...)
	Match       string   // how the own record matched: exact or typo
	Hits        []Hit
}

// GroupByPerson groups hits by the person they are about: each own record (Hit.Own) with
// its own hits and the link hits to it, people matched exactly first; the other hits
// (mentions in records that are no one's own) are returned as they came.
func GroupByPerson(hits []Hit) ([]PersonHits, []Hit) {
	byKey := map[string]*PersonHits{}
	var order []string
	for _, h := range hits {
		if h.Own && h.Match != MatchLink {
			k := h.Type + "/" + h.ID
			p := byKey[k]
			if p == nil {
				p = &PersonHits{Type: h.Type, ID: h.ID, Match: h.Match}
				byKey[k] = p
				order = append(order, k)
			}
			if matchRank(h.Match) < matchRank(p.Match) {
				p.Match = h.Match
			}
			p.Hits = append(p.Hits, h)
			if !slices.Contains(p.Identifiers, h.Value) {
				p.Identifiers = append(p.Identifiers, h.Value)
			}
		}
	}
	var rest []Hit
	for _, h := range hits {
		switch {
		case h.Own && h.Match != MatchLink:
		case h.Match == MatchLink && byKey[h.LinkTo] != nil:
			byKey[h.LinkTo].Hits = append(byKey[h.LinkTo].Hits, h)
		default:
			rest = append(rest, h)
		}
	}
	out := make([]PersonHits, 0, len(order))
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	sort.SliceStable(out, func(i, j int) bool { return matchRank(out[i].Match) < matchRank(out[j].Match) })
	return out, rest
}
