package search

import (
	"context"
	"strings"
	"testing"
)

// The people of the format tests, each written in the data in another format.
var formatData = []string{
	`{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Åsa Östergren","personal_number":"19800101-1231","email":"Asa.Ostergren@Example.se","mobile_phone":"070-123 45 67","private_phone":"+46 8 123 456 78","work_phone":"0046311234567","city":"Malmö"}`,
	`{"type":"customer","id":"C2","customer_number":"1002","kind":"private","name":"Bengt Andersson","personal_number":"800101-1232","email":"bengt@example.se","mobile_phone":"070-123 45 68"}`,
	`{"type":"customer","id":"C3","customer_number":"1003","kind":"company","name":"Lindqvists Bygg AB","personal_number":"556016-0680"}`,
	`{"type":"customer","id":"C4","customer_number":"1004","kind":"private","name":"Gunnar Hundraår","personal_number":"121212+1212"}`,
	`{"type":"customer","id":"C5","customer_number":"1005","kind":"private","name":"Ella Barnsson","personal_number":"20121212-1212"}`,
	`{"type":"inventory","id":"I1","subject_name":"Karl-Johan Lindqvist","subject_personal_number":"800161-1231","subject_phone":"0701234569","subject_email":"KJ@Lindqvist.NU"}`,
	`{"type":"work_order","id":"W1","customer_number":"1001","title":"Byte av kran","description":"Kontakta Åsa på 0701234567 eller ASA.OSTERGREN@example.se, pnr 198001011231. Portkod 1234."}`,
	`{"type":"user","id":"U1","username":"asao","name":"Åsa Östergren","personal_number":"8001011231"}`,
}

type want struct{ typ, id, field string }

