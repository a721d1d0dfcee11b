package vault

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// testEnv is a real store in a temporary folder with users, a group, a customer and a vault
// service using cheap Argon2id parameters.
type testEnv struct {
	t     testing.TB
	ctx   context.Context
	st    *store.Store
	svc   *Service
	now   time.Time
	users map[string]auth.Session // by username
	pw    map[string]string       // current password by username
}

func newEnv(t testing.TB, opts ...func(*Options)) *testEnv {
	t.Helper()
	ctx := context.Background()
	st, err := store.Create(ctx, t.TempDir(), store.CreateOptions{Lang: "sv"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &testEnv{t: t, ctx: ctx, st: st, now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		users: map[string]auth.Session{}, pw: map[string]string{}}
	o := Options{Events: StoreEvents{Store: st}, KeyParams: auth.TestParams(), Now: func() time.Time { return e.now }}
	for _, f := range opts {
		f(&o)
	}
	if e.svc, err = New(st.DB, o); err != nil {
		t.Fatal(err)
	}
	e.addUser("U1", "admin", auth.RoleAdmin)
	e.addUser("U2", "alice", auth.RoleStaff)
	e.addUser("U3", "bob", auth.RoleStaff)
	e.addUser("U4", "carol", auth.RoleStaff)
	e.addUser("U5", "dave", auth.RoleStaff)
	e.putRecord("group", "G1", map[string]any{"name": "Ekonomi", "members": []string{"U4"}})
	e.putRecord("customer", "C1", map[string]any{"customer_number": "1001", "name": "Kund AB"})
	return e
}

func (e *testEnv) putRecord(typ, id string, vals map[string]any) {
	e.t.Helper()
	ty, _ := registry.Get(typ)
	r := record.New(ty, id)
	for k, v := range vals {
		r.Set(k, v)
	}
	if err := e.st.Update(e.ctx, func(tx *store.Tx) error { _, err := tx.Put(r, 0); return err }); err != nil {
		e.t.Fatal(err)
	}
}

func (e *testEnv) addUser(id, name string, role auth.Role) {
	e.t.Helper()
	e.putRecord("user", id, map[string]any{"username": name, "name": strings.ToUpper(name[:1]) + name[1:]})
	e.users[name] = auth.Session{UserID: id, Username: name, Roles: []auth.Role{role}}
	e.pw[name] = name + " has a long password"
	e.setPassword(name, e.pw[name])
}

// setPassword is what auth does on account creation and admin reset.
func (e *testEnv) setPassword(name, pw string) {
	e.t.Helper()
	e.pw[name] = pw
	err := e.st.Update(e.ctx, func(tx *store.Tx) error { return e.svc.PasswordSet(e.ctx, tx.SQL(), e.users[name].UserID, pw) })
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *testEnv) unlock(name string) Unlock { return Unlock{Password: e.pw[name]} }

// form creates the standard test form: decrypters alice and group G1, reader bob.
func (e *testEnv) form(purpose Purpose) Form {
	e.t.Helper()
	f, err := e.svc.CreateForm(e.ctx, e.users["admin"], Form{
		Name: "Inloggningar", Purpose: purpose, AutoDeleteDays: 30,
		Fields: []Field{
			{Name: "System", Kind: KindText},
			{Name: "Lösenord", Kind: KindSecret, Encrypted: true},
			{Name: "Adress", Kind: KindURL},
			{Name: "Anteckning", Kind: KindNote, Encrypted: true},
		},
		Readers:    []Member{{MemberUser, "U3"}},
		Decrypters: []Member{{MemberUser, "U2"}, {MemberGroup, "G1"}},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return f
}

func (e *testEnv) entry(f Form, secret string) Entry {
	e.t.Helper()
	in := EntryInput{Values: map[string]string{"f1": "Fortnox", "f2": secret, "f3": "https://fortnox.se", "f4": "note " + secret}}
	if f.Purpose == PurposeCustomer {
		in.CustomerNumber = "1001"
	}
	en, err := e.svc.CreateEntry(e.ctx, e.users["alice"], f.ID, in, e.unlock("alice"))
	if err != nil {
		e.t.Fatal(err)
	}
	return en
}

// canDecrypt reports who among all users decrypts entryID to want.
func (e *testEnv) decrypters(entryID, want string) []string {
	e.t.Helper()
	var out []string
	for _, name := range []string{"admin", "alice", "bob", "carol", "dave"} {
		got, err := e.svc.Decrypt(e.ctx, e.users[name], entryID, e.unlock(name))
		if err == nil {
			if got["f2"] != want {
				e.t.Fatalf("%s decrypted %q, want %q", name, got["f2"], want)
			}
			out = append(out, name)
		}
	}
	return out
}

func TestDecryptOnlyForDecryptList(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	en := e.entry(f, "S3cret-Fortnox-Pw")
	if en.Plain["f1"] != "Fortnox" || en.Plain["f3"] != "https://fortnox.se" || !slices.Equal(en.Encrypted, []string{"f2", "f4"}) {
		t.Fatalf("entry as listed: %+v", en)
	}
	if _, ok := en.Plain["f2"]; ok {
		t.Fatal("encrypted value listed in clear")
	}
	if got := e.decrypters(en.ID, "S3cret-Fortnox-Pw"); !slices.Equal(got, []string{"alice", "carol"}) {
		t.Fatalf("decrypters = %v, want alice and carol (via group)", got)
	}
	// Who reads plain fields: readers, decrypters; not admin (no automatic right), not dave.
	for name, want := range map[string]error{"alice": nil, "bob": nil, "carol": nil, "admin": ErrNoAccess, "dave": ErrNoAccess} {
		_, _, err := e.svc.Entries(e.ctx, e.users[name], f.ID, ListOptions{})
		if !errors.Is(err, want) && !(want == nil && err == nil) {
			t.Errorf("Entries as %s: %v, want %v", name, err, want)
		}
		if _, err := e.svc.Entry(e.ctx, e.users[name], en.ID); (err == nil) != (want == nil) {
			t.Errorf("Entry as %s: %v", name, err)
		}
	}
	// Nobody logged in gets nothing from any method.
	nobody := auth.Session{}
	if _, err := e.svc.Decrypt(e.ctx, nobody, en.ID, Unlock{Password: "x"}); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("Decrypt as nobody: %v", err)
	}
	if _, err := e.svc.Forms(e.ctx, nobody); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("Forms as nobody: %v", err)
	}
	// Dave sees no form, bob sees it but cannot decrypt.
	if fs, _ := e.svc.Forms(e.ctx, e.users["dave"]); len(fs) != 0 {
		t.Errorf("dave sees %d forms", len(fs))
	}
	if fs, _ := e.svc.Forms(e.ctx, e.users["bob"]); len(fs) != 1 || fs[0].CanDecrypt {
		t.Errorf("bob's forms: %+v", fs)
	}
	// Writing entries needs the decrypt right.
	if _, err := e.svc.CreateEntry(e.ctx, e.users["bob"], f.ID, EntryInput{Values: map[string]string{"f1": "x"}}, e.unlock("bob")); !errors.Is(err, ErrNoAccess) {
		t.Errorf("bob writes: %v", err)
	}
	if err := e.svc.DeleteEntry(e.ctx, e.users["dave"], en.ID); !errors.Is(err, ErrNoAccess) {
		t.Errorf("dave deletes: %v", err)
	}
	// Managing forms is for admins.
	if _, err := e.svc.CreateForm(e.ctx, e.users["alice"], Form{Name: "x", Purpose: PurposeInternal, Fields: []Field{{Name: "a", Kind: KindText}}}); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("alice creates a form: %v", err)
	}
	if err := e.svc.DeleteForm(e.ctx, e.users["alice"], f.ID); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("alice deletes a form: %v", err)
	}
}

