package record

import (
	"bytes"
	"encoding/json"
	"slices"

	"dataskydd/backend/registry"
)

// Decode validates one JSON Lines line against the registry and returns the record.
// Errors are *FieldError naming the field.
func Decode(line []byte) (*Record, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		if !bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("{")) {
			return nil, ferr("", "not a JSON object (each line must be one {\"type\": ..., \"id\": ...} record)")
		}
		return nil, ferr("", "malformed JSON: %v", err)
	}
	var typeName, id string
	if err := decodeString(raw["type"], &typeName); err != nil || typeName == "" {
		return nil, ferr("type", "missing or not a string")
	}
	t, ok := registry.Get(typeName)
	if !ok {
		return nil, ferr("type", "unknown type %q", typeName)
	}
	if err := decodeString(raw["id"], &id); err != nil || id == "" {
		return nil, ferr("id", "missing or not a non-empty string")
	}
	r := &Record{Type: t, ID: id, Values: make(map[string]any, len(raw))}
	for name, val := range raw {
		if name == "type" || name == "id" {
			continue
		}
		f, ok := t.Field(name)
		if !ok {
			return nil, ferr(name, "unknown field for type %s", t.Name)
		}
		v, err := decodeValue(f, name, val)
		if err != nil {
			return nil, err
		}
		if v != nil {
			r.Values[name] = v
		}
	}
	return r, nil
}

func decodeString(raw json.RawMessage, s *string) error {
	if raw == nil {
		return nil
	}
	return json.Unmarshal(raw, s)
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(bytes.TrimSpace(raw)) == "null"
}

// decodeValue returns the typed value of one field, nil when empty.
func decodeValue(f *registry.Field, path string, raw json.RawMessage) (any, error) {
	if isNull(raw) {
		return nil, nil
	}
	wrongType := func(want string) error {
		return ferr(path, "expected %s, got %s", want, jsonKind(raw))
	}
	switch f.Kind {
	case registry.KindString, registry.KindTime, registry.KindEnum, registry.KindLink, registry.KindCustomerLink:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, wrongType("a string")
		}
		if s == "" {
			return nil, nil
		}
		switch f.Kind {
		case registry.KindTime:
			n, err := normTime(s)
			if err != nil {
				return nil, ferr(path, "bad time %q: want RFC 3339 (2026-03-01T09:30:00Z) or a date (2026-03-01)", s)
			}
			return n, nil
		case registry.KindEnum:
			if !slices.Contains(f.Enum, s) {
				return nil, ferr(path, "%q is not one of %v", s, f.Enum)
			}
		}
		return s, nil
	case registry.KindNumber:
		var n json.Number
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, wrongType("a number")
		}
		n, ok := v.(json.Number)
		if !ok {
			return nil, wrongType("a number")
		}
		return n, nil
	case registry.KindBool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, wrongType("a boolean")
		}
		return b, nil
	case registry.KindLinkList, registry.KindStrings:
		var ss []string
		if err := json.Unmarshal(raw, &ss); err != nil {
			return nil, wrongType("an array of strings")
		}
		ss = slices.DeleteFunc(ss, func(s string) bool { return s == "" })
		if len(ss) == 0 {
			return nil, nil
		}
		return ss, nil
	case registry.KindObject:
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil || m == nil {
			return nil, wrongType("an object")
		}
		if len(m) == 0 {
			return nil, nil
		}
		return m, nil
	case registry.KindChildren:
		var rows []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &rows); err != nil {
			return nil, wrongType("an array of objects")
		}
		out := make([]Row, 0, len(rows))
		for i, rawRow := range rows {
			row := make(Row, len(rawRow))
			for name, val := range rawRow {
				cf, ok := f.Child.Field(name)
				p := childPath(path, i, name)
				if !ok {
					return nil, ferr(p, "unknown field in %s", path)
				}
				v, err := decodeValue(cf, p, val)
				if err != nil {
					return nil, err
				}
				if v != nil {
					row[name] = v
				}
			}
			out = append(out, row)
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	}
	return nil, ferr(path, "field kind %v not supported", f.Kind)
}

func childPath(parent string, i int, name string) string {
	return parent + "[" + itoa(i) + "]." + name
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
