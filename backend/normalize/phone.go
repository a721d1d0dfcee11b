package normalize

import (
	"errors"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the region assumed for phone numbers written without a country code.
const DefaultRegion = "SE"

// Phone returns the E.164 form of a phone number written in any common format
// ("070-123 45 67", "+46 70 123 45 67", "0046701234567"), with Sweden as the default
// region. It reports false when s is not a possible phone number.
func Phone(s string) (string, bool) {
	return phone(s, false)
}

// phone parses s; strict asks for a number in an assigned range (for numbers found in
// free text, where a loose rule would turn order numbers into phone numbers).
func phone(s string, strict bool) (string, bool) {
	s = strings.TrimSpace(s)
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-' || r == '+' || r == '(' || r == ')' || r == '.' || r == '/' || r == '\u00a0':
		default:
			return "", false
		}
	}
	if digits < 6 || digits > 15 {
		return "", false
	}
	if e164, ok := swedishMobile(s); ok {
		return e164, true
	}
	n, err := phonenumbers.Parse(s, DefaultRegion)
	if err != nil {
		return "", false
	}
	if strict && !phonenumbers.IsValidNumber(n) {
		return "", false
	}
	if !phonenumbers.IsPossibleNumber(n) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}

// swedishMobile is a fast path for the commonest case, a Swedish mobile number (07x and
// seven more digits) in any of its usual forms; everything else goes to the library,
// which gives the same answer for these, only slower.
func swedishMobile(s string) (string, bool) {
	var d [16]byte
	n := 0
	plus := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n == len(d) {
				return "", false
			}
			d[n] = c
			n++
		case c == '+':
			if n > 0 || plus {
				return "", false
			}
			plus = true
		case c == ' ' || c == '-':
		default:
			return "", false
		}
	}
	ds := string(d[:n])
	var national string
	switch {
	case plus && strings.HasPrefix(ds, "46"):
		national = ds[2:]
	case !plus && strings.HasPrefix(ds, "0046"):
		national = ds[4:]
	case !plus && strings.HasPrefix(ds, "0"):
		national = ds[1:]
	default:
		return "", false
	}
	if len(national) != 9 || national[0] != '7' || !strings.ContainsRune("02369", rune(national[1])) {
		return "", false
	}
	return "+46" + national, true
}

// parseLib formats with the library alone (tests compare the fast path with it).
func parseLib(s string) (string, error) {
	n, err := phonenumbers.Parse(s, DefaultRegion)
	if err != nil {
		return "", err
	}
	if !phonenumbers.IsPossibleNumber(n) {
		return "", errors.New("not a possible number")
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}
