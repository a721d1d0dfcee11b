package desktop

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"dataskydd/backend/atomicfile"
	"dataskydd/backend/auth"
	"dataskydd/backend/erasure"
	"dataskydd/backend/registry"
	"dataskydd/backend/search"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
)

// SearchService is the person search, the access report, "anonymise everywhere" and the index.
type SearchService struct{ *Core }

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
	RecordSV     string        `json:"recordSv"` // one record of the type: "Kund"
	RecordEN     string        `json:"recordEn"`
	ID           string        `json:"id"`
	Field        string        `json:"field"` // "email", "comments.text", "versions.fields.name"
	FieldLabelSV string        `json:"fieldLabelSv"`
	FieldLabelEN string        `json:"fieldLabelEn"`
	Snippet      []SnippetPart `json:"snippet"`
	Match        string        `json:"match"`     // exact, typo or link
	Value        string        `json:"value"`     // the matched value as stored
	Corrected    []string      `json:"corrected"` // typo: the words the query was taken for
	Own          bool          `json:"own"`       // in one of the person's own records
	LinkTo       string        `json:"linkTo"`    // link hit: the own record, "type/id"
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
	People []PersonGroup `json:"people"` // the hits about each person whose own record was found
	Groups []SearchGroup `json:"groups"` // every other hit, by area and location

	TookMS float64 `json:"tookMs"`
}

// SearchPersons runs the person search.
func (a *SearchService) SearchPersons(req SearchRequest) (SearchResult, error) {
	out := SearchResult{Query: req.Query, Kind: "name", Areas: []AreaCount{}, Groups: []SearchGroup{}}
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return out, err
	}
	if err := s.Inventory.Check(a.ctx, sess); err != nil {
		return out, securityFail(err)
	}
	start := time.Now()
	// The index catches up with writes that did not sync it (an import, the CLI): usually
	// nothing waits in the outbox and this is one query.
	if err := s.Sync(a.ctx); err != nil {
		return out, fail(CodeInternal, err)
	}
	// Read: a damaged index is rebuilt and the search tried once more (search/health.go).
	var all, res search.Result
	err = s.Index.Read(a.ctx, func() error {
		var err error
		if all, err = s.Index.Find(a.ctx, search.Request{Query: req.Query, Limit: searchListLimit}); err != nil {
			return err
		}
		res = all
		if len(req.Areas) > 0 {
			res, err = s.Index.Find(a.ctx, search.Request{Query: req.Query, Limit: searchListLimit, Areas: req.Areas})
		}
		return err
	})
	if err != nil {
		return out, searchFail(err)
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	out.Kind = res.Kind.String()
	out.Total = res.Total
	out.Shown = len(res.Hits)
	out.Areas = areaCounts(all)
	withhold := vaultWithholder(a.ctx, s, sess)
	people, rest := search.GroupByPerson(search.InMapOrder(res.Hits))
	out.People = []PersonGroup{}
	for _, p := range people {
		g := PersonGroup{Type: p.Type, ID: p.ID, Identifiers: p.Identifiers, Match: p.Match, Hits: []SearchHit{}}
		g.TypeLabelSV, g.TypeLabelEN = recordLabels(p.Type)
		for _, h := range p.Hits {
			g.Hits = append(g.Hits, shownHit(h, withhold))
		}
		out.People = append(out.People, g)
	}
	out.Groups = groupHits(rest, withhold)
	return out, nil
}

// PersonGroup is the hits about one person: their own record first, then the records
// that link to it.
type PersonGroup struct {
	Type        string      `json:"type"`
	TypeLabelSV string      `json:"typeLabelSv"`
	TypeLabelEN string      `json:"typeLabelEn"`
	ID          string      `json:"id"`
	Identifiers []string    `json:"identifiers"`
	Match       string      `json:"match"`
	Hits        []SearchHit `json:"hits"`
}

func shownHit(h search.Hit, withhold func(search.Hit) bool) SearchHit {
	hit := hitOf(h)
	if withhold(h) {
		hit.Snippet, hit.Value, hit.Withheld = []SnippetPart{}, "", true
	}
	return hit
}

