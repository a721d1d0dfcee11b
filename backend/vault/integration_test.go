package vault

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/store"
)

var _ auth.PasswordHook = (*Service)(nil)

// TestWithAuthService wires the vault into auth as the app does: keys follow account creation,
// password change and admin reset made through auth's own methods.
func TestWithAuthService(t *testing.T) {
	ctx := context.Background()
	st, err := store.Create(ctx, t.TempDir(), store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }
	v, err := New(st.DB, Options{Events: StoreEvents{Store: st}, KeyParams: auth.TestParams(), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	a := auth.NewService(st, auth.Options{Params: auth.TestParams(), Hooks: []auth.PasswordHook{v}, Now: now})
	admin, err := a.Setup(ctx, auth.SetupInput{OrgName: "Firma", Username: "anna", Password: "anna's long password"})
	if err != nil {
		t.Fatal(err)
	}
	alice, err := a.CreateUser(ctx, admin, auth.NewUser{Username: "alice", Password: "alice's long password", Roles: []auth.Role{auth.RoleStaff}})
	if err != nil {
		t.Fatal(err)
	}
	carol, _ := a.CreateUser(ctx, admin, auth.NewUser{Username: "carol", Password: "carol's long password", Roles: []auth.Role{auth.RoleStaff}})
	var keys int
	st.DB.QueryRow("SELECT count(*) FROM vault_keys").Scan(&keys)
	if keys != 3 {
		t.Fatalf("%d key pairs after creating three accounts", keys)
	}
	f, err := v.CreateForm(ctx, admin, Form{Name: "Larmkoder", Purpose: PurposeInternal,
		Fields:     []Field{{Name: "Plats", Kind: KindText}, {Name: "Kod", Kind: KindSecret, Encrypted: true}},
		Decrypters: []Member{{MemberUser, alice}, {MemberUser, carol}}})
	if err != nil {
		t.Fatal(err)
	}
	aliceSess, err := a.Login(ctx, "alice", "alice's long password")
	if err != nil {
		t.Fatal(err)
	}
	carolSess, _ := a.Login(ctx, "carol", "carol's long password")
	en, err := v.CreateEntry(ctx, aliceSess, f.ID, EntryInput{Values: map[string]string{"f1": "Kontoret", "f2": "4711#"}}, Unlock{Password: "alice's long password"})
	if err != nil {
		t.Fatal(err)
	}
	decrypt := func(s auth.Session, pw string) error {
		got, err := v.Decrypt(ctx, s, en.ID, Unlock{Password: pw})
		if err == nil && got["f2"] != "4711#" {
			t.Fatalf("decrypted %q", got["f2"])
		}
		return err
	}
	if err := a.ChangePassword(ctx, aliceSess, "alice's long password", "alice's newer password"); err != nil {
		t.Fatal(err)
	}
	if err := decrypt(aliceSess, "alice's long password"); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("old password after change: %v", err)
	}
	if err := decrypt(aliceSess, "alice's newer password"); err != nil {
		t.Fatalf("new password after change: %v", err)
	}
	if err := a.ResetPassword(ctx, admin, alice, "set by the admin 12"); err != nil {
		t.Fatal(err)
	}
	if err := decrypt(aliceSess, "set by the admin 12"); !errors.Is(err, ErrNoKey) {
		t.Fatalf("after admin reset: %v", err)
	}
	fm, _ := v.Form(ctx, carolSess, f.ID)
	if !slices.Equal(fm.NeedsGrant, []string{alice}) {
		t.Fatalf("needs re-grant %v", fm.NeedsGrant)
	}
	if _, err := v.Grant(ctx, carolSess, f.ID, nil, Unlock{Password: "carol's long password"}); err != nil {
		t.Fatal(err)
	}
	if err := decrypt(aliceSess, "set by the admin 12"); err != nil {
		t.Fatalf("after re-grant: %v", err)
	}
	// An account made before the vault existed gets its key pair at its next login.
	st.DB.Exec("DELETE FROM vault_keys WHERE user_id = ?", carol)
	if _, err := a.Login(ctx, "carol", "carol's long password"); err != nil {
		t.Fatal(err)
	}
	st.DB.QueryRow("SELECT count(*) FROM vault_keys WHERE user_id = ?", carol).Scan(&keys)
	if keys != 1 {
		t.Fatal("no key pair made at login")
	}
}
