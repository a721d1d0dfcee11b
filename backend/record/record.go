// Package record is a record of the data map in memory: its type, its external id and its
// field values, with the one decoder that validates a JSON Lines line against the registry
// and the one encoder that writes the canonical form the store keeps and export writes.
//
// Values are typed by the field's kind: string (strings, times, enums, links), json.Number,
// bool, []string (link lists, string lists), []Row (child rows) and map[string]any (version
// history objects). An empty value is absent: the map never holds "" or null.
package record

import (
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/registry"
)

// Record is one record of one type.
type Record struct {
	Type   *registry.Type
	ID     string
	Values map[string]any
}

// Row is one child row.
type Row = map[string]any

// New returns an empty record.
func New(t *registry.Type, id string) *Record {
	return &Record{Type: t, ID: id, Values: map[string]any{}}
}

// String returns a string-valued field, "" when absent.
func (r *Record) String(name string) string {
	s, _ := r.Values[name].(string)
	return s
}

// Set sets a field; an empty string or nil removes it.
func (r *Record) Set(name string, v any) {
	if v == nil || v == "" {
		delete(r.Values, name)
		return
	}
	r.Values[name] = v
}

// Rows returns a child array's rows.
func (r *Record) Rows(name string) []Row {
	rows, _ := r.Values[name].([]Row)
	return rows
}

// Time parses a time field; ok is false when it is absent.
func (r *Record) Time(name string) (time.Time, bool) {
	s := r.String(name)
	if s == "" {
		return time.Time{}, false
	}
	t, err := ParseTime(s)
	return t, err == nil
}

// Clone returns a deep copy.
func (r *Record) Clone() *Record {
	c := &Record{Type: r.Type, ID: r.ID, Values: make(map[string]any, len(r.Values))}
	for k, v := range r.Values {
		c.Values[k] = cloneValue(v)
	}
	return c
}

func cloneValue(v any) any {
	switch x := v.(type) {
	case []string:
		return append([]string(nil), x...)
	case []Row:
		out := make([]Row, len(x))
		for i, row := range x {
			out[i] = cloneValue(map[string]any(row)).(map[string]any)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, vv := range x {
			out[k] = cloneValue(vv)
		}
		return out
	}
	return v
}

// ParseTime parses an RFC 3339 time or a date alone (midnight UTC).
func ParseTime(s string) (time.Time, error) {
	if len(s) == len("2006-01-02") {
		return time.Parse(time.DateOnly, s)
	}
	return time.Parse(time.RFC3339Nano, s)
}

// normTime is the canonical text of a time: a date alone stays a date, a time becomes UTC.
func normTime(s string) (string, error) {
	t, err := ParseTime(s)
	if err != nil {
		return "", err
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return "", fmt.Errorf("year %d out of range", y)
	}
	if len(s) == len("2006-01-02") {
		return s, nil
	}
	return t.UTC().Format(time.RFC3339Nano), nil
}

// FieldError is a validation error that names the field (child fields as "rows[2].text").
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return fmt.Sprintf("field %q: %s", e.Field, e.Msg)
}

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("invalid record")

func (e *FieldError) Unwrap() error { return ErrInvalid }

func ferr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}
