package search

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	st := newStore(t)
	put(t, st, formatData...)
	put(t, st, `{"type":"case","id":"K9","customer_number":"1001","title":"Ärende <script>","comments":[{"text":"Ring 070-123 45 67"},{"text":"Inget här"},{"text":"Åter: +46701234567"}],"versions":[{"changed_at":"2026-01-01","fields":{"email":"asa@old.se","end_customer_phone":"0701234567"}}]}`)
	ix := openIndex(t, st)
	ctx := context.Background()
	rep, err := ix.Report(ctx, "070-123 45 67", ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Only the exact values are selected by default: the mention in the comments (as
	// written there), the version's old value; link hits are not selected.
	places := map[string][]string{}
	for _, p := range rep.Places {
		places[p.Type+"/"+p.ID+" "+p.Field] = append(places[p.Type+"/"+p.ID+" "+p.Field], p.Value)
		if p.Match != MatchExact {
			t.Errorf("a %s value was reported without being selected: %+v", p.Match, p)
		}
	}
	if got := places["case/K9 comments.text"]; strings.Join(got, "|") != "070-123 45 67|+46701234567" {
		t.Errorf("comment values %q", got)
	}
	if got := places["case/K9 versions.fields.end_customer_phone"]; strings.Join(got, "|") != "0701234567" {
		t.Errorf("version values %q", got)
	}
	if rep.Kind != "phone" || rep.Records != 3 {
		t.Errorf("report header: kind %s, %d records, %d places", rep.Kind, rep.Records, len(rep.Places))
	}
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Query  string           `json:"query"`
		Values []ValueChoice    `json:"values"`
		Places []map[string]any `json:"places"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back.Places) != len(rep.Places) || back.Query != "070-123 45 67" {
		t.Errorf("JSON round trip: %v %+v", err, back)
	}
	for _, k := range []string{"area", "location", "type", "id", "field", "value"} {
		if _, ok := back.Places[0][k]; !ok {
			t.Errorf("a JSON place lacks %q", k)
		}
	}
	buf.Reset()
	if err := rep.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, want := range []string{"Workcloud / Kundregister", "Workcloud / Ärendehantering", "Versionshistorik", "46701234567", "Kunder", "070-123 45 67",
		"Kommentarer › Text", "Tidigare värden › "} { // fields by their labels
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, internal := range []string{"comments.text", "versions.fields.", "access request"} {
		if strings.Contains(html, internal) {
			t.Errorf("HTML shows %q", internal)
		}
	}
	// Values the reader may not see are left out; their place stays.
	withheld, err := ix.Report(ctx, "070-123 45 67", ReportOptions{Withhold: func(h Hit) bool { return h.Type == "case" }})
	if err != nil {
		t.Fatal(err)
	}
	if len(withheld.Places) != len(rep.Places) {
		t.Errorf("withholding changed the places: %d, want %d", len(withheld.Places), len(rep.Places))
	}
	buf.Reset()
	if err := withheld.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	for _, p := range withheld.Places {
		if p.Type == "case" && (!p.Withheld || p.Value != "") {
			t.Errorf("case place not withheld: %+v", p)
		}
	}
	if strings.Contains(buf.String(), "46701234567") || !strings.Contains(buf.String(), "läsrätt") {
		t.Error("the HTML of a report with withheld values shows them, or does not say why they are missing")
	}
	if strings.Index(html, "Kundregister") > strings.Index(html, "Ärendehantering") {
		t.Error("HTML groups not in data map order")
	}
	// A chosen value: exactly its places; an unknown one is an error.
	one, err := ix.Report(ctx, "070-123 45 67", ReportOptions{Values: []string{"+46701234567"}})
	if err != nil || len(one.Places) != 1 || one.Places[0].Field != "comments.text" {
		t.Errorf("report of one value: %+v %v", one, err)
	}
	if _, err := ix.Report(ctx, "070-123 45 67", ReportOptions{Values: []string{"070-000 00 00"}}); !errors.Is(err, ErrNoValue) {
		t.Errorf("unknown value: %v", err)
	}
	// Nothing found: still a report.
	rep, err = ix.Report(ctx, "Ingenstansson", ReportOptions{})
	if err != nil || len(rep.Places) != 0 {
		t.Errorf("empty report: %+v %v", rep, err)
	}
}
