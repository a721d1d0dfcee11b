package search

import (
	"time"

	"github.com/blevesearch/bleve/v2/analysis"

	"dataskydd/backend/normalize"
	"dataskydd/backend/registry"
)

// Index fields. Every personal value is indexed under array positions [place, instance],
// so a hit's term locations say exactly which field (and which child row) matched.
const (
	fieldText = "t" // words, case and diacritics folded
	fieldKey  = "k" // normalised contact details: "p:" phone, "n:" personnummer, "e:" e-mail
	// The same terms again, each tagged with the place it occurs at (term, NUL, place as
	// two bytes), so the search counts matching fields from postings alone.
	fieldTextPlace = "tp"
	fieldKeyPlace  = "kp"
	fieldVal       = "v" // the value as written, stored for snippets ("place:inst:" prefix)
	fieldHash      = "h" // digest of what is indexed, stored, for Check
	fieldLabel     = "l" // "place:name": the field name a place shows (secure-data entries)
	// "place:n": a person's own name field (or mention group, by its first place) holds a
	// name of n words, so a one-word query knows a whole name without reading values.
	fieldNameWords = "nw"
)

// Key term prefixes.
const (
	prefixPhone = "p:"
	prefixPNR   = "n:"
	prefixEmail = "e:"
)

func keyTerm(k normalize.Kind, v string) string {
	switch k {
	case normalize.KindPhone:
		return prefixPhone + v
	case normalize.KindPersonalNumber:
		return prefixPNR + v
	case normalize.KindEmail:
		return prefixEmail + v
	}
	return ""
}

// keyAnalyser finds the contact details in a value. A field of a known format is taken
// whole first (leniently: a phone field's "071-123 45 67" is a phone number even outside
// the assigned ranges); any field's text is also searched for details written inside it.
type keyAnalyser struct {
	format registry.Format
	ref    time.Time
}

func (a keyAnalyser) Analyze(b []byte) analysis.TokenStream {
	s := string(b)
	var out analysis.TokenStream
	add := func(k normalize.Kind, v string, start, end int) {
		out = append(out, &analysis.Token{
			Term: []byte(keyTerm(k, v)), Start: start, End: end, Position: len(out) + 1, Type: analysis.AlphaNumeric,
		})
	}
	whole := false
	switch a.format {
	case registry.FormatPhone:
		if v, ok := normalize.Phone(s); ok {
			add(normalize.KindPhone, v, 0, len(s))
			whole = true
		}
	case registry.FormatPersonalNumber:
		if id, err := normalize.PersonalNumber(trimSpace(s), a.ref); err == nil {
			add(normalize.KindPersonalNumber, id.Digits, 0, len(s))
			whole = true
		}
	case registry.FormatEmail:
		if v, ok := normalize.Email(s); ok {
			add(normalize.KindEmail, v, 0, len(s))
			whole = true
		}
	}
	if whole {
		return out
	}
	for _, m := range normalize.Extract(s, a.ref) {
		add(m.Kind, m.Value, m.Start, m.End)
	}
	return out
}

// placeTerm is a term tagged with a place.
func placeTerm(term string, place uint64) []byte {
	b := make([]byte, 0, len(term)+3)
	b = append(b, term...)
	return append(b, 0, byte(place>>8), byte(place))
}

// placeOfTerm reads the place back from a tagged term.
func placeOfTerm(t string) (uint64, bool) {
	if len(t) < 3 || t[len(t)-3] != 0 {
		return 0, false
	}
	return uint64(t[len(t)-2])<<8 | uint64(t[len(t)-1]), true
}

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[i:j]
}

// indexesWords reports whether a place's words go into the text field. Phone numbers and
// personnummer are matched whole only, never by their digit groups.
func indexesWords(f registry.Format) bool {
	return f != registry.FormatPhone && f != registry.FormatPersonalNumber
}
