package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"dataskydd/backend/auth"
	"dataskydd/backend/erasure"
	"dataskydd/backend/registry"
	"dataskydd/backend/search"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
	"dataskydd/backend/vault"
)

// Settings > GDPR > Search ("Sökning av uppgifter"): the person search, the access-request
// report and "anonymise everywhere". Only admin and gdpr_officer get here.

// searchListLimit is how many hits one search lists (the total counts them all).
const searchListLimit = 1000

// SearchRequest is one person search.
type SearchRequest struct {
	Query string   `json:"query"`
	Areas []string `json:"areas"` // only these areas; empty: all
}

// SnippetPart is a piece of a snippet; Mark is true where the query matched.
type SnippetPart struct {
	Text string `json:"text"`
	Mark bool   `json:"mark"`
}

// SearchHit is one matching field of one record.
type SearchHit struct {
	Type         string        `json:"type"`
	TypeLabelSV  string        `json:"typeLabelSv"`
	TypeLabelEN  string        `json:"typeLabelEn"`
	ID           string        `json:"id"`
	Field        string        `json:"field"` // "email", "comments.text", "versions.fields.name"
	FieldLabelSV string        `json:"fieldLabelSv"`
	FieldLabelEN string        `json:"fieldLabelEn"`
	Snippet      []SnippetPart `json:"snippet"`
	// Withheld: a secure-data entry whose form does not list the searcher; its place is
	// shown, its value (the snippet) is not.
	Withheld bool `json:"withheld"`
}

// SearchGroup is the hits of one location ("Workcloud / Kundregister").
type SearchGroup struct {
	Area     string      `json:"area"`
	Location string      `json:"location"`
	Count    int         `json:"count"`
	Hits     []SearchHit `json:"hits"`
}

// AreaCount is how many hits an area has (before the area filter).
type AreaCount struct {
	Area  string `json:"area"`
	Count int    `json:"count"`
}

// SearchResult is a person search's answer, grouped by area and location in the data
// map's order.
type SearchResult struct {
	Query  string        `json:"query"`
	Kind   string        `json:"kind"`  // name, email, phone, personal_number
	Total  int           `json:"total"` // every hit (after the area filter)
	Shown  int           `json:"shown"` // the hits listed in the groups
	Areas  []AreaCount   `json:"areas"`
	Groups []SearchGroup `json:"groups"`
	TookMS float64       `json:"tookMs"`
}

// SearchPersons runs the person search.
func (a *App) SearchPersons(req SearchRequest) (SearchResult, error) {
	out := SearchResult{Query: req.Query, Kind: "name", Areas: []AreaCount{}, Groups: []SearchGroup{}}
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return out, err
	}
	start := time.Now()
	// The index catches up with writes that did not sync it (an import, the CLI): usually
	// nothing waits in the outbox and this is one query.
	if err := s.Sync(a.ctx); err != nil {
		return out, fail(CodeInternal, err)
	}
	all, err := s.Index.Find(a.ctx, search.Request{Query: req.Query, Limit: searchListLimit})
	if err != nil {
		return out, searchFail(err)
	}
	res := all
	if len(req.Areas) > 0 {
		if res, err = s.Index.Find(a.ctx, search.Request{Query: req.Query, Limit: searchListLimit, Areas: req.Areas}); err != nil {
			return out, searchFail(err)
		}
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	out.Kind = res.Kind.String()
	out.Total = res.Total
	out.Shown = len(res.Hits)
	out.Areas = areaCounts(all)
	out.Groups = groupHits(res.Hits, vaultWithholder(a.ctx, s, sess))
	return out, nil
}

// vaultWithholder reports, for a hit, whether its values must be kept from sess: a
// secure-data entry whose form lists sess on neither access list (admins and GDPR officers
// have no automatic right to them). It fails closed.
func vaultWithholder(ctx context.Context, s *services.Services, sess auth.Session) func(search.Hit) bool {
	readable := map[string]bool{}
	return func(h search.Hit) bool {
		if h.Type != vault.SearchType {
			return false
		}
		ok, seen := readable[h.ID]
		if !seen {
			r, err := s.Vault.PlainReadable(ctx, sess, []string{h.ID})
			ok = err == nil && r[h.ID]
			readable[h.ID] = ok
		}
		return !ok
	}
}

