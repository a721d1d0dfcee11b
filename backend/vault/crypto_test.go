package vault

import (
	"bytes"
	"errors"
	"testing"

	"dataskydd/backend/auth"
)

func mustKey(t testing.TB) *DataKey {
	t.Helper()
	k, err := NewDataKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpenBindsLocation(t *testing.T) {
	k := mustKey(t)
	loc := Location{"F1", "E1", "f2"}
	sealed, err := k.Seal(loc, []byte("hunter2-PIN-4711"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte("hunter2")) {
		t.Fatal("plaintext in sealed value")
	}
	got, err := k.Open(loc, sealed)
	if err != nil || string(got) != "hunter2-PIN-4711" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	for name, other := range map[string]Location{
		"other form":  {"F2", "E1", "f2"},
		"other entry": {"F1", "E2", "f2"},
		"other field": {"F1", "E1", "f3"},
		"shifted ids": {"F1E", "1", "f2"},
	} {
		if _, err := k.Open(other, sealed); !errors.Is(err, ErrDecrypt) {
			t.Errorf("%s: %v, want ErrDecrypt", name, err)
		}
	}
	if _, err := mustKey(t).Open(loc, sealed); !errors.Is(err, ErrDecrypt) {
		t.Errorf("other key: %v", err)
	}
	// Flipping any single bit anywhere fails.
	for i := range sealed {
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x01
		if _, err := k.Open(loc, bad); err == nil {
			t.Fatalf("bit flip at byte %d opened", i)
		}
	}
	if _, err := k.Open(loc, sealed[:len(sealed)-1]); err == nil {
		t.Fatal("truncated value opened")
	}
	again, _ := k.Seal(loc, []byte("hunter2-PIN-4711"))
	if bytes.Equal(again, sealed) {
		t.Fatal("two seals of one value are equal: nonce reused")
	}
}

func TestWrapUnwrap(t *testing.T) {
	alice, err := GenerateIdentity("U1")
	if err != nil {
		t.Fatal(err)
	}
	bob, _ := GenerateIdentity("U2")
	k := mustKey(t)
	w, err := alice.Recipient().Wrap("F1", k)
	if err != nil {
		t.Fatal(err)
	}
	got, err := alice.Unwrap("F1", w)
	if err != nil || got.k != k.k {
		t.Fatalf("Unwrap: %v", err)
	}
	if _, err := bob.Unwrap("F1", w); !errors.Is(err, ErrDecrypt) {
		t.Errorf("bob opened alice's wrap: %v", err)
	}
	if _, err := alice.Unwrap("F2", w); !errors.Is(err, ErrDecrypt) {
		t.Errorf("wrap moved to another form opened: %v", err)
	}
	// Same key pair under another user id: the wrap is bound to the user.
	mallory := &X25519Identity{user: "U3", priv: alice.priv, pub: alice.pub}
	if _, err := mallory.Unwrap("F1", w); !errors.Is(err, ErrDecrypt) {
		t.Errorf("wrap moved to another user opened: %v", err)
	}
	for i := range w {
		bad := bytes.Clone(w)
		bad[i] ^= 0x80
		if _, err := alice.Unwrap("F1", bad); err == nil {
			t.Fatalf("bit flip at byte %d unwrapped", i)
		}
	}
	if _, err := NewRecipient("U9", make([]byte, 32)); err != nil {
		t.Fatal(err)
	}
	zero, _ := NewRecipient("U9", make([]byte, 32)) // low-order point
	if _, err := zero.Wrap("F1", k); err == nil {
		t.Error("wrapped to the all-zero public key")
	}
}

func TestIdentitySealOpen(t *testing.T) {
	p := auth.TestParams()
	id, _ := GenerateIdentity("U1")
	sealed, err := id.Seal("correct horse battery", p)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, id.priv[:8]) {
		t.Fatal("private key bytes in the sealed blob")
	}
	if got, err := SealedParams(sealed); err != nil || got != p {
		t.Fatalf("SealedParams = %+v, %v", got, err)
	}
	got, err := OpenIdentity("U1", id.pub[:], sealed, "correct horse battery")
	if err != nil || got.priv != id.priv {
		t.Fatalf("OpenIdentity: %v", err)
	}
	if _, err := OpenIdentity("U1", id.pub[:], sealed, "correct horse batterx"); !errors.Is(err, ErrDecrypt) {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := OpenIdentity("U2", id.pub[:], sealed, "correct horse battery"); !errors.Is(err, ErrDecrypt) {
		t.Errorf("other user: %v", err)
	}
	other, _ := GenerateIdentity("U1")
	if _, err := OpenIdentity("U1", other.pub[:], sealed, "correct horse battery"); !errors.Is(err, ErrDecrypt) {
		t.Errorf("other public key: %v", err)
	}
	for i := 2; i < len(sealed); i++ { // bytes 0-1 are tag and version
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x01
		if _, err := OpenIdentity("U1", id.pub[:], bad, "correct horse battery"); err == nil {
			t.Fatalf("bit flip at byte %d opened", i)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	k := mustKey(t)
	sealed, _ := k.Seal(Location{"F", "E", "f"}, []byte("x"))
	v2 := bytes.Clone(sealed)
	v2[1] = 2
	if _, err := k.Open(Location{"F", "E", "f"}, v2); !errors.Is(err, ErrUnsupported) {
		t.Errorf("version 2: %v", err)
	}
	for _, b := range [][]byte{nil, {tagValue}, {tagWrap, 1, 0}, sealed[:valueHeader+tagSize-1]} {
		if _, err := k.Open(Location{"F", "E", "f"}, b); !errors.Is(err, ErrMalformed) {
			t.Errorf("Open(%x): %v, want ErrMalformed", b, err)
		}
	}
}

// FuzzOpen feeds arbitrary bytes to every decoder. Nothing may panic, and nothing but the
// genuine sealed value may open.
func FuzzOpen(f *testing.F) {
	k, _ := NewDataKey()
	id, _ := GenerateIdentity("U1")
	loc := Location{"F1", "E1", "f1"}
	sealed, _ := k.Seal(loc, []byte("secret value"))
	wrap, _ := id.Recipient().Wrap("F1", k)
	ident, _ := id.Seal("pw", auth.TestParams())
	for _, s := range [][]byte{sealed, wrap, ident, {}, {tagValue, 1}, {tagIdentity, 1, 0, 0, 0, 8}} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if pt, err := k.Open(loc, b); err == nil && (!bytes.Equal(b, sealed) || string(pt) != "secret value") {
			t.Fatalf("forged value opened: %x", b)
		}
		if dk, err := id.Unwrap("F1", b); err == nil && (!bytes.Equal(b, wrap) || dk.k != k.k) {
			t.Fatalf("forged wrap opened: %x", b)
		}
		if p, _, _, _, _, err := decodeIdentity(b); err == nil {
			if p.Validate() != nil || len(b) != identitySize {
				t.Fatalf("decodeIdentity accepted %x", b)
			}
			if p.Memory <= 1024 && p.Time <= 4 { // keep the fuzzer fast
				if got, err := OpenIdentity("U1", id.pub[:], b, "pw"); err == nil && (!bytes.Equal(b, ident) || got.priv != id.priv) {
					t.Fatalf("forged identity opened: %x", b)
				}
			}
		}
	})
}

// FuzzDecode checks the decoders' framing: whatever they accept re-encodes to exactly the
// input, and what they reject never panics.
func FuzzDecode(f *testing.F) {
	k, _ := NewDataKey()
	id, _ := GenerateIdentity("U1")
	sealed, _ := k.Seal(Location{"F", "E", "f"}, []byte("v"))
	wrap, _ := id.Recipient().Wrap("F", k)
	ident, _ := id.Seal("pw", auth.TestParams())
	for _, s := range [][]byte{sealed, wrap, ident, {tagValue, 2}, {tagWrap}} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if nonce, ct, err := decodeValue(b); err == nil {
			if len(nonce) != nonceSize || len(ct) < tagSize || !bytes.Equal(append([]byte{tagValue, version1}, append(nonce, ct...)...), b) {
				t.Fatalf("decodeValue framing of %x", b)
			}
		}
		if eph, nonce, ct, err := decodeWrap(b); err == nil {
			if len(eph) != keySize || len(nonce) != nonceSize || len(ct) != keySize+tagSize || len(b) != wrapSize || b[0] != tagWrap {
				t.Fatalf("decodeWrap framing of %x", b)
			}
		}
		if p, header, salt, nonce, ct, err := decodeIdentity(b); err == nil {
			if p.Validate() != nil || len(header) != identityHeader || len(salt) != saltSize || len(nonce) != nonceSize || len(ct) != keySize+tagSize {
				t.Fatalf("decodeIdentity framing of %x", b)
			}
		}
	})
}

func cheap() auth.Params { return auth.TestParams() }
