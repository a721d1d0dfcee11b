package normalize

import "time"

// Kind is what a query, or a part of one, is.
type Kind uint8

const (
	KindName           Kind = iota // names, addresses, free text words
	KindEmail                      // an e-mail address
	KindPhone                      // a phone number
	KindPersonalNumber             // a personnummer, coordination or organisation number
)

// String returns the kind's identifier, as the CLI and the app show it.
func (k Kind) String() string {
	switch k {
	case KindEmail:
		return "email"
	case KindPhone:
		return "phone"
	case KindPersonalNumber:
		return "personal_number"
	}
	return "name"
}

// DetectKind says what a search query is: an e-mail address, a phone number or a
// personnummer when the whole query is one, else a name (which covers any words).
func DetectKind(query string) Kind {
	parts := SplitQuery(query, time.Now())
	if len(parts) == 1 {
		return parts[0].Kind
	}
	return KindName
}

// Term is one normalised value a part may stand for.
type Term struct {
	Kind  Kind
	Value string // E.164, 12 digits, lower-cased address, or a folded word
}

// Part is one word or contact detail of a query. A part matches when any of its Terms
// does; a bare number such as 0501011234 may be both a phone number and a personnummer.
type Part struct {
	Text  string // as written
	Kind  Kind   // the first term's kind
	Terms []Term
}

// SplitQuery splits a search query into parts: contact details (in any of their common
// formats, spaces included) and the remaining words, folded. ref dates the ten-digit
// personnummer forms (see [PersonalNumber]).
func SplitQuery(query string, ref time.Time) []Part {
	var parts []Part
	matches := extract(query, ref, true)
	pos := 0
	addWords := func(s string) {
		for _, w := range Words(s) {
			parts = append(parts, Part{Text: w.Text, Kind: KindName, Terms: []Term{{Kind: KindName, Value: Fold(w.Text)}}})
		}
	}
	for i := 0; i < len(matches); {
		m := matches[i]
		addWords(query[pos:m.Start])
		p := Part{Text: query[m.Start:m.End], Kind: m.Kind}
		for ; i < len(matches) && matches[i].Start == m.Start; i++ {
			p.Terms = append(p.Terms, Term{Kind: matches[i].Kind, Value: matches[i].Value})
		}
		parts = append(parts, p)
		pos = m.End
	}
	addWords(query[pos:])
	return parts
}
