package normalize

import (
	"strings"
	"unicode/utf8"
)

// FoldGlob returns a SQLite GLOB pattern that matches every text whose Fold contains
// Fold(s): each letter of s becomes the set of letters that fold to it ("å" becomes
// [aAàáâãäåÀÁÂÃÄÅāĀ…]), other characters stand for themselves. So a query can match case-
// and diacritic-insensitively in SQL, where LIKE folds ASCII letters only. Letters that
// fold to more than one letter ("ß", "æ") are matched only as themselves.
func FoldGlob(s string) string {
	var b strings.Builder
	b.WriteByte('*')
	for _, r := range Fold(s) {
		if set, ok := foldSets[r]; ok {
			b.WriteString(set)
			continue
		}
		switch r {
		case '*', '?', '[', ']':
			b.WriteByte('[')
			b.WriteRune(r)
			b.WriteByte(']')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('*')
	return b.String()
}

// foldSets maps each folded ASCII letter to a GLOB set of every letter up to U+024F that
// folds to it alone.
var foldSets = func() map[rune]string {
	members := map[rune][]rune{}
	for r := rune('A'); r < 0x250; r++ {
		f := Fold(string(r))
		if utf8.RuneCountInString(f) != 1 {
			continue
		}
		c, _ := utf8.DecodeRuneInString(f)
		if c >= 'a' && c <= 'z' {
			members[c] = append(members[c], r)
		}
	}
	out := map[rune]string{}
	for c, rs := range members {
		out[c] = "[" + string(rs) + "]"
	}
	return out
}()
