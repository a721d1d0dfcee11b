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
	// Every searched location with personal fields is covered; the others are named here,
	// so a change of the registry shows.
	var without []string
	for _, typ := range registry.Types() {
		if typ.Searchable() && !covered[typ.Location] {
			without = append(without, typ.Name)
		}
	}
	if strings.Join(without, ",") != "permission,group" {
		t.Errorf("searched types without a P or F field: %v (want permission, group)", without)
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
