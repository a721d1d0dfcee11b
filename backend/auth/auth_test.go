package auth

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestHashVerifyRoundTrip(t *testing.T) {
	p := TestParams()
	phc, err := HashPassword("correct horse battery", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("PHC string %q", phc)
	}
	got, salt, hash, err := ParseHash(phc)
	if err != nil || got != p || len(salt) != 16 || len(hash) != 32 {
		t.Fatalf("ParseHash = %+v %d %d %v", got, len(salt), len(hash), err)
	}
	if ok, err := VerifyPassword("correct horse battery", phc); !ok || err != nil {
		t.Fatalf("right password: %v %v", ok, err)
	}
	if ok, err := VerifyPassword("correct horse batterY", phc); ok || err != nil {
		t.Fatalf("wrong password: %v %v", ok, err)
	}
	other, _ := HashPassword("correct horse battery", p)
	if other == phc {
		t.Fatal("two hashes of one password share a salt")
	}
	if NeedsRehash(phc, p) || !NeedsRehash(phc, DefaultParams()) {
		t.Fatal("NeedsRehash")
	}
}

// The production format carries the production parameters and verifies (RFC 9106 option 2 scaled).
func TestDefaultParamsPHC(t *testing.T) {
	phc, err := HashPassword("a long enough password", DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=65536,t=3,p=4$") {
		t.Fatalf("PHC %q", phc)
	}
	if ok, _ := VerifyPassword("a long enough password", phc); !ok {
		t.Fatal("does not verify")
	}
}

// A known vector: argon2id of "password" with salt "somesalt" (RFC 9106 reference
// implementation's CLI, `echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1`).
func TestVerifyKnownVector(t *testing.T) {
	const phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
	if ok, err := VerifyPassword("password", phc); !ok || err != nil {
		t.Fatalf("known vector: %v %v", ok, err)
	}
}

func TestParseHashRejects(t *testing.T) {
	for _, phc := range []string{
		"",
		"$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
		"$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
		"$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
		"$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
		"$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ",
		"$argon2id$v=19$m=64,t=1,p=1$!!!$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
		"$argon2id$v=19$m=64,t=1,p=1,x=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
	} {
		if _, _, _, err := ParseHash(phc); !errors.Is(err, ErrMalformedHash) {
			t.Errorf("ParseHash(%q) = %v, want ErrMalformedHash", phc, err)
		}
		if ok, err := VerifyPassword("password", phc); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v", phc, ok, err)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for pw, want := range map[string]error{
		"short":                   ErrPasswordTooShort,
		"elevenchars":             ErrPasswordTooShort,
		"åäöåäöåäöåä":             ErrPasswordTooShort, // 11 characters, 22 bytes
		"åäöåäöåäöåäö":            nil,
		"123qweasdzxc":            ErrPasswordCommon, // in the list, rank ~1,700
		"1QAZ2WSX3EDC":            ErrPasswordCommon, // case-insensitive
		"qwerty123456":            ErrPasswordCommon,
		"Tre glada laxar i ån":    nil,
		"qwerty123456\nqwerty123": nil,
	} {
		if got := CheckPassword(pw); got != want {
			t.Errorf("CheckPassword(%q) = %v, want %v", pw, got, want)
		}
	}
}

func TestCommonListShipped(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(commonPasswords, "\n"), "\n")
	if len(lines) != 10000 {
		t.Fatalf("list has %d entries, want 10000", len(lines))
	}
	seen := map[string]bool{}
	for _, l := range lines {
		if l != strings.ToLower(l) || l == "" || seen[l] {
			t.Fatalf("bad or duplicate entry %q", l)
		}
		seen[l] = true
	}
	if lines[0] != "123456" || lines[1] != "password" {
		t.Fatalf("list is not ranked by frequency: starts %q", lines[:2])
	}
	if !IsCommonPassword(lines[9999]) || !IsCommonPassword("PASSWORD") {
		t.Fatal("IsCommonPassword misses list entries")
	}
}

func TestRequireRole(t *testing.T) {
	admin := Session{UserID: "U1", Username: "anna", Roles: []Role{RoleAdmin}}
	staff := Session{UserID: "U2", Username: "bo", Roles: []Role{RoleStaff}}
	if err := RequireRole(Session{}); !errors.Is(err, ErrUnauthenticated) || Code(err) != "unauthenticated" {
		t.Fatalf("nobody: %v", err)
	}
	if err := RequireRole(Session{}, RoleStaff); !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("nobody with role: %v", err)
	}
	if err := RequireRole(staff); err != nil {
		t.Fatalf("any logged-in user: %v", err)
	}
	if err := RequireRole(staff, RoleAdmin, RoleGDPROfficer); !errors.Is(err, ErrForbidden) || Code(err) != "forbidden" {
		t.Fatalf("staff as admin: %v", err)
	}
	if err := RequireRole(admin, RoleAdmin, RoleGDPROfficer); err != nil {
		t.Fatalf("admin: %v", err)
	}
}

func TestBackoff(t *testing.T) {
	b := DefaultBackoff()
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for n, want := range map[int]time.Duration{0: 0, 3: 0, 4: time.Second, 5: 2 * time.Second, 8: 16 * time.Second, 14: 15 * time.Minute, 100: 15 * time.Minute} {
		if got := b.Next(n, t0).Sub(t0); got != want {
			t.Errorf("after %d failures wait %v, want %v", n, got, want)
		}
	}
}

func TestCode(t *testing.T) {
	if Code(nil) != "" || Code(errors.New("x")) != "internal" || Code(&ThrottledError{}) != "throttled" {
		t.Fatal("Code")
	}
	if !errors.Is(&ThrottledError{}, ErrThrottled) {
		t.Fatal("ThrottledError is not ErrThrottled")
	}
}