func TestFormatPairs(t *testing.T) {
	st := newStore(t)
	put(t, st, formatData...)
	ix := openIndex(t, st)
	c1Phone := []want{{"customer", "C1", "mobile_phone"}, {"work_order", "W1", "description"}}
	c1PNR := []want{{"customer", "C1", "personal_number"}, {"work_order", "W1", "description"}, {"user", "U1", "personal_number"}}
	tests := []struct {
		query string
		must  []want
		not   []want // records that must not match at all
	}{
		// Names: case, diacritics, typos from five letters (two from eight), every word.
		{"Åsa Östergren", []want{{"customer", "C1", "name"}, {"user", "U1", "name"}}, []want{{"customer", "C2", ""}}},
		{"asa ostergren", []want{{"customer", "C1", "name"}, {"user", "U1", "name"}}, nil},
		{"ASA", []want{{"customer", "C1", "name"}, {"work_order", "W1", "description"}}, []want{{"customer", "C2", ""}}},
		{"Ostergren", []want{{"customer", "C1", "name"}}, nil},
		{"Östergrn", []want{{"customer", "C1", "name"}}, nil},  // one letter missing
		{"Ostregren", []want{{"customer", "C1", "name"}}, nil}, // two edits, 9 letters
		{"Östergrenn", []want{{"customer", "C1", "name"}}, nil},
		{"Lindkvist", []want{{"inventory", "I1", "subject_name"}}, nil}, // q for k
		{"Andersen", []want{{"customer", "C2", "name"}}, nil},
		{"Bengs Andersson", []want{{"customer", "C2", "name"}}, nil},
		{"malmo", []want{{"customer", "C1", "city"}}, nil},
		{"Karl-Johan", []want{{"inventory", "I1", "subject_name"}}, nil},
		// Near misses for names: short words are exact; every word must match one record.
		{"Ase", nil, []want{{"customer", "C1", ""}}},
		{"Östberg", nil, []want{{"customer", "C1", ""}}},
		{"Östergrxyz", nil, []want{{"customer", "C1", ""}}},
		{"Åsa Andersson", nil, []want{{"customer", "C1", ""}, {"customer", "C2", ""}}},
		// Phone numbers: every common form, in the query and in the data.
		{"070-123 45 67", c1Phone, []want{{"customer", "C2", ""}}},
		{"+46 70 123 45 67", c1Phone, []want{{"customer", "C2", ""}}},
		{"0046701234567", c1Phone, []want{{"customer", "C2", ""}}},
		{"0046 70 123 45 67", c1Phone, []want{{"customer", "C2", ""}}},
		{"+46701234567", c1Phone, []want{{"customer", "C2", ""}}},
		{"0701234567", c1Phone, []want{{"customer", "C2", ""}}},
		{"070 1234567", c1Phone, []want{{"customer", "C2", ""}}},
		{"08-123 456 78", []want{{"customer", "C1", "private_phone"}}, nil},
		{"031-123 45 67", []want{{"customer", "C1", "work_phone"}}, nil},
		{"+46311234567", []want{{"customer", "C1", "work_phone"}}, nil},
		// Near miss: one digit off is another person's number.
		{"070-123 45 68", []want{{"customer", "C2", "mobile_phone"}}, []want{{"customer", "C1", ""}, {"work_order", "W1", ""}}},
		{"070-123 45 66", nil, []want{{"customer", "C1", ""}, {"customer", "C2", ""}}},
		// Personnummer: every form.
		{"800101-1231", c1PNR, []want{{"customer", "C2", ""}, {"inventory", "I1", ""}}},
		{"19800101-1231", c1PNR, []want{{"customer", "C2", ""}, {"inventory", "I1", ""}}},
		{"198001011231", c1PNR, []want{{"customer", "C2", ""}, {"inventory", "I1", ""}}},
		{"8001011231", c1PNR, []want{{"customer", "C2", ""}, {"inventory", "I1", ""}}},
		{"800101 1231", c1PNR, nil},
		// Near miss: one digit off.
		{"800101-1232", []want{{"customer", "C2", "personal_number"}}, []want{{"customer", "C1", ""}, {"user", "U1", ""}}},
		// Coordination number vs the personnummer with the same other digits.
		{"800161-1231", []want{{"inventory", "I1", "subject_personal_number"}}, []want{{"customer", "C1", ""}, {"user", "U1", ""}, {"work_order", "W1", ""}}},
		{"19800161-1231", []want{{"inventory", "I1", "subject_personal_number"}}, []want{{"customer", "C1", ""}}},
		// Over 100: "+" in the data; the query in any form.
		{"121212+1212", []want{{"customer", "C4", "personal_number"}}, []want{{"customer", "C5", ""}}},
		{"19121212-1212", []want{{"customer", "C4", "personal_number"}}, []want{{"customer", "C5", ""}}},
		{"191212121212", []want{{"customer", "C4", "personal_number"}}, []want{{"customer", "C5", ""}}},
		// ... and the child born a hundred years later is another person.
		{"121212-1212", []want{{"customer", "C5", "personal_number"}}, []want{{"customer", "C4", ""}}},
		{"201212121212", []want{{"customer", "C5", "personal_number"}}, []want{{"customer", "C4", ""}}},
		// Organisation numbers.
		{"556016-0680", []want{{"customer", "C3", "personal_number"}}, nil},
		{"5560160680", []want{{"customer", "C3", "personal_number"}}, nil},
		{"16556016-0680", []want{{"customer", "C3", "personal_number"}}, nil},
		// E-mail: whole and case-insensitive.
		{"asa.ostergren@example.se", []want{{"customer", "C1", "email"}, {"work_order", "W1", "description"}}, nil},
		{"ASA.OSTERGREN@EXAMPLE.SE", []want{{"customer", "C1", "email"}, {"work_order", "W1", "description"}}, nil},
		{"kj@lindqvist.nu", []want{{"inventory", "I1", "subject_email"}}, nil},
		{"asa.ostergren@example.com", nil, []want{{"customer", "C1", ""}, {"work_order", "W1", ""}}},
		{"asa@example.se", nil, []want{{"customer", "C1", ""}}},
		// A number that is both a valid phone number and personnummer finds either.
		{"0701234569", []want{{"inventory", "I1", "subject_phone"}}, []want{{"customer", "C1", ""}}},
		// Mixed: a name and a phone number must both match the record.
		{"Åsa 070-123 45 67", []want{{"customer", "C1", "name"}, {"customer", "C1", "mobile_phone"}, {"work_order", "W1", "description"}}, []want{{"user", "U1", ""}}},
		// Digits are never fuzzy.
		{"1235", nil, []want{{"work_order", "W1", ""}}},
		{"1234", []want{{"work_order", "W1", "description"}}, nil},
	}
	for _, tt := range tests {
		res := search(t, ix, tt.query)
		for _, w := range tt.must {
			if !hasHit(res, w.typ, w.id, w.field) {
				t.Errorf("%q: no hit %s/%s %s; got %s", tt.query, w.typ, w.id, w.field, describe(res))
			}
		}
		for _, w := range tt.not {
			if hasHit(res, w.typ, w.id, "") {
				t.Errorf("%q: must not find %s/%s; got %s", tt.query, w.typ, w.id, describe(res))
			}
		}
		if res.Total != len(res.Hits) {
			t.Errorf("%q: total %d but %d hits listed without a limit", tt.query, res.Total, len(res.Hits))
		}
	}
}

