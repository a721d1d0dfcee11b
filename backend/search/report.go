package search

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"time"

	"dataskydd/backend/registry"
)

// Report is an access-request report: every place holding a selected value of the
// person, with the value found there. It answers a data subject's request for access
// (GDPR article 15). Its JSON form is the CLI's (cli.md, report).
type Report struct {
	Query       string        `json:"query"`
	Kind        string        `json:"kind"`
	GeneratedAt time.Time     `json:"generated_at"`
	Values      []ValueChoice `json:"values"`  // every value found, and which were selected
	Places      []ReportPlace `json:"places"`  // one per place and selected value
	Records     int           `json:"records"` // distinct records
}

// ReportPlace is one selected value at one place.
type ReportPlace struct {
	Area      string `json:"area"`
	Location  string `json:"location"`
	Type      string `json:"type"`
	TypeName  string `json:"type_name"` // the type's Swedish label
	ID        string `json:"id"`
	Field     string `json:"field"`
	FieldName string `json:"field_name"` // the field's Swedish label
	Value     string `json:"value"`
	Match     string `json:"match"`
	// Withheld: the value was left out, because whoever made the report may not read it
	// (a secure-data entry whose form does not list them). The place is still reported.
	Withheld bool `json:"withheld,omitempty"`
}

// ReportOptions tune Report.
type ReportOptions struct {
	// Values are the selected values (Choices); none: the exact matches.
	Values []string
	// Withhold, when set, reports whether a hit's values must be left out.
	Withhold func(Hit) bool
}

// Report finds everything the query matches and reports exactly the places of the
// selected values, by area and location in the data map's order.
func (ix *Index) Report(ctx context.Context, q string, opts ReportOptions) (*Report, error) {
	inv, err := ix.Inventory(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("building access report: %w", err)
	}
	return NewReport(inv, opts, ix.now())
}

// NewReport builds the access report of an inventory.
func NewReport(inv *Inventory, opts ReportOptions, now time.Time) (*Report, error) {
	choices, err := Choices(inv.Hits, opts.Values)
	if err != nil {
		return nil, fmt.Errorf("building access report: %w", err)
	}
	selected := SelectedSet(choices)
	rep := &Report{Query: inv.Query, Kind: inv.Kind.String(), GeneratedAt: now.UTC().Truncate(time.Second),
		Values: choices, Places: []ReportPlace{}}
	hits := InMapOrder(inv.Hits)
	records := map[string]bool{}
	for _, h := range hits {
		withheld := opts.Withhold != nil && opts.Withhold(h)
		seen := map[string]bool{}
		for _, v := range h.Values {
			if !selected[v.Value] || seen[v.Value] {
				continue
			}
			seen[v.Value] = true
			p := ReportPlace{Area: h.Area, Location: h.Location, Type: h.Type, ID: h.ID, Field: h.Field,
				FieldName: registry.PathLabel(h.Field).SV, Value: v.Value, Match: v.Match}
			if withheld {
				p.Value, p.Withheld = "", true
			}
			if t, ok := registry.Get(h.Type); ok {
				p.TypeName = t.LabelSV
			} else if h.Type == vaultType.Name {
				p.TypeName = vaultType.Location
			}
			rep.Places = append(rep.Places, p)
			records[h.Type+"/"+h.ID] = true
		}
	}
	rep.Records = len(records)
	// A value seen only where the reader may not look is not theirs to see in the list.
	visible := map[string]bool{}
	for _, h := range hits {
		if opts.Withhold == nil || !opts.Withhold(h) {
			for _, v := range h.Values {
				visible[v.Value] = true
			}
		}
	}
	shown := rep.Values[:0:0]
	for _, c := range rep.Values {
		if visible[c.Value] {
			shown = append(shown, c)
		}
	}
	rep.Values = shown
	return rep, nil
}

// WriteJSON writes the report as one indented JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("writing access report: %w", err)
	}
	return nil
}

// reportGroup is one location of the HTML report.
type reportGroup struct {
	Area, Location string
	Places         []ReportPlace
}

// WriteHTML writes the report as a self-contained, printable HTML page (Swedish, times
// in the computer's time zone).
func (r *Report) WriteHTML(w io.Writer) error {
	var groups []reportGroup
	for _, p := range r.Places {
		if n := len(groups); n == 0 || groups[n-1].Area != p.Area || groups[n-1].Location != p.Location {
			groups = append(groups, reportGroup{Area: p.Area, Location: p.Location})
		}
		groups[len(groups)-1].Places = append(groups[len(groups)-1].Places, p)
	}
	tmpl, err := template.New("report").Parse(reportHTML)
	if err != nil {
		return fmt.Errorf("writing access report: %w", err)
	}
	err = tmpl.Execute(w, struct {
		*Report
		Groups []reportGroup
		Local  string
	}{r, groups, r.GeneratedAt.Local().Format("2006-01-02 15:04")})
	if err != nil {
		return fmt.Errorf("writing access report: %w", err)
	}
	return nil
}

const reportHTML = `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>Registerutdrag</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3em .6em;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f4f4f4}.meta{color:#555}
</style></head><body>
<h1>Registerutdrag</h1>
<p class="meta">Sökning: <strong>{{.Query}}</strong> · Skapat {{.Local}} ·
{{len .Places}} platser i {{.Records}} poster</p>
{{if not .Groups}}<p>Inga uppgifter hittades.</p>{{end}}
{{range .Groups}}<h2>{{.Area}} / {{.Location}} ({{len .Places}})</h2>
<table><tr><th>Typ</th><th>Id</th><th>Fält</th><th>Värde</th></tr>
{{range .Places}}<tr><td>{{.TypeName}}</td><td>{{.ID}}</td><td>{{.FieldName}}</td><td>{{if .Withheld}}<em>Värdet visas bara för dem som formuläret ger läsrätt.</em>{{else}}{{.Value}}{{end}}</td></tr>
{{end}}</table>
{{end}}</body></html>
`