func TestWrongPasswordDecryptsNothing(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	en := e.entry(f, "S3cret-Fortnox-Pw")
	got, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, Unlock{Password: "alice has a long passwore"})
	if !errors.Is(err, ErrDecrypt) || got != nil {
		t.Fatalf("wrong password: %v %v", got, err)
	}
	if _, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, Unlock{}); !errors.Is(err, ErrPasswordMissing) {
		t.Fatalf("no password: %v", err)
	}
	// Another decrypter's password does not open alice's key.
	if _, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, e.unlock("carol")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("carol's password for alice: %v", err)
	}
	if _, err := e.svc.CreateEntry(e.ctx, e.users["alice"], f.ID, EntryInput{Values: map[string]string{"f2": "x"}}, Unlock{Password: "wrong password!!"}); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("create with wrong password: %v", err)
	}
	if n := e.count("SELECT count(*) FROM records WHERE type = 'event' AND data LIKE '%vault.decrypt%'"); n != 0 {
		t.Fatalf("%d decrypt events for failed decryptions", n)
	}
}

func (e *testEnv) count(q string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.st.DB.QueryRowContext(e.ctx, q, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func TestTamperedOrMovedCiphertextFails(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	a := e.entry(f, "value-of-entry-A")
	b := e.entry(f, "value-of-entry-B")
	exec := func(q string, args ...any) {
		if _, err := e.st.DB.ExecContext(e.ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	// Move A's password ciphertext into B's password field: B no longer opens.
	exec("UPDATE vault_values SET sealed = (SELECT sealed FROM vault_values WHERE entry_id = ? AND field_id = 'f2') WHERE entry_id = ? AND field_id = 'f2'", a.ID, b.ID)
	if got, err := e.svc.Decrypt(e.ctx, e.users["alice"], b.ID, e.unlock("alice")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("moved to another entry: %v %v", got, err)
	}
	// Swap A's two encrypted fields: moved to another field.
	exec(`UPDATE vault_values SET sealed = CASE field_id WHEN 'f2' THEN (SELECT sealed FROM vault_values WHERE entry_id = ?1 AND field_id = 'f4')
		ELSE (SELECT sealed FROM vault_values WHERE entry_id = ?1 AND field_id = 'f2') END WHERE entry_id = ?1 AND field_id IN ('f2', 'f4')`, a.ID)
	if _, err := e.svc.Decrypt(e.ctx, e.users["alice"], a.ID, e.unlock("alice")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("moved to another field: %v", err)
	}
	// A fresh entry, one bit flipped in its ciphertext.
	c := e.entry(f, "value-of-entry-C")
	exec("UPDATE vault_values SET sealed = substr(sealed, 1, 30) || (CASE WHEN substr(sealed, 31, 1) = x'00' THEN x'01' ELSE x'00' END) || substr(sealed, 32) WHERE entry_id = ? AND field_id = 'f2'", c.ID)
	if _, err := e.svc.Decrypt(e.ctx, e.users["alice"], c.ID, e.unlock("alice")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("tampered: %v", err)
	}
	// A wrap moved from one user to another opens nothing either.
	exec("UPDATE vault_wraps SET wrapped = (SELECT wrapped FROM vault_wraps WHERE user_id = 'U2' AND form_id = ?1) WHERE user_id = 'U4' AND form_id = ?1", f.ID)
	if _, err := e.svc.Decrypt(e.ctx, e.users["carol"], a.ID, e.unlock("carol")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("moved wrap: %v", err)
	}
}

func TestGrantRevokeRotate(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	en := e.entry(f, "S3cret-1")
	// Bob is granted by alice: now alice, bob, carol.
	if _, err := e.svc.Grant(e.ctx, e.users["bob"], f.ID, []Member{{MemberUser, "U3"}}, e.unlock("bob")); !errors.Is(err, ErrNoAccess) {
		t.Fatalf("bob grants himself: %v", err)
	}
	if _, err := e.svc.Grant(e.ctx, e.users["admin"], f.ID, []Member{{MemberUser, "U1"}}, e.unlock("admin")); !errors.Is(err, ErrNoAccess) {
		t.Fatalf("admin grants himself: %v", err)
	}
	g, err := e.svc.Grant(e.ctx, e.users["alice"], f.ID, []Member{{MemberUser, "U3"}}, e.unlock("alice"))
	if err != nil || len(g.NeedsGrant) != 0 {
		t.Fatalf("grant: %+v %v", g, err)
	}
	if got := e.decrypters(en.ID, "S3cret-1"); !slices.Equal(got, []string{"alice", "bob", "carol"}) {
		t.Fatalf("after grant: %v", got)
	}
	// Keep carol's form key as she could have copied it, then revoke the group.
	carolKey, err := e.svc.formKey(e.ctx, e.st.DB, e.users["carol"], f.ID, e.unlock("carol"))
	if err != nil {
		t.Fatal(err)
	}
	removed, err := e.svc.Revoke(e.ctx, e.users["admin"], f.ID, Member{MemberGroup, "G1"})
	if err != nil || !slices.Equal(removed, []string{"U4"}) {
		t.Fatalf("revoke: %v %v", removed, err)
	}
	if got := e.decrypters(en.ID, "S3cret-1"); !slices.Equal(got, []string{"alice", "bob"}) {
		t.Fatalf("after revoke: %v", got)
	}
	if n := e.count("SELECT count(*) FROM vault_wraps WHERE user_id = 'U4'"); n != 0 {
		t.Fatalf("carol's wrap kept")
	}
	// Nobody may be left able to open the entries.
	if _, err := e.svc.Revoke(e.ctx, e.users["admin"], f.ID, Member{MemberUser, "U2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Revoke(e.ctx, e.users["admin"], f.ID, Member{MemberUser, "U3"}); !errors.Is(err, ErrLastDecrypter) {
		t.Fatalf("revoking the last decrypter: %v", err)
	}
	if _, err := e.svc.Grant(e.ctx, e.users["bob"], f.ID, []Member{{MemberUser, "U2"}}, e.unlock("bob")); err != nil {
		t.Fatal(err)
	}
	// Rotation: everyone left still decrypts; carol's old key opens nothing any more.
	if err := e.svc.RotateKey(e.ctx, e.users["bob"], f.ID, Unlock{Password: "wrong password!!"}); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("rotate with wrong password: %v", err)
	}
	var before []byte
	e.st.DB.QueryRow("SELECT sealed FROM vault_values WHERE entry_id = ? AND field_id = 'f2'", en.ID).Scan(&before)
	if _, err := carolKey.Open(Location{f.ID, en.ID, "f2"}, before); err != nil {
		t.Fatalf("carol's key before rotation: %v", err)
	}
	if err := e.svc.RotateKey(e.ctx, e.users["bob"], f.ID, e.unlock("bob")); err != nil {
		t.Fatal(err)
	}
	var after []byte
	e.st.DB.QueryRow("SELECT sealed FROM vault_values WHERE entry_id = ? AND field_id = 'f2'", en.ID).Scan(&after)
	if _, err := carolKey.Open(Location{f.ID, en.ID, "f2"}, after); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("carol's old key after rotation: %v", err)
	}
	if got := e.decrypters(en.ID, "S3cret-1"); !slices.Equal(got, []string{"alice", "bob"}) {
		t.Fatalf("after rotate: %v", got)
	}
	if got, _ := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, e.unlock("alice")); got["f4"] != "note S3cret-1" {
		t.Fatalf("second encrypted field after rotation: %q", got["f4"])
	}
	// Group membership is read live: carol back in the group is on the list but has no key
	// until someone grants; dave added to it too.
	if _, err := e.svc.Grant(e.ctx, e.users["alice"], f.ID, []Member{{MemberGroup, "G1"}}, e.unlock("alice")); err != nil {
		t.Fatal(err)
	}
	e.putRecord("group", "G1", map[string]any{"name": "Ekonomi", "members": []string{"U4", "U5"}})
	fm, _ := e.svc.Form(e.ctx, e.users["alice"], f.ID)
	if !slices.Equal(fm.NeedsGrant, []string{"U5"}) {
		t.Fatalf("needs grant = %v, want dave", fm.NeedsGrant)
	}
	if _, err := e.svc.Decrypt(e.ctx, e.users["dave"], en.ID, e.unlock("dave")); !errors.Is(err, ErrNoKey) || auth.Code(err) != "needs_regrant" {
		t.Fatalf("dave before grant: %v", err)
	}
	if _, err := e.svc.Grant(e.ctx, e.users["carol"], f.ID, nil, e.unlock("carol")); err != nil {
		t.Fatal(err)
	}
	if got := e.decrypters(en.ID, "S3cret-1"); !slices.Equal(got, []string{"alice", "bob", "carol", "dave"}) {
		t.Fatalf("after group grant: %v", got)
	}
	// Removing someone from the group takes their access at once, wrap or not.
	e.putRecord("group", "G1", map[string]any{"name": "Ekonomi", "members": []string{"U4"}})
	if got := e.decrypters(en.ID, "S3cret-1"); !slices.Equal(got, []string{"alice", "bob", "carol"}) {
		t.Fatalf("after leaving the group: %v", got)
	}
}

func TestPasswordChangeAndAdminReset(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeCustomer)
	en := e.entry(f, "S3cret-2")
	if en.CustomerNumber != "1001" {
		t.Fatalf("customer number %q", en.CustomerNumber)
	}
	// Password change (auth calls the hook in its transaction): the old password stops working,
	// the new one opens everything alice had.
	old := e.pw["alice"]
	err := e.st.Update(e.ctx, func(tx *store.Tx) error {
		return e.svc.PasswordChanged(e.ctx, tx.SQL(), "U2", old, "a brand new passphrase")
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, Unlock{Password: old}); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("old password after change: %v", err)
	}
	e.pw["alice"] = "a brand new passphrase"
	if got := e.decrypters(en.ID, "S3cret-2"); !slices.Equal(got, []string{"alice", "carol"}) {
		t.Fatalf("after password change: %v", got)
	}
	// Admin reset: alice gets a new key pair and loses the form until someone re-grants.
	e.setPassword("alice", "reset by the admin 1")
	fm, _ := e.svc.Form(e.ctx, e.users["carol"], f.ID)
	if !slices.Equal(fm.NeedsGrant, []string{"U2"}) {
		t.Fatalf("needs re-grant = %v", fm.NeedsGrant)
	}
	if n := e.count("SELECT count(*) FROM vault_regrants WHERE user_id = 'U2' AND form_id = ?", f.ID); n != 1 {
		t.Fatalf("re-grant marks: %d", n)
	}
	if got := e.decrypters(en.ID, "S3cret-2"); !slices.Equal(got, []string{"carol"}) {
		t.Fatalf("after reset: %v", got)
	}
	if _, err := e.svc.Grant(e.ctx, e.users["carol"], f.ID, nil, e.unlock("carol")); err != nil {
		t.Fatal(err)
	}
	if got := e.decrypters(en.ID, "S3cret-2"); !slices.Equal(got, []string{"alice", "carol"}) {
		t.Fatalf("after re-grant: %v", got)
	}
	if n := e.count("SELECT count(*) FROM vault_regrants"); n != 0 {
		t.Fatalf("re-grant marks left: %d", n)
	}
}

func TestDecryptWritesEventWithoutValue(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	en := e.entry(f, "Zq9-unique-secret")
	if _, err := e.svc.Decrypt(e.ctx, e.users["carol"], en.ID, e.unlock("carol")); err != nil {
		t.Fatal(err)
	}
	rows, err := e.st.DB.Query("SELECT data FROM records WHERE type = 'event'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var found int
	for rows.Next() {
		var data string
		rows.Scan(&data)
		if strings.Contains(data, "Zq9-unique") {
			t.Fatalf("event holds the value: %s", data)
		}
		if strings.Contains(data, `"action":"vault.decrypt"`) {
			found++
			if !strings.Contains(data, `"username":"carol"`) || !strings.Contains(data, `"target_id":"`+en.ID+`"`) {
				t.Fatalf("decrypt event: %s", data)
			}
		}
	}
	if found != 1 {
		t.Fatalf("%d decrypt events, want 1", found)
	}
}

type failingEvents struct{}

func (failingEvents) LogEvent(context.Context, Event) error { return errors.New("disk full") }

func TestNoDecryptWithoutEvent(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	en := e.entry(f, "S3cret-3")
	e.svc.events = failingEvents{}
	if got, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, e.unlock("alice")); err == nil || got != nil {
		t.Fatalf("decrypted without an event: %v %v", got, err)
	}
}

func TestTwoFactorSeam(t *testing.T) {
	calls := 0
	su := StepUpFunc(func(_ context.Context, sess auth.Session, proof string) error {
		calls++
		if sess.Username != "alice" || proof != "123456" {
			return errors.New("wrong code")
		}
		return nil
	})
	e := newEnv(t, func(o *Options) { o.StepUp = su })
	f := e.form(PurposeInternal)
	en := e.entry(f, "S3cret-4") // form without two-factor: no code asked
	if calls != 0 {
		t.Fatal("second factor asked for a form without it")
	}
	f.TwoFactor = true
	if _, err := e.svc.UpdateForm(e.ctx, e.users["admin"], f); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, e.unlock("alice")); !errors.Is(err, ErrStepUpRequired) {
		t.Fatalf("no code: %v", err)
	}
	if _, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, Unlock{Password: e.pw["alice"], SecondFactor: "000000"}); err == nil {
		t.Fatal("wrong code decrypted")
	}
	got, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, Unlock{Password: e.pw["alice"], SecondFactor: "123456"})
	if err != nil || got["f2"] != "S3cret-4" {
		t.Fatalf("right code: %v %v", got, err)
	}
}

