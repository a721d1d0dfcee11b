package auth

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

// MinPasswordLength is the shortest password accepted, counted in characters (NIST SP 800-63B
// asks for at least 8; security.md asks for 12).
const MinPasswordLength = 12

// commonPasswords is the 10,000 most frequent passwords, one per line, lower case, most frequent
// first. Provenance: README.md in this directory.
//
//go:embed common-passwords.txt
var commonPasswords string

// IsCommonPassword reports whether password, compared case-insensitively, is one of the 10,000
// most common passwords.
func IsCommonPassword(password string) bool {
	p := strings.ToLower(password)
	if p == "" || strings.ContainsRune(p, '\n') {
		return false
	}
	// A linear scan of ~80 KB takes microseconds, next to Argon2id's hundreds of milliseconds,
	// and keeps the package free of a lazily built global set.
	rest := commonPasswords
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		if line == p {
			return true
		}
		rest = after
	}
	return false
}

// CheckPassword applies the password policy: at least [MinPasswordLength] characters and not
// among the most common passwords.
func CheckPassword(password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return ErrPasswordTooShort
	}
	if IsCommonPassword(password) {
		return ErrPasswordCommon
	}
	return nil
}