func describe(res Result) string {
	var b strings.Builder
	b.WriteString("[")
	for i, h := range res.Hits {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(h.Type + "/" + h.ID + " " + h.Field)
	}
	b.WriteString("]")
	return b.String()
}

func TestHitShape(t *testing.T) {
	st := newStore(t)
	put(t, st, formatData...)
	ix := openIndex(t, st)
	res := search(t, ix, "Östergren")
	if res.Kind.String() != "name" || res.Query != "Östergren" {
		t.Errorf("result header: %+v", res)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	// Best first: a field that is the name ranks above free text that mentions it.
	top := res.Hits[0]
	if top.Field != "name" {
		t.Errorf("best hit %s/%s %s; want a name field first: %s", top.Type, top.ID, top.Field, describe(res))
	}
	for _, h := range res.Hits {
		if h.Type == "customer" && h.ID == "C1" && h.Field == "name" {
			if h.Area != "Workcloud" || h.Location != "Kundregister" || h.Snippet != "Åsa Östergren" {
				t.Errorf("hit %+v", h)
			}
			if len(h.Marks) != 1 || h.Snippet[h.Marks[0].Start:h.Marks[0].End] != "Östergren" {
				t.Errorf("marks %+v in %q", h.Marks, h.Snippet)
			}
		}
		if h.Type == "user" && (h.Area != "Settings" || h.Location != "Användare") {
			t.Errorf("user hit %+v", h)
		}
	}
	// Limits cap the list, not the total.
	all := search(t, ix, "asa")
	lim, err := ix.Search(context.Background(), "asa", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(lim.Hits) != 1 || lim.Total != all.Total || all.Total < 3 {
		t.Errorf("limit 1: %d hits, total %d; unlimited total %d", len(lim.Hits), lim.Total, all.Total)
	}
	if lim.Hits[0].ID != all.Hits[0].ID || lim.Hits[0].Field != all.Hits[0].Field {
		t.Errorf("limit 1 gives %+v, the unlimited best is %+v", lim.Hits[0], all.Hits[0])
	}
	// Long free text is cut around the match.
	long := strings.Repeat("lorem ipsum dolor ", 20) + "Zebulon Quist" + strings.Repeat(" sit amet", 20)
	put(t, st, `{"type":"todo","id":"T1","text":"`+long+`"}`)
	if err := ix.Apply(context.Background()); err != nil {
		t.Fatal(err)
	}
	res = search(t, ix, "zebulon")
	if len(res.Hits) != 1 || len(res.Hits[0].Snippet) > 200 || !strings.Contains(res.Hits[0].Snippet, "Zebulon Quist") ||
		!strings.HasPrefix(res.Hits[0].Snippet, "…") {
		t.Errorf("snippet of long text: %+v", res.Hits)
	}
	// Area filter.
	res, err = ix.Find(context.Background(), Request{Query: "Östergren", Limit: -1, Areas: []string{"Settings"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.Area != "Settings" {
			t.Errorf("area filter Settings let through %+v", h)
		}
	}
	if !hasHit(res, "user", "U1", "name") {
		t.Errorf("area filter lost the user: %s", describe(res))
	}
}

func TestTopK(t *testing.T) {
	less := func(a, b int) bool { return a > b }
	in := []int{5, 1, 9, 3, 7, 9, 2, 8}
	for k, want := range map[int][]int{0: {}, 1: {9}, 3: {9, 9, 8}, 8: {9, 9, 8, 7, 5, 3, 2, 1}, -1: {9, 9, 8, 7, 5, 3, 2, 1}, 20: {9, 9, 8, 7, 5, 3, 2, 1}} {
		got := topK(append([]int(nil), in...), k, less)
		if len(got) != len(want) {
			t.Errorf("topK(%d) = %v, want %v", k, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("topK(%d) = %v, want %v", k, got, want)
				break
			}
		}
	}
}
