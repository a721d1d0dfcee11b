package services

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/search"
	"dataskydd/backend/secrets"
	"dataskydd/backend/store"
)

// The wired services work together: an account created by first-run setup logs in, a record
// saved through the records service is found by the person search after AfterWrite, and a
// delete with an anonymise-at-once policy leaves nothing for the search to find.
func TestWiredServicesWorkTogether(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Create(ctx, dir, store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{CheapKDF: true, Secrets: secrets.NewMemory()}
	svc, err := Wire(ctx, st, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Accounts.Setup(ctx, auth.SetupInput{Username: "anna", Password: "ett långt lösenord 2026"}); err != nil {
		t.Fatal(err)
	}
	svc.Close()

	svc, err = Open(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	sess, err := svc.Accounts.Login(ctx, "anna", "ett långt lösenord 2026")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Accounts.Login(ctx, "anna", "fel lösenord helt och hållet"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	values := map[string]any{"customer_number": "77", "kind": "private", "name": "Örjan Zetterqvist", "mobile_phone": "070-765 43 21"}
	if _, err := svc.Records.Save(ctx, sess, "customer", "C77", values, true); err != nil {
		t.Fatal(err)
	}
	if err := svc.AfterWrite(ctx, "", ""); err != nil {
		t.Fatal(err)
	}
	find := func(q string) int {
		t.Helper()
		res, err := svc.Index.Find(ctx, search.Request{Query: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if find("orjan zetterqvist") == 0 || find("+46707654321") == 0 {
		t.Fatal("the saved customer is not found by name or phone")
	}
	if _, err := svc.Store.DB.Exec("INSERT INTO retention_policies(type, enabled, days, on_delete) VALUES('customer', 1, 0, 'anonymise')"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Records.Delete(ctx, sess, "customer", "C77"); err != nil {
		t.Fatal(err)
	}
	if err := svc.AfterWrite(ctx, "customer", "C77"); err != nil {
		t.Fatal(err)
	}
	if n := find("Zetterqvist"); n != 0 {
		t.Fatalf("anonymised at once, yet the search finds %d hits", n)
	}
	r, err := svc.Store.Get(ctx, "customer", "C77")
	if err != nil {
		t.Fatal(err)
	}
	if r.String("name") != "Anonymiserad" || r.CustomerNumber() != "0" {
		t.Fatalf("customer after delete: %v", r.Values)
	}
}
