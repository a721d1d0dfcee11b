package search

import (
	"context"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/record"
	"dataskydd/backend/store"
	"dataskydd/backend/store/storetest"
	"dataskydd/backend/vault"
)

func newStore(t testing.TB) *store.Store {
	t.Helper()
	return storetest.New(t, store.CreateOptions{Lang: "sv"})
}

// put writes JSON Lines records through the store, as an import does (outbox included).
func put(t testing.TB, st *store.Store, lines ...string) {
	t.Helper()
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		for _, l := range lines {
			r, err := record.Decode([]byte(l))
			if err != nil {
				t.Fatalf("decoding %s: %v", l, err)
			}
			if _, err := tx.Put(r, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func openIndex(t testing.TB, st *store.Store) *Index {
	t.Helper()
	ix, err := Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func search(t testing.TB, ix *Index, q string) Result {
	t.Helper()
	res, err := ix.Search(context.Background(), q, -1)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return res
}

func hasHit(res Result, typ, id, field string) bool {
	for _, h := range res.Hits {
		if h.Type == typ && h.ID == id && (field == "" || h.Field == field) {
			return true
		}
	}
	return false
}

// vaultEnv is a real vault service on the store, with one admin who may decrypt its form.
type vaultEnv struct {
	svc   *vault.Service
	admin auth.Session
	form  vault.Form
	pw    string
}

// newVault makes the vault service, its admin (user VA1) and a form with a plain field
// "Kontaktperson" (f1) and an encrypted one "Kod" (f2).
func newVault(t testing.TB, st *store.Store) *vaultEnv {
	t.Helper()
	ctx := context.Background()
	svc, err := vault.New(st.DB, vault.Options{Events: vault.StoreEvents{Store: st}, KeyParams: auth.TestParams()})
	if err != nil {
		t.Fatal(err)
	}
	v := &vaultEnv{svc: svc, admin: auth.Session{UserID: "VA1", Username: "valvadmin", Roles: []auth.Role{auth.RoleAdmin}},
		pw: "a long enough vault password"}
	put(t, st, `{"type":"user","id":"VA1","username":"valvadmin"}`)
	err = st.Update(ctx, func(tx *store.Tx) error { return svc.PasswordSet(ctx, tx.SQL(), "VA1", v.pw) })
	if err != nil {
		t.Fatal(err)
	}
	v.form, err = svc.CreateForm(ctx, v.admin, vault.Form{Name: "Kontakter", Purpose: vault.PurposeInternal,
		Fields:     []vault.Field{{Name: "Kontaktperson", Kind: vault.KindText}, {Name: "Kod", Kind: vault.KindSecret, Encrypted: true}},
		Decrypters: []vault.Member{{Kind: vault.MemberUser, ID: "VA1"}}})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// entry adds an entry with a plain and an encrypted value.
func (v *vaultEnv) entry(t testing.TB, plain, secret string) string {
	t.Helper()
	e, err := v.svc.CreateEntry(context.Background(), v.admin, v.form.ID,
		vault.EntryInput{Values: map[string]string{"f1": plain, "f2": secret}}, vault.Unlock{Password: v.pw})
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}
