package vault

import (
	"errors"
	"testing"
	"time"

	"dataskydd/backend/auth"
)

// Decryption is under the login's back-off: ten wrong passwords are refused with a growing
// wait, each one an event naming who and which entry; the right password during the wait is
// refused too, without being tried; after the wait it works and clears the count.
func TestDecryptBacksOffLikeLoginAndLogsEveryFailure(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	en := e.entry(f, "Xq7-only-here")
	alice := e.users["alice"]
	wrong := Unlock{Password: "Pw-guess-zz41"}
	var waits []time.Duration
	for i := 1; i <= 10; i++ {
		if _, err := e.svc.Decrypt(e.ctx, alice, en.ID, wrong); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("wrong password %d: %v", i, err)
		}
		got, err := e.svc.Decrypt(e.ctx, alice, en.ID, e.unlock("alice"))
		var th *auth.ThrottledError
		if i <= 3 {
			// Three typing mistakes are free: the right password works and resets the count,
			// so the loop sets it back to i failures with more wrong tries.
			if err != nil || got["f2"] != "Xq7-only-here" {
				t.Fatalf("right password after %d free mistakes: %v", i, err)
			}
			for j := 0; j < i; j++ {
				if _, err := e.svc.Decrypt(e.ctx, alice, en.ID, wrong); !errors.Is(err, ErrDecrypt) {
					t.Fatal(err)
				}
			}
			continue
		}
		if !errors.As(err, &th) || got != nil {
			t.Fatalf("right password during the back-off after %d failures: %v %v", i, got, err)
		}
		// Backed off, a wrong password is not even tried (and not counted).
		if _, err := e.svc.Decrypt(e.ctx, alice, en.ID, wrong); !errors.Is(err, auth.ErrThrottled) {
			t.Fatalf("wrong password during the back-off: %v", err)
		}
		waits = append(waits, th.Until.Sub(e.now))
		e.now = th.Until
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 32 * time.Second, 64 * time.Second}
	if len(waits) != len(want) {
		t.Fatalf("waits %v, want %v", waits, want)
	}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits %v, want %v", waits, want)
		}
	}
	// The count is the login's: after one more failure a login for alice is backed off too.
	if _, err := e.svc.Decrypt(e.ctx, alice, en.ID, wrong); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("11th wrong password: %v", err)
	}
	if err := auth.NewAttempts(e.st.DB, auth.Backoff{}, func() time.Time { return e.now }).Check(e.ctx, "Alice"); !errors.Is(err, auth.ErrThrottled) {
		t.Fatalf("login after failed decryptions: %v, want throttled", err)
	}
	e.now = e.now.Add(128 * time.Second)
	if got, err := e.svc.Decrypt(e.ctx, alice, en.ID, e.unlock("alice")); err != nil || got["f2"] != "Xq7-only-here" {
		t.Fatalf("right password after the wait: %v", err)
	}
	if _, err := e.svc.Decrypt(e.ctx, alice, en.ID, wrong); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("a success clears the count: %v", err)
	}

	// Every failure is an event naming alice and the entry, never what she typed or the value.
	failed := e.count("SELECT count(*) FROM records WHERE type = 'event' AND json_extract(data, '$.action') = ? AND json_extract(data, '$.username') = 'alice' AND json_extract(data, '$.target_type') = ? AND json_extract(data, '$.target_id') = ?", ActionUnlockFailed, TargetEntry, en.ID)
	throttled := e.count("SELECT count(*) FROM records WHERE type = 'event' AND json_extract(data, '$.action') = ? AND json_extract(data, '$.username') = 'alice' AND json_extract(data, '$.target_id') = ?", ActionUnlockThrottled, en.ID)
	// 10 + 1+2+3 (the free rounds' repeats) + the 11th + the one after the wait = 18 wrong
	// passwords; 7 rounds x 2 refused attempts = 14.
	if failed != 18 || throttled != 14 {
		t.Fatalf("%d failure events, %d back-off events; want 18 and 14", failed, throttled)
	}
	if n := e.count("SELECT count(*) FROM records WHERE type = 'event' AND (data LIKE '%guess-zz41%' OR data LIKE '%Xq7-only%')"); n != 0 {
		t.Fatalf("%d events hold the typed password or the value", n)
	}
}

// A form key unlocked to grant or to write an entry is under the same back-off, and its
// failures name the form.
func TestGrantAndWriteUnlockBackOffAndNameTheForm(t *testing.T) {
	e := newEnv(t)
	f := e.form(PurposeInternal)
	alice := e.users["alice"]
	bad := Unlock{Password: "not alice's password"}
	for i := 0; i < 4; i++ {
		if _, err := e.svc.Grant(e.ctx, alice, f.ID, []Member{{MemberUser, "U5"}}, bad); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("grant %d: %v", i, err)
		}
	}
	_, err := e.svc.CreateEntry(e.ctx, alice, f.ID, EntryInput{Values: map[string]string{"f2": "x"}}, e.unlock("alice"))
	if !errors.Is(err, auth.ErrThrottled) {
		t.Fatalf("write during the back-off: %v", err)
	}
	if n := e.count("SELECT count(*) FROM records WHERE type = 'event' AND json_extract(data, '$.action') = ? AND json_extract(data, '$.target_type') = ? AND json_extract(data, '$.target_id') = ?", ActionUnlockFailed, TargetForm, f.ID); n != 4 {
		t.Fatalf("%d failure events naming the form, want 4", n)
	}
	if n := e.count("SELECT count(*) FROM vault_wraps WHERE form_id = ? AND user_id = 'U5'", f.ID); n != 0 {
		t.Fatalf("a refused grant wrapped the key for dave")
	}
}