func searchFail(err error) error {
	if errors.Is(err, search.ErrQuery) {
		return fail(CodeBadRequest, err)
	}
	return fail(codeOf(err), err)
}

// areaCounts counts the listed hits per area, in the data map's order of areas.
func areaCounts(res search.Result) []AreaCount {
	counts := map[string]int{}
	for _, h := range res.Hits {
		counts[h.Area]++
	}
	out := []AreaCount{}
	for _, area := range registry.Areas {
		if n := counts[area]; n > 0 {
			out = append(out, AreaCount{Area: area, Count: n})
		}
	}
	return out
}

// groupHits groups hits by area and location: areas and locations in the data map's
// order, hits within a group best first.
func groupHits(hits []search.Hit, withhold func(search.Hit) bool) []SearchGroup {
	order := map[string]int{}
	for i, area := range registry.Areas {
		order["a:"+area] = i
	}
	for i, t := range registry.Types() {
		if _, ok := order["l:"+t.Location]; !ok {
			order["l:"+t.Location] = i
		}
	}
	order["l:"+search.VersionHistoryLocation] = len(order)
	byKey := map[string]*SearchGroup{}
	var keys []string
	for _, h := range hits {
		k := h.Area + "\x00" + h.Location
		g := byKey[k]
		if g == nil {
			g = &SearchGroup{Area: h.Area, Location: h.Location, Hits: []SearchHit{}}
			byKey[k] = g
			keys = append(keys, k)
		}
		hit := hitOf(h)
		if withhold(h) {
			hit.Snippet, hit.Withheld = []SnippetPart{}, true
		}
		g.Hits = append(g.Hits, hit)
		g.Count++
	}
	out := make([]SearchGroup, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	// Stable: hits keep their rank within a group.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && groupLess(order, out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func groupLess(order map[string]int, a, b SearchGroup) bool {
	if a.Area != b.Area {
		return order["a:"+a.Area] < order["a:"+b.Area]
	}
	return order["l:"+a.Location] < order["l:"+b.Location]
}

func hitOf(h search.Hit) SearchHit {
	out := SearchHit{Type: h.Type, ID: h.ID, Field: h.Field, Snippet: snippetParts(h.Snippet, h.Marks)}
	out.TypeLabelSV, out.TypeLabelEN = typeLabels(h.Type)
	out.FieldLabelSV, out.FieldLabelEN = fieldLabels(h.Field)
	return out
}

// fieldLabels names a field path in both languages (registry.PathLabel).
func fieldLabels(path string) (sv, en string) {
	l := registry.PathLabel(path)
	return l.SV, l.EN
}

// snippetParts cuts a snippet at its marks (byte spans) so the frontend highlights
// without counting bytes.
func snippetParts(s string, marks []search.Span) []SnippetPart {
	out := []SnippetPart{}
	pos := 0
	for _, m := range marks {
		if m.Start < pos || m.End > len(s) || m.End <= m.Start {
			continue
		}
		if m.Start > pos {
			out = append(out, SnippetPart{Text: s[pos:m.Start]})
		}
		out = append(out, SnippetPart{Text: s[m.Start:m.End], Mark: true})
		pos = m.End
	}
	if pos < len(s) {
		out = append(out, SnippetPart{Text: s[pos:]})
	}
	return out
}

// ReportFiles are the two files of an access-request report.
type ReportFiles struct {
	HTML    string `json:"html"`
	JSON    string `json:"json"`
	Places  int    `json:"places"`
	Records int    `json:"records"`
}

// ChooseReportFile opens the native save dialog for an access-request report and returns
// the chosen path ("" when the user cancels). The JSON file is written beside it.
func (a *App) ChooseReportFile() (string, error) {
	if _, _, err := a.requireRole(gdprRoles...); err != nil {
		return "", err
	}
	path, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{
		Title:           "Dataskydd",
		DefaultFilename: "registerutdrag-" + time.Now().Format("2006-01-02") + ".html",
		Filters:         []runtime.FileFilter{{DisplayName: "HTML (*.html)", Pattern: "*.html"}},
	})
	if err != nil {
		return "", fail(CodeInternal, fmt.Errorf("opening the save dialog: %w", err))
	}
	return path, nil
}

