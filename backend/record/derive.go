package record

import (
	"time"

	"dataskydd/backend/registry"
)

// Ref is one outgoing link of a record: the field path that holds it and the record it names.
// Customer links name the customer by customer number.
type Ref struct {
	Path   string // "contact_person", "comments[2].author", "members[0]"
	Target string // target type
	ID     string // target id (customer number for customers)
}

// Refs lists the record's outgoing links, in field order. Customer number "0" is no link.
func (r *Record) Refs() []Ref {
	var out []Ref
	for i := range r.Type.Fields {
		out = appendRefs(out, &r.Type.Fields[i], r.Type.Fields[i].Name, r.Values[r.Type.Fields[i].Name])
	}
	return out
}

func appendRefs(out []Ref, f *registry.Field, path string, v any) []Ref {
	if v == nil {
		return out
	}
	switch f.Kind {
	case registry.KindLink:
		if s, _ := v.(string); s != "" {
			out = append(out, Ref{Path: path, Target: f.Target, ID: s})
		}
	case registry.KindCustomerLink:
		if s, _ := v.(string); s != "" && s != registry.AnonymisedCustomer && f.Target != "" {
			out = append(out, Ref{Path: path, Target: f.Target, ID: s})
		}
	case registry.KindLinkList:
		for i, s := range v.([]string) {
			out = append(out, Ref{Path: childIndex(path, i), Target: f.Target, ID: s})
		}
	case registry.KindChildren:
		for i, row := range v.([]Row) {
			for j := range f.Child.Fields {
				cf := &f.Child.Fields[j]
				if cf.Kind == registry.KindLink || cf.Kind == registry.KindLinkList {
					out = appendRefs(out, cf, childPath(path, i, cf.Name), row[cf.Name])
				}
			}
		}
	}
	return out
}

func childIndex(path string, i int) string { return path + "[" + itoa(i) + "]" }

// CustomerNumber is the record's customer number: its own for a customer, the linked one for
// records that carry one.
func (r *Record) CustomerNumber() string { return r.String(registry.FieldCustomerNo) }

// Clock returns when the record's retention countdown started, per its type's rule:
// "A or B" is the earliest set, "A, else B" the first set. ok is false when none is set or
// the type has no policy.
func (r *Record) Clock() (time.Time, bool) {
	rule := r.Type.Retention
	if rule == nil {
		return time.Time{}, false
	}
	var best time.Time
	found := false
	for _, name := range rule.Clock {
		t, ok := r.EffectiveTime(name)
		if !ok {
			continue
		}
		if rule.Mode == registry.FirstSet {
			return t, true
		}
		if !found || t.Before(best) {
			best, found = t, true
		}
	}
	return best, found
}

// UnixOrNil returns the Unix seconds of a time field, or nil when absent (for SQL columns).
func (r *Record) UnixOrNil(name string) any {
	t, ok := r.Time(name)
	if !ok {
		return nil
	}
	return t.Unix()
}

// EffectiveTime is a time field as the lifecycle rules read it: updated_at defaults to
// created_at (datamap.md).
func (r *Record) EffectiveTime(name string) (time.Time, bool) {
	t, ok := r.Time(name)
	if !ok && name == registry.FieldUpdatedAt {
		return r.Time(registry.FieldCreatedAt)
	}
	return t, ok
}

// RefField is a Ref's path without its row indexes: the field it is in
// ("comments[2].author" -> "comments.author", "members[0]" -> "members").
func RefField(path string) string {
	b := make([]byte, 0, len(path))
	depth := 0
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b = append(b, c)
		}
	}
	return string(b)
}

// ClearRef removes the link a Ref's path names: a field or a child row's field becomes
// null, an element of a link list is dropped. Customer links become "0" instead.
func (r *Record) ClearRef(path string) {
	name, rest := path, ""
	if i := indexAny(path, "[."); i >= 0 {
		name, rest = path[:i], path[i:]
	}
	f, ok := r.Type.Field(name)
	if !ok {
		return
	}
	if rest == "" {
		if f.Kind == registry.KindCustomerLink {
			r.Values[name] = registry.AnonymisedCustomer
			return
		}
		delete(r.Values, name)
		return
	}
	idx, sub := parseIndex(rest)
	if idx < 0 {
		return
	}
	switch v := r.Values[name].(type) {
	case []string:
		if idx < len(v) {
			v = append(v[:idx:idx], v[idx+1:]...)
			if len(v) == 0 {
				delete(r.Values, name)
			} else {
				r.Values[name] = v
			}
		}
	case []Row:
		if idx < len(v) && sub != "" {
			delete(v[idx], sub)
		}
	}
}

func indexAny(s, chars string) int {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return i
			}
		}
	}
	return -1
}

// parseIndex reads "[12].name" or "[3]" into (12, "name") or (3, "").
func parseIndex(s string) (int, string) {
	if len(s) < 3 || s[0] != '[' {
		return -1, ""
	}
	n, i := 0, 1
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	if i == 1 || i >= len(s) || s[i] != ']' {
		return -1, ""
	}
	rest := s[i+1:]
	if len(rest) > 0 && rest[0] == '.' {
		rest = rest[1:]
	}
	return n, rest
}

// Prepared is what the store writes for a record, computed ahead (an import does it on every
// core while one writer inserts).
type Prepared struct {
	Rec      *Record
	Data     []byte // canonical field object
	Customer any    // customer number or nil
	Status   any
	Created  any // Unix seconds or nil
	Updated  any // updated_at, else created_at
	Clock    any // retention clock or nil
	Refs     []Ref
}

// Prepare computes the record's stored form.
func (r *Record) Prepare() *Prepared {
	p := &Prepared{Rec: r, Data: r.AppendData(nil), Created: r.UnixOrNil(registry.FieldCreatedAt), Refs: r.Refs()}
	if c := r.CustomerNumber(); c != "" {
		p.Customer = c
	}
	if s := r.String(registry.FieldStatus); s != "" {
		p.Status = s
	}
	if t, ok := r.EffectiveTime(registry.FieldUpdatedAt); ok {
		p.Updated = t.Unix()
	}
	if t, ok := r.Clock(); ok {
		p.Clock = t.Unix()
	}
	return p
}