// vaultWithholder is vault's Withholder for sess, asked of search hits.
func vaultWithholder(ctx context.Context, s *services.Services, sess auth.Session) func(search.Hit) bool {
	w := s.Vault.Withholder(ctx, sess)
	return func(h search.Hit) bool { return w(h.Type, h.ID) }
}

func searchFail(err error) error {
	if errors.Is(err, search.ErrQuery) {
		return fail(CodeBadRequest, err)
	}
	return fail(codeOf(err), err)
}

// areaCounts counts the hits per area, in the data map's order of areas (search.AreaCounts).
func areaCounts(res search.Result) []AreaCount {
	out := []AreaCount{}
	for _, c := range search.AreaCounts(res.Hits) {
		out = append(out, AreaCount(c))
	}
	return out
}

// groupHits lists hits by place in the data map's order (search.ByPlace, as the report and
// the CLI).
func groupHits(hits []search.Hit, withhold func(search.Hit) bool) []SearchGroup {
	out := []SearchGroup{}
	for _, p := range search.ByPlace(hits) {
		g := SearchGroup{Area: p.Area, Location: p.Location, Count: len(p.Hits), Hits: []SearchHit{}}
		for _, h := range p.Hits {
			g.Hits = append(g.Hits, shownHit(h, withhold))
		}
		out = append(out, g)
	}
	return out
}

func hitOf(h search.Hit) SearchHit {
	out := SearchHit{Type: h.Type, ID: h.ID, Field: h.Field, Snippet: snippetParts(h.Snippet, h.Marks), Match: h.Match,
		Value: h.Value, Corrected: h.Corrected, Own: h.Own, LinkTo: h.LinkTo}
	if out.Corrected == nil {
		out.Corrected = []string{}
	}
	out.TypeLabelSV, out.TypeLabelEN = typeLabels(h.Type)
	out.RecordSV, out.RecordEN = recordLabels(h.Type)
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
func (a *SearchService) ChooseReportFile() (string, error) {
	if _, _, err := a.requireRole(gdprRoles...); err != nil {
		return "", err
	}
	path, err := a.rt.SaveFile(FileDialog{
		Title:       "Dataskydd",
		DefaultName: "registerutdrag-" + time.Now().Format("2006-01-02") + ".html",
		Filters:     []FileFilter{{DisplayName: "HTML (*.html)", Pattern: "*.html"}},
	})
	if err != nil {
		return "", fail(CodeInternal, fmt.Errorf("opening the save dialog: %w", err))
	}
	return path, nil
}

// EventActionAccessReport is the event logged for an access-request report (without the
// query or anything found).
const EventActionAccessReport = "access_report"

// WriteAccessReport writes the access-request report of the selected values (none: the
// exact matches) the query finds: a readable HTML page at path (".html" added when
// missing) and the same as JSON beside it.
func (a *SearchService) WriteAccessReport(query string, values []string, path string) (ReportFiles, error) {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return ReportFiles{}, err
	}
	if err := s.Inventory.Check(a.ctx, sess); err != nil {
		return ReportFiles{}, securityFail(err)
	}
	if strings.TrimSpace(query) == "" || path == "" {
		return ReportFiles{}, fail(CodeBadRequest, errors.New("a query and a file are needed"))
	}
	if err := s.Sync(a.ctx); err != nil {
		return ReportFiles{}, fail(CodeInternal, err)
	}
	base := strings.TrimSuffix(strings.TrimSuffix(path, ".html"), ".json")
	files := ReportFiles{HTML: base + ".html", JSON: base + ".json"}
	var rep *search.Report
	err = s.Index.Read(a.ctx, func() error {
		var err error
		rep, err = s.Index.Report(a.ctx, query, search.ReportOptions{Values: values, Withhold: vaultWithholder(a.ctx, s, sess)})
		return err
	})
	if err != nil {
		return files, searchFail(err)
	}
	files.Places, files.Records = len(rep.Places), rep.Records
	if err := atomicfile.Write(files.HTML, rep.WriteHTML); err != nil {
		return files, fail(codeOf(err), err)
	}
	if err := atomicfile.Write(files.JSON, rep.WriteJSON); err != nil {
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

// FieldRef is a field path with its labels.
type FieldRef struct {
	Path    string `json:"path"`
	LabelSV string `json:"labelSv"`
	LabelEN string `json:"labelEn"`
}

// ErasureChange is one field of one record that "anonymise everywhere" changes.
type ErasureChange struct {
	Type        string `json:"type"`
	TypeLabelSV string `json:"typeLabelSv"`
	TypeLabelEN string `json:"typeLabelEn"`
	ID          string `json:"id"`
	Field       string `json:"field"`
	Action      string `json:"action"` // anonymise_record, replace_value, replace_mention, clear_link, delete_entry
	Before      string `json:"before"`
	After       string `json:"after"`
}

// ErasurePlan is what "anonymise everywhere" changes (or changed) for the selected values.
type ErasurePlan struct {
	Query     string               `json:"query"`
	Kind      string               `json:"kind"`
	Word      string               `json:"word"` // the replacement word
	Values    []search.ValueChoice `json:"values"`
	Changes   []ErasureChange      `json:"changes"`
	Records   int                  `json:"records"`
	People    int                  `json:"people"`
	Blocked   bool                 `json:"blocked"`   // the plan anonymises the user's own account
	Remaining int                  `json:"remaining"` // after Erase: selected values a new search still finds
}

// PreviewErasure lists every change "anonymise everywhere" would make for the selected
// values (none: the exact matches) of the person the query finds; it changes nothing.
func (a *SearchService) PreviewErasure(query string, values []string) (ErasurePlan, error) {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return ErasurePlan{}, err
	}
	if err := s.Inventory.Check(a.ctx, sess); err != nil {
		return ErasurePlan{}, securityFail(err)
	}
	plan, err := eraserOf(s).Preview(a.ctx, query, values)
	if err != nil {
		return ErasurePlan{}, erasureFail(err)
	}
	return planOf(plan, sess.UserID, s.Store.ReplacementWord()), nil
}

// EraseEverywhere anonymises the selected values of the person the query finds (see
// package erasure), logs each changed record as an event without the personal data, and
// purges the search index.
func (a *SearchService) EraseEverywhere(query string, values []string) (ErasurePlan, error) {
	sess, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return ErasurePlan{}, err
	}
	if err := s.Inventory.Check(a.ctx, sess); err != nil {
		return ErasurePlan{}, securityFail(err)
	}
	res, err := eraserOf(s).Erase(a.ctx, query, values, erasure.Actor{UserID: sess.UserID, Username: sess.Username})
	if err != nil {
		return ErasurePlan{}, erasureFail(err)
	}
	a.emit(EventStoreChanged, nil)
	return planOf(res, sess.UserID, s.Store.ReplacementWord()), nil
}

