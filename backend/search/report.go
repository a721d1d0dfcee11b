package search

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"time"

	"dataskydd/backend/registry"
)

// Report is an access-request report: every place a person's data was found, with the
// values found there. It answers a data subject's request for access (GDPR article 15).
type Report struct {
	Query       string        `json:"query"`
	Kind        string        `json:"kind"`
	GeneratedAt time.Time     `json:"generated_at"`
	Places      int           `json:"places"`  // hits: matching fields
	Records     int           `json:"records"` // distinct records
	Hits        []ReportEntry `json:"hits"`
}

// ReportEntry is one matching field of one record and every matching value in it (several
// for child rows and version history).
type ReportEntry struct {
	Area      string   `json:"area"`
	Location  string   `json:"location"`
	Type      string   `json:"type"`
	TypeName  string   `json:"type_name"` // the type's Swedish label
	ID        string   `json:"id"`
	Field     string   `json:"field"`
	FieldName string   `json:"field_name"` // the field's Swedish label
	Values    []string `json:"values"`
	// Withheld: the values were left out, because whoever made the report may not read them
	// (a secure-data entry whose form does not list them). The place is still reported.
	Withheld bool `json:"withheld,omitempty"`
}

// ReportOptions tune Report.
type ReportOptions struct {
	// Withhold, when set, reports whether a hit's values must be left out.
	Withhold func(Hit) bool
}

// Report searches for the query with no limit and collects everything found, grouped by
// area and location in the data map's order.
func (ix *Index) Report(ctx context.Context, q string, opts ReportOptions) (*Report, error) {
	res, err := ix.Find(ctx, Request{Query: q, Limit: -1})
	if err != nil {
		return nil, fmt.Errorf("building access report: %w", err)
	}
	rep := &Report{Query: q, Kind: res.Kind.String(), GeneratedAt: ix.now().UTC().Truncate(time.Second), Hits: []ReportEntry{}}
	records := map[string]bool{}
	for _, h := range res.Hits {
		e := ReportEntry{Area: h.Area, Location: h.Location, Type: h.Type, ID: h.ID, Field: h.Field,
			FieldName: registry.PathLabel(h.Field).SV, Values: h.Values}
		if opts.Withhold != nil && opts.Withhold(h) {
			e.Values, e.Withheld = []string{}, true
		}
		if t, ok := registry.Get(h.Type); ok {
			e.TypeName = t.LabelSV
		} else if h.Type == vaultType.Name {
			e.TypeName = vaultType.Location
		}
		rep.Hits = append(rep.Hits, e)
		records[h.Type+"/"+h.ID] = true
	}
	rep.Places, rep.Records = len(rep.Hits), len(records)
	order := map[string]int{}
	for i, a := range registry.Areas {
		order["a:"+a] = i
	}
	for i, t := range registry.Types() {
		order["l:"+t.Location] = i
	}
	order["l:"+VersionHistoryLocation] = len(order)
	order["l:"+vaultType.Location] = len(order)
	sort.SliceStable(rep.Hits, func(i, j int) bool {
		a, b := rep.Hits[i], rep.Hits[j]
		if a.Area != b.Area {
			return order["a:"+a.Area] < order["a:"+b.Area]
		}
		if a.Location != b.Location {
			return order["l:"+a.Location] < order["l:"+b.Location]
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Field < b.Field
	})
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
	Hits           []ReportEntry
}

// WriteHTML writes the report as a self-contained, printable HTML page.
func (r *Report) WriteHTML(w io.Writer) error {
	var groups []reportGroup
	for _, h := range r.Hits {
		if n := len(groups); n == 0 || groups[n-1].Area != h.Area || groups[n-1].Location != h.Location {
			groups = append(groups, reportGroup{Area: h.Area, Location: h.Location})
		}
		groups[len(groups)-1].Hits = append(groups[len(groups)-1].Hits, h)
	}
	tmpl, err := template.New("report").Parse(reportHTML)
	if err != nil {
		return fmt.Errorf("writing access report: %w", err)
	}
	err = tmpl.Execute(w, struct {
		*Report
		Groups []reportGroup
	}{r, groups})
	if err != nil {
		return fmt.Errorf("writing access report: %w", err)
	}
	return nil
}

const reportHTML = `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>Registerutdrag: {{.Query}}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3em .6em;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f4f4f4}.meta{color:#555}ul{margin:0;padding-left:1.2em}
</style></head><body>
<h1>Registerutdrag (access request report)</h1>
<p class="meta">Sökning: <strong>{{.Query}}</strong> ({{.Kind}}) · Skapad {{.GeneratedAt.Format "2006-01-02 15:04 MST"}} ·
{{.Places}} fält i {{.Records}} poster</p>
{{if not .Groups}}<p>Inga uppgifter hittades.</p>{{end}}
{{range .Groups}}<h2>{{.Area}} / {{.Location}} ({{len .Hits}})</h2>
<table><tr><th>Typ</th><th>Id</th><th>Fält</th><th>Värden</th></tr>
{{range .Hits}}<tr><td>{{.TypeName}}</td><td>{{.ID}}</td><td>{{.FieldName}}</td><td>{{if .Withheld}}<em>Värdena visas bara för dem som formuläret ger läsrätt (the values are shown only to those the form lets read them).</em>{{else}}<ul>{{range .Values}}<li>{{.}}</li>{{end}}</ul>{{end}}</td></tr>
{{end}}</table>
{{end}}</body></html>
`
