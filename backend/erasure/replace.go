package erasure

import (
	"sort"
	"strings"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/search"
)

const versionsPrefix = registry.FieldVersions + ".fields."

// replaceValues replaces, in r, every value the search located: a personal value (class
// P) becomes word, and in free text (class F) the matched spans do. It reports whether
// anything changed. A value is found by its field path and its exact text, so values the
// record no longer holds (rewritten by its rule) are left alone.
func replaceValues(r *record.Record, locs []search.Located, word string) bool {
	changed := false
	for _, l := range locs {
		fix := func(v string) (string, bool) {
			if v != l.Value {
				return v, false
			}
			nv := word
			if l.Class == registry.ClassF {
				nv = redact(v, l.Spans, word)
			}
			return nv, nv != v
		}
		path := l.Field
		if strings.HasPrefix(path, versionsPrefix) {
			if replaceInVersions(r, strings.TrimPrefix(path, versionsPrefix), fix) {
				changed = true
			}
			continue
		}
		field, child, _ := strings.Cut(path, ".")
		if child == "" {
			if nv, ok := replaceIn(r.Values[field], fix); ok {
				r.Values[field] = nv
				changed = true
			}
			continue
		}
		for _, row := range r.Rows(field) {
			if nv, ok := replaceIn(row[child], fix); ok {
				row[child] = nv
				changed = true
			}
		}
	}
	return changed
}

// replaceIn fixes a string or the strings of a list.
func replaceIn(v any, fix func(string) (string, bool)) (any, bool) {
	switch x := v.(type) {
	case string:
		return fix(x)
	case []string:
		changed := false
		for i, s := range x {
			if ns, ok := fix(s); ok {
				x[i], changed = ns, true
			}
		}
		return x, changed
	case []any:
		changed := false
		for i, e := range x {
			if s, ok := e.(string); ok {
				if ns, ok := fix(s); ok {
					x[i], changed = ns, true
				}
			}
		}
		return x, changed
	}
	return v, false
}

// replaceInVersions fixes the old values of one field (path "name" or "child.field") in
// every entry of the version history.
func replaceInVersions(r *record.Record, path string, fix func(string) (string, bool)) bool {
	field, child, _ := strings.Cut(path, ".")
	changed := false
	for _, entry := range r.Rows(registry.FieldVersions) {
		old, _ := entry["fields"].(map[string]any)
		v, ok := old[field]
		if !ok {
			continue
		}
		if child == "" {
			if nv, ok := replaceIn(v, fix); ok {
				old[field], changed = nv, true
			}
			continue
		}
		var rows []map[string]any
		switch x := v.(type) {
		case []record.Row:
			rows = x
		case []any:
			for _, e := range x {
				if m, ok := e.(map[string]any); ok {
					rows = append(rows, m)
				}
			}
		}
		for _, row := range rows {
			if nv, ok := replaceIn(row[child], fix); ok {
				row[child], changed = nv, true
			}
		}
	}
	return changed
}

// redact replaces the spans of v with word, keeping the text around them. Overlapping
// spans (an e-mail address and the words inside it) are merged first.
func redact(v string, spans []search.Span, word string) string {
	sp := append([]search.Span(nil), spans...)
	sort.Slice(sp, func(i, j int) bool { return sp[i].Start < sp[j].Start })
	var merged []search.Span
	for _, s := range sp {
		if s.End > len(v) || s.End <= s.Start || s.Start < 0 {
			continue
		}
		// Spans apart by blanks only ("Åsa Östergren") become one replacement.
		if n := len(merged); n > 0 && (s.Start <= merged[n-1].End || strings.TrimSpace(v[merged[n-1].End:s.Start]) == "") {
			merged[n-1].End = max(merged[n-1].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	var b strings.Builder
	pos := 0
	for _, s := range merged {
		b.WriteString(v[pos:s.Start])
		b.WriteString(word)
		pos = s.End
	}
	b.WriteString(v[pos:])
	return b.String()
}
