package normalize

import (
	"strings"
	"unicode"
)

// Email returns the address lower-cased whole, as the search matches it. It reports false
// unless s looks like one address: a local part, one "@", and a domain with a dot.
func Email(s string) (string, bool) {
	s = strings.TrimSpace(s)
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') {
		return "", false
	}
	domain := s[at+1:]
	dot := strings.LastIndexByte(domain, '.')
	if dot <= 0 || dot == len(domain)-1 {
		return "", false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == ',' || r == ';' || r == '<' || r == '>' {
			return "", false
		}
	}
	return strings.ToLower(s), true
}
