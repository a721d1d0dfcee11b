package vault

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestVectorsV1 opens blobs written by the first version of this package (testdata/v1.json):
// data already on users' disks must stay readable whatever changes here.
func TestVectorsV1(t *testing.T) {
	b, err := os.ReadFile("testdata/v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]string
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	h := func(name string) []byte {
		out, err := hex.DecodeString(v[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return out
	}
	id, err := OpenIdentity(v["user"], h("public_key"), h("sealed_private"), v["password"])
	if err != nil {
		t.Fatalf("private key: %v", err)
	}
	k, err := id.Unwrap(v["form"], h("wrapped_key"))
	if err != nil {
		t.Fatalf("wrapped key: %v", err)
	}
	if hex.EncodeToString(k.k[:]) != v["data_key"] {
		t.Fatal("unwrapped another data key")
	}
	pt, err := k.Open(Location{v["form"], v["entry"], v["field"]}, h("sealed_value"))
	if err != nil || string(pt) != v["plaintext"] {
		t.Fatalf("value: %q %v", pt, err)
	}
}

// The whole life of a secret, in four calls.
func Example() {
	alice, _ := GenerateIdentity("U2")                      // at account creation
	sealedKey, _ := alice.Seal("alice's password", cheap()) // stored in vault_keys

	formKey, _ := NewDataKey()                               // a new form
	wrapped, _ := alice.Recipient().Wrap("F1", formKey)      // stored in vault_wraps
	loc := Location{Form: "F1", Entry: "E7", Field: "f2"}    // where the value lives
	sealed, _ := formKey.Seal(loc, []byte("door code 4711")) // stored in vault_values

	// Later, alice types her password to read it.
	id, _ := OpenIdentity("U2", alice.Recipient().PublicKey(), sealedKey, "alice's password")
	k, _ := id.Unwrap("F1", wrapped)
	value, _ := k.Open(loc, sealed)
	fmt.Println(string(value))

	// Moved to another field, it opens no more.
	_, err := k.Open(Location{Form: "F1", Entry: "E7", Field: "f3"}, sealed)
	fmt.Println(err)
	// Output:
	// door code 4711
	// opening value at F1/E7/f3: cannot decrypt: wrong password or damaged data
}
