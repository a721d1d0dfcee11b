package normalize

import (
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
