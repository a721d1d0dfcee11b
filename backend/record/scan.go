package record

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A small JSON reader for the interchange format. encoding/json decodes a line into maps of
// raw messages and then re-scans each value; an import of a million lines spent most of its
// time there. This reader validates a line once, keeps each top-level value as a span, and
// decodes the spans by the registry's kinds without reflection.

type span struct{ start, end int }

type scanner struct {
	data   []byte
	pos    int
	stored bool // decoding the store's own data: see decode
}

var errSyntax = errors.New("malformed JSON")

func (s *scanner) fail(format string, args ...any) error {
	return fmt.Errorf("%w: %s at byte %d", errSyntax, fmt.Sprintf(format, args...), s.pos+1)
}

func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) peek() byte {
	s.ws()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

func (s *scanner) expect(c byte) error {
	if s.peek() != c {
		if s.pos >= len(s.data) {
			return s.fail("unexpected end of line, want %q", c)
		}
		return s.fail("unexpected %q, want %q", s.data[s.pos], c)
	}
	s.pos++
	return nil
}

// skip validates one value and moves past it.
func (s *scanner) skip(depth int) error {
	if depth > 64 {
		return s.fail("nested too deeply")
	}
	switch c := s.peek(); {
	case c == '"':
		_, err := s.str(false)
		return err
	case c == '{':
		s.pos++
		if s.peek() == '}' {
			s.pos++
			return nil
		}
		for {
			if s.peek() != '"' {
				return s.fail("want a field name")
			}
			if _, err := s.str(false); err != nil {
				return err
			}
			if err := s.expect(':'); err != nil {
				return err
			}
			if err := s.skip(depth + 1); err != nil {
				return err
			}
			switch s.peek() {
			case ',':
				s.pos++
			case '}':
				s.pos++
				return nil
			default:
				return s.fail("want ',' or '}'")
			}
		}
	case c == '[':
		s.pos++
		if s.peek() == ']' {
			s.pos++
			return nil
		}
		for {
			if err := s.skip(depth + 1); err != nil {
				return err
			}
			switch s.peek() {
			case ',':
				s.pos++
			case ']':
				s.pos++
				return nil
			default:
				return s.fail("want ',' or ']'")
			}
		}
	case c == 't':
		return s.lit("true")
	case c == 'f':
		return s.lit("false")
	case c == 'n':
		return s.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		_, err := s.number()
		return err
	case c == 0:
		return s.fail("unexpected end of line")
	default:
		return s.fail("unexpected %q", c)
	}
}

func (s *scanner) lit(word string) error {
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		return s.fail("invalid literal")
	}
	s.pos += len(word)
	return nil
}

// number reads a JSON number and returns its text.
func (s *scanner) number() (string, error) {
	start := s.pos
	d := s.data
	i := s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(d) && d[i] == '0' {
		i++
	} else if digits() == 0 {
		s.pos = i
		return "", s.fail("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			s.pos = i
			return "", s.fail("invalid number")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.pos = i
			return "", s.fail("invalid number")
		}
	}
	s.pos = i
	return string(d[start:i]), nil
}

// MaxString is the longest text (in bytes, as UTF-8) a string value may hold in a line to
// decode: about 100 pages of text, far beyond any note. Indexing a text for the person search
// costs up to about 250 times its size in memory (measured: random words, 256 KiB -> 95 MB
// peak for a whole import; 15 MiB took 3.1 GB), so the limit, with jsonl.MaxLine for a whole
// line, is what keeps an import's memory bounded. The store's own data is not re-checked.
const MaxString = 256 << 10