// EventActionAccessReport is the event logged for an access-request report (without the
// query or anything found).
const EventActionAccessReport = "access_report"

// WriteAccessReport writes the access-request report of everything the query finds: a
// readable HTML page at path (".html" added when missing) and the same as JSON beside it.
func (a *App) WriteAccessReport(query, path string) (ReportFiles, error) {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return ReportFiles{}, err
	}
	if strings.TrimSpace(query) == "" || path == "" {
		return ReportFiles{}, fail(CodeBadRequest, errors.New("a query and a file are needed"))
	}
	if err := s.Sync(a.ctx); err != nil {
		return ReportFiles{}, fail(CodeInternal, err)
	}
	base := strings.TrimSuffix(strings.TrimSuffix(path, ".html"), ".json")
	files := ReportFiles{HTML: base + ".html", JSON: base + ".json"}
	rep, err := s.Index.Report(a.ctx, query, search.ReportOptions{Withhold: vaultWithholder(a.ctx, s, sess)})
	if err != nil {
		return files, searchFail(err)
	}
	files.Places, files.Records = rep.Places, rep.Records
	if err := writeFileAtomic(files.HTML, rep.WriteHTML); err != nil {
		return files, fail(codeOf(err), err)
	}
	if err := writeFileAtomic(files.JSON, rep.WriteJSON); err != nil {
		return files, fail(codeOf(err), err)
	}
	err = s.Store.Update(a.ctx, func(tx *store.Tx) error {
		return tx.LogEvent(store.Event{At: time.Now(), Username: sess.Username, Action: EventActionAccessReport})
	})
	if err != nil {
		return files, fail(CodeInternal, err)
	}
	_ = s.Sync(a.ctx)
	return files, nil
}

// writeFileAtomic writes beside path and renames, so a failure leaves no half file.
func writeFileAtomic(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dataskydd-report-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// FieldRef is a field path with its labels.
type FieldRef struct {
	Path    string `json:"path"`
	LabelSV string `json:"labelSv"`
	LabelEN string `json:"labelEn"`
}

// ErasureTarget is one record "anonymise everywhere" changes.
type ErasureTarget struct {
	Type        string     `json:"type"`
	TypeLabelSV string     `json:"typeLabelSv"`
	TypeLabelEN string     `json:"typeLabelEn"`
	ID          string     `json:"id"`
	Area        string     `json:"area"`
	Location    string     `json:"location"`
	Mode        string     `json:"mode"` // "rule": anonymised by its type's rule; "values": the person's values replaced
	Fields      []FieldRef `json:"fields"`
	Values      int        `json:"values"`
	OwnAccount  bool       `json:"ownAccount"` // the logged-in user's own account: refused
}

// ErasurePlan is what "anonymise everywhere" changes (or changed).
type ErasurePlan struct {
	Query      string          `json:"query"`
	Kind       string          `json:"kind"`
	Word       string          `json:"word"` // the replacement word
	Records    []ErasureTarget `json:"records"`
	Values     int             `json:"values"`
	Blocked    bool            `json:"blocked"`    // the plan includes the user's own account
	Anonymised int             `json:"anonymised"` // after Erase: records anonymised by their rule
	Edited     int             `json:"edited"`     // after Erase: records whose values were replaced
	Remaining  int             `json:"remaining"`  // after Erase: values a new search still finds
}

// PreviewErasure lists which records and fields "anonymise everywhere" would change for
// the person the query finds; it changes nothing.
func (a *App) PreviewErasure(query string) (ErasurePlan, error) {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return ErasurePlan{}, err
	}
	plan, err := eraserOf(s).Preview(a.ctx, query)
	if err != nil {
		return ErasurePlan{}, erasureFail(err)
	}
	return planOf(plan, sess.UserID, s.Store.ReplacementWord()), nil
}

