package vault

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/curve25519"
	"golang.org/x/crypto/hkdf"

	"dataskydd/backend/auth"
)

// A Recipient wraps a form's data key so that only one user can unwrap it.
type Recipient interface {
	Wrap(form string, key *DataKey) ([]byte, error)
}

// An Identity unwraps data keys wrapped for it.
type Identity interface {
	Unwrap(form string, wrapped []byte) (*DataKey, error)
}

var (
	_ Recipient = (*X25519Recipient)(nil)
	_ Identity  = (*X25519Identity)(nil)
)

// X25519Recipient is a user's public key (RFC 7748).
type X25519Recipient struct {
	user string
	pub  [32]byte
}

// NewRecipient returns the recipient for user's 32-byte X25519 public key.
func NewRecipient(user string, pub []byte) (*X25519Recipient, error) {
	if len(pub) != 32 {
		return nil, fmt.Errorf("reading public key of %q: %w", user, ErrMalformed)
	}
	r := &X25519Recipient{user: user}
	copy(r.pub[:], pub)
	return r, nil
}

// PublicKey returns the raw public key.
func (r *X25519Recipient) PublicKey() []byte { return r.pub[:] }

// wrapKey derives the key-encryption key from an X25519 shared secret with HKDF-SHA256
// (RFC 5869), salted with both public keys as age does, so it is unique per wrap.
func wrapKey(shared, eph, pub []byte) ([]byte, error) {
	salt := append(append(make([]byte, 0, 64), eph...), pub...)
	k := make([]byte, keySize)
	if _, err := io.ReadFull(hkdf.New(sha256.New, shared, salt, []byte(aadWrap)), k); err != nil {
		return nil, err
	}
	return k, nil
}

// Wrap seals key to r: a fresh ephemeral X25519 key pair, HKDF-SHA256 of the shared secret, and
// XChaCha20-Poly1305 with (form, user) as additional data, so a wrap moved to another form or
// user fails to open.
func (r *X25519Recipient) Wrap(form string, key *DataKey) ([]byte, error) {
	ephPriv := make([]byte, 32)
	if _, err := rand.Read(ephPriv); err != nil {
		return nil, fmt.Errorf("wrapping key for %q: %w", r.user, err)
	}
	defer clear(ephPriv)
	ephPub, err := curve25519.X25519(ephPriv, curve25519.Basepoint)
	if err != nil {
		return nil, fmt.Errorf("wrapping key for %q: %w", r.user, err)
	}
	shared, err := curve25519.X25519(ephPriv, r.pub[:])
	if err != nil { // low-order public key
		return nil, fmt.Errorf("wrapping key for %q: %w", r.user, ErrMalformed)
	}
	kek, err := wrapKey(shared, ephPub, r.pub[:])
	if err != nil {
		return nil, fmt.Errorf("wrapping key for %q: %w", r.user, err)
	}
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, fmt.Errorf("wrapping key for %q: %w", r.user, err)
	}
	out := make([]byte, 2+keySize+nonceSize, wrapSize)
	out[0], out[1] = tagWrap, version1
	copy(out[2:], ephPub)
	nonce := out[2+keySize : 2+keySize+nonceSize]
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("wrapping key for %q: %w", r.user, err)
	}
	return aead.Seal(out, nonce, key.k[:], aad(aadWrap, form, r.user)), nil
}

// X25519Identity is a user's private key. It exists in memory only between unlocking with the
// password and the end of one call; on disk it is always sealed (see [X25519Identity.Seal]).
type X25519Identity struct {
	user string
	priv [32]byte
	pub  [32]byte
}

// GenerateIdentity makes a new key pair for user.
func GenerateIdentity(user string) (*X25519Identity, error) {
	id := &X25519Identity{user: user}
	if _, err := rand.Read(id.priv[:]); err != nil {
		return nil, fmt.Errorf("generating key pair for %q: %w", user, err)
	}
	pub, err := curve25519.X25519(id.priv[:], curve25519.Basepoint)
	if err != nil {
		return nil, fmt.Errorf("generating key pair for %q: %w", user, err)
	}
	copy(id.pub[:], pub)
	return id, nil
}

// Recipient returns the public half.
func (id *X25519Identity) Recipient() *X25519Recipient {
	return &X25519Recipient{user: id.user, pub: id.pub}
}

// Wipe overwrites the private key in memory (best effort).
func (id *X25519Identity) Wipe() {
	if id != nil {
		clear(id.priv[:])
	}
}