// str reads a string; with decode false it only validates.
func (s *scanner) str(decode bool) (string, error) {
	if s.peek() != '"' {
		return "", s.fail("want a string")
	}
	s.pos++
	start := s.pos
	d := s.data
	tooLong := func() error {
		s.pos = start
		return fmt.Errorf("text longer than %d KiB (the limit of a value)", MaxString>>10)
	}
	// Fast path: no escapes.
	for i := start; i < len(d); i++ {
		c := d[i]
		if c == '"' {
			if i-start > MaxString && !s.stored {
				return "", tooLong()
			}
			s.pos = i + 1
			if !decode {
				return "", nil
			}
			return validUTF8(d[start:i]), nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			s.pos = i
			return "", s.fail("control character in string")
		}
	}
	var b []byte
	i := start
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			if len(b) > MaxString && !s.stored {
				return "", tooLong()
			}
			s.pos = i + 1
			return validUTF8(b), nil
		case c < 0x20:
			s.pos = i
			return "", s.fail("control character in string")
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(d) {
			break
		}
		switch e := d[i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, n, ok := hex4(d[i+2:])
			if !ok {
				s.pos = i
				return "", s.fail("invalid \\u escape")
			}
			i += n
			if utf16.IsSurrogate(r) {
				// A surrogate escape must be the first half of a pair; alone it is no
				// character (it used to become U+FFFD silently).
				r2, n2, ok := rune(0), 0, false
				if i+3 < len(d) && d[i+2] == '\\' && d[i+3] == 'u' {
					r2, n2, ok = hex4(d[i+4:])
				}
				dec := utf16.DecodeRune(r, r2)
				if !ok || dec == utf8.RuneError {
					s.pos = i - n
					return "", s.fail("lone surrogate escape \\u%04x (not a character)", r)
				}
				r = dec
				i += 2 + n2
			}
			b = utf8.AppendRune(b, r)
		default:
			s.pos = i
			return "", s.fail("invalid escape")
		}
		i += 2
	}
	s.pos = len(d)
	return "", s.fail("unterminated string")
}

func hex4(b []byte) (rune, int, bool) {
	if len(b) < 4 {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(string(b[:4]), 16, 32)
	if err != nil {
		return 0, 0, false
	}
	return rune(v), 4, true
}

// object reads the top-level object's fields as spans, validating the whole line.
func (s *scanner) object(visit func(key string, v span) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.pos++
		return s.end()
	}
	for {
		key, err := s.str(true)
		if err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		start := s.peekPos()
		if err := s.skip(1); err != nil {
			return ferr(key, "%v", err) // the error names the field whose value is bad
		}
		if err := visit(key, span{start, s.pos}); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return s.end()
		default:
			return s.fail("want ',' or '}'")
		}
	}
}

func (s *scanner) peekPos() int { s.ws(); return s.pos }

func (s *scanner) end() error {
	if s.peek() != 0 {
		return s.fail("more than one JSON value on the line")
	}
	return nil
}

// generic decodes any (validated) value into Go values, numbers as json.Number.
func (s *scanner) generic() (any, error) {
	switch c := s.peek(); {
	case c == '"':
		return s.str(true)
	case c == '{':
		s.pos++
		m := map[string]any{}
		if s.peek() == '}' {
			s.pos++
			return m, nil
		}
		for {
			k, err := s.str(true)
			if err != nil {
				return nil, err
			}
			if err := s.expect(':'); err != nil {
				return nil, err
			}
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("%w: duplicate key %q in an object", errSyntax, k)
			}
			v, err := s.generic()
			if err != nil {
				return nil, err
			}
			m[k] = v
			if s.peek() == ',' {
				s.pos++
				continue
			}
			if err := s.expect('}'); err != nil {
				return nil, err
			}
			return m, nil
		}
	case c == '[':
		s.pos++
		var out []any
		if s.peek() == ']' {
			s.pos++
			return []any{}, nil
		}
		for {
			v, err := s.generic()
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			if s.peek() == ',' {
				s.pos++
				continue
			}
			if err := s.expect(']'); err != nil {
				return nil, err
			}
			return out, nil
		}
	case c == 't':
		return true, s.lit("true")
	case c == 'f':
		return false, s.lit("false")
	case c == 'n':
		return nil, s.lit("null")
	default:
		n, err := s.number()
		if err == nil && !s.stored {
			if v, perr := strconv.ParseFloat(n, 64); perr != nil || math.IsInf(v, 0) {
				return nil, fmt.Errorf("number %s is out of range (not a finite number)", n)
			}
		}
		return json.Number(n), err
	}
}

// validUTF8 returns the text with invalid bytes replaced by U+FFFD, as encoding/json does.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
