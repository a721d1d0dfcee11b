package search

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/normalize"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
	"dataskydd/backend/vault"
)

// sample is a distinctive value for a place and the query (in another format) that finds it.
func sample(p *place, n int) (value, query string) {
	switch p.format {
	case registry.FormatPhone:
		v := fmt.Sprintf("070-5%02d %02d %02d", n%100, n/100, 42)
		e164, _ := normalize.Phone(v)
		return v, e164
	case registry.FormatEmail:
		v := fmt.Sprintf("Plats%d@Exempel.se", n)
		return v, strings.ToUpper(v)
	case registry.FormatPersonalNumber:
		d := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (97*n)%20000)
		nine := d.Format("060102") + "123"
		for c := '0'; c <= '9'; c++ {
			if normalize.Luhn(nine + string(c)) {
				return nine[:6] + "-" + nine[6:] + string(c), d.Format("2006") + nine[2:6] + nine[6:] + string(c)
			}
		}
	}
	w := "Platsord" + letters(n)
	return "Här står " + w + " i texten", strings.ToLower(w)
}

func letters(n int) string {
	s := ""
	for i := 0; i < 4; i++ {
		s += string(rune('a' + n%26))
		n /= 26
	}
	return s
}

// setPlace writes a value into a record at a place's path.
func setPlace(r *record.Record, path, v string) {
	parts := strings.Split(path, ".")
	if parts[0] == registry.FieldVersions {
		var old map[string]any
		if len(parts) == 3 {
			old = map[string]any{parts[2]: v}
		} else {
			old = map[string]any{parts[2]: []any{map[string]any{parts[3]: v}}}
		}
		r.Values[registry.FieldVersions] = []record.Row{{"changed_at": "2026-01-02T03:04:05Z", "fields": old}}
		return
	}
	if len(parts) == 2 {
		r.Values[parts[0]] = []record.Row{{parts[1]: v}}
		return
	}
	r.Values[path] = v
}

// TestEveryLocationIsFound drives every P and F field of every searched type (child rows
// and version history included) from the registry: a record with a value there only is
// found there, with the area, location, type, id and field the datamap names.
func TestEveryLocationIsFound(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	sch := newSchema(registry.Types())
	type probe struct {
		p     *place
		id    string
		query string
	}
	var probes []probe
	err := st.Update(ctx, func(tx *store.Tx) error {
		for n, p := range sch.places {
			if p.slot {
				continue // below: secure data
			}
			r := record.New(p.typ, fmt.Sprintf("L%d", n))
			v, q := sample(p, n)
			setPlace(r, p.path, v)
			if _, err := tx.Put(r, 0); err != nil {
				return fmt.Errorf("%s %s: %w", p.typ.Name, p.path, err)
			}
			probes = append(probes, probe{p, r.ID, q})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, st)
	covered := map[string]bool{}
	for _, pr := range probes {
		res := search(t, ix, pr.query)
		found := false
		for _, h := range res.Hits {
			if h.Type == pr.p.typ.Name && h.ID == pr.id {
				found = h.Field == pr.p.path
				wantArea, wantLoc := pr.p.typ.Area, pr.p.typ.Location
				if strings.HasPrefix(pr.p.path, "versions.") {
					wantArea, wantLoc = VersionHistoryArea, VersionHistoryLocation
				}
				if h.Area != wantArea || h.Location != wantLoc || h.Snippet == "" {
					t.Errorf("%s %s: hit %+v; want area %s, location %s", pr.p.typ.Name, pr.p.path, h, wantArea, wantLoc)
				}
			}
		}
		if !found {
			t.Errorf("%s %s: %q does not find %s/%s there; got %s", pr.p.typ.Name, pr.p.path, pr.query, pr.p.typ.Name, pr.id, describe(res))
			continue
		}
		covered[pr.p.typ.Location] = true
		if strings.HasPrefix(pr.p.path, "versions.") {
			covered[VersionHistoryLocation] = true
		}
	}
	// Permissions and custom groups are data about the users they name: link hits of the
	// user's own record, found by the user's whole name or username, in the link field.
	put(t, st, `{"type":"user","id":"UL1","username":"platsanv","name":"Platsnamn Användarsson"}`,
		`{"type":"permission","id":"PL1","user":"UL1","role":"staff"}`,
		`{"type":"group","id":"GL1","name":"Lager","members":["UX9","UL1"]}`)
	// Secure data: an entry's plain field, under the form field's name.
	ve := newVault(t, st).entry(t, "Platsvärde Valvsson", "Zq-platshemlis-77")
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Platsnamn Användarsson", "platsanv"} {
		res := search(t, ix, q)
		if !hasHit(res, "permission", "PL1", "user") || !hasHit(res, "group", "GL1", "members") {
			t.Errorf("%q: permission and group not found: %s", q, describe(res))
		}
		for _, h := range res.Hits {
			if t2, ok := registry.Get(h.Type); ok && (h.Type == "permission" || h.Type == "group") {
				if h.Area != t2.Area || h.Location != t2.Location || h.Snippet == "" {
					t.Errorf("%q: hit %+v", q, h)
				}
				covered[h.Location] = true
			}
		}
	}
	res := search(t, ix, "platsvarde valvsson")
	for _, h := range res.Hits {
		if h.Type == vault.SearchType && h.ID == ve && h.Field == "Kontaktperson" &&
			h.Area == vault.SearchArea && h.Location == vault.SearchLocation {
			covered[vault.SearchLocation] = true
		}
	}
	if !covered[vault.SearchLocation] {
		t.Errorf("secure data not found: %s", describe(res))
	}
	// Every searched location is covered.
	var without []string
	for _, typ := range registry.Types() {
		if typ.Searchable() && !covered[typ.Location] {
			without = append(without, typ.Name)
		}
	}
	if len(without) > 0 {
		t.Errorf("searched types found by no test: %v", without)
	}
	if !covered[VersionHistoryLocation] {
		t.Error("version history not covered")
	}
	if len(probes) < 100 {
		t.Errorf("only %d places from the registry", len(probes))
	}
	// system_log is not searched.
	put(t, st, `{"type":"system_log","id":"S1","username":"Loggolof","ip":"10.1.2.3"}`)
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	if res := search(t, ix, "Loggolof"); res.Total != 0 {
		t.Errorf("system_log is searched: %s", describe(res))
	}
}
