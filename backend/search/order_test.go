package search

import (
	"strings"
	"testing"
)

// One order for every list of hits: areas as the data map's navigation, locations as its
// types, then version history, then secure data; within a place by type, id and field.
func TestInMapOrderAndByPlace(t *testing.T) {
	h := func(area, loc, typ, id, field string) Hit {
		return Hit{Area: area, Location: loc, Type: typ, ID: id, Field: field}
	}
	in := []Hit{
		h("GDPR", vaultType.Location, vaultType.Name, "E1", "field1"),
		h("Time", "Tidrapporter", "time_report", "T1", "comment"),
		h("Workcloud", VersionHistoryLocation, "customer", "C1", "versions.fields.name"),
		h("Workcloud", "Ärendehantering", "case", "K2", "title"),
		h("Workcloud", "Ärendehantering", "case", "K1", "title"),
		h("Workcloud", "Ärendehantering", "case", "K1", "comments.text"),
		h("Workcloud", "Kundregister", "customer", "C1", "name"),
		h("Nowhere", "Okänd", "x", "1", "f"), // not in the data map: last
	}
	key := func(hs []Hit) string {
		var s []string
		for _, x := range hs {
			s = append(s, x.Type+"/"+x.ID+" "+x.Field)
		}
		return strings.Join(s, ",")
	}
	want := "customer/C1 name,case/K1 comments.text,case/K1 title,case/K2 title,customer/C1 versions.fields.name," +
		"time_report/T1 comment,vault_entry/E1 field1,x/1 f"
	got := InMapOrder(in)
	if key(got) != want {
		t.Errorf("InMapOrder:\n got %s\nwant %s", key(got), want)
	}
	if in[0].ID != "E1" {
		t.Error("InMapOrder reordered its argument")
	}
	var places, flat []string
	for _, p := range ByPlace(in) {
		places = append(places, p.Area+"/"+p.Location)
		flat = append(flat, key(p.Hits))
	}
	if g := strings.Join(places, ","); g != "Workcloud/Kundregister,Workcloud/Ärendehantering,Workcloud/"+VersionHistoryLocation+
		",Time/Tidrapporter,GDPR/"+vaultType.Location+",Nowhere/Okänd" {
		t.Errorf("places = %s", g)
	}
	if strings.Join(flat, ",") != want {
		t.Errorf("ByPlace hits = %s", strings.Join(flat, ","))
	}
	if len(ByPlace(nil)) != 0 {
		t.Error("places of no hits")
	}
}

func TestAreaCounts(t *testing.T) {
	hits := []Hit{{Area: "GDPR"}, {Area: "Workcloud"}, {Area: "GDPR"}, {Area: "Nowhere"}}
	got := AreaCounts(hits)
	if len(got) != 2 || got[0] != (AreaCount{"Workcloud", 1}) || got[1] != (AreaCount{"GDPR", 2}) {
		t.Errorf("AreaCounts = %+v", got)
	}
	if got := AreaCounts(nil); got == nil || len(got) != 0 {
		t.Errorf("no hits: %#v", got)
	}
}
