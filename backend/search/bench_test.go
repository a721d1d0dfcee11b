package search

// The person-search benchmark (make bench-search).
//
//	go test -tags webkit2_41 -run '^$' -bench BenchmarkPersonSearch -benchtime 1x ./backend/search/
//
// The store is either an existing data folder (SEARCH_BENCH_DIR, e.g. one filled by
// `dataskydd demo --customers 25000`, about 1M records) or a synthetic one generated here
// with SEARCH_BENCH_RECORDS records (default 100000). Into either, 250 probe people are
// planted, each in eight records of different types and with every value in another
// format; their records are the ground truth of 1,000 fixed queries (250 each of names,
// phone numbers, personnummer and e-mail addresses, each written in another format than
// the data, names also without diacritics or with a typo). The same queries run as the
// baseline a user would otherwise have, SQL LIKE '%query%' over the records' data, on
// SEARCH_BENCH_LIKE queries (default 100; each is a full scan). Reported: index build
// records/s and size, latency p50/p95/p99 of both, and the recall of both.

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/normalize"
	"dataskydd/backend/record"
	"dataskydd/backend/store"
)

var (
	benchFirst = []string{"Åsa", "Örjan", "Märta", "Björn", "Gunnel", "Lars", "Anna", "Håkan", "Jöns", "Kjell",
		"Sölve", "Ebba", "Ulla", "Göran", "Ingrid", "Åke", "Linnéa", "Per", "Karin", "Sten", "Maja", "Elin", "Tove", "Nils"}
	benchLast = []string{"Östergren", "Åkesson", "Lindqvist", "Bäckström", "Sjöberg", "Håkansson", "Ödmark", "Nyström",
		"Wästlund", "Fröberg", "Ekström", "Hägglund", "Löfgren", "Söderlund", "Malmström", "Järvinen", "Öhlund",
		"Karlsson", "Ängquist", "Dahlén", "Granlöf", "Strömbäck", "Lövgren", "Sandström", "Björklund", "Persson"}
	benchWords = []string{"kran", "läcka", "offert", "besök", "faktura", "ring", "tillbaka", "nyckel", "portkod",
		"måndag", "fredag", "material", "rör", "el", "värme", "avtal", "service", "klart", "kund", "ärende"}
)

// benchPerson is a probe person planted in the store.
type benchPerson struct {
	first, last string
	phone       string // 9 national digits after the 0, e.g. "701234567"
	pnr         string // 12 digits
	email       string
	records     map[string][]string // query kind -> type/id of every record holding that value
}

func phoneFormat(d string, f int) string {
	a, b := d[:2], d[2:]
	switch f % 8 {
	case 0:
		return "0" + a + "-" + b[:3] + " " + b[3:5] + " " + b[5:]
	case 1:
		return "0" + d
	case 2:
		return "+46 " + a + " " + b[:3] + " " + b[3:5] + " " + b[5:]
	case 3:
		return "+46" + d
	case 4:
		return "0046" + d
	case 5:
		return "0" + a + "-" + b
	case 6:
		return "0" + a + " " + b[:3] + " " + b[3:5] + " " + b[5:]
	}
	return "0046 " + a + " " + b[:3] + " " + b[3:5] + " " + b[5:]
}

func pnrFormat(p string, f int) string {
	switch f % 4 {
	case 0:
		return p[2:8] + "-" + p[8:]
	case 1:
		return p[:8] + "-" + p[8:]
	case 2:
		return p
	}
	return p[2:]
}

func luhnDigit(nine string) string {
	for c := '0'; c <= '9'; c++ {
		if normalize.Luhn(nine + string(c)) {
			return string(c)
		}
	}
	return "0"
}

func randPNR(r *rand.Rand) string {
	d := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(65*365))
	nine := d.Format("060102") + fmt.Sprintf("%03d", r.IntN(1000))
	return d.Format("2006")[:2] + nine + luhnDigit(nine)
}

