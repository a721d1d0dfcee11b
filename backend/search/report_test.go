package search

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	st := newStore(t)
	put(t, st, formatData...)
	put(t, st, `{"type":"case","id":"K9","customer_number":"1001","title":"Ärende <script>","comments":[{"text":"Ring 070-123 45 67"},{"text":"Inget här"},{"text":"Åter: +46701234567"}],"versions":[{"changed_at":"2026-01-01","fields":{"email":"asa@old.se","end_customer_phone":"0701234567"}}]}`)
	ix := openIndex(t, st)
	rep, err := ix.Report(context.Background(), "070-123 45 67", ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kind != "phone" || rep.Records != 3 || rep.Places != 4 {
		t.Errorf("report header: kind %s, %d records, %d places", rep.Kind, rep.Records, rep.Places)
	}
	var comments, version *ReportEntry
	for i, h := range rep.Hits {
		switch {
		case h.Type == "case" && h.Field == "comments.text":
			comments = &rep.Hits[i]
		case h.Type == "case" && h.Field == "versions.fields.end_customer_phone":
			version = &rep.Hits[i]
		}
	}
	if comments == nil || len(comments.Values) != 2 || comments.Values[0] != "Ring 070-123 45 67" || comments.Values[1] != "Åter: +46701234567" {
		t.Errorf("comment values: %+v", comments)
	}
	if version == nil || version.Location != VersionHistoryLocation || version.Values[0] != "0701234567" {
		t.Errorf("version history entry: %+v", version)
	}
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back.Places != rep.Places || len(back.Hits) != len(rep.Hits) {
		t.Errorf("JSON round trip: %v %+v", err, back)
	}
	buf.Reset()
	if err := rep.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, want := range []string{"Workcloud / Kundregister", "Workcloud / Ärendehantering", "Versionshistorik", "Åter: ", "Kunder", "070-123 45 67",
		"Kommentarer › Text", "Tidigare värden › "} { // fields by their labels
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, internal := range []string{"comments.text", "versions.fields."} {
		if strings.Contains(html, internal) {
			t.Errorf("HTML shows the internal field path %q instead of its label", internal)
		}
	}
	if comments != nil && comments.FieldName != "Kommentarer › Text" {
		t.Errorf("comments field name %q", comments.FieldName)
	}
	// Values the reader may not see are left out; their place stays.
	withheld, err := ix.Report(context.Background(), "070-123 45 67", ReportOptions{Withhold: func(h Hit) bool { return h.Type == "case" }})
	if err != nil {
		t.Fatal(err)
	}
	if withheld.Places != rep.Places {
		t.Errorf("withholding changed the places: %d, want %d", withheld.Places, rep.Places)
	}
	buf.Reset()
	if err := withheld.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	for _, h := range withheld.Hits {
		if h.Type == "case" && (!h.Withheld || len(h.Values) != 0) {
			t.Errorf("case hit not withheld: %+v", h)
		}
	}
	if strings.Contains(buf.String(), "Åter: ") || !strings.Contains(buf.String(), "läsrätt") {
		t.Error("the HTML of a report with withheld values shows them, or does not say why they are missing")
	}
	// Workcloud / Kundregister comes before Ärendehantering (data map order).
	if strings.Index(html, "Kundregister") > strings.Index(html, "Ärendehantering") {
		t.Error("HTML groups not in data map order")
	}
	// Nothing found: still a report.
	rep, err = ix.Report(context.Background(), "Ingenstansson", ReportOptions{})
	if err != nil || rep.Places != 0 || len(rep.Hits) != 0 {
		t.Errorf("empty report: %+v %v", rep, err)
	}
}
