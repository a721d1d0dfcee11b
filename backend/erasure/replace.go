package erasure

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/search"
)

const versionsPrefix = registry.FieldVersions + ".fields."

// replace replaces one selected mention in the edit's record: the value at the hit's field
// (and child row or version entry) becomes the word when it is the mention whole, else the
// mention's spans do. The value must still be what the search saw (ErrChanged otherwise).
func (w *work) replace(ed *edit, field string, v search.MatchValue) error {
	fix := func(old string) (string, string, error) {
		if old != v.Field {
			return "", "", fmt.Errorf("%s %s %s: %w", ed.before.Type.Name, ed.before.ID, field, ErrChanged)
		}
		if v.Whole {
			return w.word, ChangeReplaceValue, nil
		}
		return redact(old, v.Spans, w.word), ChangeReplaceMention, nil
	}
	r := ed.after
	set := func(path string, get func() (string, bool), put func(string)) error {
		old, ok := get()
		if !ok {
			return fmt.Errorf("%s %s %s: %w", ed.before.Type.Name, ed.before.ID, path, ErrChanged)
		}
		nv, action, err := fix(old)
		if err != nil {
			// Another selected mention in the same value may have rewritten it already.
			if done, ok := ed.actions[path]; ok && done != "" {
				return nil
			}
			return err
		}
		put(nv)
		ed.actions[path] = action
		return nil
	}
	if rest, ok := strings.CutPrefix(field, versionsPrefix); ok {
		e := int(v.Inst >> 16)
		row := int(v.Inst & 0xffff)
		entries := r.Rows(registry.FieldVersions)
		if e >= len(entries) {
			return fmt.Errorf("%s %s %s: %w", ed.before.Type.Name, ed.before.ID, field, ErrChanged)
		}
		old, _ := entries[e]["fields"].(map[string]any)
		name, child, _ := strings.Cut(rest, ".")
		path := fmt.Sprintf("versions[%d].fields.%s", e, rest)
		if child == "" {
			return set(path, func() (string, bool) { return stringAt(old[name], row) }, func(s string) { old[name] = setStringAt(old[name], row, s) })
		}
		rows := anyRows(old[name])
		if row >= len(rows) {
			return fmt.Errorf("%s %s %s: %w", ed.before.Type.Name, ed.before.ID, field, ErrChanged)
		}
		return set(path, func() (string, bool) { s, ok := rows[row][child].(string); return s, ok }, func(s string) { rows[row][child] = s })
	}
	name, child, _ := strings.Cut(field, ".")
	if child == "" {
		return set(field, func() (string, bool) { return stringAt(r.Values[name], int(v.Inst)) },
			func(s string) { r.Values[name] = setStringAt(r.Values[name], int(v.Inst), s) })
	}
	rows := r.Rows(name)
	ri := int(v.Inst)
	if ri >= len(rows) {
		return fmt.Errorf("%s %s %s: %w", ed.before.Type.Name, ed.before.ID, field, ErrChanged)
	}
	path := fmt.Sprintf("%s[%d].%s", name, ri, child)
	return set(path, func() (string, bool) { s, ok := rows[ri][child].(string); return s, ok }, func(s string) { rows[ri][child] = s })
}

// stringAt is a string value, or element i of a list of strings.
func stringAt(v any, i int) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, i == 0
	case []string:
		if i < len(x) {
			return x[i], true
		}
	case []any:
		if i < len(x) {
			s, ok := x[i].(string)
			return s, ok
		}
	}
	return "", false
}

func setStringAt(v any, i int, s string) any {
	switch x := v.(type) {
	case []string:
		x[i] = s
		return x
	case []any:
		x[i] = s
		return x
	}
	return s
}

func anyRows(v any) []map[string]any {
	switch x := v.(type) {
	case []record.Row:
		out := make([]map[string]any, len(x))
		copy(out, x)
		return out
	case []any:
		var out []map[string]any
		for _, e := range x {
			m, _ := e.(map[string]any)
			out = append(out, m)
		}
		return out
	}
	return nil
}

// redact replaces the spans of v with word, keeping the text around them.
func redact(v string, spans []search.Span, word string) string {
	sp := append([]search.Span(nil), spans...)
	sort.Slice(sp, func(i, j int) bool { return sp[i].Start < sp[j].Start })
	var b strings.Builder
	pos := 0
	for _, s := range sp {
		if s.End > len(v) || s.End <= s.Start || s.Start < pos {
			continue
		}
		b.WriteString(v[pos:s.Start])
		b.WriteString(word)
		pos = s.End
	}
	b.WriteString(v[pos:])
	return b.String()
}

// equalRecords compares two records' field values.
func equalRecords(a, b *record.Record) bool {
	ja, _ := json.Marshal(a.Values)
	jb, _ := json.Marshal(b.Values)
	return string(ja) == string(jb)
}

// diff lists an edit's changes field by field: top-level values, child rows' fields
// ("comments[0].text"), rows removed ("comments[1]"), version entries removed.
func diff(ed *edit) []Change {
	if equalRecords(ed.before, ed.after) {
		return nil
	}
	var out []Change
	add := func(path, before, after string) {
		action := ChangeAnonymiseRecord
		if !ed.own {
			action = ed.actions[path]
			if action == "" {
				action = ed.actions[record.RefField(path)]
			}
			if action == "" {
				action = ChangeReplaceValue
			}
		}
		out = append(out, Change{Type: ed.before.Type.Name, ID: ed.before.ID, Field: path, Action: action, Before: before, After: after})
	}
	for i := range ed.before.Type.Fields {
		f := &ed.before.Type.Fields[i]
		bv, av := ed.before.Values[f.Name], ed.after.Values[f.Name]
		if jsonOf(bv) == jsonOf(av) {
			continue
		}
		if f.Kind != registry.KindChildren {
			if f.Kind == registry.KindLinkList {
				diffList(f.Name, bv, av, add)
				continue
			}
			add(f.Name, show(bv), show(av))
			continue
		}
		br, ar := anyRowsOf(bv), anyRowsOf(av)
		for ri := range br {
			if ri >= len(ar) {
				add(fmt.Sprintf("%s[%d]", f.Name, ri), jsonOf(br[ri]), "")
				continue
			}
			keys := map[string]bool{}
			for k := range br[ri] {
				keys[k] = true
			}
			for k := range ar[ri] {
				keys[k] = true
			}
			names := make([]string, 0, len(keys))
			for k := range keys {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, k := range names {
				if jsonOf(br[ri][k]) != jsonOf(ar[ri][k]) {
					add(fmt.Sprintf("%s[%d].%s", f.Name, ri, k), show(br[ri][k]), show(ar[ri][k]))
				}
			}
		}
	}
	return out
}

func diffList(name string, bv, av any, add func(path, before, after string)) {
	bl, al := stringsOf(bv), stringsOf(av)
	add(name, strings.Join(bl, ", "), strings.Join(al, ", "))
}

func stringsOf(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func anyRowsOf(v any) []map[string]any { return anyRows(v) }

func jsonOf(v any) string {
	if v == nil {
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// show is a value as the plan shows it: a string as it is, anything else as JSON.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return jsonOf(v)
}
