package records

import (
	"fmt"
	"sort"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/registry"
)

// ErrBadFilter is a list filter that names a field the type does not have as a plain string,
// or a period bound that is not RFC 3339.
var ErrBadFilter = &auth.Error{Code: "invalid_input", Message: "bad list filter"}

// matchable kinds: fields whose stored value is one JSON string.
var matchable = map[registry.Kind]bool{registry.KindString: true, registry.KindEnum: true, registry.KindTime: true, registry.KindLink: true, registry.KindCustomerLink: true}

// filterSQL is the WHERE clause (starting with " AND") of the exact filters: the Match
// fields compared in the stored JSON (json_extract with a path built only from the registry's
// own field names) and the created_at period. The logs screen filters by person, action
// and period with it; any list can.
func (q Query) filterSQL(t *registry.Type) (string, []any, error) {
	var where string
	var args []any
	names := make([]string, 0, len(q.Match))
	for name := range q.Match {
		names = append(names, name)
	}
	sort.Strings(names) // a stable statement for the same filter
	for _, name := range names {
		f, ok := t.Field(name)
		if !ok || !matchable[f.Kind] {
			return "", nil, fmt.Errorf("%w: %s has no field %q to match", ErrBadFilter, t.Name, name)
		}
		where += " AND json_extract(data, '$." + f.Name + "') = ?"
		args = append(args, q.Match[name])
	}
	for _, b := range []struct {
		value, op string
	}{{q.Since, ">="}, {q.Until, "<"}} {
		if b.value == "" {
			continue
		}
		at, err := time.Parse(time.RFC3339, b.value)
		if err != nil {
			return "", nil, fmt.Errorf("%w: period bound %q: %v", ErrBadFilter, b.value, err)
		}
		where += " AND created_at " + b.op + " ?"
		args = append(args, at.Unix())
	}
	return where, args, nil
}
