package retention

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/jsonl"
	"dataskydd/backend/store"
	"dataskydd/backend/store/storetest"
)

func newStore(t testing.TB) *store.Store {
	t.Helper()
	return storetest.New(t, store.CreateOptions{Lang: "sv"})
}

// importLines imports JSON Lines through the real importer.
func importLines(t testing.TB, st *store.Store, lines ...string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := jsonl.Import(context.Background(), st, []string{path}, jsonl.Options{}); err != nil {
		t.Fatalf("importing: %v", err)
	}
}

func exportAll(t testing.TB, st *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := jsonl.Export(context.Background(), st, &buf, jsonl.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// records exports the store as type/id -> decoded line.
func records(t testing.TB, st *store.Store) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	sc := bufio.NewScanner(bytes.NewReader(exportAll(t, st)))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		m := decodeLine(t, sc.Text())
		out[m["type"].(string)+"/"+m["id"].(string)] = m
	}
	return out
}

func decodeLine(t testing.TB, line string) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("decoding %s: %v", line, err)
	}
	return m
}

func enable(t testing.TB, st *store.Store, typeName string, days int) {
	t.Helper()
	on := true
	if _, err := SetPolicy(context.Background(), st, typeName, Change{Enabled: &on, Days: &days}); err != nil {
		t.Fatal(err)
	}
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func run(t testing.TB, st *store.Store, now time.Time) Report {
	t.Helper()
	rep, err := New(st, Options{}).Run(context.Background(), now, TriggerManual)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return rep
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
