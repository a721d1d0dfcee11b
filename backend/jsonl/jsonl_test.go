package jsonl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dataskydd/backend/store"
	"dataskydd/backend/store/storetest"
)

func newStore(t *testing.T) *store.Store {
	t.Helper()
	return storetest.New(t, store.CreateOptions{Lang: "sv"})
}

func export(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Export(context.Background(), st, &buf, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTripIsIdentical(t *testing.T) {
	ctx := context.Background()
	a := newStore(t)
	res, err := Import(ctx, a, []string{"testdata/small.jsonl"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 6 || res.Counts["work_order"] != 1 || res.Counts["customer"] != 1 {
		t.Fatalf("counts = %+v", res)
	}
	first := export(t, a)
	path := filepath.Join(t.TempDir(), "first.jsonl")
	if err := os.WriteFile(path, first, 0o600); err != nil {
		t.Fatal(err)
	}
	b := newStore(t)
	if _, err := Import(ctx, b, []string{path}, Options{}); err != nil {
		t.Fatal(err)
	}
	second := export(t, b)
	if !bytes.Equal(first, second) {
		t.Fatalf("exports differ:\n%s\n---\n%s", first, second)
	}
	// Times are normalised to UTC, dates alone stay dates, å/ä/ö stay as they are.
	for _, want := range []string{`"created_at":"2023-05-01T08:00:00Z"`, `"created_at":"2023-05-01"`, `"name":"Örjan Östergren"`, `"amount":450.5`} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("export lacks %s", want)
		}
	}
}

func TestUpsertReplacesWholeRecordAndChildren(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := Import(ctx, st, []string{"testdata/small.jsonl"}, Options{}); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, `{"type":"work_order","id":"WO1","title":"Ny titel","customer_number":"1001"}`+"\n")
	if _, err := Import(ctx, st, []string{path}, Options{}); err != nil {
		t.Fatal(err)
	}
	r, err := st.Get(ctx, "work_order", "WO1")
	if err != nil {
		t.Fatal(err)
	}
	if r.String("title") != "Ny titel" || r.String("end_customer_name") != "" || len(r.Rows("comments")) != 0 || r.String("contact_person") != "" {
		t.Fatalf("upsert kept old values: %+v", r.Values)
	}
	counts, _ := st.Counts(ctx)
	if counts["work_order"] != 1 {
		t.Fatalf("work orders = %d", counts["work_order"])
	}
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBadInputWritesNothing(t *testing.T) {
	good := `{"type":"customer","id":"C1","customer_number":"1001","name":"Åsa"}` + "\n"
	huge := func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "huge.jsonl")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(good + `{"type":"customer","id":"C2","notes":"`)
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for i := 0; i < 100; i++ {
			f.Write(chunk)
		}
		f.WriteString("\"}\n")
		f.Close()
		return path
	}
	cases := []struct {
		name    string
		content string
		file    func(t *testing.T) string
		line    int
		field   string
		msg     string
	}{
		{name: "malformed JSON", content: good + `{"type":"customer","id":"C2",` + "\n", line: 2, msg: "malformed JSON"},
		{name: "unknown type", content: good + `{"type":"spaceship","id":"S1"}` + "\n", line: 2, field: "type", msg: "unknown type"},
		{name: "unknown field", content: good + `{"type":"customer","id":"C2","shoe_size":"42"}` + "\n", line: 2, field: "shoe_size", msg: "unknown field"},
		{name: "unknown child field", content: good + `{"type":"case","id":"K1","comments":[{"text":"a","mood":"sad"}]}` + "\n", line: 2, field: "comments[0].mood", msg: "unknown field"},
		{name: "wrong JSON type", content: good + `{"type":"time_report","id":"T1","hours":"seven"}` + "\n", line: 2, field: "hours", msg: "expected a number, got a string"},
		{name: "wrong JSON type in child", content: good + `{"type":"work_order","id":"W1","extra_costs":[{"amount":true}]}` + "\n", line: 2, field: "extra_costs[0].amount", msg: "expected a number"},
		{name: "bad time", content: good + `{"type":"customer","id":"C2","created_at":"yesterday"}` + "\n", line: 2, field: "created_at", msg: "bad time"},
		{name: "bad enum", content: good + `{"type":"customer","id":"C2","status":"lost"}` + "\n", line: 2, field: "status", msg: "not one of"},
		{name: "dangling link", content: good + `{"type":"time_report","id":"T1","user":"U404"}` + "\n", line: 2, field: "user", msg: `user "U404"`},
		{name: "dangling child link", content: good + `{"type":"case","id":"K1","comments":[{"author":"U9","text":"x"}]}` + "\n", line: 2, field: "comments[0].author", msg: `user "U9"`},
		{name: "dangling customer number", content: good + `{"type":"case","id":"K1","customer_number":"9999"}` + "\n", line: 2, field: "customer_number", msg: `customer number "9999"`},
		{name: "duplicate id", content: good + good, line: 2, field: "id", msg: "appears twice"},
		{name: "invalid UTF-8", content: good + "{\"type\":\"customer\",\"id\":\"C2\",\"name\":\"\xff\xfe\"}\n", line: 2, msg: "invalid UTF-8"},
		{name: "empty file", content: "", line: 1, msg: "empty"},
		{name: "only blank lines", content: "\n\n  \n", line: 1, msg: "empty"},
		{name: "missing id", content: good + `{"type":"customer"}` + "\n", line: 2, field: "id", msg: "missing"},
		{name: "not JSON Lines: a JSON array", content: "[\n" + strings.TrimSuffix(good, "\n") + "\n]\n", line: 1, msg: "not a JSON object"},
		{name: "not JSON Lines: CSV", content: "type,id,name\ncustomer,C1,Åsa\n", line: 1, msg: "not a JSON object"},
		{name: "a line of 100 MB", file: huge, line: 2, msg: "line longer than"},
		// Escapes: a lone surrogate is no character (it used to be stored as U+FFFD).
		{name: "lone high surrogate", content: good + `{"type":"customer","id":"C2","name":"Åsa \ud800 Lind"}` + "\n", line: 2, field: "name", msg: "lone surrogate"},
		{name: "lone low surrogate", content: good + `{"type":"customer","id":"C2","name":"\udc00"}` + "\n", line: 2, field: "name", msg: "lone surrogate"},
		{name: "high surrogate then a non-surrogate", content: good + `{"type":"customer","id":"C2","name":"\ud800\u0041"}` + "\n", line: 2, field: "name", msg: "lone surrogate"},
		{name: "lone surrogate in a child row", content: good + `{"type":"case","id":"K1","comments":[{"text":"\ud83d"}]}` + "\n", line: 2, field: "comments", msg: "lone surrogate"},
		{name: "invalid escape", content: good + `{"type":"customer","id":"C2","name":"a\x41"}` + "\n", line: 2, field: "name", msg: "invalid escape"},
		{name: "short \\u escape", content: good + `{"type":"customer","id":"C2","name":"\u12"}` + "\n", line: 2, field: "name", msg: "invalid \\u escape"},
		{name: "non-hex \\u escape", content: good + `{"type":"customer","id":"C2","name":"\u+123"}` + "\n", line: 2, field: "name", msg: "invalid \\u escape"},
		// Duplicate keys: the last value must not win silently.
		{name: "duplicate key", content: good + `{"type":"customer","id":"C2","name":"Åsa","name":"Bo"}` + "\n", line: 2, field: "name", msg: "duplicate key"},
		{name: "duplicate id key", content: good + `{"type":"customer","id":"C2","id":"C3"}` + "\n", line: 2, field: "id", msg: "duplicate key"},
		{name: "duplicate type key", content: good + `{"type":"customer","type":"user","id":"C2"}` + "\n", line: 2, field: "type", msg: "duplicate key"},
		{name: "duplicate key with null", content: good + `{"type":"customer","id":"C2","name":"Åsa","name":null}` + "\n", line: 2, field: "name", msg: "duplicate key"},
		{name: "duplicate key in a child row", content: good + `{"type":"case","id":"K1","comments":[{"text":"a","text":"b"}]}` + "\n", line: 2, field: "comments[0].text", msg: "duplicate key"},
		{name: "duplicate key in a version's old values", content: good + `{"type":"customer","id":"C2","versions":[{"fields":{"name":"a","name":"b"}}]}` + "\n", line: 2, field: "versions[0].fields", msg: "duplicate key"},
		// Customer numbers name one customer; "0" is for anonymised customers only.
		{name: "customer number of two customers", content: good + `{"type":"user","id":"U2","username":"x"}` + "\n" + `{"type":"customer","id":"C2","customer_number":"1001","name":"Bo"}` + "\n", line: 3, field: "customer_number", msg: `customer number "1001" is also customer "C1"'s`},
		{name: "customer number 0 on a customer", content: good + `{"type":"customer","id":"C2","customer_number":"0","name":"Bo Ek"}` + "\n", line: 2, field: "customer_number", msg: "reserved for anonymised customers"},
		{name: "customer number 0 with a version history", content: good + `{"type":"customer","id":"C2","customer_number":"0","name":"Anonymiserad","versions":[{"changed_at":"2024-01-01"}]}` + "\n", line: 2, field: "customer_number", msg: "(versions)"},
		{name: "customer number 0, the other language's word", content: good + `{"type":"customer","id":"C2","customer_number":"0","name":"Anonymised"}` + "\n", line: 2, field: "customer_number", msg: "(name)"},
		// Numbers: finite, and in the range the registry declares.
		{name: "hours above 24", content: good + `{"type":"time_report","id":"T1","hours":24.25}` + "\n", line: 2, field: "hours", msg: "between 0 and 24"},
		{name: "negative hours", content: good + `{"type":"time_report","id":"T1","hours":-1}` + "\n", line: 2, field: "hours", msg: "out of range"},
		{name: "negative zero point five hours in a work report", content: good + `{"type":"case","id":"K1","work_reports":[{"hours":8},{"hours":-0.5}]}` + "\n", line: 2, field: "work_reports[1].hours", msg: "out of range"},
		{name: "hours 1e400", content: good + `{"type":"time_report","id":"T1","hours":1e400}` + "\n", line: 2, field: "hours", msg: "not a finite number"},
		{name: "amount 1e400", content: good + `{"type":"expense","id":"E1","amount":1e400}` + "\n", line: 2, field: "amount", msg: "not a finite number"},
		{name: "1e400 among a version's old values", content: good + `{"type":"customer","id":"C2","versions":[{"fields":{"notes":"x","amount":1e400}}]}` + "\n", line: 2, field: "versions[0].fields", msg: "not a finite number"},
		{name: "amount -1e400 in a child row", content: good + `{"type":"invoice_basis","id":"I1","rows":[{"kind":"article","amount":-1e400}]}` + "\n", line: 2, field: "rows[0].amount", msg: "not a finite number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			st := newStore(t)
			path := ""
			if c.file != nil {
				path = c.file(t)
			} else {
				path = writeFile(t, c.content)
			}
			// A good file given first in the same import must not be imported either.
			goodPath := filepath.Join(t.TempDir(), "good.jsonl")
			os.WriteFile(goodPath, []byte(`{"type":"user","id":"U1","username":"bo"}`+"\n"), 0o600)
			_, err := Import(ctx, st, []string{goodPath, path}, Options{})
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a LineError", err)
			}
			if !errors.Is(err, ErrImport) {
				t.Errorf("err does not wrap ErrImport")
			}
			if le.File != path || le.Line != c.line || le.Field != c.field || !strings.Contains(le.Msg, c.msg) {
				t.Errorf("got %s:%d field %q %q; want line %d field %q containing %q", le.File, le.Line, le.Field, le.Msg, c.line, c.field, c.msg)
			}
			if !strings.HasPrefix(err.Error(), path+":") {
				t.Errorf("message %q does not start with file:line", err)
			}
			counts, err := st.Counts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(counts) != 0 {
				t.Errorf("something was written: %v", counts)
			}
			var outbox int
			st.DB.QueryRow("SELECT COUNT(*) FROM outbox").Scan(&outbox)
			if outbox != 0 {
				t.Errorf("outbox has %d rows", outbox)
			}
		})
	}
}

