package vault

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/store"
)

// BenchmarkUnlock is what a user waits for after typing their password: Argon2id at the
// production parameters (DefaultKeyParams) and opening the private key.
func BenchmarkUnlock(b *testing.B) {
	id, _ := GenerateIdentity("U1")
	sealed, err := id.Seal("a long enough password", DefaultKeyParams())
	if err != nil {
		b.Fatal(err)
	}
	cpu0 := processCPU()
	for b.Loop() {
		if _, err := OpenIdentity("U1", id.pub[:], sealed, "a long enough password"); err != nil {
			b.Fatal(err)
		}
	}
	// Wall time depends on what else runs; CPU time (all lanes together) does not.
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkDecryptField opens one sealed field value once the form key is unwrapped.
func BenchmarkDecryptField(b *testing.B) {
	k, _ := NewDataKey()
	loc := Location{"F1", "E1", "f2"}
	sealed, _ := k.Seal(loc, []byte("correct-horse-battery-staple-42"))
	for b.Loop() {
		if _, err := k.Open(loc, sealed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnwrapAndDecrypt is the crypto of one Decrypt call after the password: X25519
// unwrap of the form key and one field.
func BenchmarkUnwrapAndDecrypt(b *testing.B) {
	id, _ := GenerateIdentity("U1")
	k, _ := NewDataKey()
	w, _ := id.Recipient().Wrap("F1", k)
	loc := Location{"F1", "E1", "f2"}
	sealed, _ := k.Seal(loc, []byte("correct-horse-battery-staple-42"))
	for b.Loop() {
		fk, err := id.Unwrap("F1", w)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := fk.Open(loc, sealed); err != nil {
			b.Fatal(err)
		}
	}
}

// benchForm makes a store with one form of n entries (two plain and two encrypted fields),
// written in one transaction with the form's real key.
func benchForm(b *testing.B, n int) (*Service, auth.Session, string) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Create(ctx, b.TempDir(), store.CreateOptions{Lang: "sv"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	svc, err := New(st.DB, Options{Events: StoreEvents{Store: st}, KeyParams: auth.TestParams(), Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	e := &testEnv{t: b, ctx: ctx, st: st, svc: svc, now: now, users: map[string]auth.Session{}, pw: map[string]string{}}
	e.addUser("U1", "admin", auth.RoleAdmin)
	e.addUser("U2", "alice", auth.RoleStaff)
	f, err := svc.CreateForm(ctx, e.users["admin"], Form{Name: "Bench", Purpose: PurposeInternal,
		Fields: []Field{{Name: "System", Kind: KindText}, {Name: "Användare", Kind: KindText},
			{Name: "Lösenord", Kind: KindSecret, Encrypted: true}, {Name: "Anteckning", Kind: KindNote, Encrypted: true}},
		Decrypters: []Member{{MemberUser, "U2"}}})
	if err != nil {
		b.Fatal(err)
	}
	key, err := svc.formKey(ctx, st.DB, e.users["alice"], f.ID, e.unlock("alice"))
	if err != nil {
		b.Fatal(err)
	}
	err = svc.inTx(ctx, func(tx *sql.Tx) error {
		for i := range n {
			id := fmt.Sprintf("E%06d", i)
			if _, err := tx.Exec("INSERT INTO vault_entries(entry_id, form_id, created_at, updated_at) VALUES(?, ?, ?, ?)", id, f.ID, now.Unix()+int64(i), now.Unix()); err != nil {
				return err
			}
			for fid, v := range map[string]string{"f1": fmt.Sprintf("System %d", i), "f2": fmt.Sprintf("user%d@example.se", i)} {
				if _, err := tx.Exec("INSERT INTO vault_values(entry_id, field_id, plain) VALUES(?, ?, ?)", id, fid, v); err != nil {
					return err
				}
			}
			for _, fid := range []string{"f3", "f4"} {
				s, _ := key.Seal(Location{f.ID, id, fid}, fmt.Appendf(nil, "secret-%d-%s", i, fid))
				if _, err := tx.Exec("INSERT INTO vault_values(entry_id, field_id, sealed) VALUES(?, ?, ?)", id, fid, s); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return svc, e.users["alice"], f.ID
}

// BenchmarkListEntries10k lists all 10,000 entries of one form (plain values, encrypted
// fields named), access check included.
func BenchmarkListEntries10k(b *testing.B) {
	svc, alice, formID := benchForm(b, 10000)
	ctx := context.Background()
	cpu0 := processCPU()
	defer func() { b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op") }()
	for b.Loop() {
		es, total, err := svc.Entries(ctx, alice, formID, ListOptions{Limit: 10000})
		if err != nil || len(es) != 10000 || total != 10000 {
			b.Fatalf("%d/%d %v", len(es), total, err)
		}
	}
}

// BenchmarkListEntriesPage lists one page of 100 of the same 10,000 entries, as the UI does.
func BenchmarkListEntriesPage(b *testing.B) {
	svc, alice, formID := benchForm(b, 10000)
	ctx := context.Background()
	cpu0 := processCPU()
	defer func() { b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op") }()
	for b.Loop() {
		es, _, err := svc.Entries(ctx, alice, formID, ListOptions{Offset: 5000, Limit: 100})
		if err != nil || len(es) != 100 {
			b.Fatalf("%d %v", len(es), err)
		}
	}
}
