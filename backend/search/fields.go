package search

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/vault"
)

// VersionHistory is the search location of old values kept in a record's version history
// (datamap.md: they are personal data of the class of the field they came from).
const (
	VersionHistoryArea     = "Workcloud"
	VersionHistoryLocation = "Versionshistorik"
)

// place is one indexed field path of one type: where a hit in it is shown.
type place struct {
	id       uint64 // array position 0 of every value indexed under this path
	typ      *registry.Type
	path     string // "email", "comments.text", "versions.fields.email"
	area     string
	location string
	format   registry.Format
	class    registry.Class
	version  bool // an old value in the version history
	// group: the places whose values, in one record or one child row (same instance),
	// together name one person (registry Field.Mention); the id of the group's first place,
	// or -1.
	group int
	// subjectName, subjectID: the place is one of the type's own name or identifier fields
	// (registry Subject), so a match there can make the record the person's own.
	subjectName, subjectID bool
	// slot: a field of a secure-data entry; the hit shows the form field's name, stored
	// with the document, since forms are made by the users, not the registry.
	slot bool
}

// schema numbers every P and F field path of every searchable type, from the registry.
// The numbering goes into the index, so a change of the registry forces a rebuild: its
// fingerprint is kept in the index.
type schema struct {
	places      []*place
	byTypePath  map[string]*place // type + "\x00" + path
	fingerprint string
}

// analyserVersion changes whenever indexing changes meaning, forcing a rebuild.
const analyserVersion = "search-v8"

// vaultSlots is how many fields of one secure-data entry are told apart; the plain fields
// of an entry take the slots in field order, any beyond the last share it.
const vaultSlots = 32

// vaultType is what a secure-data entry is in the index: not a registry type, but a place
// like any other (datamap.md: GDPR / Säkra uppgifter).
var vaultType = &registry.Type{Name: vault.SearchType, Area: vault.SearchArea, Location: vault.SearchLocation}

