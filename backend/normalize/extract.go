package normalize

import (
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Match is a contact detail found in a text.
type Match struct {
	Kind       Kind
	Value      string // normalised: E.164, 12 digits or lower-cased address
	Start, End int    // byte span in the text
}

// dateRE matches ISO dates, which are never phone numbers or personnummer.
var dateRE = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b`)

var emailRE = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)

// Extract finds the phone numbers, personnummer (also coordination and organisation
// numbers) and e-mail addresses in free text. It is strict where numbers are ambiguous: a
// phone number must start with 0 or + and be in an assigned range, and a bare ten-digit
// personnummer must have a right check digit. Matches are in text order; one span may
// yield two matches (a number that is both a valid phone number and a valid personnummer).
func Extract(text string, ref time.Time) []Match {
	return extract(text, ref, false)
}

func extract(text string, ref time.Time, loose bool) []Match {
	var out []Match
	var taken [][2]int
	if strings.IndexByte(text, '@') >= 0 {
		for _, loc := range emailRE.FindAllStringIndex(text, -1) {
			if v, ok := Email(text[loc[0]:loc[1]]); ok {
				out = append(out, Match{Kind: KindEmail, Value: v, Start: loc[0], End: loc[1]})
				taken = append(taken, [2]int{loc[0], loc[1]})
			}
		}
	}
	isTaken := func(i int) bool {
		for _, t := range taken {
			if i >= t[0] && i < t[1] {
				return true
			}
		}
		return false
	}
	for _, loc := range dates(text) {
		taken = append(taken, [2]int{loc[0], loc[1]})
	}
	// Every window of joinable digit groups is a candidate; the longest ones win, so
	// "070-123 45 67" is one phone number, not a short number and some digits.
	type candidate struct {
		start, end, digits int
		ms                 []Match
	}
	var cands []candidate
	groups := digitGroups(text)
	for i := range groups {
		if isTaken(groups[i].start) {
			continue
		}
		digits := 0
		for j := i; j < len(groups); j++ {
			if j > i && (!groups[j].joined || isTaken(groups[j].start)) {
				break
			}
			digits += groups[j].end - groups[j].start
			if digits > 15 {
				break
			}
			start := groups[i].start
			if start > 0 && (text[start-1] == '+' || text[start-1] == '(') {
				start--
			}
			if ms := classify(text[start:groups[j].end], ref, loose); len(ms) > 0 {
				cands = append(cands, candidate{start: start, end: groups[j].end, digits: digits, ms: ms})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].digits != cands[b].digits {
			return cands[a].digits > cands[b].digits
		}
		return cands[a].start < cands[b].start
	})
	var chosen [][2]int
	for _, c := range cands {
		overlaps := false
		for _, t := range chosen {
			if c.start < t[1] && t[0] < c.end {
				overlaps = true
				break
			}
		}
		if overlaps {
			continue
		}
		chosen = append(chosen, [2]int{c.start, c.end})
		for _, m := range c.ms {
			m.Start, m.End = c.start, c.end
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// dates finds ISO dates; the regexp runs only on text that may hold one.
func dates(text string) [][]int {
	if len(text) < 10 || strings.IndexByte(text, '-') < 0 {
		return nil
	}
	return dateRE.FindAllStringIndex(text, -1)
}

type digitGroup struct {
	start, end int
	joined     bool // separated from the previous group only by phone-number punctuation
}

// digitGroups returns the runs of ASCII digits that stand alone (not glued to letters).
func digitGroups(text string) []digitGroup {
	var gs []digitGroup
	prevEnd := -1
	for i := 0; i < len(text); {
		c := text[i]
		if c < '0' || c > '9' {
			i++
			continue
		}
		start := i
		for i < len(text) && text[i] >= '0' && text[i] <= '9' {
			i++
		}
		if gluedToLetter(text, start, i) {
			prevEnd = -1
			continue
		}
		g := digitGroup{start: start, end: i}
		if prevEnd >= 0 {
			g.joined = joinable(text[prevEnd:start])
		}
		gs = append(gs, g)
		prevEnd = i
	}
	return gs
}

func gluedToLetter(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) {
			return true
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// joinable reports whether sep, the text between two digit runs, is phone punctuation.
func joinable(sep string) bool {
	if len(sep) == 0 || len(sep) > 2 {
		return false
	}
	for i := 0; i < len(sep); i++ {
		switch sep[i] {
		case ' ', '-', '+', '(', ')', '.', '/':
		default:
			return false
		}
	}
	return true
}

// classify says what a candidate number is; nil when nothing.
func classify(s string, ref time.Time, loose bool) []Match {
	digits, seps := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		} else {
			seps++
		}
	}
	var out []Match
	pnrShaped := false
	if id, err := PersonalNumber(s, ref); err == nil {
		bare10 := digits == 10 && seps == 0
		pnrShaped = !bare10
		if id.Valid || loose && !(bare10 && s[0] == '0') || pnrShaped && !strings.HasPrefix(s, "+") {
			out = append(out, Match{Kind: KindPersonalNumber, Value: id.Digits})
		}
	}
	if !pnrShaped && (s[0] == '0' || s[0] == '+' || strings.HasPrefix(s, "(0")) {
		if e164, ok := phone(s, !loose); ok {
			out = append(out, Match{Kind: KindPhone, Value: e164})
		}
	}
	return out
}

// Word is one word of a text: a run of letters and digits.
type Word struct {
	Text       string
	Start, End int // byte span
}

// Words splits s into words (runs of letters, marks and digits); everything else separates.
func Words(s string) []Word {
	var out []Word
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			out = append(out, Word{Text: s[start:i], Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Word{Text: s[start:], Start: start, End: len(s)})
	}
	return out
}
