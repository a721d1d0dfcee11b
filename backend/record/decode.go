package record

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"

	"dataskydd/backend/registry"
)

type field struct {
	key string
	val span
}

// Decode validates one JSON Lines line against the registry and returns the record.
// Errors are *FieldError naming the field ("" for the line as a whole).
func Decode(line []byte) (*Record, error) { return decode(line, false) }

// decode is Decode; stored is true for the store's own canonical data (DecodeData), which
// was validated when it was written: a number range or size limit (MaxString) introduced
// since then must not make records already stored unreadable.
func decode(line []byte, stored bool) (*Record, error) {
	s := &scanner{data: line, stored: stored}
	if s.peek() != '{' {
		return nil, ferr("", "not a JSON object (each line must be one {\"type\": ..., \"id\": ...} record)")
	}
	fields := make([]field, 0, 24)
	if err := s.object(func(key string, v span) error {
		fields = append(fields, field{key, v})
		return nil
	}); err != nil {
		if fe, ok := err.(*FieldError); ok {
			return nil, fe
		}
		return nil, ferr("", "%v", err)
	}
	var typeName, id string
	var typeSeen, idSeen bool
	for _, f := range fields {
		switch f.key {
		case "type":
			if typeSeen {
				return nil, errDuplicate(f.key)
			}
			typeName, _ = stringAt(line, f.val, stored)
			typeSeen = true
		case "id":
			if idSeen {
				return nil, errDuplicate(f.key)
			}
			id, _ = stringAt(line, f.val, stored)
			idSeen = true
		}
	}
	if typeName == "" {
		return nil, ferr("type", "missing or not a string")
	}
	t, ok := registry.Get(typeName)
	if !ok {
		return nil, ferr("type", "unknown type %q", typeName)
	}
	if id == "" {
		return nil, ferr("id", "missing or not a non-empty string")
	}
	r := &Record{Type: t, ID: id, Values: make(map[string]any, len(fields))}
	// Each field at most once: a duplicate key must not have the last value win silently. Only
	// known fields get here, so the list stays short.
	seen := make([]*registry.Field, 0, len(fields))
	for _, kv := range fields {
		if kv.key == "type" || kv.key == "id" {
			continue
		}
		f, ok := t.Field(kv.key)
		if !ok {
			return nil, ferr(kv.key, "unknown field for type %s", t.Name)
		}
		if slices.Contains(seen, f) {
			return nil, errDuplicate(kv.key)
		}
		seen = append(seen, f)
		vs := &scanner{data: line[:kv.val.end], pos: kv.val.start, stored: stored}
		v, err := decodeValue(vs, f, kv.key)
		if err != nil {
			return nil, err
		}
		if v != nil {
			r.Values[kv.key] = v
		} else {
			delete(r.Values, kv.key)
		}
	}
	return r, nil
}

func errDuplicate(path string) error {
	return ferr(path, "duplicate key: the field appears more than once in the object")
}

func stringAt(line []byte, v span, stored bool) (string, bool) {
	s := &scanner{data: line[:v.end], pos: v.start, stored: stored}
	if s.peek() != '"' {
		return "", false
	}
	str, err := s.str(true)
	return str, err == nil
}

// kindAt names the JSON type of the value at the scanner, for error messages.
func kindAt(s *scanner) string {
	switch c := s.peek(); {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	}
	return "a number"
}

// decodeValue decodes the (already validated) value at the scanner by the field's kind; nil
// means empty.
func decodeValue(s *scanner, f *registry.Field, path string) (any, error) {
	if s.peek() == 'n' {
		return nil, s.lit("null")
	}
	switch f.Kind {
	case registry.KindString, registry.KindTime, registry.KindEnum, registry.KindLink, registry.KindCustomerLink:
		return decodeText(s, f, path)
	case registry.KindNumber:
		return decodeNumber(s, f, path)
	case registry.KindBool:
		if c := s.peek(); c != 't' && c != 'f' {
			return nil, wrongType(s, path, "a boolean")
		}
		return s.generic()
	case registry.KindLinkList, registry.KindStrings:
		return decodeStrings(s, path)
	case registry.KindObject:
		return decodeObject(s, path)
	case registry.KindChildren:
		return decodeChildren(s, f, path)
	}
	return nil, ferr(path, "field kind %v not supported", f.Kind)
}

// wrongType is the error for a value of another JSON kind than the field takes.
func wrongType(s *scanner, path, want string) error {
	return ferr(path, "expected %s, got %s", want, kindAt(s))
}

