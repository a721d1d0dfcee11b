package erasure

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/search"
	"dataskydd/backend/store"
	"dataskydd/backend/store/storetest"
)

// namesakes: Ulla Hedlund (customer 1001, contact person of a company) among people who
// share one of her names or nearly so, and a secure-data entry about her.
var namesakes = []string{
	`{"type":"user","id":"U9","username":"admin","name":"Adam Admin"}`,
	`{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Ulla Hedlund","email":"ulla.hedlund@outlook.com","mobile_phone":"070-123 45 67","notes":"Vill bli ringd efter 17","versions":[{"changed_at":"2025-01-01T00:00:00Z","changed_by":"U9","fields":{"name":"Ulla Gammalqvist"}}]}`,
	`{"type":"customer","id":"C2","customer_number":"1002","kind":"private","name":"Anders Hedlund","email":"anders.h@gmail.com","mobile_phone":"070-123 45 68"}`,
	`{"type":"customer","id":"C3","customer_number":"1003","kind":"private","name":"Britt-Marie Hedlund-Lindberg"}`,
	`{"type":"customer","id":"C6","customer_number":"1006","kind":"private","name":"Ulla Nilsson"}`,
	`{"type":"customer","id":"C8","customer_number":"1008","kind":"private","name":"Ulla Hedlind"}`,
	`{"type":"customer","id":"C9","customer_number":"1009","kind":"company","name":"Hedlund Bygg AB"}`,
	`{"type":"contact_person","id":"CP2","customer_number":"1009","first_name":"Ulla","last_name":"Berg"}`,
	`{"type":"case","id":"K1","number":"1","title":"Läcka i köket","customer_number":"1001","comments":[{"author":"U9","text":"Ulla ringde om kranen"}]}`,
	`{"type":"case","id":"K2","number":"2","title":"Offert","description":"Ring Ulla Hedlund om offerten","customer_number":"1002","end_customer_name":"Hedlund"}`,
	`{"type":"case","id":"K3","number":"3","title":"Besök","description":"Anders Hedlund och Ulla Nilsson var på plats","customer_number":"1006"}`,
	`{"type":"case","id":"K5","number":"5","title":"Nyckel","description":"Ulla Hedlind lämnar nyckeln","customer_number":"1008"}`,
	`{"type":"meeting","id":"M1","title":"Genomgång","participants":[{"name":"Ulla Hedlund","email":"ULLA.HEDLUND@outlook.com"},{"name":"Anders Hedlund","email":"anders.h@gmail.com"}]}`,
	`{"type":"invoice_basis","id":"F1","number":"F1","customer_number":"1001"}`,
	`{"type":"invoice_basis","id":"F2","number":"F2","customer_number":"1002"}`,
}