// Unwrap opens a key wrapped by [X25519Recipient.Wrap] for this identity and form.
func (id *X25519Identity) Unwrap(form string, wrapped []byte) (*DataKey, error) {
	eph, nonce, ct, err := decodeWrap(wrapped)
	if err != nil {
		return nil, err
	}
	shared, err := curve25519.X25519(id.priv[:], eph)
	if err != nil {
		return nil, fmt.Errorf("unwrapping key of form %q: %w", form, ErrDecrypt)
	}
	kek, err := wrapKey(shared, eph, id.pub[:])
	if err != nil {
		return nil, fmt.Errorf("unwrapping key of form %q: %w", form, err)
	}
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, fmt.Errorf("unwrapping key of form %q: %w", form, err)
	}
	k := new(DataKey)
	if _, err := aead.Open(k.k[:0], nonce, ct, aad(aadWrap, form, id.user)); err != nil {
		return nil, fmt.Errorf("unwrapping key of form %q: %w", form, ErrDecrypt)
	}
	return k, nil
}

// Seal encrypts the private key under a key derived from password with Argon2id (own random
// salt, parameters p stored in the blob) and XChaCha20-Poly1305, bound to the user and the
// public key.
func (id *X25519Identity) Seal(password string, p auth.Params) ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("sealing private key: %w", err)
	}
	out := make([]byte, identityHeader+nonceSize, identitySize)
	out[0], out[1] = tagIdentity, version1
	binary.BigEndian.PutUint32(out[2:], p.Memory)
	binary.BigEndian.PutUint32(out[6:], p.Time)
	out[10] = p.Threads
	if _, err := rand.Read(out[11:]); err != nil { // salt and nonce
		return nil, fmt.Errorf("sealing private key: %w", err)
	}
	kek := p.Key([]byte(password), out[11:identityHeader])
	defer clear(kek)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, fmt.Errorf("sealing private key: %w", err)
	}
	return aead.Seal(out, out[identityHeader:identityHeader+nonceSize], id.priv[:], id.identityAAD(out[:identityHeader])), nil
}

func (id *X25519Identity) identityAAD(header []byte) []byte {
	return aad(aadIdentity, id.user, string(id.pub[:]), string(header))
}

// decodeIdentity splits a sealed private key.
func decodeIdentity(b []byte) (p auth.Params, header, salt, nonce, ct []byte, err error) {
	if err = checkHeader(b, tagIdentity, "sealed private key"); err != nil {
		return
	}
	if len(b) != identitySize {
		err = fmt.Errorf("decoding sealed private key: %d bytes: %w", len(b), ErrMalformed)
		return
	}
	p = auth.Params{Memory: binary.BigEndian.Uint32(b[2:]), Time: binary.BigEndian.Uint32(b[6:]), Threads: b[10]}
	if verr := p.Validate(); verr != nil {
		err = fmt.Errorf("decoding sealed private key: %w", ErrMalformed)
		return
	}
	return p, b[:identityHeader], b[11:identityHeader], b[identityHeader : identityHeader+nonceSize], b[identityHeader+nonceSize:], nil
}

// SealedParams returns the Argon2id parameters stored in a sealed private key.
func SealedParams(sealed []byte) (auth.Params, error) {
	p, _, _, _, _, err := decodeIdentity(sealed)
	return p, err
}

// OpenIdentity unseals user's private key with password. A wrong password, a tampered blob or a
// blob of another user or public key gives [ErrDecrypt].
func OpenIdentity(user string, pub, sealed []byte, password string) (*X25519Identity, error) {
	p, header, salt, nonce, ct, err := decodeIdentity(sealed)
	if err != nil {
		return nil, err
	}
	if len(pub) != 32 {
		return nil, fmt.Errorf("opening private key of %q: public key: %w", user, ErrMalformed)
	}
	id := &X25519Identity{user: user}
	copy(id.pub[:], pub)
	kek := p.Key([]byte(password), salt)
	defer clear(kek)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, fmt.Errorf("opening private key of %q: %w", user, err)
	}
	if _, err := aead.Open(id.priv[:0], nonce, ct, id.identityAAD(header)); err != nil {
		return nil, fmt.Errorf("opening private key of %q: %w", user, ErrDecrypt)
	}
	got, err := curve25519.X25519(id.priv[:], curve25519.Basepoint)
	if err != nil || subtle.ConstantTimeCompare(got, id.pub[:]) != 1 {
		id.Wipe()
		return nil, fmt.Errorf("opening private key of %q: key pair mismatch: %w", user, ErrDecrypt)
	}
	return id, nil
}