func newSchema(types []*registry.Type) *schema {
	s := &schema{byTypePath: map[string]*place{}}
	groups := map[string]int{}
	add := func(t *registry.Type, path string, f *registry.Field, version bool) {
		p := &place{id: uint64(len(s.places)), typ: t, path: path, area: t.Area, location: t.Location,
			format: f.Format, class: f.Class, version: version, group: -1}
		if version {
			p.area, p.location = VersionHistoryArea, VersionHistoryLocation
		}
		if f.Mention != "" {
			// The group's first place names the group: the same mention tag under the same
			// parent path ("first_name" and "last_name", or two fields of one child row).
			key := t.Name + "\x00" + parentPath(path) + "\x00" + f.Mention
			if g, ok := groups[key]; ok {
				p.group = g
			} else {
				p.group = int(p.id)
				groups[key] = p.group
			}
		}
		if sub := t.Subject; sub != nil && !version {
			name := path
			if sub.Child != "" {
				name = strings.TrimPrefix(path, sub.Child+".")
			}
			if sub.Child == "" || name != path {
				p.subjectName = slices.Contains(sub.Names, name)
				p.subjectID = slices.Contains(sub.IDs, name)
			}
		}
		s.places = append(s.places, p)
		s.byTypePath[t.Name+"\x00"+path] = p
	}
	for _, t := range types {
		if !t.Searchable() {
			continue
		}
		hasVersions := false
		for i := range t.Fields {
			f := &t.Fields[i]
			switch {
			case f.Kind == registry.KindChildren && f.Name == registry.FieldVersions:
				hasVersions = true
			case f.Kind == registry.KindChildren:
				for j := range f.Child.Fields {
					if cf := &f.Child.Fields[j]; cf.Personal() {
						add(t, f.Name+"."+cf.Name, cf, false)
					}
				}
			case f.Personal():
				add(t, f.Name, f, false)
			}
		}
		if !hasVersions {
			continue
		}
		// Old values: the same fields, under versions.fields.
		for i := range t.Fields {
			f := &t.Fields[i]
			switch {
			case f.Kind == registry.KindChildren && f.Name != registry.FieldVersions:
				for j := range f.Child.Fields {
					if cf := &f.Child.Fields[j]; cf.Personal() {
						add(t, "versions.fields."+f.Name+"."+cf.Name, cf, true)
					}
				}
			case f.Personal():
				add(t, "versions.fields."+f.Name, f, true)
			}
		}
	}
	for i := 0; i < vaultSlots; i++ {
		add(vaultType, "field"+strconv.Itoa(i+1), &registry.Field{Format: registry.FormatText, Class: registry.ClassP}, false)
		s.places[len(s.places)-1].slot = true
	}
	h := sha256.New()
	h.Write([]byte(analyserVersion))
	for _, p := range s.places {
		h.Write([]byte{0})
		h.Write([]byte(p.typ.Name + "\x00" + p.path + "\x00" + p.area + "\x00" + p.location))
		h.Write([]byte{byte(p.format), byte(p.class), byte(p.group + 1), boolByte(p.subjectName), boolByte(p.subjectID)})
	}
	s.fingerprint = hex.EncodeToString(h.Sum(nil))
	return s
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// parentPath is the child array of a path ("comments" of "comments.text"), "" for a
// top-level field.
func parentPath(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

func (s *schema) place(t *registry.Type, path string) *place {
	return s.byTypePath[t.Name+"\x00"+path]
}

// value is one personal value of a record, at one place; inst tells values at the same
// place apart: the child row's index, the list element's, or for old values the version
// entry's index << 16 | the row's index, so the values of one row (or one version entry)
// share an instance and mention groups can be read back.
type value struct {
	place *place
	inst  uint64
	text  string
	label string // the field name shown for a slot place (secure data)
}

// values lists the record's personal values in a stable order.
func (s *schema) values(r *record.Record) []value {
	var out []value
	emit := func(p *place, inst int, text string) {
		if p == nil || strings.TrimSpace(text) == "" {
			return
		}
		out = append(out, value{place: p, inst: uint64(inst), text: text})
	}
	t := r.Type
	for i := range t.Fields {
		f := &t.Fields[i]
		v, ok := r.Values[f.Name]
		if !ok {
			continue
		}
		switch {
		case f.Kind == registry.KindChildren && f.Name == registry.FieldVersions:
			rows, _ := v.([]record.Row)
			for e, row := range rows {
				old, _ := row["fields"].(map[string]any)
				s.versionValues(t, e, old, emit)
			}
		case f.Kind == registry.KindChildren:
			rows, _ := v.([]record.Row)
			for ri, row := range rows {
				for j := range f.Child.Fields {
					cf := &f.Child.Fields[j]
					if !cf.Personal() {
						continue
					}
					if sv, ok := row[cf.Name].(string); ok {
						emit(s.place(t, f.Name+"."+cf.Name), ri, sv)
					}
				}
			}
		case f.Personal():
			switch x := v.(type) {
			case string:
				emit(s.place(t, f.Name), 0, x)
			case []string:
				for li, sv := range x {
					emit(s.place(t, f.Name), li, sv)
				}
			}
		}
	}
	return out
}

// entryValues lists a secure-data entry's plain values (in entry, then field id order, as
// vault.ReadPlainTexts gives them) at the vault slots, with the form fields' names.
func (s *schema) entryValues(pts []vault.PlainText) []value {
	var out []value
	slot, inst := -1, uint64(0)
	last := ""
	for _, pt := range pts {
		if strings.TrimSpace(pt.Value) == "" {
			continue
		}
		if pt.FieldID != last {
			last = pt.FieldID
			if slot < vaultSlots-1 {
				slot++
				inst = 0
			}
		}
		p := s.place(vaultType, "field"+strconv.Itoa(slot+1))
		label := pt.FieldName
		if label == "" {
			label = pt.FieldID
		}
		out = append(out, value{place: p, inst: inst, text: pt.Value, label: label})
		inst++
	}
	return out
}

// versionValues emits the old values of version entry e, in field order so that the
// numbering is stable whatever order the JSON object had.
func (s *schema) versionValues(t *registry.Type, e int, old map[string]any, emit func(*place, int, string)) {
	if len(old) == 0 {
		return
	}
	names := make([]string, 0, len(old))
	for k := range old {
		names = append(names, k)
	}
	sort.Strings(names)
	base := e << 16
	rowValues := func(name string, f *registry.Field, ri int, row map[string]any) {
		for j := range f.Child.Fields {
			cf := &f.Child.Fields[j]
			if sv, ok := row[cf.Name].(string); ok && cf.Personal() {
				emit(s.place(t, "versions.fields."+name+"."+cf.Name), base|ri, sv)
			}
		}
	}
	for _, name := range names {
		f, ok := t.Field(name)
		if !ok {
			continue
		}
		switch x := old[name].(type) {
		case string:
			if f.Personal() {
				emit(s.place(t, "versions.fields."+name), base, x)
			}
		case []any:
			if f.Kind != registry.KindChildren {
				for li, el := range x {
					if sv, ok := el.(string); ok && f.Personal() {
						emit(s.place(t, "versions.fields."+name), base|li, sv)
					}
				}
				continue
			}
			for ri, el := range x {
				row, _ := el.(map[string]any)
				rowValues(name, f, ri, row)
			}
		case []record.Row:
			for ri, row := range x {
				rowValues(name, f, ri, row)
			}
		}
	}
}

// digest is what Check compares: a hash of exactly what is indexed for a record.
func digest(vals []value) string {
	h := fnv.New128a()
	var buf [16]byte
	for _, v := range vals {
		putUint64(buf[:8], v.place.id)
		putUint64(buf[8:], v.inst)
		h.Write(buf[:])
		h.Write([]byte(v.text))
		h.Write([]byte{0})
		if v.label != "" {
			h.Write([]byte(v.label))
			h.Write([]byte{0})
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func putUint64(b []byte, v uint64) {
	for i := 0; i < 8; i++ {
		b[i] = byte(v >> (56 - 8*i))
	}
}