func TestFormValidationAndUpdate(t *testing.T) {
	e := newEnv(t)
	admin := e.users["admin"]
	for name, f := range map[string]Form{
		"no name":     {Purpose: PurposeInternal, Fields: []Field{{Name: "a", Kind: KindText}}},
		"bad purpose": {Name: "x", Purpose: "other", Fields: []Field{{Name: "a", Kind: KindText}}},
		"no fields":   {Name: "x", Purpose: PurposeInternal},
		"bad kind":    {Name: "x", Purpose: PurposeInternal, Fields: []Field{{Name: "a", Kind: "pin"}}},
		"dup field":   {Name: "x", Purpose: PurposeInternal, Fields: []Field{{Name: "a", Kind: KindText}, {Name: "A", Kind: KindNote}}},
		"neg days":    {Name: "x", Purpose: PurposeInternal, AutoDeleteDays: -1, Fields: []Field{{Name: "a", Kind: KindText}}},
		"no user":     {Name: "x", Purpose: PurposeInternal, Fields: []Field{{Name: "a", Kind: KindText}}, Readers: []Member{{MemberUser, "U99"}}},
		"no group":    {Name: "x", Purpose: PurposeInternal, Fields: []Field{{Name: "a", Kind: KindText}}, Decrypters: []Member{{MemberGroup, "G99"}}},
	} {
		if _, err := e.svc.CreateForm(e.ctx, admin, f); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if n := e.count("SELECT count(*) FROM vault_forms"); n != 0 {
		t.Fatalf("%d forms left by failed creates", n)
	}
	f := e.form(PurposeCustomer)
	en := e.entry(f, "S3cret-5")
	if _, err := e.svc.CreateEntry(e.ctx, e.users["alice"], f.ID, EntryInput{Values: map[string]string{"f1": "x"}}, e.unlock("alice")); !errors.Is(err, ErrInvalidEntry) {
		t.Errorf("customer form without customer: %v", err)
	}
	if _, err := e.svc.CreateEntry(e.ctx, e.users["alice"], f.ID, EntryInput{CustomerNumber: "999", Values: map[string]string{"f1": "x"}}, e.unlock("alice")); !errors.Is(err, ErrInvalidEntry) {
		t.Errorf("unknown customer: %v", err)
	}
	// Switching a field's encryption is refused; removing a field drops its values; adding one
	// gets a new id.
	f.Fields[1].Encrypted = false
	if _, err := e.svc.UpdateForm(e.ctx, e.users["admin"], f); !errors.Is(err, ErrInvalidForm) {
		t.Fatalf("flip encryption: %v", err)
	}
	f.Fields[1].Encrypted = true
	f.Fields = append(f.Fields[:3], Field{Name: "PIN", Kind: KindSecret, Encrypted: true})
	g, err := e.svc.UpdateForm(e.ctx, e.users["admin"], f)
	if err != nil || g.Fields[3].ID != "f5" {
		t.Fatalf("update: %+v %v", g.Fields, err)
	}
	got, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, e.unlock("alice"))
	if err != nil || len(got) != 1 || got["f2"] != "S3cret-5" {
		t.Fatalf("after removing f4: %v %v", got, err)
	}
	// Update an entry: a plain value, a new secret, and clearing.
	u, err := e.svc.UpdateEntry(e.ctx, e.users["alice"], en.ID, EntryInput{Values: map[string]string{"f1": "Visma", "f5": "4711", "f3": ""}}, e.unlock("alice"))
	if err != nil || u.Plain["f1"] != "Visma" || u.Plain["f3"] != "" || !slices.Equal(u.Encrypted, []string{"f2", "f5"}) {
		t.Fatalf("update entry: %+v %v", u, err)
	}
	got, _ = e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, e.unlock("alice"))
	if got["f5"] != "4711" {
		t.Fatalf("new secret: %v", got)
	}
	list, total, err := e.svc.Entries(e.ctx, e.users["bob"], f.ID, ListOptions{CustomerNumber: "1001"})
	if err != nil || total != 1 || len(list) != 1 || list[0].ID != en.ID {
		t.Fatalf("list by customer: %v %d %v", list, total, err)
	}
	if err := e.svc.DeleteForm(e.ctx, e.users["admin"], f.ID); err != nil {
		t.Fatal(err)
	}
	if n := e.count("SELECT (SELECT count(*) FROM vault_entries) + (SELECT count(*) FROM vault_values) + (SELECT count(*) FROM vault_wraps) + (SELECT count(*) FROM vault_access)"); n != 0 {
		t.Fatalf("%d rows left after deleting the form", n)
	}
}

