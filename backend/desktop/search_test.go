package desktop

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/cli"
	"dataskydd/backend/search"
	"dataskydd/backend/vault"
)

var searchLines = []string{
	`{"type":"user","id":"U1","username":"anna","name":"Anna Öberg"}`,
	`{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Åsa Lindström","personal_number":"19800101-1234","email":"asa@example.se","mobile_phone":"+46 70 111 22 33"}`,
	`{"type":"case","id":"K1","number":"5","title":"Läckage","customer_number":"1001","end_customer_name":"Åsa Lindström","comments":[{"author":"U1","text":"Ringde Asa Lindstrom, hon kommer på fredag"}]}`,
	`{"type":"time_report","id":"T1","user":"U1","date":"2026-01-02","hours":2,"comment":"Hos Åsa Lindström"}`,
	`{"type":"customer","id":"C2","customer_number":"1002","kind":"private","name":"Bo Ek","mobile_phone":"070-111 22 34"}`,
}

func TestSearchScreen(t *testing.T) {
	a, rec := newTestApp(t, true)
	importInto(t, a, searchLines...)

	res, err := a.SearchPersons(SearchRequest{Query: "asa lindstrom"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != "name" || res.Total < 4 || res.Shown != res.Total {
		t.Fatalf("result = %+v", res)
	}
	// Grouped by area and location in the data map's order: Workcloud before Time.
	var locs []string
	for _, g := range res.Groups {
		locs = append(locs, g.Area+"/"+g.Location)
		if g.Count != len(g.Hits) {
			t.Errorf("group %s counts %d, lists %d", g.Location, g.Count, len(g.Hits))
		}
	}
	if got := strings.Join(locs, ","); got != "Workcloud/Ärendehantering,Time/Tidrapporter" {
		t.Errorf("groups = %s", got)
	}
	// The person's own record first, with the records that link to it.
	if len(res.People) != 1 || res.People[0].ID != "C1" || res.People[0].Match != "exact" {
		t.Fatalf("people = %+v", res.People)
	}
	var own []string
	for _, h := range res.People[0].Hits {
		own = append(own, h.Type+"/"+h.ID+" "+h.Field+" "+h.Match)
	}
	if strings.Join(own, ",") != "customer/C1 name exact,case/K1 customer_number link" {
		t.Errorf("person's hits = %v", own)
	}
	var areas []string
	for _, ac := range res.Areas {
		areas = append(areas, ac.Area)
	}
	if strings.Join(areas, ",") != "Workcloud,Time" {
		t.Errorf("areas = %v", res.Areas)
	}
	// A hit in a child row: field label and highlighted snippet.
	var comment *SearchHit
	for _, g := range res.Groups {
		for i := range g.Hits {
			if g.Hits[i].Field == "comments.text" {
				comment = &g.Hits[i]
			}
		}
	}
	if comment == nil || comment.FieldLabelSV != "Kommentarer › Text" && !strings.HasPrefix(comment.FieldLabelSV, "Kommentarer") {
		t.Fatalf("comment hit = %+v", comment)
	}
	var marked []string
	for _, p := range comment.Snippet {
		if p.Mark {
			marked = append(marked, p.Text)
		}
	}
	if strings.Join(marked, "|") != "Asa|Lindstrom" {
		t.Errorf("marked = %v in %+v", marked, comment.Snippet)
	}

	// Kinds, formats and the area filter.
	for q, kind := range map[string]string{"070-111 22 33": "phone", "ASA@example.se": "email", "198001011234": "personal_number"} {
		r, err := a.SearchPersons(SearchRequest{Query: q})
		if err != nil || r.Kind != kind || r.Total == 0 {
			t.Errorf("search %q: kind %q, %d hits, %v", q, r.Kind, r.Total, err)
		}
		for _, g := range append(r.Groups, SearchGroup{Hits: personHits(r.People)}) {
			for _, h := range g.Hits {
				if h.ID == "C2" {
					t.Errorf("search %q finds Bo Ek, whose number is one digit off", q)
				}
			}
		}
	}
	onlyTime, err := a.SearchPersons(SearchRequest{Query: "Åsa Lindström", Areas: []string{"Time"}})
	if err != nil || onlyTime.Total != 1 || len(onlyTime.Groups) != 1 || len(onlyTime.Areas) != 2 {
		t.Errorf("area filter: %+v, %v", onlyTime, err)
	}

	// The access-request report: HTML and JSON.
	dir := t.TempDir()
	files, err := a.WriteAccessReport("Åsa Lindström", nil, filepath.Join(dir, "utdrag.html"))
	if err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(files.HTML)
	js, _ := os.ReadFile(files.JSON)
	if !strings.Contains(string(html), "Asa Lindstrom") || strings.Contains(string(html), "Ringde") || !strings.Contains(string(js), `"query": "Åsa Lindström"`) || files.Records != 3 {
		t.Errorf("report: %+v\n%s", files, js)
	}

	// Anonymise everywhere: preview, then erase; nothing found afterwards.
	plan, err := a.PreviewErasure("Åsa Lindström", nil)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]string{}
	for _, c := range plan.Changes {
		actions[c.Type+"/"+c.ID+" "+c.Field] = c.Action
		if c.TypeLabelSV == "" {
			t.Errorf("change %+v has no type label", c)
		}
	}
	if actions["customer/C1 name"] != "anonymise_record" || actions["case/K1 customer_number"] != "clear_link" ||
		actions["case/K1 comments[0].text"] != "replace_mention" || actions["time_report/T1 comment"] != "replace_mention" || plan.Blocked {
		t.Errorf("plan = %+v", plan)
	}
	done, err := a.EraseEverywhere("Åsa Lindström", nil)
	if err != nil {
		t.Fatal(err)
	}
	if done.Remaining != 0 || done.People != 1 || done.Records != 3 {
		t.Errorf("erased: %+v", done)
	}
	for _, q := range []string{"Åsa Lindström", "+46701112233", "asa@example.se", "19800101-1234"} {
		if r, err := a.SearchPersons(SearchRequest{Query: q}); err != nil || r.Total != 0 {
			t.Errorf("search %q after the erasure: %d hits, %v", q, r.Total, err)
		}
	}
	if r, _ := a.SearchPersons(SearchRequest{Query: "Bo Ek"}); r.Total == 0 {
		t.Error("Bo Ek is gone too")
	}
	if rec.count(EventStoreChanged) == 0 {
		t.Error("no store:changed event after the erasure")
	}

	// The index: checked, rebuilt with progress, still finding what the database holds.
	chk, err := a.CheckIndex()
	if err != nil || !chk.OK {
		t.Fatalf("check: %+v, %v", chk, err)
	}
	if chk, err = a.RebuildIndex(); err != nil || !chk.OK {
		t.Fatalf("rebuild: %+v, %v", chk, err)
	}
	if rec.count(EventIndexProgress) < 2 {
		t.Errorf("index progress events: %d", rec.count(EventIndexProgress))
	}
	if r, _ := a.SearchPersons(SearchRequest{Query: "Bo Ek"}); r.Total == 0 {
		t.Error("Bo Ek is not found after the rebuild")
	}

	// The user's own account is not erased.
	// (anna, imported without a login, gets one: every call re-reads the account.)
	if err := a.ResetUserPassword("U1", "Annas eget långa lösenord"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetUserRoles("U1", []string{"admin"}); err != nil {
		t.Fatal(err)
	}
	a.session.sess = auth.Session{UserID: "U1", Username: "anna", Roles: []auth.Role{auth.RoleAdmin}}
	p, err := a.PreviewErasure("Anna Öberg", nil)
	if err != nil || !p.Blocked {
		t.Errorf("own account: blocked %v, %v", p.Blocked, err)
	}
	if _, err := a.EraseEverywhere("Anna Öberg", nil); codeOfAppError(t, err) != CodeForbidden {
		t.Errorf("erasing own account: %v, want forbidden", err)
	}
}

// A secure-data entry's place shows in the person search and the access report to any GDPR
// user, its values only to those its form lists (admins have no automatic right).
func TestSearchWithholdsSecureDataFromThoseNotListed(t *testing.T) {
	a, _ := newTestApp(t, true)
	importInto(t, a, searchLines...)
	pw := "Gdpr-ombudets-lösenord-1"
	officer, err := a.CreateUser(NewUserInput{Username: "greta", Name: "Greta", Password: pw, Roles: []string{"gdpr_officer"}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := a.VaultSaveForm(vault.Form{Name: "Nycklar", Purpose: vault.PurposeInternal,
		Fields:     []vault.Field{{Name: "Kontakt", Kind: vault.KindText}, {Name: "Kod", Kind: vault.KindSecret, Encrypted: true}},
		Decrypters: []vault.Member{{Kind: vault.MemberUser, ID: officer}}})
	if err != nil {
		t.Fatal(err)
	}
	admin := a.session.sess
	a.session.sess = auth.Session{UserID: officer, Username: "greta", Roles: []auth.Role{auth.RoleGDPROfficer}}
	if _, err := a.VaultSaveEntry(f.ID, "", vault.EntryInput{Values: map[string]string{"f1": "Åsa Lindström, portvakt", "f2": "1234"}}, VaultUnlock{Password: pw}); err != nil {
		t.Fatal(err)
	}
	vaultHit := func() *SearchHit {
		t.Helper()
		res, err := a.SearchPersons(SearchRequest{Query: "asa lindstrom"})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range res.Groups {
			for i := range g.Hits {
				if g.Hits[i].Type == vault.SearchType {
					return &g.Hits[i]
				}
			}
		}
		t.Fatalf("no secure-data hit in %+v", res.Groups)
		return nil
	}
	if h := vaultHit(); h.Withheld || len(h.Snippet) == 0 {
		t.Errorf("the form's own reader gets %+v, want the snippet", h)
	}
	a.session.sess = admin
	h := vaultHit()
	if !h.Withheld || len(h.Snippet) != 0 {
		t.Errorf("an admin the form does not list gets %+v, want the place without the value", h)
	}
	path := filepath.Join(t.TempDir(), "utdrag.html")
	files, err := a.WriteAccessReport("asa lindstrom", nil, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{files.HTML, files.JSON} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "portvakt") {
			t.Errorf("%s holds the secure-data value the admin may not read", filepath.Base(p))
		}
		if !strings.Contains(string(b), "Nycklar") && !strings.Contains(string(b), "Kontakt") {
			t.Errorf("%s does not name the secure-data place", filepath.Base(p))
		}
	}
}

func personHits(people []PersonGroup) []SearchHit {
	var out []SearchHit
	for _, p := range people {
		out = append(out, p.Hits...)
	}
	return out
}

// The screen, the access report and the CLI list the hits of one search in one order (the
// data map's, search.InMapOrder): a secure-data hit is in the same place in all three.
func TestScreenReportAndCLIListHitsInOneOrder(t *testing.T) {
	a, _ := newTestApp(t, true)
	importInto(t, a, searchLines...)
	f, err := a.VaultSaveForm(vault.Form{Name: "Nycklar", Purpose: vault.PurposeInternal,
		Fields:     []vault.Field{{Name: "Kontakt", Kind: vault.KindText}},
		Decrypters: []vault.Member{{Kind: vault.MemberUser, ID: a.session.sess.UserID}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.VaultSaveEntry(f.ID, "", vault.EntryInput{Values: map[string]string{"f1": "Åsa Lindström, portvakt"}}, VaultUnlock{Password: adminPassword}); err != nil {
		t.Fatal(err)
	}
	const q = "Åsa Lindström"

	// The screen: each list (a person's hits, the places) in the order.
	res, err := a.SearchPersons(SearchRequest{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	var screen [][]string
	for _, p := range res.People {
		var l []string
		for _, h := range p.Hits {
			l = append(l, h.Type+"/"+h.ID+" "+h.Field)
		}
		screen = append(screen, l)
	}
	var places []string
	for _, g := range res.Groups {
		for _, h := range g.Hits {
			places = append(places, h.Type+"/"+h.ID+" "+h.Field)
		}
	}
	screen = append(screen, places)

	// The report (JSON): one place per selected value; a hit listed once.
	path := filepath.Join(t.TempDir(), "utdrag.html")
	files, err := a.WriteAccessReport(q, nil, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(files.JSON)
	if err != nil {
		t.Fatal(err)
	}
	var rep search.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	var report []string
	for _, p := range rep.Places {
		k := p.Type + "/" + p.ID + " " + p.Field
		if !slices.Contains(report, k) {
			report = append(report, k)
		}
	}

	// The CLI (text): the data folder is the app's, so the app lets go of it first.
	a.shutdown()
	var out, errOut bytes.Buffer
	if code := cli.Main(context.Background(), []string{"--data-dir", a.dataDir, "--user", "test", "search", q},
		strings.NewReader(adminPassword), &out, &errOut); code != 0 {
		t.Fatalf("cli search: %d %s", code, errOut.String())
	}
	var cliHits []string
	for _, line := range strings.Split(out.String(), "\n") {
		if f := strings.Fields(line); strings.HasPrefix(line, "    ") == false && strings.HasPrefix(line, "  ") && len(f) >= 4 {
			cliHits = append(cliHits, f[1]+"/"+f[2]+" "+strings.TrimSuffix(f[3], ":"))
		}
	}

	if vaultEntryID(t, rep) == "" || len(report) < 5 {
		t.Fatalf("report places %v: want the secure-data hit among five or more", report)
	}
	// The CLI lists every hit: its order is the order. The report lists the hits of the
	// selected values in it, each list of the screen the hits of that list.
	inOrder := func(name string, got []string) {
		t.Helper()
		var want []string
		for _, k := range cliHits {
			if slices.Contains(got, k) {
				want = append(want, k)
			}
		}
		if len(want) != len(got) || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s lists\n %v\nin the CLI's order that is\n %v", name, got, want)
		}
	}
	inOrder("the report", report)
	var all []string
	for _, l := range screen {
		inOrder("the screen", l)
		all = append(all, l...)
	}
	// The same hits: the screen's lists together are the CLI's.
	slices.Sort(all)
	sorted := slices.Clone(cliHits)
	slices.Sort(sorted)
	if strings.Join(all, ",") != strings.Join(sorted, ",") {
		t.Errorf("screen lists %d hits, CLI %d: %v / %v", len(all), len(cliHits), all, cliHits)
	}
	// The secure-data place is the GDPR area's last place (after version history) in all.
	if last := cliHits[len(cliHits)-1]; !strings.HasPrefix(last, vault.SearchType+"/") || !strings.HasPrefix(report[len(report)-1], vault.SearchType+"/") {
		t.Errorf("the secure-data hit is not last: CLI %v, report %v", cliHits, report)
	}
}

func vaultEntryID(t *testing.T, rep search.Report) string {
	t.Helper()
	for _, p := range rep.Places {
		if p.Type == vault.SearchType {
			return p.ID
		}
	}
	t.Fatalf("no secure-data place in %+v", rep.Places)
	return ""
}
