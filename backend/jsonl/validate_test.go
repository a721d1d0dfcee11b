package jsonl

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// What the stricter checks must still accept: hours at both ends of their range, the largest
// finite numbers, surrogate pairs, and several anonymised customers sharing number "0" (an
// export of anonymised customers imports again).
func TestStrictChecksAcceptTheEdges(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	path := writeFile(t, `{"type":"time_report","id":"T1","hours":0}
{"type":"time_report","id":"T2","hours":24}
{"type":"time_report","id":"T3","hours":2.4e1}
{"type":"case","id":"K1","work_reports":[{"hours":0.25},{"hours":24.0}]}
{"type":"expense","id":"E1","amount":1.7976931348623157e308}
{"type":"expense","id":"E2","amount":-125.5}
{"type":"customer","id":"C1","customer_number":"1001","name":"Emoji \ud83d\ude00 Åsa"}
{"type":"customer","id":"C2","customer_number":"0","name":"Anonymiserad","email":"Anonymiserad","kind":"private"}
{"type":"customer","id":"C3","customer_number":"0"}
{"type":"case","id":"K2","customer_number":"0"}
`)
	res, err := Import(ctx, st, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 10 {
		t.Fatalf("records = %d", res.Records)
	}
	c1, err := st.Get(ctx, "customer", "C1")
	if err != nil {
		t.Fatal(err)
	}
	if got := c1.String("name"); got != "Emoji 😀 Åsa" {
		t.Errorf("name = %q", got)
	}
	// Re-importing a customer with its own number (an upsert) is no clash, nor is moving a
	// number from one customer to another in the same import.
	again := writeFile(t, `{"type":"customer","id":"C1","customer_number":"1002","name":"Åsa"}
{"type":"customer","id":"C4","customer_number":"1001","name":"Bo"}
`)
	if _, err := Import(ctx, st, []string{again}, Options{}); err != nil {
		t.Fatal(err)
	}
}

// A customer number already held by a stored customer (not touched by the import) is refused
// with the line and field, and nothing of the import is written.
func TestCustomerNumberClashWithTheStore(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	first := writeFile(t, `{"type":"customer","id":"C1","customer_number":"1001","name":"Åsa"}`+"\n")
	if _, err := Import(ctx, st, []string{first}, Options{}); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, `{"type":"user","id":"U1","username":"bo"}
{"type":"customer","id":"C2","customer_number":"1002","name":"Bo"}
{"type":"customer","id":"C3","customer_number":"1001","name":"Cia"}
`)
	_, err := Import(ctx, st, []string{path}, Options{})
	var le *LineError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want a LineError", err)
	}
	if le.File != path || le.Line != 3 || le.Field != "customer_number" || !strings.Contains(le.Msg, `already customer "C1"'s`) {
		t.Errorf("got %v", err)
	}
	counts, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 1 || counts["customer"] != 1 {
		t.Errorf("counts after the refused import: %v, want only the first customer", counts)
	}
	if c1, err := st.Get(ctx, "customer", "C1"); err != nil || c1.String("name") != "Åsa" {
		t.Errorf("C1 = %v, %v", c1, err)
	}
}