func TestPurgeExpired(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal) // 30 days
	old := e.entry(f, "old-secret")
	e.now = e.now.Add(20 * 24 * time.Hour)
	young := e.entry(f, "young-secret")
	keep, err := e.svc.CreateForm(e.ctx, e.users["admin"], Form{Name: "Forever", Purpose: PurposeInternal,
		Fields: []Field{{Name: "a", Kind: KindText}}, Decrypters: []Member{{MemberUser, "U2"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.CreateEntry(e.ctx, e.users["alice"], keep.ID, EntryInput{Values: map[string]string{"f1": "x"}}, Unlock{}); err != nil {
		t.Fatal(err)
	}
	n, err := e.svc.PurgeExpired(e.ctx, e.now.Add(10*24*time.Hour-time.Second))
	if err != nil || n != 0 {
		t.Fatalf("before 30 days: %d %v", n, err)
	}
	n, err = e.svc.PurgeExpired(e.ctx, e.now.Add(10*24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("at 30 days: %d %v", n, err)
	}
	if _, err := e.svc.Entry(e.ctx, e.users["alice"], old.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old entry: %v", err)
	}
	if _, err := e.svc.Entry(e.ctx, e.users["alice"], young.ID); err != nil {
		t.Fatalf("young entry: %v", err)
	}
	n, _ = e.svc.PurgeExpired(e.ctx, e.now.AddDate(10, 0, 0))
	if n != 1 || e.count("SELECT count(*) FROM vault_entries") != 1 {
		t.Fatalf("ten years on: purged %d, left %d (the never-delete form's entry stays)", n, e.count("SELECT count(*) FROM vault_entries"))
	}
}

// TestNoPlaintextOnDisk writes, updates, rotates and purges encrypted values and then searches
// every file in the data folder for them.
func TestNoPlaintextOnDisk(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	secrets := []string{"Xk7-plaintext-needle-1", "Xk7-plaintext-needle-2", "Xk7-plaintext-needle-3"}
	en := e.entry(f, secrets[0])
	if _, err := e.svc.UpdateEntry(e.ctx, e.users["alice"], en.ID, EntryInput{Values: map[string]string{"f2": secrets[1]}}, e.unlock("alice")); err != nil {
		t.Fatal(err)
	}
	e.entry(f, secrets[2])
	if err := e.svc.RotateKey(e.ctx, e.users["alice"], f.ID, e.unlock("alice")); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Decrypt(e.ctx, e.users["alice"], en.ID, e.unlock("alice")); err != nil {
		t.Fatal(err)
	}
	needles := []string{"alice has a long password", "carol has a long password"} // passwords are never stored either
	for _, s := range secrets {
		needles = append(needles, s, "note "+s, s[4:14])
	}
	check := func(when string) {
		var files int
		var sawPlain bool
		err := filepath.WalkDir(e.st.Dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			for _, needle := range needles {
				if bytes.Contains(b, []byte(needle)) {
					t.Errorf("%s: %q found in %s", when, needle, path)
				}
			}
			sawPlain = sawPlain || bytes.Contains(b, []byte("https://fortnox.se"))
			return nil
		})
		if err != nil || files == 0 {
			t.Fatalf("%s: walked %d files: %v", when, files, err)
		}
		// The search must be able to see: the plain field is in the files.
		if !sawPlain {
			t.Errorf("%s: the plain value is in no file: the byte search is blind", when)
		}
	}
	check("open store, WAL present")
	if err := e.st.Checkpoint(e.ctx); err != nil {
		t.Fatal(err)
	}
	check("after checkpoint")
}

func TestCustomerEntries(t *testing.T) {
	e := newEnv(t)
	e.putRecord("customer", "C2", map[string]any{"customer_number": "1002", "name": "Annan AB"})
	f := e.form(PurposeCustomer)
	a := e.entry(f, "S3cret-6") // customer 1001
	other, err := e.svc.CreateEntry(e.ctx, e.users["alice"], f.ID, EntryInput{CustomerNumber: "1002", Values: map[string]string{"f1": "x"}}, e.unlock("alice"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.CustomerEntries(e.ctx, e.users["bob"], "1001")
	if err != nil || len(got) != 1 || got[0].ID != a.ID {
		t.Fatalf("bob's view of 1001: %v %v", got, err)
	}
	if got, _ := e.svc.CustomerEntries(e.ctx, e.users["dave"], "1001"); len(got) != 0 {
		t.Fatalf("dave sees %v", got)
	}
	n, err := e.svc.DeleteCustomerEntries(e.ctx, "1001")
	if err != nil || n != 1 {
		t.Fatalf("delete: %d %v", n, err)
	}
	if _, err := e.svc.Entry(e.ctx, e.users["alice"], a.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted entry: %v", err)
	}
	if _, err := e.svc.Entry(e.ctx, e.users["alice"], other.ID); err != nil {
		t.Fatalf("other customer's entry: %v", err)
	}
	if n := e.count("SELECT count(*) FROM vault_values v WHERE v.entry_id = ?", a.ID); n != 0 {
		t.Fatalf("%d values left", n)
	}
}

func TestPlainTextsForSearch(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeCustomer)
	a := e.entry(f, "Zz-never-indexed")
	b := e.entry(f, "Zz-never-indexed-2")
	var got []string
	collect := func(p PlainText) error {
		if strings.Contains(p.Value, "Zz-never") {
			t.Fatalf("encrypted value offered to the search: %+v", p)
		}
		got = append(got, p.EntryID+" "+p.FieldName+"="+p.Value+" "+p.CustomerNumber+" "+p.FormName)
		return nil
	}
	if err := e.svc.PlainTexts(e.ctx, collect); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || !slices.Contains(got, a.ID+" System=Fortnox 1001 Inloggningar") || !slices.Contains(got, b.ID+" Adress=https://fortnox.se 1001 Inloggningar") {
		t.Fatalf("all: %v", got)
	}
	got = nil
	if err := e.svc.PlainTexts(e.ctx, collect, a.ID); err != nil || len(got) != 2 {
		t.Fatalf("one entry: %v %v", got, err)
	}
}

// TestWritesQueueSearchOutbox: every write that changes what the search shows of an entry
// queues the entry in the search outbox, in the write's transaction.
func TestWritesQueueSearchOutbox(t *testing.T) {
	e := newEnv(t)
	queued := func(id string) int {
		return e.count("SELECT count(*) FROM outbox WHERE type = ? AND ext_id = ?", SearchType, id)
	}
	f := e.form(PurposeInternal)
	a := e.entry(f, "s1")
	if queued(a.ID) != 1 {
		t.Fatalf("create: %d outbox rows", queued(a.ID))
	}
	if _, err := e.svc.UpdateEntry(e.ctx, e.users["alice"], a.ID, EntryInput{Values: map[string]string{"f1": "Visma"}}, Unlock{}); err != nil {
		t.Fatal(err)
	}
	if queued(a.ID) != 2 {
		t.Fatalf("update: %d outbox rows", queued(a.ID))
	}
	if err := e.svc.RotateKey(e.ctx, e.users["alice"], f.ID, e.unlock("alice")); err != nil {
		t.Fatal(err)
	}
	if queued(a.ID) != 3 {
		t.Fatalf("rotate: %d outbox rows", queued(a.ID))
	}
	if err := e.svc.DeleteEntry(e.ctx, e.users["alice"], a.ID); err != nil {
		t.Fatal(err)
	}
	if queued(a.ID) != 4 {
		t.Fatalf("delete: %d outbox rows", queued(a.ID))
	}
	b := e.entry(f, "s2")
	if err := e.svc.DeleteForm(e.ctx, e.users["admin"], f.ID); err != nil {
		t.Fatal(err)
	}
	if queued(b.ID) != 2 {
		t.Fatalf("delete form: %d outbox rows", queued(b.ID))
	}
	c := e.entry(e.form(PurposeCustomer), "s3")
	if n, err := e.svc.DeleteCustomerEntries(e.ctx, "1001"); err != nil || n != 1 || queued(c.ID) != 2 {
		t.Fatalf("delete customer entries: %d %v, %d outbox rows", n, err, queued(c.ID))
	}
	d := e.entry(e.form(PurposeInternal), "s4")
	if n, err := e.svc.PurgeExpired(e.ctx, e.now.AddDate(1, 0, 0)); err != nil || n != 1 || queued(d.ID) != 2 {
		t.Fatalf("purge: %d %v, %d outbox rows", n, err, queued(d.ID))
	}
}

// The person search shows an entry's values only to those on one of its form's lists.
func TestPlainReadable(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	en := e.entry(f, "S3cret-Fortnox-Pw")
	for name, want := range map[string]bool{"alice": true, "bob": true, "carol": true, "admin": false, "dave": false} {
		got, err := e.svc.PlainReadable(e.ctx, e.users[name], []string{en.ID, "no-such-entry"})
		if err != nil {
			t.Fatalf("PlainReadable as %s: %v", name, err)
		}
		if got[en.ID] != want {
			t.Errorf("PlainReadable as %s = %v, want %v", name, got[en.ID], want)
		}
		if _, ok := got["no-such-entry"]; ok {
			t.Errorf("PlainReadable as %s answers for an entry that does not exist", name)
		}
	}
	if _, err := e.svc.PlainReadable(e.ctx, auth.Session{}, []string{en.ID}); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("PlainReadable as nobody: %v", err)
	}
}