func newStore(t testing.TB, lines []string) *store.Store {
	t.Helper()
	st := storetest.New(t, store.CreateOptions{Lang: "sv"})
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		for _, l := range lines {
			r, err := record.Decode([]byte(l))
			if err != nil {
				return fmt.Errorf("%s: %w", l, err)
			}
			if _, err := tx.Put(r, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func openIndex(t testing.TB, st *store.Store) *search.Index {
	t.Helper()
	ix, err := search.Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// snapshot is every record's stored form, by type/id.
func snapshot(t testing.TB, st *store.Store) map[string]string {
	t.Helper()
	rows, err := st.DB.Query("SELECT type, ext_id, data FROM records")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var typ, id, data string
		if err := rows.Scan(&typ, &id, &data); err != nil {
			t.Fatal(err)
		}
		out[typ+"/"+id] = data
	}
	return out
}

// secureEntry adds a secure-data entry about a customer, with a plain value, as package
// vault stores it (its tables, the outbox).
func secureEntry(t testing.TB, st *store.Store, id, custNo, plain string) {
	t.Helper()
	_, err := st.DB.Exec(`INSERT OR IGNORE INTO vault_forms(form_id, name, purpose, fields, created_at, updated_at)
		VALUES ('FORM1', 'Larmkoder', 'customer', '[{"id":"f1","name":"Kontakt","kind":"text","encrypted":false}]', 1, 1)`)
	if err == nil {
		_, err = st.DB.Exec(`INSERT INTO vault_entries(entry_id, form_id, customer_number, created_at, updated_at) VALUES (?, 'FORM1', ?, 1, 1)`, id, custNo)
	}
	if err == nil {
		_, err = st.DB.Exec(`INSERT INTO vault_values(entry_id, field_id, plain) VALUES (?, 'f1', ?)`, id, plain)
	}
	if err == nil {
		_, err = st.DB.Exec(`INSERT INTO outbox(type, ext_id) VALUES (?, ?)`, store.VaultEntryType, id)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// filesContaining lists the files under dir holding any of the fragments.
func filesContaining(t testing.TB, dir string, frags ...string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, f := range frags {
			if bytes.Contains(b, []byte(f)) {
				out = append(out, filepath.Base(path)+": "+f)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// changedFields is, per record, the top-level fields whose stored value differs.
func changedFields(t testing.TB, st *store.Store, before, after map[string]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for k, b := range before {
		a, ok := after[k]
		if !ok {
			out[k] = []string{"(deleted)"}
			continue
		}
		if a == b {
			continue
		}
		typ, id, _ := strings.Cut(k, "/")
		rb, err1 := record.DecodeData(mustType(t, typ), id, []byte(b))
		ra, err2 := record.DecodeData(mustType(t, typ), id, []byte(a))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		var fields []string
		for i := range rb.Type.Fields {
			n := rb.Type.Fields[i].Name
			if fmt.Sprint(rb.Values[n]) != fmt.Sprint(ra.Values[n]) {
				fields = append(fields, n)
			}
		}
		sort.Strings(fields)
		out[k] = fields
	}
	return out
}

// planFields is, per record, the top-level fields the plan lists.
func planFields(p Plan) map[string][]string {
	set := map[string]map[string]bool{}
	for _, c := range p.Changes {
		if c.Type == store.VaultEntryType {
			continue
		}
		k := c.Type + "/" + c.ID
		if set[k] == nil {
			set[k] = map[string]bool{}
		}
		f := c.Field
		if i := strings.IndexAny(f, "[."); i >= 0 {
			f = f[:i]
		}
		set[k][f] = true
	}
	out := map[string][]string{}
	for k, fs := range set {
		for f := range fs {
			out[k] = append(out[k], f)
		}
		sort.Strings(out[k])
	}
	return out
}

func TestEraseExactValuesOnlyAndNothingElse(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, namesakes)
	secureEntry(t, st, "VE1", "1001", "Larmkod via Zqxyvert Hedlund")
	secureEntry(t, st, "VE2", "1002", "Anders Zqxpling")
	ix := openIndex(t, st)
	er := New(st, ix)
	before := snapshot(t, st)
	plan, err := er.Preview(ctx, "Ulla Hedlund", nil)
	if err != nil {
		t.Fatal(err)
	}
	// The typo neighbour is offered, not selected; the exact values are.
	sel := map[string]bool{}
	for _, v := range plan.Values {
		sel[v.Value] = v.Selected
		if v.Value == "Ulla Hedlind" && (v.Selected || v.Match != search.MatchTypo) {
			t.Errorf("typo value %+v", v)
		}
	}
	if !sel["Ulla Hedlund"] || !sel["ulla.hedlund@outlook.com"] {
		t.Errorf("exact values not selected: %+v", plan.Values)
	}
	if after := snapshot(t, st); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatal("the preview changed the store")
	}
	want := map[string]string{
		"customer/C1 name":                    ChangeAnonymiseRecord + " Ulla Hedlund -> Anonymiserad",
		"case/K1 customer_number":             ChangeClearLink + " 1001 -> 0",
		"invoice_basis/F1 customer_number":    ChangeClearLink + " 1001 -> 0",
		"case/K2 description":                 ChangeReplaceMention + " Ring Ulla Hedlund om offerten -> Ring Anonymiserad om offerten",
		"meeting/M1 participants[0].name":     ChangeReplaceValue + " Ulla Hedlund -> Anonymiserad",
		"meeting/M1 participants[0].email":    ChangeReplaceValue + " ULLA.HEDLUND@outlook.com -> Anonymiserad",
		"vault_entry/VE1 ":                    ChangeDeleteEntry + "  -> ",
		"customer/C1 versions[0].fields.name": "",
	}
	got := map[string]string{}
	for _, c := range plan.Changes {
		got[c.Type+"/"+c.ID+" "+c.Field] = c.Action + " " + c.Before + " -> " + c.After
	}
	for k, w := range want {
		if w != "" && got[k] != w {
			t.Errorf("change %s = %q, want %q", k, got[k], w)
		}
	}
	for k := range got {
		typ := strings.SplitN(k, "/", 2)[0]
		id := strings.SplitN(strings.SplitN(k, "/", 2)[1], " ", 2)[0]
		if !map[string]bool{"customer/C1": true, "case/K1": true, "invoice_basis/F1": true, "case/K2": true, "meeting/M1": true, "vault_entry/VE1": true}[typ+"/"+id] {
			t.Errorf("the plan touches %s", k)
		}
	}
	if plan.People != 1 || plan.Records != 6 {
		t.Errorf("plan counts: %d people, %d records; want 1 and 6", plan.People, plan.Records)
	}
	res, err := er.Erase(ctx, "Ulla Hedlund", nil, Actor{UserID: "U9", Username: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Remaining != 0 {
		t.Errorf("%d selected values still found", res.Remaining)
	}
	after := snapshot(t, st)
	// Every record outside the plan is byte for byte as it was.
	changed := changedFields(t, st, before, after)
	listed := planFields(plan)
	for k, fields := range changed {
		if strings.Join(listed[k], ",") != strings.Join(fields, ",") {
			t.Errorf("%s changed in %v; the plan listed %v", k, fields, listed[k])
		}
	}
	for k, fields := range listed {
		if _, ok := changed[k]; !ok {
			t.Errorf("the plan listed %s %v, which did not change", k, fields)
		}
	}
	for _, k := range []string{"customer/C2", "customer/C3", "customer/C6", "customer/C8", "customer/C9", "contact_person/CP2", "case/K3", "case/K5", "invoice_basis/F2"} {
		if before[k] != after[k] {
			t.Errorf("%s changed: someone else's record\nbefore %s\nafter  %s", k, before[k], after[k])
		}
	}
	// The anonymous customer's secure data is gone, the other customer's is not; no
	// fragment of an erased value is on disk.
	var n int
	if err := st.DB.QueryRow("SELECT count(*) FROM vault_entries WHERE entry_id = 'VE1'").Scan(&n); err != nil || n != 0 {
		t.Errorf("secure-data entry of the erased customer: %d, %v", n, err)
	}
	if err := st.DB.QueryRow("SELECT count(*) FROM vault_entries WHERE entry_id = 'VE2'").Scan(&n); err != nil || n != 1 {
		t.Errorf("secure-data entry of another customer: %d, %v", n, err)
	}
	if got := filesContaining(t, st.Dir, "Zqxyvert", "hedlund@outlook", "Gammalqvist", "Ring Ulla"); len(got) > 0 {
		t.Errorf("erased values on disk: %v", got)
	}
	if got := filesContaining(t, st.Dir, "Zqxpling"); len(got) == 0 {
		t.Error("the byte search finds nothing at all: it cannot tell")
	}
}

func TestEraseNeedsASelection(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, namesakes)
	er := New(st, openIndex(t, st))
	before := snapshot(t, st)
	// A typo query matches nothing exactly: without a chosen value nothing happens.
	if _, err := er.Erase(ctx, "Ulla Hedlnd", nil, Actor{UserID: "U9"}); !errors.Is(err, ErrNothingSelected) {
		t.Fatalf("erase of a typo query: %v", err)
	}
	if _, err := er.Erase(ctx, "Ulla Hedlnd", []string{"Nobody Else"}, Actor{UserID: "U9"}); !errors.Is(err, search.ErrNoValue) {
		t.Fatalf("erase of an unknown value: %v", err)
	}
	if fmt.Sprint(snapshot(t, st)) != fmt.Sprint(before) {
		t.Fatal("a refused erasure changed the store")
	}
	// Chosen: the typo match of Ulla Hedlund's name only; the neighbour stays.
	plan, err := er.Erase(ctx, "Ulla Hedlnd", []string{"Ulla Hedlund"}, Actor{UserID: "U9"})
	if err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, st)
	if before["customer/C8"] != after["customer/C8"] || before["case/K5"] != after["case/K5"] {
		t.Error("the neighbour Ulla Hedlind was changed")
	}
	if before["customer/C1"] == after["customer/C1"] {
		t.Errorf("Ulla Hedlund not anonymised: %+v", plan.Changes)
	}
}

func TestEraseRefusesTheActorsOwnAccount(t *testing.T) {
	st := newStore(t, append(namesakes[:0:0], `{"type":"user","id":"U1","username":"uhedlund","name":"Ulla Hedlund"}`))
	er := New(st, openIndex(t, st))
	before := snapshot(t, st)
	if _, err := er.Erase(context.Background(), "Ulla Hedlund", nil, Actor{UserID: "U1"}); !errors.Is(err, ErrOwnAccount) {
		t.Fatalf("err %v", err)
	}
	if fmt.Sprint(snapshot(t, st)) != fmt.Sprint(before) {
		t.Fatal("changed the store")
	}
	// The preview says so to the one it would refuse, and to no one else.
	plan, err := er.Preview(context.Background(), "Ulla Hedlund", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Blocked("U1") || plan.Blocked("U2") || plan.Blocked("") {
		t.Errorf("Blocked: U1 %v, U2 %v, none %v (own accounts %v)", plan.Blocked("U1"), plan.Blocked("U2"), plan.Blocked(""), plan.OwnAccounts)
	}
	// Another user may erase the account.
	if _, err := er.Erase(context.Background(), "Ulla Hedlund", nil, Actor{UserID: "U2"}); err != nil {
		t.Fatalf("erasing as another user: %v", err)
	}
}

// TestErasureProperty: for random data sets and random selections, the dry run lists
// exactly what the real run changes, and nothing outside it changes.
func TestErasureProperty(t *testing.T) {
	first := []string{"Ulla", "Anders", "Åsa", "Britt", "Per"}
	last := []string{"Hedlund", "Hedlind", "Nilsson", "Berg", "Lindgren"}
	fill := []string{"ringde", "om", "och", "kranen", "med", "offerten", "i", "går"}
	for seed := uint64(1); seed <= 12; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		name := func() string { return first[rng.IntN(len(first))] + " " + last[rng.IntN(len(last))] }
		text := func() string {
			var w []string
			for i := 0; i < 3+rng.IntN(6); i++ {
				if rng.IntN(3) == 0 {
					w = append(w, name())
				} else {
					w = append(w, fill[rng.IntN(len(fill))])
				}
			}
			return strings.Join(w, " ")
		}
		lines := []string{`{"type":"user","id":"U9","username":"admin","name":"Adam Admin"}`}
		for i := 0; i < 8; i++ {
			lines = append(lines, fmt.Sprintf(`{"type":"customer","id":"C%d","customer_number":"%d","kind":"private","name":%q,"notes":%q}`, i, 100+i, name(), text()))
			lines = append(lines, fmt.Sprintf(`{"type":"contact_person","id":"CP%d","customer_number":"%d","first_name":%q,"last_name":%q}`, i, 100+rng.IntN(8), first[rng.IntN(5)], last[rng.IntN(5)]))
			lines = append(lines, fmt.Sprintf(`{"type":"case","id":"K%d","number":"%d","customer_number":"%d","description":%q,"end_customer_name":%q,"comments":[{"text":%q},{"text":%q}]}`,
				i, i, 100+rng.IntN(8), text(), name(), text(), text()))
		}
		st := newStore(t, lines)
		ix := openIndex(t, st)
		er := New(st, ix)
		q := name()
		if rng.IntN(3) == 0 {
			q = first[rng.IntN(5)] // one word
		}
		dry, err := er.Preview(context.Background(), q, nil)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		// A random selection of the values found.
		var chosen []string
		for _, v := range dry.Values {
			if rng.IntN(2) == 0 {
				chosen = append(chosen, v.Value)
			}
		}
		if len(chosen) == 0 {
			continue
		}
		dry, err = er.Preview(context.Background(), q, chosen)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		before := snapshot(t, st)
		real, err := er.Erase(context.Background(), q, chosen, Actor{UserID: "U9", Username: "admin"})
		if err != nil {
			t.Fatalf("seed %d: erase %q %v: %v", seed, q, chosen, err)
		}
		changed := changedFields(t, st, before, snapshot(t, st))
		listed := planFields(dry)
		if fmt.Sprint(changed) != fmt.Sprint(listed) {
			t.Errorf("seed %d, %q %v:\nchanged %v\nlisted  %v", seed, q, chosen, changed, listed)
		}
		if fmt.Sprint(real.Changes) != fmt.Sprint(dry.Changes) {
			t.Errorf("seed %d: the real run's changes differ from the dry run's", seed)
		}
		// Mentions outside the selection keep their text.
		for k, b := range before {
			if _, ok := changed[k]; !ok && snapshot(t, st)[k] != b {
				t.Errorf("seed %d: %s changed outside the plan", seed, k)
			}
		}
	}
}

func mustType(t testing.TB, name string) *registry.Type {
	t.Helper()
	typ, ok := registry.Get(name)
	if !ok {
		t.Fatalf("no type %s", name)
	}
	return typ
}

// crashingIndex is the real index, but the process "dies" before the purge: its Purge
// fails as a kill would leave it, after the erasure committed.
type crashingIndex struct{ *search.Index }

var errKilled = errors.New("killed before the purge")

func (c crashingIndex) Purge(context.Context) error { return errKilled }

// TestErasureSurvivesACrashBeforeThePurge: an erasure committed, the process died before
// the search index and the WAL were purged; the next start purges before anything else,
// and no fragment of the erased values is left on disk.
func TestErasureSurvivesACrashBeforeThePurge(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, namesakes)
	ix, err := search.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(st, crashingIndex{ix}).Erase(ctx, "Ulla Hedlund", nil, Actor{UserID: "U9"}); !errors.Is(err, errKilled) {
		t.Fatalf("erase: %v", err)
	}
	if n, _ := st.PurgePending(ctx); n == 0 {
		t.Fatal("the erasure left no durable mark to purge")
	}
	if got := filesContaining(t, st.Dir, "hedlund@outlook", "Gammalqvist"); len(got) == 0 {
		t.Fatal("the test cannot tell: the values were gone before the purge")
	}
	ix.Close()
	// The next start: Open purges first.
	ix2 := openIndex(t, st)
	if n, _ := st.PurgePending(ctx); n != 0 {
		t.Errorf("mark still set after the start: %d", n)
	}
	if got := filesContaining(t, st.Dir, "hedlund@outlook", "Gammalqvist", "Ring Ulla"); len(got) > 0 {
		t.Errorf("erased values on disk after the next start: %v", got)
	}
	if res, err := ix2.Search(ctx, "ulla.hedlund@outlook.com", -1); err != nil || res.Total != 0 {
		t.Errorf("the erased e-mail is still found: %+v %v", res, err)
	}
}