// mobileDigits returns 9 national digits of a Swedish mobile number.
func mobileDigits(r *rand.Rand) string {
	return "7" + string("0236"[r.IntN(4)]) + fmt.Sprintf("%07d", r.IntN(10000000))
}

func lineRecord(tb testing.TB, line string) *record.Record {
	r, err := record.Decode([]byte(line))
	if err != nil {
		tb.Fatalf("bench data %s: %v", line, err)
	}
	return r
}

func q(s string) string { return strconv.Quote(s) }

// fillSynthetic writes n records of several types with random Swedish people.
func fillSynthetic(tb testing.TB, st *store.Store, n int) {
	r := rand.New(rand.NewPCG(1, 2))
	name := func() string {
		return benchFirst[r.IntN(len(benchFirst))] + " " + benchLast[r.IntN(len(benchLast))]
	}
	text := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = benchWords[r.IntN(len(benchWords))]
		}
		return strings.Join(w, " ")
	}
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			var line string
			switch i % 10 {
			case 0, 1:
				line = fmt.Sprintf(`{"type":"customer","id":"S%d","customer_number":"%d","name":%s,"personal_number":%s,"email":"k%d@exempel.se","mobile_phone":%s,"city":"Umeå","notes":%s}`,
					i, 100000+i, q(name()), q(pnrFormat(randPNR(r), r.IntN(4))), i, q(phoneFormat(mobileDigits(r), r.IntN(8))), q(text(6)))
			case 2, 3:
				line = fmt.Sprintf(`{"type":"case","id":"S%d","title":%s,"description":%s,"end_customer_name":%s,"end_customer_phone":%s,"comments":[{"text":%s},{"text":%s}]}`,
					i, q(text(3)), q(text(12)), q(name()), q(phoneFormat(mobileDigits(r), r.IntN(8))), q(text(8)+" "+name()), q(text(5)))
			case 4:
				line = fmt.Sprintf(`{"type":"work_order","id":"S%d","title":%s,"description":%s,"conversations":[{"from_name":%s,"from_email":"w%d@exempel.se","body":%s}]}`,
					i, q(text(3)), q(text(15)), q(name()), i, q(text(10)))
			case 5:
				line = fmt.Sprintf(`{"type":"todo","id":"S%d","text":%s}`, i, q("Ring "+name()+" "+text(4)))
			case 6:
				line = fmt.Sprintf(`{"type":"contact_person","id":"S%d","first_name":%s,"last_name":%s,"email":"c%d@exempel.se","mobile_phone":%s}`,
					i, q(benchFirst[r.IntN(len(benchFirst))]), q(benchLast[r.IntN(len(benchLast))]), i, q(phoneFormat(mobileDigits(r), r.IntN(8))))
			case 7:
				line = fmt.Sprintf(`{"type":"event","id":"S%d","username":"u%d","email":"e%d@exempel.se","ip":"10.0.%d.%d","action":"login"}`, i, i%50, i%50, i%250, i%200)
			case 8:
				line = fmt.Sprintf(`{"type":"time_report","id":"S%d","hours":2,"comment":%s}`, i, q(text(6)))
			default:
				line = fmt.Sprintf(`{"type":"quote","id":"S%d","title":%s,"approved_by_name":%s,"approved_by_phone":%s}`,
					i, q(text(3)), q(name()), q(phoneFormat(mobileDigits(r), r.IntN(8))))
			}
			if _, err := tx.Put(lineRecord(tb, line), 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// plantProbes writes the probe people (upserts with fixed ids, so a bench store can be
// reused) and returns them with their ground truth.
func plantProbes(tb testing.TB, st *store.Store, n int) []*benchPerson {
	r := rand.New(rand.NewPCG(7, 11))
	var people []*benchPerson
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		for j := 0; j < n; j++ {
			p := &benchPerson{
				first: benchFirst[r.IntN(len(benchFirst))], last: benchLast[r.IntN(len(benchLast))],
				phone: mobileDigits(r), pnr: randPNR(r), records: map[string][]string{},
			}
			p.email = fmt.Sprintf("%s.%s%d@probe-exempel.se", normalize.Fold(p.first), normalize.Fold(p.last), j)
			full := p.first + " " + p.last
			f := r.IntN(8)
			id := func(k int) string { return fmt.Sprintf("PROBE-%d-%d", j, k) }
			lines := []struct {
				line  string
				kinds string // which values the record holds: n name, p phone, s personnummer, e e-mail
			}{
				{fmt.Sprintf(`{"type":"customer","id":%s,"customer_number":"%d","kind":"private","name":%s,"personal_number":%s,"email":%s,"mobile_phone":%s}`,
					q(id(1)), 900000+j, q(full), q(pnrFormat(p.pnr, f)), q(p.email), q(phoneFormat(p.phone, f))), "npse"},
				{fmt.Sprintf(`{"type":"case","id":%s,"title":"Läcka","end_customer_name":%s,"end_customer_phone":%s,"comments":[{"text":%s}]}`,
					q(id(2)), q(full), q(phoneFormat(p.phone, f+1)), q("Samtal med "+full+", nås på "+phoneFormat(p.phone, f+2)+" efter lunch")), "np"},
				{fmt.Sprintf(`{"type":"work_order","id":%s,"title":"Service","description":%s,"conversations":[{"from_name":%s,"from_email":%s,"from_phone":%s,"body":"Hej!"}]}`,
					q(id(3)), q("Kund "+full+" pnr "+pnrFormat(p.pnr, f+1)+", portkod 1234"), q(full), q(strings.ToUpper(p.email)), q(phoneFormat(p.phone, f+3))), "npse"},
				{fmt.Sprintf(`{"type":"quote","id":%s,"title":"Offert","approved_by_name":%s,"approved_by_email":%s,"approved_by_phone":%s}`,
					q(id(4)), q(full), q(p.email), q(phoneFormat(p.phone, f+4))), "npe"},
				{fmt.Sprintf(`{"type":"todo","id":%s,"text":%s}`, q(id(5)), q("Ring "+full+" på "+phoneFormat(p.phone, f+5)+" om fakturan")), "np"},
				{fmt.Sprintf(`{"type":"inventory","id":%s,"subject_name":%s,"subject_personal_number":%s,"subject_email":%s,"subject_phone":%s}`,
					q(id(6)), q(full), q(pnrFormat(p.pnr, f+2)), q(p.email), q(phoneFormat(p.phone, f+6))), "npse"},
				{fmt.Sprintf(`{"type":"contact_person","id":%s,"first_name":%s,"last_name":%s,"email":%s,"mobile_phone":%s}`,
					q(id(7)), q(p.first), q(p.last), q(strings.ToUpper(p.email[:1])+p.email[1:]), q(phoneFormat(p.phone, f+7))), "npe"},
				{fmt.Sprintf(`{"type":"project","id":%s,"name":"Renovering","payment_plans":[{"payer_name":%s,"payer_phone":%s,"payer_personal_number":%s,"amount":100}]}`,
					q(id(8)), q(full), q(phoneFormat(p.phone, f)), q(pnrFormat(p.pnr, f+3))), "nps"},
			}
			for _, l := range lines {
				rec := lineRecord(tb, l.line)
				if _, err := tx.Put(rec, 0); err != nil {
					return err
				}
				for _, k := range l.kinds {
					p.records[string(k)] = append(p.records[string(k)], rec.Type.Name+"/"+rec.ID)
				}
			}
			people = append(people, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return people
}

type benchQuery struct {
	kind   string
	text   string
	truth  []string // type/id
	person *benchPerson
}

// benchQueries: 250 of each kind, each written in a format the data may not use.
func benchQueries(people []*benchPerson) []benchQuery {
	r := rand.New(rand.NewPCG(3, 5))
	var qs []benchQuery
	for i := 0; i < 1000; i++ {
		p := people[(i/4)%len(people)]
		switch i % 4 {
		case 0:
			text := p.first + " " + p.last
			switch r.IntN(4) {
			case 1:
				text = normalize.Fold(text)
			case 2:
				text = strings.ToLower(text)
			case 3: // a typo in the surname (they all have five letters or more)
				rs := []rune(p.last)
				k := 1 + r.IntN(len(rs)-1)
				rs[k] = 'x'
				text = p.first + " " + string(rs)
			}
			qs = append(qs, benchQuery{"name", text, p.records["n"], p})
		case 1:
			qs = append(qs, benchQuery{"phone", phoneFormat(p.phone, r.IntN(8)), p.records["p"], p})
		case 2:
			qs = append(qs, benchQuery{"personnummer", pnrFormat(p.pnr, r.IntN(4)), p.records["s"], p})
		default:
			qs = append(qs, benchQuery{"email", strings.ToUpper(p.email), p.records["e"], p})
		}
	}
	return qs
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func recall(found map[string]bool, truth []string) (hit, all int) {
	for _, t := range truth {
		if found[t] {
			hit++
		}
	}
	return hit, len(truth)
}

func BenchmarkPersonSearch(b *testing.B) {
	ctx := context.Background()
	var st *store.Store
	var err error
	if dir := os.Getenv("SEARCH_BENCH_DIR"); dir != "" {
		if st, err = store.Open(ctx, dir); err != nil {
			b.Fatal(err)
		}
	} else {
		if st, err = store.Create(ctx, b.TempDir(), store.CreateOptions{Lang: "sv"}); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		fillSynthetic(b, st, envInt("SEARCH_BENCH_RECORDS", 100000))
		b.Logf("generated the synthetic store in %s", time.Since(start).Round(time.Millisecond))
	}
	defer st.Close()
	people := plantProbes(b, st, 250)
	queries := benchQueries(people)
	var records int
	if err := st.DB.QueryRow("SELECT count(*) FROM records").Scan(&records); err != nil {
		b.Fatal(err)
	}
	var ix *Index
	b.Run("build", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if ix != nil {
				ix.Close()
			}
			start, cpu0 := time.Now(), cpuTime()
			if os.Getenv("SEARCH_BENCH_OPEN") != "" {
				// Reuse the store's index (for working on query speed; the build figures
				// are then those of opening it and applying the probes).
				ix, err = Open(ctx, st)
			} else {
				ix, err = Build(ctx, st, nil)
			}
			if err != nil {
				b.Fatal(err)
			}
			el, cpu := time.Since(start), cpuTime()-cpu0
			b.ReportMetric(float64(records)/el.Seconds(), "records/s")
			b.ReportMetric(float64(records)/cpu.Seconds(), "records/cpu-s")
			b.ReportMetric(float64(dirSize(ix.Dir()))/(1<<20), "index-MB")
			b.Logf("index build: %d records in %s (%s CPU) = %.0f records/s (%.0f per CPU-second); index %.1f MB",
				records, el.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(records)/el.Seconds(),
				float64(records)/cpu.Seconds(), float64(dirSize(ix.Dir()))/(1<<20))
		}
	})
	if ix == nil {
		b.Fatal("no index")
	}
	defer ix.Close()

	// Recall first (every hit, untimed), then latency with the app's default limit.
	// Precision: the hits about someone else, per query: in a record that is not the probe
	// person's, with a value that does not name them (a namesake, whose value holds both
	// words of the name, is counted apart: a name alone cannot tell two people apart; the
	// screen groups them as two people and erasure acts on chosen values only).
	others := map[string][4]int{} // kind -> queries, hits about someone else, about a namesake, someone else matched exactly
	indexRecall := func(sub []benchQuery) (map[string][2]int, error) {
		out := map[string][2]int{}
		for _, bq := range sub {
			res, err := ix.Search(ctx, bq.text, -1)
			if err != nil {
				return nil, err
			}
			found := map[string]bool{}
			o := others[bq.kind]
			o[0]++
			for _, h := range res.Hits {
				found[h.Type+"/"+h.ID] = true
				switch {
				case ownProbe(bq, h.ID):
				case h.Match == MatchLink && sameName(ix, bq, h.LinkTo):
					o[2]++
				case bq.kind == "name" && h.Match != MatchLink && holdsName(h.Value, bq.person):
					o[2]++
				default:
					o[1]++
					if h.Match == MatchExact {
						o[3]++
					}
					if os.Getenv("SEARCH_BENCH_SHOW") != "" && o[3] < 60 && h.Match == MatchExact {
						fmt.Fprintf(os.Stderr, "someone else? %q -> %s/%s %s %s %q\n", bq.text, h.Type, h.ID, h.Field, h.Match, h.Value)
					}
				}
			}
			others[bq.kind] = o
			h, a := recall(found, bq.truth)
			c := out[bq.kind]
			out[bq.kind] = [2]int{c[0] + h, c[1] + a}
			if h < a {
				miss := []string{}
				for _, t := range bq.truth {
					if !found[t] {
						miss = append(miss, t)
					}
				}
				b.Logf("index missed %v for %s query %q", miss, bq.kind, bq.text)
			}
		}
		return out, nil
	}
	b.Run("index", func(b *testing.B) {
		var lat, cpuLat []time.Duration
		byKind := map[string][]time.Duration{}
		for i := 0; i < b.N; i++ {
			for _, bq := range queries {
				start, cpu0 := time.Now(), cpuTime()
				if _, err := ix.Search(ctx, bq.text, DefaultLimit); err != nil {
					b.Fatal(err)
				}
				d := time.Since(start)
				if os.Getenv("SEARCH_BENCH_SHOW") != "" && d > 8*time.Millisecond {
					fmt.Fprintf(os.Stderr, "slow: %s %q\n", d.Round(100*time.Microsecond), bq.text)
				}
				cpuLat = append(cpuLat, cpuTime()-cpu0)
				lat = append(lat, d)
				byKind[bq.kind] = append(byKind[bq.kind], d)
			}
		}
		b.ReportMetric(ms(percentile(cpuLat, 0.95)), "p95-cpu-ms")
		b.Logf("index, CPU time per query: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms",
			ms(percentile(cpuLat, 0.5)), ms(percentile(cpuLat, 0.95)), ms(percentile(cpuLat, 0.99)))
		for _, k := range []string{"name", "phone", "personnummer", "email"} {
			b.Logf("index, %s queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms", k,
				ms(percentile(byKind[k], 0.5)), ms(percentile(byKind[k], 0.95)), ms(percentile(byKind[k], 0.99)))
		}
		b.ReportMetric(ms(percentile(lat, 0.50)), "p50-ms")
		b.ReportMetric(ms(percentile(lat, 0.95)), "p95-ms")
		b.ReportMetric(ms(percentile(lat, 0.99)), "p99-ms")
		b.ReportMetric(0, "ns/op")
		rc, err := indexRecall(queries)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("index: %d queries over %d records: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; recall %s",
			len(queries), records, ms(percentile(lat, 0.5)), ms(percentile(lat, 0.95)), ms(percentile(lat, 0.99)), recallString(rc))
		b.Logf("index precision, hits about someone else per query: %s", othersString(others))
	})

	nLike := min(envInt("SEARCH_BENCH_LIKE", 100), len(queries))
	b.Run("like", func(b *testing.B) {
		stmt, err := st.DB.PrepareContext(ctx, `SELECT type, ext_id FROM records WHERE type != 'system_log' AND data LIKE ? ESCAPE '\'`)
		if err != nil {
			b.Fatal(err)
		}
		defer stmt.Close()
		var lat, ixLat []time.Duration
		rc := map[string][2]int{}
		likeOthers := map[string][4]int{}
		for i := 0; i < b.N; i++ {
			for _, bq := range queries[:nLike] {
				pat := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(bq.text) + "%"
				start := time.Now()
				rows, err := stmt.QueryContext(ctx, pat)
				if err != nil {
					b.Fatal(err)
				}
				found := map[string]bool{}
				o := likeOthers[bq.kind]
				o[0]++
				for rows.Next() {
					var t, id string
					if err := rows.Scan(&t, &id); err != nil {
						b.Fatal(err)
					}
					found[t+"/"+id] = true
					if !ownProbe(bq, id) {
						o[2]++ // LIKE finds the query's text: the same name (or number)
					}
				}
				likeOthers[bq.kind] = o
				rows.Close()
				lat = append(lat, time.Since(start))
				h, a := recall(found, bq.truth)
				c := rc[bq.kind]
				rc[bq.kind] = [2]int{c[0] + h, c[1] + a}
				start = time.Now()
				if _, err := ix.Search(ctx, bq.text, DefaultLimit); err != nil {
					b.Fatal(err)
				}
				ixLat = append(ixLat, time.Since(start))
			}
		}
		b.ReportMetric(ms(percentile(lat, 0.50)), "p50-ms")
		b.ReportMetric(ms(percentile(lat, 0.95)), "p95-ms")
		b.ReportMetric(ms(percentile(lat, 0.99)), "p99-ms")
		b.ReportMetric(0, "ns/op")
		b.Logf("LIKE baseline: %d queries over %d records: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; recall %s",
			nLike, records, ms(percentile(lat, 0.5)), ms(percentile(lat, 0.95)), ms(percentile(lat, 0.99)), recallString(rc))
		b.Logf("LIKE precision, records about someone else per query: %s", othersString(likeOthers))
		b.Logf("same %d queries on the index: p50 %.2f ms, p95 %.2f ms: %.0fx faster at p50, %.0fx at p95",
			nLike, ms(percentile(ixLat, 0.5)), ms(percentile(ixLat, 0.95)),
			float64(percentile(lat, 0.5))/float64(percentile(ixLat, 0.5)), float64(percentile(lat, 0.95))/float64(percentile(ixLat, 0.95)))
	})
}

func recallString(rc map[string][2]int) string {
	var parts []string
	var h, a int
	for _, k := range []string{"name", "phone", "personnummer", "email"} {
		c := rc[k]
		h += c[0]
		a += c[1]
		if c[1] > 0 {
			parts = append(parts, fmt.Sprintf("%s %.3f", k, float64(c[0])/float64(c[1])))
		}
	}
	if a == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3f (%s)", float64(h)/float64(a), strings.Join(parts, ", "))
}

// ownProbe reports whether a record id is one of the probe person's whom the query is about.
func ownProbe(bq benchQuery, id string) bool {
	if len(bq.truth) == 0 {
		return false
	}
	_, first, _ := strings.Cut(bq.truth[0], "/")
	prefix := first[:strings.LastIndexByte(first, '-')+1] // "PROBE-j-"
	return strings.HasPrefix(id, prefix)
}

func othersString(o map[string][4]int) string {
	var parts []string
	for _, k := range []string{"name", "phone", "personnummer", "email"} {
		c := o[k]
		if c[0] > 0 {
			parts = append(parts, fmt.Sprintf("%s %.2f, of them exact %.2f (namesakes of the same name %.2f)", k,
				float64(c[1])/float64(c[0]), float64(c[3])/float64(c[0]), float64(c[2])/float64(c[0])))
		}
	}
	return strings.Join(parts, ", ")
}

// sameName reports whether the own record a link hit leads to (type/id) is a namesake of
// the probe person: a record of the same name.
func sameName(ix *Index, bq benchQuery, to string) bool {
	typ, id, _ := strings.Cut(to, "/")
	r, err := ix.st.Get(context.Background(), typ, id)
	if err != nil {
		return false
	}
	for _, f := range []string{"name", "subject_name"} {
		if holdsName(r.String(f), bq.person) {
			return true
		}
	}
	return holdsName(r.String("first_name")+" "+r.String("last_name"), bq.person)
}

// holdsName reports whether a value names someone of the probe person's name: both of
// the name's words are among its words ("Lars Ekström-Öberg", "lars.ekstrom@live.se").
func holdsName(v string, p *benchPerson) bool {
	words := map[string]bool{}
	for _, w := range normalize.Words(v) {
		words[normalize.Fold(w.Text)] = true
	}
	return words[normalize.Fold(p.first)] && words[normalize.Fold(p.last)]
}
