package demo

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/jsonl"
	"dataskydd/backend/normalize"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
	"dataskydd/backend/store/storetest"
)

func newStore(tb testing.TB) *store.Store {
	tb.Helper()
	return storetest.New(tb, store.CreateOptions{Lang: "sv", Now: benchNow})
}

func collect(t *testing.T, customers int, seed uint64) []*record.Record {
	t.Helper()
	var out []*record.Record
	err := Generate(context.Background(), Options{Customers: customers, Seed: seed, Now: benchNow}, func(r *record.Record) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func exportBytes(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := jsonl.Export(context.Background(), st, &buf, jsonl.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fill(t *testing.T, customers int, seed uint64) (*store.Store, Result) {
	t.Helper()
	st := newStore(t)
	res, err := Fill(context.Background(), st, Options{Customers: customers, Seed: seed, Now: benchNow})
	if err != nil {
		t.Fatal(err)
	}
	return st, res
}

func TestEveryTypeGetsRecords(t *testing.T) {
	_, res := fill(t, 40, 7)
	for _, typ := range registry.Types() {
		if res.Counts[typ.Name] == 0 {
			t.Errorf("no %s records in the demo data set", typ.Name)
		}
	}
}

func TestAbout40RecordsPerCustomer(t *testing.T) {
	for _, n := range []int{200, 1000} {
		recs := collect(t, n, 3)
		customers := 0
		for _, r := range recs {
			if r.Type.Name == "customer" {
				customers++
			}
		}
		if customers != n {
			t.Fatalf("%d customers made, want %d", customers, n)
		}
		per := float64(len(recs)) / float64(n)
		if per < 36 || per > 46 {
			t.Errorf("%d customers: %.1f records per customer, want about 40", n, per)
		}
	}
}

// The export of the demo data imports into a fresh store, which checks every field and every
// link, and exports again to the same bytes.
func TestLinksValidAndRoundTrip(t *testing.T) {
	ctx := context.Background()
	a, res := fill(t, 120, 1)
	first := exportBytes(t, a)
	path := filepath.Join(t.TempDir(), "demo.jsonl")
	if err := os.WriteFile(path, first, 0o600); err != nil {
		t.Fatal(err)
	}
	b := newStore(t)
	imp, err := jsonl.Import(ctx, b, []string{path}, jsonl.Options{})
	if err != nil {
		t.Fatalf("importing the demo export: %v", err)
	}
	if imp.Records != res.Records {
		t.Fatalf("imported %d records, demo wrote %d", imp.Records, res.Records)
	}
	if second := exportBytes(t, b); !bytes.Equal(first, second) {
		t.Fatal("export -> import -> export changed the demo data")
	}
	// Every line is in canonical form: decoding and encoding it again gives it back.
	for i, line := range bytes.Split(bytes.TrimSuffix(first, []byte("\n")), []byte("\n")) {
		r, err := record.Decode(line)
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if again := r.AppendLine(nil); !bytes.Equal(again, line) {
			t.Fatalf("line %d not canonical:\n%s\n%s", i+1, line, again)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := fill(t, 60, 42)
	b, _ := fill(t, 60, 42)
	c, _ := fill(t, 60, 43)
	ea, eb, ec := exportBytes(t, a), exportBytes(t, b), exportBytes(t, c)
	if !bytes.Equal(ea, eb) {
		t.Fatal("the same seed and now gave different exports")
	}
	if bytes.Equal(ea, ec) {
		t.Fatal("different seeds gave the same export")
	}
	// Customers do not depend on how many others are made: the first 30 of 60 are the
	// first 30 of 30.
	small := collect(t, 30, 42)
	big := collect(t, 60, 42)
	var want, got [][]byte
	for _, r := range small {
		if r.CustomerNumber() != "" {
			want = append(want, r.AppendLine(nil))
		}
	}
	for _, r := range big {
		if n := r.CustomerNumber(); n != "" && len(got) < len(want) {
			got = append(got, r.AppendLine(nil))
		}
	}
	for i := range want {
		if !bytes.Equal(want[i], got[i]) {
			t.Fatalf("customer records differ with the customer count:\n%s\n%s", want[i], got[i])
		}
	}
}

// eachValue calls fn with every string value of a field of the given format, in records and
// child rows.
func eachValue(recs []*record.Record, format registry.Format, fn func(r *record.Record, field, v string)) {
	for _, r := range recs {
		for i := range r.Type.Fields {
			f := &r.Type.Fields[i]
			if f.Kind == registry.KindChildren {
				for _, row := range r.Rows(f.Name) {
					for j := range f.Child.Fields {
						cf := &f.Child.Fields[j]
						if s, ok := row[cf.Name].(string); ok && cf.Format == format && cf.Kind == registry.KindString {
							fn(r, f.Name+"."+cf.Name, s)
						}
					}
				}
				continue
			}
			if s := r.String(f.Name); s != "" && f.Format == format && f.Kind == registry.KindString {
				fn(r, f.Name, s)
			}
		}
	}
}

func shape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteByte('N')
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func TestPersonalNumbersAreValidInEveryForm(t *testing.T) {
	recs := collect(t, 400, 5)
	shapes := map[string]int{}
	kinds := map[normalize.IDKind]int{}
	n := 0
	eachValue(recs, registry.FormatPersonalNumber, func(r *record.Record, field, v string) {
		n++
		id, err := normalize.PersonalNumber(v, benchNow)
		if err != nil {
			t.Errorf("%s %s %s = %q: %v", r.Type.Name, r.ID, field, v, err)
			return
		}
		if !id.Valid {
			t.Errorf("%s %s %s = %q: wrong Luhn check digit", r.Type.Name, r.ID, field, v)
		}
		if id.Kind != normalize.IDOrganisation {
			born, err := time.Parse("20060102", id.Digits[:4]+dayOf(id))
			if err != nil {
				t.Errorf("%q: birth date %v", v, err)
			}
			if born.After(benchNow) {
				t.Errorf("%s %s: %q born after now", r.Type.Name, r.ID, v)
			}
			if strings.Contains(v, "+") && born.AddDate(100, 0, 0).After(benchNow) {
				t.Errorf("%q has a + but %s is under 100", v, id.Digits)
			}
		}
		if r.Type.Name == "customer" && (r.String("kind") == "company") != (id.Kind == normalize.IDOrganisation) {
			t.Errorf("customer %s (%s) has %s %q", r.ID, r.String("kind"), id.Kind, v)
		}
		shapes[shape(v)]++
		kinds[id.Kind]++
	})
	if n < 400 {
		t.Fatalf("only %d personal numbers", n)
	}
	for _, want := range []string{"NNNNNN-NNNN", "NNNNNNNN-NNNN", "NNNNNNNNNNNN", "NNNNNN+NNNN", "NNNNNNNNNN"} {
		if shapes[want] == 0 {
			t.Errorf("no personal number written %s (shapes: %v)", want, shapes)
		}
	}
	for _, k := range []normalize.IDKind{normalize.IDPerson, normalize.IDCoordination, normalize.IDOrganisation} {
		if kinds[k] == 0 {
			t.Errorf("no %s", k)
		}
	}
}

// dayOf is the month and real day of birth (coordination numbers add 60 to the day).
func dayOf(id normalize.ID) string {
	d := id.Digits[6:8]
	if id.Kind == normalize.IDCoordination {
		d = string(rune(d[0]-6)) + d[1:]
	}
	return id.Digits[4:6] + d
}

func TestPhonesAndEmailsParse(t *testing.T) {
	recs := collect(t, 200, 9)
	shapes := map[string]bool{}
	eachValue(recs, registry.FormatPhone, func(r *record.Record, field, v string) {
		e164, ok := normalize.Phone(v)
		if !ok || !strings.HasPrefix(e164, "+46") {
			t.Errorf("%s %s %s = %q: not a Swedish phone number", r.Type.Name, r.ID, field, v)
		}
		shapes[shape(v)] = true
	})
	for _, want := range []string{"NNN-NNN NN NN", "+NN NN NNN NN NN", "NNNNNNNNNNNNN", "NN-NNN NNN NN"} {
		if !shapes[want] {
			t.Errorf("no phone number written %s", want)
		}
	}
	emails := 0
	eachValue(recs, registry.FormatEmail, func(r *record.Record, field, v string) {
		emails++
		if _, ok := normalize.Email(v); !ok {
			t.Errorf("%s %s %s = %q: not an e-mail address", r.Type.Name, r.ID, field, v)
		}
	})
	if emails < 1000 {
		t.Errorf("only %d e-mail addresses", emails)
	}
}

func TestSwedishNamesAddressesAndMentions(t *testing.T) {
	recs := collect(t, 200, 11)
	var diacritics, postal, mentions, companies, privates int
	for _, r := range recs {
		switch r.Type.Name {
		case "customer":
			if strings.ContainsAny(r.String("name"), "åäöÅÄÖ") {
				diacritics++
			}
			if pc := r.String("postal_code"); len(shape(pc)) == 6 && shape(pc) == "NNN NN" {
				postal++
			}
			if r.String("street") == "" || r.String("city") == "" {
				t.Errorf("customer %s lacks an address", r.ID)
			}
			if r.String("kind") == "company" {
				companies++
			} else {
				privates++
			}
		case "case", "work_order", "todo":
			// Free text that names a customer or a contact by name.
			for _, f := range []string{"description", "text"} {
				for _, first := range firstNames {
					if strings.Contains(r.String(f), first+" ") {
						mentions++
						break
					}
				}
			}
		}
	}
	if diacritics < 20 || postal < 100 || mentions < 50 {
		t.Errorf("names with å/ä/ö: %d, postal codes 123 45: %d, free texts naming people: %d", diacritics, postal, mentions)
	}
	if companies < 40 || privates < 80 {
		t.Errorf("%d companies and %d private customers of 200", companies, privates)
	}
}

// The data set gives retention work: closed, deleted and invoiced records, events on both
// sides of 30 days and system log rows on both sides of three months, all before now.
func TestDatesAndStatusesGiveRetentionWork(t *testing.T) {
	recs := collect(t, 200, 13)
	statuses := map[string]int{}
	var eventsOld, eventsNew, logsOld, logsNew, versions int
	fiveYears := benchNow.AddDate(-5, 0, -1)
	customerSince := map[string]time.Time{}
	for _, r := range recs {
		if c, ok := customerSince[r.CustomerNumber()]; ok && r.Type.Name != "event" && r.Type.Name != "system_log" {
			if at, _ := r.Time(registry.FieldCreatedAt); at.Before(c) {
				t.Errorf("%s %s created %s, before its customer", r.Type.Name, r.ID, at)
			}
		}
		if r.Type.Name == "customer" {
			customerSince[r.CustomerNumber()], _ = r.Time(registry.FieldCreatedAt)
		}
		statuses[r.String(registry.FieldStatus)]++
		created, ok := r.Time(registry.FieldCreatedAt)
		if !ok || created.After(benchNow) || created.Before(fiveYears) {
			t.Fatalf("%s %s created_at %q outside the five years before now", r.Type.Name, r.ID, r.String(registry.FieldCreatedAt))
		}
		for _, f := range []string{registry.FieldUpdatedAt, registry.FieldClosedAt, registry.FieldDeletedAt, registry.FieldInvoicedAt} {
			if at, ok := r.Time(f); ok && (at.After(benchNow) || at.Before(created)) {
				t.Errorf("%s %s %s %s not between created_at and now", r.Type.Name, r.ID, f, r.String(f))
			}
		}
		versions += len(r.Rows(registry.FieldVersions))
		at, _ := r.Time("occurred_at")
		switch r.Type.Name {
		case "event":
			if at.Before(benchNow.AddDate(0, 0, -30)) {
				eventsOld++
			} else {
				eventsNew++
			}
		case "system_log":
			if at.Before(benchNow.AddDate(0, -3, 0)) {
				logsOld++
			} else {
				logsNew++
			}
		}
	}
	for _, s := range []string{registry.StatusOpen, registry.StatusClosed, registry.StatusDeleted, registry.StatusInvoiced} {
		if statuses[s] < 50 {
			t.Errorf("%d records %s", statuses[s], s)
		}
	}
	if eventsOld < 100 || eventsNew < 100 || logsOld < 50 || logsNew < 50 {
		t.Errorf("events old/new %d/%d, system log old/new %d/%d", eventsOld, eventsNew, logsOld, logsNew)
	}
	if versions < 500 {
		t.Errorf("only %d version history entries", versions)
	}
}

func TestStaffRolesAndGroups(t *testing.T) {
	recs := collect(t, 100, 2)
	roles := map[string]int{}
	users := map[string]bool{}
	groups := 0
	for _, r := range recs {
		switch r.Type.Name {
		case "user":
			users[r.ID] = true
			if !strings.HasSuffix(r.String("email"), "@"+firmDomain) || r.String("username") == "" {
				t.Errorf("user %s: %v", r.ID, r.Values)
			}
		case "permission":
			roles[r.String("role")]++
		case "group":
			groups++
			if len(r.Values["members"].([]string)) == 0 {
				t.Errorf("group %s has no members", r.ID)
			}
		}
	}
	if roles["admin"] == 0 || roles["gdpr_officer"] == 0 || roles["staff"] == 0 || groups == 0 {
		t.Errorf("roles %v, %d groups", roles, groups)
	}
}

func TestFillOnlyIntoNewStore(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	// What init writes: the first administrator, through the account service.
	accounts := auth.NewService(st, auth.Options{Params: auth.TestParams()})
	if _, err := accounts.Setup(ctx, auth.SetupInput{Username: "chefen", Password: "Korrekt-Häst-Batteri-9"}); err != nil {
		t.Fatal(err)
	}
	accountRecords, _ := st.Counts(ctx)
	res, err := Fill(ctx, st, Options{Customers: 5, Seed: 1, Now: benchNow})
	if err != nil {
		t.Fatalf("demo into a store holding only init's admin: %v", err)
	}
	before, _ := st.Counts(ctx)
	if _, err := Fill(ctx, st, Options{Customers: 5, Seed: 2, Now: benchNow}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second demo: err = %v, want ErrNotEmpty", err)
	}
	after, _ := st.Counts(ctx)
	var total, accountsTotal int64
	for typ, n := range after {
		total += n
		accountsTotal += accountRecords[typ]
		if before[typ] != n {
			t.Errorf("%s: %d records before the refused demo, %d after", typ, before[typ], n)
		}
	}
	if accountsTotal == 0 || total != int64(res.Records)+accountsTotal {
		t.Errorf("store holds %d records, want %d demo + %d from init", total, res.Records, accountsTotal)
	}

	// A user without a login account is data: the store is not new.
	other := newStore(t)
	userT, _ := registry.Get("user")
	u := record.New(userT, "U77")
	u.Set("username", "imported")
	if err := other.Update(ctx, func(tx *store.Tx) error { _, err := tx.Put(u, 0); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := Fill(ctx, other, Options{Customers: 1, Seed: 1, Now: benchNow}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("demo into a store with an imported user: err = %v, want ErrNotEmpty", err)
	}
}

func TestProgressAndCancel(t *testing.T) {
	var last, total int64
	opts := Options{Customers: 300, Seed: 1, Now: benchNow, Progress: func(d, n int64) { last, total = d, n }}
	if err := Generate(context.Background(), opts, func(*record.Record) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if last != 300 || total != 300 {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	stop := errors.New("stop")
	n := 0
	err := Generate(context.Background(), opts, func(*record.Record) error {
		if n++; n == 1000 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 1000 {
		t.Errorf("emit error: got %v after %d records", err, n)
	}
}

// Every field of every type, and every field of every child row, holds a value in some
// record: the registry-driven filler leaves nothing out.
func TestEveryFieldAndChildRowIsUsed(t *testing.T) {
	recs := collect(t, 200, 17)
	seen := map[string]bool{}
	for _, r := range recs {
		for name, v := range r.Values {
			seen[r.Type.Name+"."+name] = true
			if rows, ok := v.([]record.Row); ok {
				for _, row := range rows {
					for child := range row {
						seen[r.Type.Name+"."+name+"."+child] = true
					}
				}
			}
		}
	}
	// Lifecycle fields the data set leaves out on purpose: logs are written once and never
	// closed; permissions and groups are current; a user leaves (deleted) but is not closed.
	onPurpose := map[string]bool{
		"event.status": true, "event.updated_at": true, "event.closed_at": true, "event.deleted_at": true,
		"system_log.status": true, "system_log.updated_at": true, "system_log.closed_at": true, "system_log.deleted_at": true,
		"permission.closed_at": true, "permission.deleted_at": true, "group.closed_at": true, "group.deleted_at": true,
		"user.closed_at": true,
	}
	for _, typ := range registry.Types() {
		for _, f := range typ.Fields {
			if onPurpose[typ.Name+"."+f.Name] {
				continue
			}
			if !seen[typ.Name+"."+f.Name] {
				t.Errorf("%s.%s is never set", typ.Name, f.Name)
				continue
			}
			if f.Child == nil {
				continue
			}
			for _, cf := range f.Child.Fields {
				if !seen[typ.Name+"."+f.Name+"."+cf.Name] {
					t.Errorf("%s.%s[].%s is never set", typ.Name, f.Name, cf.Name)
				}
			}
		}
	}
}

// The demo's employees never take the username of the administrator init made.
func TestDemoUsernamesAvoidTheAdministrators(t *testing.T) {
	ctx := context.Background()
	names := func(st *store.Store) map[string]int {
		t.Helper()
		rows, err := st.DB.Query(`SELECT lower(json_extract(data, '$.username')) FROM records WHERE type = 'user'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			out[n]++
		}
		return out
	}
	// The name the demo gives its first employee, on a store without accounts.
	plain := newStore(t)
	if _, err := Fill(ctx, plain, Options{Customers: 5, Seed: 1, Now: benchNow}); err != nil {
		t.Fatal(err)
	}
	var first string
	if err := plain.DB.QueryRow(`SELECT json_extract(data, '$.username') FROM records WHERE type = 'user' AND ext_id = 'U1'`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	// An administrator already called that (in other case).
	st := newStore(t)
	accounts := auth.NewService(st, auth.Options{Params: auth.TestParams()})
	if _, err := accounts.Setup(ctx, auth.SetupInput{Username: strings.ToUpper(first), Password: "Korrekt-Häst-Batteri-9"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Fill(ctx, st, Options{Customers: 5, Seed: 1, Now: benchNow}); err != nil {
		t.Fatal(err)
	}
	for name, n := range names(st) {
		if n > 1 {
			t.Errorf("username %q is used by %d users", name, n)
		}
	}
	if len(names(st)) != len(names(plain))+1 {
		t.Errorf("%d usernames, want the demo's %d and the administrator", len(names(st)), len(names(plain)))
	}
}
