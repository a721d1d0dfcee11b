package search

import (
	"sort"
	"strings"

	"dataskydd/backend/registry"
)

// The one order of hits: the data map's. The screen (backend/desktop), the access report
// (NewReport) and the CLI (search) all list hits in it, so a place is never first in one and
// last in another.

// locationRanks orders areas and locations as the data map does: areas in navigation
// order; within one, the locations in the order of their types, then version history,
// then secure data.
var locationRanks = func() map[string]int {
	order := map[string]int{}
	for i, a := range registry.Areas {
		order["a:"+a] = i
	}
	for i, t := range registry.Types() {
		if _, ok := order["l:"+t.Location]; !ok {
			order["l:"+t.Location] = i
		}
	}
	n := len(registry.Types())
	order["l:"+VersionHistoryLocation] = n
	order["l:"+vaultType.Location] = n + 1
	return order
}()

// locationLess orders two places by area, then location, as the data map lists them.
func locationLess(areaA, locA, areaB, locB string) bool {
	if areaA != areaB {
		return rankOf("a:"+areaA) < rankOf("a:"+areaB)
	}
	return rankOf("l:"+locA) < rankOf("l:"+locB)
}

func rankOf(key string) int {
	if r, ok := locationRanks[key]; ok {
		return r
	}
	return len(locationRanks) + 1
}

// InMapOrder returns hits (a new slice) in the data map's order: by area and location as
// the data map lists them, then by type, id and field. It is the order of the access
// report, of the screen's lists and of the CLI.
func InMapOrder(hits []Hit) []Hit {
	out := append([]Hit(nil), hits...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Area != b.Area || a.Location != b.Location {
			return locationLess(a.Area, a.Location, b.Area, b.Location)
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return strings.Compare(a.Field, b.Field) < 0
	})
	return out
}

// Place is the hits at one place of the data map: a location in an area.
type Place struct {
	Area, Location string
	Hits           []Hit
}

// ByPlace groups hits by place, places and the hits in each in the data map's order
// (InMapOrder).
func ByPlace(hits []Hit) []Place {
	var out []Place
	for _, h := range InMapOrder(hits) {
		if n := len(out); n == 0 || out[n-1].Area != h.Area || out[n-1].Location != h.Location {
			out = append(out, Place{Area: h.Area, Location: h.Location})
		}
		out[len(out)-1].Hits = append(out[len(out)-1].Hits, h)
	}
	return out
}

// AreaCount is how many hits an area has.
type AreaCount struct {
	Area  string
	Count int
}

// AreaCounts counts hits per area, the areas with hits in the data map's order.
func AreaCounts(hits []Hit) []AreaCount {
	counts := map[string]int{}
	for _, h := range hits {
		counts[h.Area]++
	}
	out := []AreaCount{}
	for _, area := range registry.Areas {
		if n := counts[area]; n > 0 {
			out = append(out, AreaCount{Area: area, Count: n})
		}
	}
	return out
}
