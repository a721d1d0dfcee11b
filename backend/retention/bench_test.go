//go:build unix

package retention

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/store"
)

// benchNow is the demo store's --now.
var benchNow = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// BenchmarkSweep1M anonymises the due records of a store of about a million records, then
// times a run with nothing due (the hourly case) on the same store.
//
// The store is the demo data set when RETENTION_BENCH_STORE names a data folder made by
// `dataskydd demo --customers 25000 --seed 1 --now 2026-11-01T00:00:00Z` (it is copied,
// not changed); otherwise a synthetic store of the same shape (25,000 customers, 42
// records each, clocks spread over the five years before --now) is generated.
//
// Policies: the fixed event and system-log rows, and every other non-person policy on with
// N = 1460 days. Metrics: records/s of the sweep, its peak RSS, and nothing-due-ms.
func BenchmarkSweep1M(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		if src := os.Getenv("RETENTION_BENCH_STORE"); src != "" {
			copyStore(b, src, dir)
		} else {
			customers := 25000
			if n, err := strconv.Atoi(os.Getenv("RETENTION_BENCH_CUSTOMERS")); err == nil && n > 0 {
				customers = n // a smaller store, for profiling
			}
			synthStore(b, dir, customers)
		}
		st, err := store.Open(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		for _, typ := range []string{"customer_contact", "case", "work_order", "quote", "project", "service_case", "order", "invoice_basis", "deviation", "time_report", "expense"} {
			enable(b, st, typ, 1460)
		}
		counts, _ := st.Counts(ctx)
		total := 0
		for _, n := range counts {
			total += int(n)
		}
		runtime.GC()
		resetPeakRSS()
		batch, _ := strconv.Atoi(os.Getenv("RETENTION_BENCH_BATCH"))
		eng := New(st, Options{Batch: batch})
		b.StartTimer()
		cpu0 := cpuTime()
		start := time.Now()
		rep, err := eng.Run(ctx, benchNow, TriggerManual)
		elapsed := time.Since(start)
		cpu := cpuTime() - cpu0
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		peak := peakRSS()
		handled := rep.Total()
		if handled < 100000 && os.Getenv("RETENTION_BENCH_CUSTOMERS") == "" {
			b.Fatalf("the sweep handled %d records, want at least 100,000", handled)
		}
		const rounds = 20
		var idle time.Duration
		for j := 0; j < rounds; j++ {
			s := time.Now()
			r, err := eng.Run(ctx, benchNow, TriggerHourly)
			idle += time.Since(s)
			if err != nil || r.Total() != 0 {
				b.Fatalf("nothing-due run: %d records, %v", r.Total(), err)
			}
		}
		b.ReportMetric(float64(total), "store-records")
		b.ReportMetric(float64(handled), "records-swept")
		b.ReportMetric(float64(handled)/elapsed.Seconds(), "records/s")
		// On a shared machine wall time includes waiting for the CPU; this does not.
		b.ReportMetric(float64(handled)/cpu.Seconds(), "records/cpu-s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
		b.ReportMetric(float64(idle.Microseconds())/1000/rounds, "nothing-due-ms")
		st.Close()
	}
}

// BenchmarkNothingDue is the hourly run on a store where nothing is due.
func BenchmarkNothingDue(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	synthStore(b, dir, 2500)
	st, err := store.Open(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, typ := range []string{"case", "work_order", "order", "time_report"} {
		enable(b, st, typ, 1460)
	}
	eng := New(st, Options{})
	if _, err := eng.Run(ctx, benchNow, TriggerManual); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, err := eng.Run(ctx, benchNow, TriggerHourly); err != nil || r.Total() != 0 {
			b.Fatalf("%d, %v", r.Total(), err)
		}
	}
}

// cpuTime is the process's user + system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS reads VmHWM (bytes); 0 where /proc is missing.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n << 10
		}
	}
	return 0
}

func copyStore(b *testing.B, src, dst string) {
	for _, name := range []string{store.FileName, store.FileName + "-wal"} {
		in, err := os.Open(filepath.Join(src, name))
		if err != nil {
			if name != store.FileName {
				continue
			}
			b.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dst, name))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			b.Fatal(err)
		}
		in.Close()
		out.Close()
	}
}

