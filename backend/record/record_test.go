package record

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

var seeds = []string{
	`{"type":"customer","id":"C1","customer_number":"1001","name":"Örjan \"Ö\" Östergren\n","created_at":"2023-05-01T10:00:00+02:00"}`,
	`{"id":"W1","type":"work_order","comments":[{"author":"U1","text":"a\u00e5\ud83d\ude00","created_at":"2024-02-01"}],"extra_costs":[{"amount":-1.5e3}]}`,
	`{"type":"case","id":"K1","versions":[{"changed_at":"2024-01-01T00:00:00Z","fields":{"title":"old","n":[1,{"x":null}]}}]}`,
	`{"type":"group","id":"G1","members":["U1","U2"],"name":null}`,
	`{"type":"time_report","id":"T1","hours":"seven"}`,
	`{"type":"customer","id":"C1"} {}`,
	`{"type":"customer","id":"C1",}`,
	`[1,2]`,
}

func TestDecodeEncodeRoundTrip(t *testing.T) {
	r, err := Decode([]byte(seeds[0]))
	if err != nil {
		t.Fatal(err)
	}
	if r.String("name") != "Örjan \"Ö\" Östergren\n" || r.String("created_at") != "2023-05-01T08:00:00Z" {
		t.Fatalf("values: %#v", r.Values)
	}
	line := r.AppendLine(nil)
	want := `{"type":"customer","id":"C1","customer_number":"1001","name":"Örjan \"Ö\" Östergren\n","created_at":"2023-05-01T08:00:00Z"}`
	if string(line) != want {
		t.Fatalf("line = %s", line)
	}
	w, err := Decode([]byte(seeds[1]))
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Rows("comments")[0]["text"]; got != "aå😀" {
		t.Fatalf("escapes: %q", got)
	}
}

func TestDecodeNamesTheField(t *testing.T) {
	for line, want := range map[string]string{
		seeds[4]: `field "hours": expected a number, got a string`,
		seeds[5]: "more than one JSON value",
		seeds[6]: "malformed JSON",
		seeds[7]: "not a JSON object",
		`{"type":"work_order","id":"W","extra_costs":[{"amount":1},{"nope":2}]}`: `field "extra_costs[1].nope": unknown field`,
		`{"type":"work_order","id":"W","extra_costs":[3]}`:                       `field "extra_costs[0]": expected an object, got a number`,
		`{"type":"group","id":"G","members":["U1",7]}`:                           `field "members": expected an array of strings`,
	} {
		_, err := Decode([]byte(line))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", line, err, want)
		}
	}
}

// FuzzDecode checks the hand-written reader against encoding/json: it never accepts what is
// not JSON, and what it accepts re-encodes to a canonical line that decodes to itself.
func FuzzDecode(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := Decode(line)
		if err != nil {
			return
		}
		if !json.Valid(line) {
			t.Fatalf("accepted invalid JSON %q", line)
		}
		canon := r.AppendLine(nil)
		if !json.Valid(canon) {
			t.Fatalf("canonical form is not JSON: %q", canon)
		}
		r2, err := Decode(canon)
		if err != nil {
			t.Fatalf("canonical form does not decode: %v\n%s", err, canon)
		}
		if again := r2.AppendLine(nil); !bytes.Equal(again, canon) {
			t.Fatalf("not canonical:\n%s\n%s", canon, again)
		}
	})
}
