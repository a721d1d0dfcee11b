package vault

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Binary formats. Every sealed blob starts with a tag byte saying what it is and a format
// version, so a future format can be read next to this one:
//
//	value     'V' 1 | nonce[24] | XChaCha20-Poly1305 ciphertext+tag
//	wrap      'W' 1 | ephemeral X25519 public key[32] | nonce[24] | ciphertext+tag of the 32-byte data key
//	identity  'I' 1 | Argon2id m uint32 BE | t uint32 BE | p uint8 | salt[16] | nonce[24] | ciphertext+tag of the 32-byte private key
const (
	tagValue    = 'V'
	tagWrap     = 'W'
	tagIdentity = 'I'
	version1    = 1

	keySize   = chacha20poly1305.KeySize    // 32
	nonceSize = chacha20poly1305.NonceSizeX // 24
	tagSize   = chacha20poly1305.Overhead   // 16
	saltSize  = 16

	valueHeader    = 2 + nonceSize
	wrapSize       = 2 + keySize + nonceSize + keySize + tagSize
	identityHeader = 2 + 4 + 4 + 1 + saltSize
	identitySize   = identityHeader + nonceSize + keySize + tagSize

	// Domain separation strings: a ciphertext of one kind never opens as another.
	aadValue    = "dataskydd/vault value v1"
	aadWrap     = "dataskydd/vault wrap v1"
	aadIdentity = "dataskydd/vault identity v1"
)

// Location is where an encrypted value lives. It is bound to the ciphertext as additional
// data, so a value copied to another form, entry or field fails to open.
type Location struct {
	Form, Entry, Field string
}

// aad builds additional data: a domain string then each part with a 4-byte length prefix, so
// ("ab","c") and ("a","bc") differ.
func aad(domain string, parts ...string) []byte {
	b := append(make([]byte, 0, len(domain)+64), domain...)
	for _, p := range parts {
		b = binary.BigEndian.AppendUint32(b, uint32(len(p)))
		b = append(b, p...)
	}
	return b
}

// DataKey is a form's random 256-bit data key. Hold it no longer than one call; [DataKey.Wipe]
// clears it (best effort: Go may have copied it).
type DataKey struct {
	k [keySize]byte
}

// NewDataKey returns a fresh random data key.
func NewDataKey() (*DataKey, error) {
	k := new(DataKey)
	if _, err := rand.Read(k.k[:]); err != nil {
		return nil, fmt.Errorf("making data key: %w", err)
	}
	return k, nil
}

// Wipe overwrites the key in memory.
func (k *DataKey) Wipe() {
	if k != nil {
		clear(k.k[:])
	}
}

// Seal encrypts plaintext for loc with XChaCha20-Poly1305 and a random 192-bit nonce (random
// nonces are safe at this size, draft-irtf-cfrg-xchacha section 3.1).
func (k *DataKey) Seal(loc Location, plaintext []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(k.k[:])
	if err != nil {
		return nil, fmt.Errorf("sealing value: %w", err)
	}
	out := make([]byte, valueHeader, valueHeader+len(plaintext)+tagSize)
	out[0], out[1] = tagValue, version1
	if _, err := rand.Read(out[2:valueHeader]); err != nil {
		return nil, fmt.Errorf("sealing value: reading nonce: %w", err)
	}
	return aead.Seal(out, out[2:valueHeader], plaintext, aad(aadValue, loc.Form, loc.Entry, loc.Field)), nil
}

// Open decrypts a value made by [DataKey.Seal] for the same loc. Any change to the value, or a
// different key or location, gives [ErrDecrypt].
func (k *DataKey) Open(loc Location, sealed []byte) ([]byte, error) {
	nonce, ct, err := decodeValue(sealed)
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.NewX(k.k[:])
	if err != nil {
		return nil, fmt.Errorf("opening value: %w", err)
	}
	pt, err := aead.Open(nil, nonce, ct, aad(aadValue, loc.Form, loc.Entry, loc.Field))
	if err != nil {
		return nil, fmt.Errorf("opening value at %s/%s/%s: %w", loc.Form, loc.Entry, loc.Field, ErrDecrypt)
	}
	return pt, nil
}

// checkHeader checks tag and version of a sealed blob.
func checkHeader(b []byte, tag byte, what string) error {
	if len(b) < 2 || b[0] != tag {
		return fmt.Errorf("decoding %s: %w", what, ErrMalformed)
	}
	if b[1] != version1 {
		return fmt.Errorf("decoding %s: version %d: %w", what, b[1], ErrUnsupported)
	}
	return nil
}

// decodeValue splits a sealed value into nonce and ciphertext.
func decodeValue(b []byte) (nonce, ct []byte, err error) {
	if err := checkHeader(b, tagValue, "sealed value"); err != nil {
		return nil, nil, err
	}
	if len(b) < valueHeader+tagSize {
		return nil, nil, fmt.Errorf("decoding sealed value: %d bytes: %w", len(b), ErrMalformed)
	}
	return b[2:valueHeader], b[valueHeader:], nil
}

// decodeWrap splits a wrapped key into the ephemeral share, nonce and ciphertext.
func decodeWrap(b []byte) (eph, nonce, ct []byte, err error) {
	if err := checkHeader(b, tagWrap, "wrapped key"); err != nil {
		return nil, nil, nil, err
	}
	if len(b) != wrapSize {
		return nil, nil, nil, fmt.Errorf("decoding wrapped key: %d bytes: %w", len(b), ErrMalformed)
	}
	return b[2 : 2+keySize], b[2+keySize : 2+keySize+nonceSize], b[2+keySize+nonceSize:], nil
}
