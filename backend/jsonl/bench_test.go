package jsonl

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"dataskydd/backend/store"
)

// writeSynthetic writes n work orders (with comments and a linked customer and user per 40)
// as JSON Lines: a stand-in for the demo data set's shape, to measure the import path alone.
func writeSynthetic(b *testing.B, n int) string {
	path := filepath.Join(b.TempDir(), "synthetic.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, `{"type":"user","id":"U1","username":"anna","name":"Anna Åström","email":"anna@firma.se"}`)
	for i := 0; i < n; i++ {
		if i%40 == 0 {
			fmt.Fprintf(w, `{"type":"customer","id":"C%d","customer_number":"%d","kind":"private","name":"Örjan Östergren %d","personal_number":"19800101-1234","email":"o%d@example.se","mobile_phone":"070-123 45 67","street":"Storgatan %d","postal_code":"111 22","city":"Göteborg","status":"open","created_at":"2023-05-01T10:00:00Z"}`+"\n", i, 1000+i, i, i, i)
			continue
		}
		c := 1000 + i - i%40
		fmt.Fprintf(w, `{"type":"work_order","id":"W%d","number":"%d","title":"Byte av värmepump","description":"Kunden Kalle Ek vill ha besök","customer_number":"%d","email":"kund@example.se","end_customer_name":"Kalle Ek","comments":[{"author":"U1","text":"Ring innan","created_at":"2024-02-01T09:00:00Z"}],"status":"closed","created_at":"2024-01-10T07:00:00Z","closed_at":"2024-02-02T16:00:00Z"}`+"\n", i, i, c)
	}
	w.Flush()
	f.Close()
	return path
}

func BenchmarkImport(b *testing.B) {
	const n = 100_000
	path := writeSynthetic(b, n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Create(context.Background(), b.TempDir(), store.CreateOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Import(context.Background(), st, []string{path}, Options{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
