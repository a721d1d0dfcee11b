package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are Argon2id's cost parameters (RFC 9106 section 3.1). They are stored with every
// hash, so raising them later leaves existing hashes verifiable.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8  // lanes
}

// DefaultParams are the production parameters for login passwords: RFC 9106's second
// recommended option scaled to a desktop (64 MiB, 3 passes, 4 lanes); about 0.3 s here.
func DefaultParams() Params { return Params{Memory: 64 * 1024, Time: 3, Threads: 4} }

// TestParams are deliberately weak parameters that keep tests fast. Never use them in the app.
func TestParams() Params { return Params{Memory: 64, Time: 1, Threads: 1} }

const (
	saltLen = 16 // RFC 9106: 128-bit salt
	keyLen  = 32 // RFC 9106: 256-bit tag
	// Bounds on parameters read back from a stored hash, so a corrupt row cannot make a login
	// allocate unbounded memory.
	maxMemory  = 4 << 20 // KiB = 4 GiB
	maxTime    = 1000
	argonV     = argon2.Version
	phcPrefix  = "$argon2id$"
	phcVersion = "v=19"
)

// Key derives a keyLen-byte key from secret and salt with Argon2id under p.
func (p Params) Key(secret, salt []byte) []byte {
	return argon2.IDKey(secret, salt, p.Time, p.Memory, p.Threads, keyLen)
}

// Validate reports whether p is within the bounds this package accepts.
func (p Params) Validate() error {
	if p.Time < 1 || p.Time > maxTime || p.Threads < 1 || p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory {
		return fmt.Errorf("argon2id parameters m=%d,t=%d,p=%d out of range: %w", p.Memory, p.Time, p.Threads, ErrMalformedHash)
	}
	return nil
}

// HashPassword hashes password with a fresh random salt and returns a PHC string:
// $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash> (unpadded standard base64).
func HashPassword(password string, p Params) (string, error) {
	if err := p.Validate(); err != nil {
		return "", fmt.Errorf("hashing password: %w", err)
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hashing password: reading salt: %w", err)
	}
	key := p.Key([]byte(password), salt)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("%s%s$m=%d,t=%d,p=%d$%s$%s", phcPrefix, phcVersion, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ParseHash splits a PHC string made by [HashPassword] into its parameters, salt and hash.
func ParseHash(phc string) (p Params, salt, hash []byte, err error) {
	fail := func(what string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("parsing password hash: %s: %w", what, ErrMalformedHash)
	}
	rest, ok := strings.CutPrefix(phc, phcPrefix)
	if !ok {
		return fail("not argon2id")
	}
	parts := strings.Split(rest, "$")
	if len(parts) != 4 {
		return fail("wrong number of fields")
	}
	if parts[0] != phcVersion {
		return fail("unsupported version")
	}
	var threads uint32
	if n, err := fmt.Sscanf(parts[1], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &threads); err != nil || n != 3 || threads > 255 {
		return fail("bad parameters")
	}
	p.Threads = uint8(threads)
	if fmt.Sprintf("m=%d,t=%d,p=%d", p.Memory, p.Time, p.Threads) != parts[1] {
		return fail("non-canonical parameters")
	}
	if err := p.Validate(); err != nil {
		return Params{}, nil, nil, fmt.Errorf("parsing password hash: %w", err)
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[2]); err != nil || len(salt) < 8 {
		return fail("bad salt")
	}
	if hash, err = b64.DecodeString(parts[3]); err != nil || len(hash) < 16 {
		return fail("bad hash")
	}
	return p, salt, hash, nil
}

// VerifyPassword reports whether password matches the PHC string. It compares in constant
// time and uses the parameters stored in the string.
func VerifyPassword(password, phc string) (bool, error) {
	p, salt, want, err := ParseHash(phc)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// NeedsRehash reports whether phc was made with parameters other than p, so that a successful
// login can upgrade it.
func NeedsRehash(phc string, p Params) bool {
	got, _, _, err := ParseHash(phc)
	return err != nil || got != p
}
