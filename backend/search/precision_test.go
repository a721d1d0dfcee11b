package search

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"dataskydd/backend/store"
)

// The precision suite (datamap.md, "Person search and erasure"): a store full of
// near-namesakes, and for each query exactly which places are found, how, and which are
// not. Every case lists the whole answer: a hit about someone else fails it.

// namesakes is the data set: Ulla Hedlund (customer 1001, an employee U1 of the same name,
// a contact person of a company) among people who share one of her names or nearly so.
func namesakes(t testing.TB) *store.Store {
	st := newStore(t)
	put(t, st,
		`{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Ulla Hedlund","email":"ulla.hedlund@outlook.com","mobile_phone":"070-123 45 67","personal_number":"19800101-1231"}`,
		`{"type":"customer","id":"C2","customer_number":"1002","kind":"private","name":"Anders Hedlund","email":"anders.h@gmail.com","mobile_phone":"070-123 45 68"}`,
		`{"type":"customer","id":"C3","customer_number":"1003","kind":"private","name":"Britt-Marie Hedlund-Lindberg"}`,
		`{"type":"customer","id":"C4","customer_number":"1004","kind":"private","name":"Åsa Hedlund"}`,
		`{"type":"customer","id":"C5","customer_number":"1005","kind":"private","name":"Ulla Lindgren","notes":"Systern Ulla ringer ibland"}`,
		`{"type":"customer","id":"C6","customer_number":"1006","kind":"private","name":"Ulla Nilsson"}`,
		`{"type":"customer","id":"C7","customer_number":"1007","kind":"private","name":"Anders Karlsson-Hedlund"}`,
		`{"type":"customer","id":"C8","customer_number":"1008","kind":"private","name":"Ulla Hedlind"}`,
		`{"type":"customer","id":"C9","customer_number":"1009","kind":"company","name":"Hedlund Bygg AB","personal_number":"556677-8899"}`,
		`{"type":"contact_person","id":"CP1","customer_number":"1009","first_name":"Ulla","last_name":"Hedlund","email":"ulla@hedlundbygg.se"}`,
		`{"type":"contact_person","id":"CP2","customer_number":"1009","first_name":"Ulla","last_name":"Berg"}`,
		`{"type":"case","id":"K1","number":"1","title":"Läcka i köket","customer_number":"1001","comments":[{"text":"Ulla ringde om kranen"}]}`,
		`{"type":"case","id":"K2","number":"2","title":"Offert","description":"Ring Ulla Hedlund om offerten","customer_number":"1002","end_customer_name":"Hedlund"}`,
		`{"type":"case","id":"K3","number":"3","title":"Besök","description":"Anders Hedlund och Ulla Nilsson var på plats","customer_number":"1005"}`,
		`{"type":"case","id":"K4","number":"4","title":"Hedlund, Ulla har ringt","description":"Ulla M. Hedlund vill ha besök. Hedlund. Ulla Berg svarade.","customer_number":"1006"}`,
		`{"type":"case","id":"K5","number":"5","title":"Nyckel","description":"Ulla Hedlind lämnar nyckeln","customer_number":"1008"}`,
		`{"type":"user","id":"U1","username":"uhedlund","name":"Ulla Hedlund","email":"ulla.hedlund@firma.se"}`,
		`{"type":"user","id":"U2","username":"psjoberg","name":"Per Sjöberg"}`,
		`{"type":"user","id":"U3","username":"knilsson","name":"Karin Nilsson"}`,
		`{"type":"time_report","id":"T1","user":"U2","date":"2026-01-05","hours":8}`,
		`{"type":"time_report","id":"T2","user":"U3","date":"2026-01-05","hours":8}`,
		`{"type":"schedule","id":"S1","user":"U2","starts_at":"2026-01-05T07:00:00Z"}`,
		`{"type":"expense","id":"E1","user":"U2","customer_number":"1002","amount":120}`,
		`{"type":"invoice_basis","id":"F1","number":"F1","customer_number":"1001"}`,
		`{"type":"invoice_basis","id":"F2","number":"F2","customer_number":"1002"}`,
	)
	return st
}

// got lists a result's hits as "type/id field match value".
func got(res Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, fmt.Sprintf("%s/%s %s %s %s", h.Type, h.ID, h.Field, h.Match, h.Value))
	}
	sort.Strings(out)
	return out
}