func eraserOf(s *services.Services) *erasure.Eraser { return erasure.New(s.Store, s.Index) }

func erasureFail(err error) error {
	switch {
	case errors.Is(err, erasure.ErrOwnAccount):
		return fail(CodeForbidden, err)
	case errors.Is(err, erasure.ErrEmptyQuery), errors.Is(err, search.ErrQuery), errors.Is(err, erasure.ErrNothingSelected),
		errors.Is(err, search.ErrNoValue):
		return fail(CodeBadRequest, err)
	}
	return fail(codeOf(err), err)
}

func planOf(p erasure.Plan, userID, word string) ErasurePlan {
	out := ErasurePlan{Query: p.Query, Kind: p.Kind, Word: word, Values: p.Values, Changes: []ErasureChange{},
		Records: p.Records, People: p.People, Remaining: p.Remaining}
	for _, c := range p.Changes {
		ch := ErasureChange{Type: c.Type, ID: c.ID, Field: c.Field, Action: c.Action, Before: c.Before, After: c.After}
		ch.TypeLabelSV, ch.TypeLabelEN = recordLabels(c.Type) // one record: "Kund C1005"
		out.Changes = append(out.Changes, ch)
	}
	out.Blocked = p.Blocked(userID)
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
func (a *SearchService) CheckIndex() (IndexCheck, error) {
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
func (a *SearchService) RebuildIndex() (IndexCheck, error) {
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
