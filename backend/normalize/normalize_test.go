package normalize

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

var ref = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func TestPhone(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"070-123 45 67", "+46701234567", true},
		{"+46 70 123 45 67", "+46701234567", true},
		{"0046701234567", "+46701234567", true},
		{"0046 70 123 45 67", "+46701234567", true},
		{"+46701234567", "+46701234567", true},
		{"0701234567", "+46701234567", true},
		{"070-1234567", "+46701234567", true},
		{"(08) 123 456 78", "+46812345678", true},
		{"08-123 456 78", "+46812345678", true},
		{"+1 415 555 2671", "+14155552671", true},
		{" 070 123 45 67 ", "+46701234567", true},
		// near misses: one digit off is another number
		{"070-123 45 68", "+46701234568", true},
		{"abc", "", false},
		{"070-123 45 67 x", "", false},
		{"12345", "", false},
		{"anna@example.se", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := Phone(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Phone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPersonalNumber(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		kind  IDKind
		valid bool
	}{
		{"800101-1231", "198001011231", IDPerson, true},
		{"19800101-1231", "198001011231", IDPerson, true},
		{"198001011231", "198001011231", IDPerson, true},
		{"8001011231", "198001011231", IDPerson, true},
		{"800101 1231", "198001011231", IDPerson, true},
		{"800101+1231", "188001011231", IDPerson, true},
		{"18800101-1231", "188001011231", IDPerson, true},
		{"120101-1234", "201201011234", IDPerson, true},
		{"120101+1234", "191201011234", IDPerson, true},
		// A birthday later this year than ref is last century's.
		{"261231-1234", "192612311234", IDPerson, false},
		{"261128-1234", "202611281234", IDPerson, false},
		// Coordination numbers keep day + 60.
		{"800161-1238", "198001611238", IDCoordination, true},
		{"198001611238", "198001611238", IDCoordination, true},
		// Organisation numbers get century digits 16.
		{"556016-0680", "165560160680", IDOrganisation, true},
		{"5560160680", "165560160680", IDOrganisation, true},
		{"165560160680", "165560160680", IDOrganisation, true},
		// A wrong check digit parses, flagged.
		{"800101-1234", "198001011234", IDPerson, false},
		{"800229-1234", "198002291234", IDPerson, false},
	}
	for _, tt := range tests {
		got, err := PersonalNumber(tt.in, ref)
		if err != nil {
			t.Errorf("PersonalNumber(%q): %v", tt.in, err)
			continue
		}
		if got.Digits != tt.want || got.Kind != tt.kind || got.Valid != tt.valid {
			t.Errorf("PersonalNumber(%q) = %+v; want %s %v valid=%v", tt.in, got, tt.want, tt.kind, tt.valid)
		}
	}
	for _, bad := range []string{"", "800132-1234", "801301-1234", "810229-1234", "800100-1234",
		"80010-11234", "8001-011234", "800101--1234", "800101-12345", "1980010112345", "17800101-1234",
		"abc", "+800101-1234", "19800101+1231", "556016+0680", "800192-1234"} {
		if got, err := PersonalNumber(bad, ref); !errors.Is(err, ErrNotPersonalNumber) {
			t.Errorf("PersonalNumber(%q) = %+v, %v; want ErrNotPersonalNumber", bad, got, err)
		}
	}
}

func TestCoordinationNumberIsNotPersonnummer(t *testing.T) {
	p, err := PersonalNumber("800101-1231", ref)
	if err != nil {
		t.Fatal(err)
	}
	c, err := PersonalNumber("800161-1231", ref)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != IDCoordination || p.Kind != IDPerson || c.Digits == p.Digits {
		t.Errorf("coordination %+v and personnummer %+v must differ", c, p)
	}
}

func TestLuhn(t *testing.T) {
	for s, want := range map[string]bool{"8001011231": true, "198001011231": true, "8112189876": true,
		"8001011234": false, "5560160680": true, "123": false, "80010112x1": false} {
		if got := Luhn(s); got != want {
			t.Errorf("Luhn(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Anna.Svensson@Example.SE", "anna.svensson@example.se", true},
		{" anna@example.se ", "anna@example.se", true},
		{"ÅSA@exempel.se", "åsa@exempel.se", true},
		{"anna@example", "", false},
		{"@example.se", "", false},
		{"anna@@example.se", "", false},
		{"anna svensson@example.se", "", false},
		{"anna@example.", "", false},
	}
	for _, tt := range tests {
		got, ok := Email(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Email(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Åsa": "asa", "Östergren": "ostergren", "ÄNGEL": "angel",
		"Søren": "soren", "Müller": "muller", "Straße": "strasse", "José": "jose", "plain": "plain", "Ærø": "aero"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetectKind(t *testing.T) {
	tests := []struct {
		q    string
		want Kind
	}{
		{"Åsa Östergren", KindName},
		{"asa", KindName},
		{"Anna-Karin", KindName},
		{"anna.svensson@example.se", KindEmail},
		{"ANNA@EXAMPLE.SE", KindEmail},
		{"070-123 45 67", KindPhone},
		{"+46 70 123 45 67", KindPhone},
		{"0046701234567", KindPhone},
		{"+46701234567", KindPhone},
		{"0701234567", KindPhone},
		{"800101-1231", KindPersonalNumber},
		{"19800101-1231", KindPersonalNumber},
		{"198001011231", KindPersonalNumber},
		{"8001011231", KindPersonalNumber},
		{"800101+1231", KindPersonalNumber},
		{"800161-1238", KindPersonalNumber},
		{"556016-0680", KindPersonalNumber},
		// near misses
		{"anna@example", KindName},
		{"12345", KindName},
		{"Anna 070-123 45 67", KindName},
		{"800132-1234", KindName},
	}
	for _, tt := range tests {
		if got := DetectKind(tt.q); got != tt.want {
			t.Errorf("DetectKind(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestSplitQuery(t *testing.T) {
	got := SplitQuery("Åsa Östergren 070-123 45 67 ASA@Example.se 800101-1231", ref)
	want := []Part{
		{Text: "Åsa", Kind: KindName, Terms: []Term{{KindName, "asa"}}},
		{Text: "Östergren", Kind: KindName, Terms: []Term{{KindName, "ostergren"}}},
		{Text: "070-123 45 67", Kind: KindPhone, Terms: []Term{{KindPhone, "+46701234567"}}},
		{Text: "ASA@Example.se", Kind: KindEmail, Terms: []Term{{KindEmail, "asa@example.se"}}},
		{Text: "800101-1231", Kind: KindPersonalNumber, Terms: []Term{{KindPersonalNumber, "198001011231"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitQuery:\n got %+v\nwant %+v", got, want)
	}
	// A bare ten-digit number starting with 0 with a right check digit may be either.
	got = SplitQuery("0701234569", ref)
	if len(got) != 1 || len(got[0].Terms) != 2 {
		t.Fatalf("SplitQuery(0701234569) = %+v, want one part with a personnummer and a phone term", got)
	}
}

func TestExtract(t *testing.T) {
	text := "Ring Åsa på 070-123 45 67 eller 0046 8 123 456 78, mejla Asa.O@Example.se. " +
		"Pnr 800101-1231, samordn. 800161-1238, bolag 556016-0680. Möte 2026-01-15 10:00, order 12345678, rum 4."
	got := Extract(text, ref)
	type kv struct {
		Kind  Kind
		Value string
		Text  string
	}
	var g []kv
	for _, m := range got {
		g = append(g, kv{m.Kind, m.Value, text[m.Start:m.End]})
	}
	want := []kv{
		{KindPhone, "+46701234567", "070-123 45 67"},
		{KindPhone, "+46812345678", "0046 8 123 456 78"},
		{KindEmail, "asa.o@example.se", "Asa.O@Example.se"},
		{KindPersonalNumber, "198001011231", "800101-1231"},
		{KindPersonalNumber, "198001611238", "800161-1238"},
		{KindPersonalNumber, "165560160680", "556016-0680"},
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("Extract:\n got %+v\nwant %+v", g, want)
	}
	// Strict in free text: a bare ten digits with a wrong check digit is no personnummer,
	// and a number glued to letters is no phone number.
	for _, s := range []string{"ref 8001011234", "artnr A0701234567", "id 0701234567x"} {
		for _, m := range Extract(s, ref) {
			if m.Kind == KindPersonalNumber || s != "ref 8001011234" {
				t.Errorf("Extract(%q) found %+v", s, m)
			}
		}
	}
}

func TestWords(t *testing.T) {
	got := Words("Anna-Karin Östergren, anna.k@x.se 12b")
	var texts []string
	for _, w := range got {
		texts = append(texts, w.Text)
	}
	want := []string{"Anna", "Karin", "Östergren", "anna", "k", "x", "se", "12b"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("Words = %q, want %q", texts, want)
	}
}

// The fast path for Swedish mobile numbers agrees with the library.
func TestSwedishMobileFastPath(t *testing.T) {
	for _, s := range []string{"070-123 45 67", "+46 70 123 45 67", "0046701234567", "+46701234567", "0761234567",
		"073 999 00 11", "079-123 45 67", "0712345678"} {
		fast, fok := swedishMobile(s)
		slow, sok := phone(s+" ", false) // the trailing space defeats nothing: same path
		lib, lok := "", false
		if n, err := parseLib(s); err == nil {
			lib, lok = n, true
		}
		if fok && (!sok || fast != slow || !lok || fast != lib) {
			t.Errorf("%q: fast %q %v, Phone %q %v, library %q %v", s, fast, fok, slow, sok, lib, lok)
		}
	}
	if _, ok := swedishMobile("08-123 456 78"); ok {
		t.Error("landline taken by the mobile fast path")
	}
}