// synthStore writes a store of customers*42 records (and 50 users) straight through
// store.Tx.Put, in transactions of 20,000 records.
func synthStore(b *testing.B, dir string, customers int) {
	ctx := context.Background()
	st, err := store.Create(ctx, dir, store.CreateOptions{Lang: "sv"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	g := &synth{span: 5 * 365 * 86400, base: benchNow.Add(-5 * 365 * 24 * time.Hour).Unix()}
	var lines [][]byte
	flush := func() {
		err := st.Update(ctx, func(tx *store.Tx) error {
			tx.Bulk = true
			for _, l := range lines {
				r, err := record.Decode(l)
				if err != nil {
					return err
				}
				if _, err := tx.Put(r, 0); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		lines = lines[:0]
	}
	for u := 0; u < 50; u++ {
		lines = append(lines, []byte(`{"type":"user","id":"U`+strconv.Itoa(u)+`","username":"user`+strconv.Itoa(u)+`","name":"Anställd Nummer`+strconv.Itoa(u)+`","email":"u`+strconv.Itoa(u)+`@firma.se","status":"open"}`))
	}
	for c := 0; c < customers; c++ {
		lines = g.customer(lines, c)
		if len(lines) >= 20000 {
			flush()
		}
	}
	flush()
	if _, err := st.DB.Exec("DELETE FROM outbox"); err != nil { // no index in the benchmark
		b.Fatal(err)
	}
}

type synth struct {
	span, base int64
	k          int64
}

// t returns the next pseudo-random time in the five years before benchNow.
func (g *synth) t() string {
	g.k++
	off := (g.k * 2654435761) % g.span
	return time.Unix(g.base+off, 0).UTC().Format(time.RFC3339)
}

func (g *synth) customer(out [][]byte, c int) [][]byte {
	cs := strconv.Itoa(c)
	no := strconv.Itoa(100000 + c)
	u := "U" + strconv.Itoa(c%50)
	add := func(s string) { out = append(out, []byte(s)) }
	person := `"name":"Kund` + cs + ` Karlsson","personal_number":"19800101-1234","email":"kund` + cs + `@example.se","mobile_phone":"0701` + pad(c) + `","street":"Storgatan ` + cs + `","postal_code":"11122","city":"Uppsala","notes":"Kunden vill bli uppringd"`
	add(`{"type":"customer","id":"C` + cs + `","customer_number":"` + no + `","kind":"private",` + person + `,"versions":[{"changed_at":"2024-01-01T00:00:00Z","changed_by":"` + u + `","fields":{"city":"Lund"}}],"status":"open","created_at":"` + g.t() + `"}`)
	for j := 0; j < 2; j++ {
		js := strconv.Itoa(j)
		add(`{"type":"contact_person","id":"CP` + cs + `_` + js + `","customer_number":"` + no + `","first_name":"Kontakt` + js + `","last_name":"Persson` + cs + `","email":"kp` + cs + `_` + js + `@example.se","mobile_phone":"0702` + pad(c) + `","notes":"Nås på förmiddagen","status":"open"}`)
	}
	block := `"customer_number":"` + no + `","contact_person":"CP` + cs + `_0","customer_info":"Portkod 1234","email":"kund` + cs + `@example.se"`
	end := `"end_customer_name":"Slut Kund` + cs + `","end_customer_address":"Lillgatan 1","end_customer_phone":"0703` + pad(c) + `","end_customer_email":"slut` + cs + `@example.se"`
	kids := `"comments":[{"author":"` + u + `","text":"Ringde kunden","created_at":"2024-01-01T00:00:00Z"}],"work_reports":[{"user":"` + u + `","text":"Arbete utfört","hours":2,"date":"2024-01-02"}],"conversations":[{"from_name":"Kund` + cs + ` Karlsson","from_email":"kund` + cs + `@example.se","from_phone":"0701` + pad(c) + `","body":"Tack för hjälpen","sent_at":"2024-01-03T10:00:00Z"}]`
	vers := `"versions":[{"changed_at":"2024-01-01T00:00:00Z","changed_by":"` + u + `","fields":{"title":"Gammal titel"}}]`
	multi := func(typ, prefix string, n int, extra string) {
		for j := 0; j < n; j++ {
			id := prefix + cs + "_" + strconv.Itoa(j)
			add(`{"type":"` + typ + `","id":"` + id + `","number":"` + id + `","title":"Uppdrag","description":"Beskrivning av uppdraget",` + block + `,` + end + `,` + kids + extra + `,` + vers + `,"status":"closed","created_at":"` + g.t() + `","closed_at":"` + g.t() + `"}`)
		}
	}
	multi("case", "K", 6, "")
	multi("work_order", "WO", 6, `,"extra_costs":[{"description":"Material","amount":100,"approved_by_name":"Kund`+cs+`","approved_by_phone":"0701`+pad(c)+`"}]`)
	for j := 0; j < 3; j++ {
		id := "Q" + cs + "_" + strconv.Itoa(j)
		add(`{"type":"quote","id":"` + id + `","number":"` + id + `","title":"Offert",` + block + `,"approved_by_name":"Kund` + cs + `","approved_by_email":"kund` + cs + `@example.se","approved_at":"2024-01-01T00:00:00Z","approved_ip":"192.0.2.1","sent_to_email":"kund` + cs + `@example.se",` + kids + `,"views":[{"viewed_at":"2024-01-01T00:00:00Z","email":"kund` + cs + `@example.se","ip":"192.0.2.1"}],` + vers + `,"status":"closed","closed_at":"` + g.t() + `"}`)
	}
	for j := 0; j < 2; j++ {
		id := "P" + cs + "_" + strconv.Itoa(j)
		add(`{"type":"project","id":"` + id + `","number":"` + id + `","name":"Projekt","description":"Tillbyggnad",` + block + `,` + end + `,` + kids + `,"payment_plans":[{"payer_name":"Kund` + cs + `","payer_email":"kund` + cs + `@example.se","amount":1000,"due_date":"2024-02-01"}],"sub_projects":[{"name":"Del","description":"Delprojekt"}],"partner_invitations":[{"partner_name":"Partner AB","partner_email":"p@partner.se","comment":"Välkommen"}],` + vers + `,"status":"closed","closed_at":"` + g.t() + `"}`)
	}
	for j := 0; j < 3; j++ {
		id := "S" + cs + "_" + strconv.Itoa(j)
		add(`{"type":"service_case","id":"` + id + `","number":"` + id + `","title":"Service",` + block + `,` + end + `,` + kids + `,` + vers + `,"status":"open","created_at":"2021-01-01T00:00:00Z","updated_at":"` + g.t() + `"}`)
	}
	for j := 0; j < 3; j++ {
		id := "O" + cs + "_" + strconv.Itoa(j)
		add(`{"type":"order","id":"` + id + `","number":"` + id + `",` + block + `,` + end + `,"delivery_address":"Leveransvägen 1",` + kids + `,` + vers + `,"status":"open","created_at":"` + g.t() + `"}`)
	}
	for j := 0; j < 2; j++ {
		id := "IB" + cs + "_" + strconv.Itoa(j)
		add(`{"type":"invoice_basis","id":"` + id + `","number":"` + id + `","customer_number":"` + no + `","rows":[{"kind":"article","text":"Arbete","amount":500},{"kind":"comment","text":"Enligt Kund` + cs + `"}],"comments":[{"author":"` + u + `","text":"Fakturerad"}],"status":"invoiced","invoiced_at":"` + g.t() + `"}`)
	}
	for j := 0; j < 4; j++ {
		add(`{"type":"customer_contact","id":"CC` + cs + `_` + strconv.Itoa(j) + `","customer_number":"` + no + `","contact_person":"CP` + cs + `_1","occurred_at":"` + g.t() + `","channel":"phone","subject":"Samtal","comments":[{"author":"` + u + `","text":"Kunden ringde"}]}`)
	}
	for j := 0; j < 4; j++ {
		add(`{"type":"event","id":"E` + cs + `_` + strconv.Itoa(j) + `","occurred_at":"` + g.t() + `","username":"user` + strconv.Itoa(c%50) + `","email":"u@firma.se","ip":"192.0.2.10","action":"update","target_type":"case","target_id":"K` + cs + `_0"}`)
	}
	for j := 0; j < 2; j++ {
		add(`{"type":"system_log","id":"L` + cs + `_` + strconv.Itoa(j) + `","occurred_at":"` + g.t() + `","kind":"login","username":"user` + strconv.Itoa(c%50) + `","ip":"192.0.2.10","code":"ok","message":"inloggning"}`)
	}
	for j := 0; j < 2; j++ {
		add(`{"type":"time_report","id":"TR` + cs + `_` + strconv.Itoa(j) + `","user":"` + u + `","date":"2024-01-01","hours":8,"work_order":"WO` + cs + `_0","comment":"Hos kund` + cs + `","updated_at":"` + g.t() + `"}`)
	}
	add(`{"type":"expense","id":"X` + cs + `","user":"` + u + `","customer_number":"` + no + `","date":"2024-01-01","amount":120,"description":"Parkering hos kund` + cs + `","updated_at":"` + g.t() + `"}`)
	add(`{"type":"deviation","id":"DV` + cs + `","user":"` + u + `","reported_at":"2024-01-01T08:00:00Z","description":"Sen","comments":[{"author":"` + u + `","text":"Trafik"}],"updated_at":"` + g.t() + `"}`)
	return out
}

func pad(c int) string {
	s := strconv.Itoa(c)
	for len(s) < 6 {
		s = "0" + s
	}
	return s
}