// decodeText decodes a string, time, enum or link value ("" is no value).
func decodeText(s *scanner, f *registry.Field, path string) (any, error) {
	if s.peek() != '"' {
		return nil, wrongType(s, path, "a string")
	}
	str, err := s.str(true)
	if err != nil {
		return nil, ferr(path, "%v", err)
	}
	if str == "" {
		return nil, nil
	}
	switch f.Kind {
	case registry.KindTime:
		n, err := normTime(str)
		if err != nil {
			return nil, ferr(path, "bad time %q: want RFC 3339 (2026-03-01T09:30:00Z) or a date (2026-03-01)", str)
		}
		return n, nil
	case registry.KindEnum:
		if !slices.Contains(f.Enum, str) {
			return nil, ferr(path, "%q is not one of %v", str, f.Enum)
		}
	}
	return str, nil
}

// decodeNumber decodes a number: a finite float64 within the field's range (a stored
// record's numbers are taken as they are).
func decodeNumber(s *scanner, f *registry.Field, path string) (any, error) {
	if c := s.peek(); c != '-' && (c < '0' || c > '9') {
		return nil, wrongType(s, path, "a number")
	}
	n, err := s.number()
	if err != nil {
		return nil, ferr(path, "%v", err)
	}
	if s.stored {
		return json.Number(n), nil
	}
	// Every number must be a finite float64 (1e400 is not), and within the field's range.
	v, err := strconv.ParseFloat(n, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return nil, ferr(path, "number %s is out of range (not a finite number)", n)
	}
	if f.Range != nil && !f.Range.Contains(v) {
		return nil, ferr(path, "%s is out of range: must be between %s and %s", n,
			strconv.FormatFloat(f.Range.Min, 'f', -1, 64), strconv.FormatFloat(f.Range.Max, 'f', -1, 64))
	}
	return json.Number(n), nil
}

// decodeStrings decodes an array of strings, without its empty ones (none: no value).
func decodeStrings(s *scanner, path string) (any, error) {
	if s.peek() != '[' {
		return nil, wrongType(s, path, "an array of strings")
	}
	var out []string
	err := eachElement(s, func(int) error {
		if s.peek() != '"' {
			return ferr(path, "expected an array of strings, got %s in it", kindAt(s))
		}
		str, err := s.str(true)
		if err != nil {
			return ferr(path, "%v", err)
		}
		if str != "" {
			out = append(out, str)
		}
		return nil
	})
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return out, nil
}

// eachElement walks the JSON array at s ('[' next): elem decodes element i; s is left after
// the ']'.
func eachElement(s *scanner, elem func(i int) error) error {
	s.pos++
	for i := 0; s.peek() != ']'; i++ {
		if err := elem(i); err != nil {
			return err
		}
		if s.peek() == ',' {
			s.pos++
		}
	}
	s.pos++
	return nil
}

// decodeObject decodes a free-form object (empty: no value).
func decodeObject(s *scanner, path string) (any, error) {
	if s.peek() != '{' {
		return nil, wrongType(s, path, "an object")
	}
	v, err := s.generic()
	if err != nil {
		return nil, ferr(path, "%v", err)
	}
	if m := v.(map[string]any); len(m) > 0 {
		return m, nil
	}
	return nil, nil
}

// decodeChildren decodes an array of child rows (none: no value).
func decodeChildren(s *scanner, f *registry.Field, path string) (any, error) {
	if s.peek() != '[' {
		return nil, wrongType(s, path, "an array of objects")
	}
	var out []Row
	err := eachElement(s, func(i int) error {
		if s.peek() != '{' {
			return ferr(childIndex(path, i), "expected an object, got %s", kindAt(s))
		}
		row, err := decodeRow(s, f.Child, path, i)
		if err != nil {
			return err
		}
		out = append(out, row)
		return nil
	})
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return out, nil
}

func decodeRow(s *scanner, child *registry.Child, path string, i int) (Row, error) {
	s.pos++ // '{'
	row := make(Row, len(child.Fields))
	var seen []*registry.Field // as in Decode: each field at most once
	for s.peek() != '}' {
		name, err := s.str(true)
		if err != nil {
			return nil, ferr(childIndex(path, i), "%v", err)
		}
		if err := s.expect(':'); err != nil {
			return nil, ferr(childIndex(path, i), "%v", err)
		}
		p := childPath(path, i, name)
		cf, ok := child.Field(name)
		if !ok {
			return nil, ferr(p, "unknown field in %s", path)
		}
		if slices.Contains(seen, cf) {
			return nil, errDuplicate(p)
		}
		seen = append(seen, cf)
		v, err := decodeValue(s, cf, p)
		if err != nil {
			return nil, err
		}
		if v != nil {
			row[name] = v
		} else {
			delete(row, name)
		}
		if s.peek() == ',' {
			s.pos++
		}
	}
	s.pos++
	return row, nil
}

func childPath(parent string, i int, name string) string {
	return childIndex(parent, i) + "." + name
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