func TestPrecisionOverNamesakes(t *testing.T) {
	st := namesakes(t)
	ix := openIndex(t, st)
	cases := []struct {
		query string
		want  []string // every hit, no more
	}{
		{"Ulla Hedlund", []string{
			"case/K1 customer_number link 1001", // Ulla Hedlund's case: linked by her customer number
			"case/K2 description exact Ulla Hedlund",
			"case/K4 description exact Ulla M. Hedlund",
			"case/K4 title exact Hedlund, Ulla",
			"case/K5 customer_number link 1008", // a typo match's own record links too (never selected by default)
			"case/K5 description typo Ulla Hedlind",
			"contact_person/CP1 first_name exact Ulla Hedlund",
			"contact_person/CP1 last_name exact Ulla Hedlund",
			"customer/C1 email exact ulla.hedlund@outlook.com",
			"customer/C1 name exact Ulla Hedlund",
			"customer/C8 name typo Ulla Hedlind",
			"invoice_basis/F1 customer_number link 1001",
			"user/U1 email exact ulla.hedlund@firma.se",
			"user/U1 name exact Ulla Hedlund",
		}},
		// The typo of the user's report: the same places, every one a typo match.
		{"Ulla Hedlnd", []string{
			"case/K1 customer_number link 1001",
			"case/K2 description typo Ulla Hedlund",
			"case/K4 description typo Ulla M. Hedlund",
			"case/K4 title typo Hedlund, Ulla",
			"case/K5 customer_number link 1008",
			"case/K5 description typo Ulla Hedlind",
			"contact_person/CP1 first_name typo Ulla Hedlund",
			"contact_person/CP1 last_name typo Ulla Hedlund",
			"customer/C1 email typo ulla.hedlund@outlook.com",
			"customer/C1 name typo Ulla Hedlund",
			"customer/C8 name typo Ulla Hedlind",
			"invoice_basis/F1 customer_number link 1001",
			"user/U1 email typo ulla.hedlund@firma.se",
			"user/U1 name typo Ulla Hedlund",
		}},
		// The neighbour by one letter is found exactly as herself, Ulla Hedlund as a typo.
		{"Ulla Hedlind", []string{
			"case/K1 customer_number link 1001",
			"case/K2 description typo Ulla Hedlund",
			"case/K4 description typo Ulla M. Hedlund",
			"case/K4 title typo Hedlund, Ulla",
			"case/K5 customer_number link 1008",
			"case/K5 description exact Ulla Hedlind",
			"contact_person/CP1 first_name typo Ulla Hedlund",
			"contact_person/CP1 last_name typo Ulla Hedlund",
			"customer/C1 email typo ulla.hedlund@outlook.com",
			"customer/C1 name typo Ulla Hedlund",
			"customer/C8 name exact Ulla Hedlind",
			"invoice_basis/F1 customer_number link 1001",
			"user/U1 email typo ulla.hedlund@firma.se",
			"user/U1 name typo Ulla Hedlund",
		}},
		// An identifier: exactly her phone number, never the one a digit off (C2).
		{"+46 70 123 45 67", []string{
			"case/K1 customer_number link 1001",
			"customer/C1 mobile_phone exact 070-123 45 67",
			"invoice_basis/F1 customer_number link 1001",
		}},
		{"800101-1231", []string{
			"case/K1 customer_number link 1001",
			"customer/C1 personal_number exact 19800101-1231",
			"invoice_basis/F1 customer_number link 1001",
		}},
		// An employee whose only trace is a link: time report, schedule, expense; not T2.
		{"Per Sjöberg", []string{
			"expense/E1 user link U2",
			"schedule/S1 user link U2",
			"time_report/T1 user link U2",
			"user/U2 name exact Per Sjöberg",
		}},
		// A company is no person: its name is found, nothing links to it as to a person.
		{"Hedlund Bygg AB", []string{
			"customer/C9 name exact Hedlund Bygg AB",
		}},
		// A contact person split into first and last name, and her namesake by first name.
		{"Ulla Berg", []string{
			"case/K4 description exact Ulla Berg",
			"contact_person/CP2 first_name exact Ulla Berg",
			"contact_person/CP2 last_name exact Ulla Berg",
		}},
	}
	for _, c := range cases {
		res := search(t, ix, c.query)
		g := got(res)
		if strings.Join(g, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%q:\n got:\n  %s\n want:\n  %s", c.query, strings.Join(g, "\n  "), strings.Join(c.want, "\n  "))
		}
		if res.Total != len(c.want) {
			t.Errorf("%q: total %d, want %d", c.query, res.Total, len(c.want))
		}
		// Exact before typo before link.
		for i := 1; i < len(res.Hits); i++ {
			if matchRank(res.Hits[i-1].Match) > matchRank(res.Hits[i].Match) {
				t.Errorf("%q: %s hit listed before %s hit", c.query, res.Hits[i-1].Match, res.Hits[i].Match)
			}
		}
	}
}

// Who is NOT found, spelled out: the people the user's report says were erased.
func TestPrecisionNeverFindsSomeoneElse(t *testing.T) {
	ix := openIndex(t, namesakes(t))
	others := map[string]bool{"customer/C2": true, "customer/C3": true, "customer/C4": true, "customer/C5": true,
		"customer/C6": true, "customer/C7": true, "customer/C9": true, "contact_person/CP2": true,
		"case/K3": true, "user/U2": true, "user/U3": true, "time_report/T2": true, "invoice_basis/F2": true}
	for _, q := range []string{"Ulla Hedlund", "Ulla Hedlnd", "Hedlund Ulla", "ulla hedlund", "ULLA HEDLUND"} {
		for _, h := range search(t, ix, q).Hits {
			if others[h.Type+"/"+h.ID] {
				t.Errorf("%q found %s/%s %s (%s %q): someone else", q, h.Type, h.ID, h.Field, h.Match, h.Value)
			}
		}
	}
	// The first name alone in a comment of her own case is not a mention of her.
	for _, h := range search(t, ix, "Ulla Hedlund").Hits {
		if h.Field == "comments.text" {
			t.Errorf("found %s/%s comments.text %q: the first name alone", h.Type, h.ID, h.Value)
		}
	}
}

func TestTypoHitNamesTheCorrectedWord(t *testing.T) {
	ix := openIndex(t, namesakes(t))
	for _, h := range search(t, ix, "Ulla Hedlnd").Hits {
		if h.Type == "customer" && h.ID == "C1" && h.Field == "name" {
			if strings.Join(h.Corrected, ",") != "hedlund" {
				t.Errorf("corrected = %v, want [hedlund]", h.Corrected)
			}
			return
		}
	}
	t.Fatal("customer C1 not found")
}