// EraseEverywhere anonymises the person the query finds in every record (see package
// erasure), logs each changed record as an event without the personal data, and purges
// the search index.
func (a *App) EraseEverywhere(query string) (ErasurePlan, error) {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return ErasurePlan{}, err
	}
	res, err := eraserOf(s).Erase(a.ctx, query, erasure.Actor{UserID: sess.UserID, Username: sess.Username})
	if err != nil {
		return ErasurePlan{}, erasureFail(err)
	}
	out := planOf(res.Plan, sess.UserID, s.Store.ReplacementWord())
	out.Anonymised, out.Edited, out.Remaining = res.Anonymised, res.Edited, res.Remaining
	a.emit(EventStoreChanged, nil)
	return out, nil
}

func eraserOf(s *services.Services) *erasure.Eraser { return erasure.New(s.Store, s.Index) }

func erasureFail(err error) error {
	switch {
	case errors.Is(err, erasure.ErrOwnAccount):
		return fail(CodeForbidden, err)
	case errors.Is(err, erasure.ErrEmptyQuery), errors.Is(err, search.ErrQuery):
		return fail(CodeBadRequest, err)
	}
	return fail(codeOf(err), err)
}

func planOf(p erasure.Plan, userID, word string) ErasurePlan {
	out := ErasurePlan{Query: p.Query, Kind: p.Kind, Word: word, Records: []ErasureTarget{}, Values: p.Values}
	for _, r := range p.Records {
		t := ErasureTarget{Type: r.Type, ID: r.ID, Area: r.Area, Location: r.Location, Mode: r.Mode, Values: r.Values, Fields: []FieldRef{}}
		t.TypeLabelSV, t.TypeLabelEN = typeLabels(r.Type)
		for _, f := range r.Fields {
			ref := FieldRef{Path: f}
			ref.LabelSV, ref.LabelEN = fieldLabels(f)
			t.Fields = append(t.Fields, ref)
		}
		t.OwnAccount = r.Mode == erasure.ModeRule && r.Type == "user" && r.ID == userID
		out.Blocked = out.Blocked || t.OwnAccount
		out.Records = append(out.Records, t)
	}
	return out
}

// EventIndexProgress carries an [IndexProgress] while the search index is rebuilt.
const EventIndexProgress EventName = "index:progress"

// IndexProgress is how far a rebuild of the search index has come.
type IndexProgress struct {
	Done     int  `json:"done"`
	Total    int  `json:"total"`
	Finished bool `json:"finished"`
}

// IndexCheck is whether the search index matches the database.
type IndexCheck struct {
	OK       bool     `json:"ok"`
	Problems []string `json:"problems"` // the first ones, when not OK
	Count    int      `json:"count"`    // problems in all
}

// maxIndexProblems caps the problems a check returns to the screen.
const maxIndexProblems = 20

// CheckIndex compares the search index with the database (as the CLI's check does).
func (a *App) CheckIndex() (IndexCheck, error) {
	_, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return IndexCheck{}, err
	}
	problems, err := s.Index.Check(a.ctx)
	if err != nil {
		return IndexCheck{}, fail(codeOf(err), err)
	}
	out := IndexCheck{OK: len(problems) == 0, Count: len(problems), Problems: []string{}}
	out.Problems = append(out.Problems, problems[:min(len(problems), maxIndexProblems)]...)
	return out, nil
}

// RebuildIndex builds the search index anew from the database, sending
// [EventIndexProgress]. Searches wait until it is done. It is not cancellable: a half
// rebuilt index would be no index.
func (a *App) RebuildIndex() (IndexCheck, error) {
	_, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return IndexCheck{}, err
	}
	ctx := context.WithoutCancel(a.ctx)
	err = s.Index.Rebuild(ctx, func(done, total int) {
		a.emit(EventIndexProgress, IndexProgress{Done: done, Total: total})
	})
	a.emit(EventIndexProgress, IndexProgress{Finished: true})
	if err != nil {
		return IndexCheck{}, fail(codeOf(err), err)
	}
	return a.CheckIndex()
}
