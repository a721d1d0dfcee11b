package retention

import (
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
)

// Anonymise rewrites r in place by its type's field actions (registry.Field.Anon) and
// reports whether anything changed. word is the store's replacement word.
//
// Only values are replaced: an empty field stays empty, so Replace never invents a value
// and ZeroLink never adds a customer number to a record that had none. Fields whose action
// is Keep, and every field a rule does not name, are left exactly as they were.
func Anonymise(r *record.Record, word string) bool {
	changed := false
	for i := range r.Type.Fields {
		f := &r.Type.Fields[i]
		v, ok := r.Values[f.Name]
		if !ok || f.Anon == registry.Keep {
			continue
		}
		nv, keep := applyField(f, v, word)
		switch {
		case !keep:
			delete(r.Values, f.Name)
			changed = true
		case nv != nil:
			r.Values[f.Name] = nv
			changed = true
		}
	}
	return changed
}

// applyField returns a field's new value (nil: unchanged) and whether the field stays.
func applyField(f *registry.Field, v any, word string) (any, bool) {
	switch f.Anon {
	case registry.Replace:
		if s, ok := v.(string); ok && s != word {
			return word, true
		}
		return nil, true
	case registry.Clear:
		return nil, false
	case registry.ZeroLink:
		if s, ok := v.(string); ok && s != registry.AnonymisedCustomer {
			return registry.AnonymisedCustomer, true
		}
		return nil, true
	case registry.PerRow:
		rows, ok := v.([]record.Row)
		if !ok || f.Child == nil {
			return nil, true
		}
		changed := false
		for _, row := range rows {
			for j := range f.Child.Fields {
				cf := &f.Child.Fields[j]
				cv, ok := row[cf.Name]
				if !ok || cf.Anon == registry.Keep {
					continue
				}
				nv, keep := applyField(cf, cv, word)
				switch {
				case !keep:
					delete(row, cf.Name)
					changed = true
				case nv != nil:
					row[cf.Name] = nv
					changed = true
				}
			}
		}
		if changed {
			return rows, true
		}
		return nil, true
	case registry.DropRows:
		rows, ok := v.([]record.Row)
		if !ok {
			return nil, true
		}
		kept := rows[:0:0]
		for _, row := range rows {
			if s, _ := row[f.DropKey].(string); s == f.DropVal {
				continue
			}
			kept = append(kept, row)
		}
		if len(kept) == len(rows) {
			return nil, true
		}
		if len(kept) == 0 {
			return nil, false
		}
		return kept, true
	}
	return nil, true
}

// Named lists the fields (top level and "child.field") the type's rule changes, for the
// settings screen and the tests: everything not listed is kept.
func Named(t *registry.Type) []string {
	var out []string
	for i := range t.Fields {
		f := &t.Fields[i]
		switch f.Anon {
		case registry.Keep:
		case registry.PerRow:
			for _, cf := range f.Child.Fields {
				if cf.Anon != registry.Keep {
					out = append(out, f.Name+"."+cf.Name)
				}
			}
		default:
			out = append(out, f.Name)
		}
	}
	return out
}
