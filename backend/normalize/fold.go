package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// special spells out letters that do not decompose into a base letter and a mark.
var special = map[rune]string{
	'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "d", 'ð': "d", 'ł': "l", 'þ': "th", 'ı': "i",
}

// Fold lower-cases s and removes diacritics, so "Åsa Östergren" and "asa ostergren" meet.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || (c >= 'A' && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		case r >= 0xC0 && r <= 0x17F:
			if rep := latin[r-0xC0]; rep != "" {
				b.WriteString(rep)
				continue
			}
		}
		foldRune(&b, r)
	}
	return b.String()
}

// latin folds U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A) without the
// normalisation tables; "" means: ask them.
var latin = func() (t [0x180 - 0xC0]string) {
	for r := rune(0xC0); r < 0x180; r++ {
		var b strings.Builder
		foldRune(&b, r)
		t[r-0xC0] = b.String()
	}
	return t
}()

// foldRune writes r lower-cased without its diacritics.
func foldRune(b *strings.Builder, r rune) {
	for _, r := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if rep, ok := special[r]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
}
