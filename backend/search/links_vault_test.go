package search

import (
	"context"
	"testing"

	"dataskydd/backend/vault"
)

// TestSecureDataPlainValuesOnly: a secure-data entry's plain value is found under GDPR /
// Säkra uppgifter with the form field's name; its encrypted value is neither found nor
// anywhere in the index files; deleting the entry removes it.
func TestSecureDataPlainValuesOnly(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	v := newVault(t, st)
	id := v.entry(t, "Åsa Lindqvist", "Zxqv-secret-9911")
	ix := openIndex(t, st)
	res := search(t, ix, "asa lindqvist")
	if len(res.Hits) != 1 {
		t.Fatalf("want one hit: %s", describe(res))
	}
	h := res.Hits[0]
	if h.Type != vault.SearchType || h.ID != id || h.Field != "Kontaktperson" || h.Area != "GDPR" ||
		h.Location != "Säkra uppgifter" || h.Snippet == "" || len(h.Values) != 1 || h.Values[0].Value != "Åsa Lindqvist" {
		t.Fatalf("hit %+v", h)
	}
	for _, q := range []string{"Zxqv-secret-9911", "zxqv", "secret 9911"} {
		if res := search(t, ix, q); res.Total != 0 {
			t.Errorf("%q finds the encrypted value: %s", q, describe(res))
		}
	}
	frags := []string{"Zxqv", "zxqv", "secret-9911"}
	if got := filesContaining(t, ix.Dir(), frags...); len(got) > 0 {
		t.Errorf("encrypted value in the index files: %v", got)
	}
	// The report names the place; Check and Rebuild agree with the database.
	rep, err := ix.Report(ctx, "Åsa Lindqvist", ReportOptions{})
	if err != nil || len(rep.Places) != 1 || rep.Places[0].Location != vault.SearchLocation {
		t.Fatalf("report %+v %v", rep, err)
	}
	if p, err := ix.Check(ctx); err != nil || len(p) != 0 {
		t.Fatalf("check: %v %v", p, err)
	}
	if err := ix.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if !hasHit(search(t, ix, "lindqvist åsa"), vault.SearchType, id, "Kontaktperson") {
		t.Fatal("not found after rebuild")
	}
	if got := filesContaining(t, ix.Dir(), frags...); len(got) > 0 {
		t.Errorf("encrypted value in the rebuilt index files: %v", got)
	}
	// A stale index is told: Check sees an entry the index lacks.
	if _, err := st.DB.ExecContext(ctx, "UPDATE vault_values SET plain = 'Åsa Berg' WHERE entry_id = ? AND plain IS NOT NULL", id); err != nil {
		t.Fatal(err)
	}
	if p, err := ix.Check(ctx); err != nil || len(p) != 1 {
		t.Fatalf("check after a write that skipped the outbox: %v %v", p, err)
	}
	if _, err := st.DB.ExecContext(ctx, "UPDATE vault_values SET plain = 'Åsa Lindqvist' WHERE entry_id = ? AND plain IS NOT NULL", id); err != nil {
		t.Fatal(err)
	}
	// Deleting the entry removes it.
	if err := v.svc.DeleteEntry(ctx, v.admin, id); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	if res := search(t, ix, "asa lindqvist"); res.Total != 0 {
		t.Fatalf("deleted entry still found: %s", describe(res))
	}
	if p, err := ix.Check(ctx); err != nil || len(p) != 0 {
		t.Fatalf("check after delete: %v %v", p, err)
	}
}

// TestPermissionsAndGroupsFollowTheUser: a user's permission and the groups naming the
// user are the user's link hits, follow a rename, and are never values to replace.
func TestPermissionsAndGroupsFollowTheUser(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, `{"type":"user","id":"U7","username":"berits","name":"Berit Svensson"}`,
		`{"type":"user","id":"U8","username":"olle","name":"Olle Ek"}`,
		`{"type":"permission","id":"P7","user":"U7","role":"admin"}`,
		`{"type":"group","id":"G7","name":"Kontoret","members":["U8","U7"]}`,
		`{"type":"group","id":"G8","name":"Lagret","members":["U8"]}`)
	ix := openIndex(t, st)
	res := search(t, ix, "Berit Svensson")
	if !hasHit(res, "permission", "P7", "user") || !hasHit(res, "group", "G7", "members") || hasHit(res, "group", "G8", "") {
		t.Fatalf("Berit Svensson: %s", describe(res))
	}
	for _, h := range res.Hits {
		if (h.Type == "permission" || h.Type == "group") && (h.Match != MatchLink || h.LinkTo != "user/U7" || h.Value != "U7") {
			t.Errorf("hit %+v", h)
		}
		if h.Type == "permission" && (h.Area != "Settings" || h.Location != "Behörighet") {
			t.Errorf("hit %+v", h)
		}
	}
	if !hasHit(search(t, ix, "berits"), "permission", "P7", "user") {
		t.Error("not found by username")
	}
	// The user is renamed: the permission and the group follow.
	put(t, st, `{"type":"user","id":"U7","username":"beritu","name":"Berit Holm"}`)
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	if res := search(t, ix, "Svensson"); res.Total != 0 {
		t.Errorf("old name still found: %s", describe(res))
	}
	res = search(t, ix, "Berit Holm")
	if !hasHit(res, "permission", "P7", "user") || !hasHit(res, "group", "G7", "members") {
		t.Errorf("new name: %s", describe(res))
	}
	if p, err := ix.Check(ctx); err != nil || len(p) != 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}
