package record

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"

	"dataskydd/backend/registry"
)

// AppendLine appends the record's canonical JSON Lines form (no newline): type, id, then the
// fields in registry order, empty fields left out. Export writes it; Decode reads it back to
// an equal record, so export -> import -> export is byte for byte the same.
func (r *Record) AppendLine(b []byte) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, r.Type.Name)
	b = append(b, `,"id":`...)
	b = appendString(b, r.ID)
	return r.appendFields(b, true)
}

// AppendData appends the canonical JSON object of the fields alone (what the store keeps).
func (r *Record) AppendData(b []byte) []byte {
	return r.appendFields(b, false)
}

func (r *Record) appendFields(b []byte, after bool) []byte {
	if !after {
		b = append(b, '{')
	}
	first := !after
	for i := range r.Type.Fields {
		f := &r.Type.Fields[i]
		v, ok := r.Values[f.Name]
		if !ok {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, f.Name)
		b = append(b, ':')
		b = appendValue(b, f, v)
	}
	return append(b, '}')
}

func appendValue(b []byte, f *registry.Field, v any) []byte {
	switch x := v.(type) {
	case string:
		return appendString(b, x)
	case json.Number:
		return append(b, x...)
	case bool:
		return strconv.AppendBool(b, x)
	case []string:
		b = append(b, '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']')
	case []Row:
		b = append(b, '[')
		for i, row := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			first := true
			for j := range f.Child.Fields {
				cf := &f.Child.Fields[j]
				cv, ok := row[cf.Name]
				if !ok {
					continue
				}
				if !first {
					b = append(b, ',')
				}
				first = false
				b = appendString(b, cf.Name)
				b = append(b, ':')
				b = appendValue(b, cf, cv)
			}
			b = append(b, '}')
		}
		return append(b, ']')
	case map[string]any:
		return appendObject(b, x)
	case nil:
		return append(b, "null"...)
	}
	// Any other JSON value (inside version-history objects).
	out, _ := json.Marshal(v)
	return append(b, out...)
}

// appendObject writes an object with sorted keys, so its form is canonical.
func appendObject(b []byte, m map[string]any) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		switch x := m[k].(type) {
		case map[string]any:
			b = appendObject(b, x)
		case string:
			b = appendString(b, x)
		default:
			out, _ := json.Marshal(x)
			b = append(b, out...)
		}
	}
	return append(b, '}')
}

const hex = "0123456789abcdef"

// appendString writes a JSON string: quotes, backslashes and control characters escaped,
// other characters (å, ä, ö) as they are.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
				b = append(b, s[start:i]...)
				if r == utf8.RuneError {
					b = append(b, "\uFFFD"...)
				} else {
					b = append(b, `\u202`...)
					b = append(b, hex[r&0xF])
				}
				i += size
				start = i
				continue
			}
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// DecodeData rebuilds a record from the store's canonical field object.
func DecodeData(t *registry.Type, id string, data []byte) (*Record, error) {
	b := make([]byte, 0, len(data)+len(t.Name)+len(id)+32)
	b = append(b, `{"type":`...)
	b = appendString(b, t.Name)
	b = append(b, `,"id":`...)
	b = appendString(b, id)
	if len(data) > 2 {
		b = append(b, ',')
		b = append(b, data[1:]...)
	} else {
		b = append(b, '}')
	}
	return decode(b, true)
}

// SpliceLine turns the store's field object into an export line without decoding it.
func SpliceLine(b []byte, typeName, id string, data []byte) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, typeName)
	b = append(b, `,"id":`...)
	b = appendString(b, id)
	if len(data) > 2 {
		b = append(b, ',')
		return append(b, data[1:]...)
	}
	return append(b, '}')
}

// LineFromValues builds an interchange line from loosely typed values (as a form or the
// desktop bridge sends them), for Decode to validate.
func LineFromValues(typeName, id string, values map[string]any) ([]byte, error) {
	m := make(map[string]any, len(values)+2)
	for k, v := range values {
		m[k] = v
	}
	m["type"], m["id"] = typeName, id
	return json.Marshal(m)
}

// SameValue reports whether two values of a field are equal in canonical form.
func SameValue(f *registry.Field, a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return string(appendValue(nil, f, a)) == string(appendValue(nil, f, b))
}