func TestLinkToRecordLaterInFileAndAnonymisedCustomer(t *testing.T) {
	path := writeFile(t, `{"type":"time_report","id":"T1","user":"U1"}
{"type":"case","id":"K1","customer_number":"0"}
{"type":"user","id":"U1","username":"bo"}
`)
	st := newStore(t)
	res, err := Import(context.Background(), st, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 3 {
		t.Fatalf("records = %d", res.Records)
	}
}

func indexNames(t *testing.T, st *store.Store) string {
	t.Helper()
	rows, err := st.DB.Query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('records', 'links') AND sql IS NOT NULL ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	return strings.Join(names, ",")
}

// A large import into an almost empty store builds the secondary indexes after the rows; they
// must all be back afterwards, and a rejected import must leave them as they were.
func TestLargeImportRebuildsIndexes(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	before := indexNames(t, st)
	var b strings.Builder
	b.WriteString(`{"type":"user","id":"U1","username":"anna"}` + "\n")
	for i := 0; b.Len() < 9<<20; i++ {
		fmt.Fprintf(&b, `{"type":"customer","id":"C%d","customer_number":"%d","name":"Åsa Lind %d","notes":"%s"}`+"\n", i, 1000+i, i, strings.Repeat("x", 200))
		fmt.Fprintf(&b, `{"type":"time_report","id":"T%d","user":"U1","comment":"%s","created_at":"2024-01-01"}`+"\n", i, strings.Repeat("y", 200))
	}
	bad := writeFile(t, b.String()+`{"type":"case","id":"K1","customer_number":"424242"}`+"\n")
	if _, err := Import(ctx, st, []string{bad}, Options{}); err == nil || !strings.Contains(err.Error(), `"424242"`) {
		t.Fatalf("dangling customer number: %v", err)
	}
	if got := indexNames(t, st); got != before {
		t.Fatalf("indexes after a rejected import: %s, want %s", got, before)
	}
	good := writeFile(t, b.String())
	res, err := Import(ctx, st, []string{good}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := indexNames(t, st); got != before {
		t.Fatalf("indexes after the import: %s, want %s", got, before)
	}
	var links, due int
	st.DB.QueryRow("SELECT COUNT(*) FROM links WHERE to_id = 'U1'").Scan(&links)
	if links != res.Counts["time_report"] {
		t.Errorf("links = %d, want one per time report (%d)", links, res.Counts["time_report"])
	}
	st.DB.QueryRow("SELECT COUNT(*) FROM records INDEXED BY records_clock WHERE type = 'time_report' AND clock IS NOT NULL").Scan(&due)
	if due != res.Counts["time_report"] {
		t.Errorf("clock index holds %d time reports, want %d", due, res.Counts["time_report"])
	}
}
