package search

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
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
	// linked: the values are the names of the users a link field points at (permission,
	// group), not values of the record itself; erasure leaves them alone.
	linked bool
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
const analyserVersion = "search-v5"

// vaultSlots is how many fields of one secure-data entry are told apart; the plain fields
// of an entry take the slots in field order, any beyond the last share it.
const vaultSlots = 32

// vaultType is what a secure-data entry is in the index: not a registry type, but a place
// like any other (datamap.md: GDPR / Säkra uppgifter).
var vaultType = &registry.Type{Name: vault.SearchType, Area: vault.SearchArea, Location: vault.SearchLocation}

// linksUsers reports whether a type's links to users are indexed by the users' names: the
// types with no personal field of their own (permission, group), whose records are data
// about the users they name.
func linksUsers(t *registry.Type) bool {
	for i := range t.Fields {
		if t.Fields[i].Personal() {
			return false
		}
	}
	return true
}

// userLink reports whether a field links to users.
func userLink(f *registry.Field) bool {
	return (f.Kind == registry.KindLink || f.Kind == registry.KindLinkList) && f.Target == "user"
}

func newSchema(types []*registry.Type) *schema {
	s := &schema{byTypePath: map[string]*place{}}
	add := func(t *registry.Type, path string, f *registry.Field, version bool) {
		p := &place{id: uint64(len(s.places)), typ: t, path: path, area: t.Area, location: t.Location,
			format: f.Format, class: f.Class, version: version}
		if version {
			p.area, p.location = VersionHistoryArea, VersionHistoryLocation
		}
		s.places = append(s.places, p)
		s.byTypePath[t.Name+"\x00"+path] = p
	}
	for _, t := range types {
		if !t.Searchable() {
			continue
		}
		if linksUsers(t) {
			for i := range t.Fields {
				if f := &t.Fields[i]; userLink(f) {
					add(t, f.Name, &registry.Field{Format: registry.FormatText, Class: registry.ClassP}, false)
					s.places[len(s.places)-1].linked = true
				}
			}
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
		h.Write([]byte{byte(p.format), byte(p.class)})
	}
	s.fingerprint = hex.EncodeToString(h.Sum(nil))
	return s
}

func (s *schema) place(t *registry.Type, path string) *place {
	return s.byTypePath[t.Name+"\x00"+path]
}

// value is one personal value of a record, at one place; inst tells values at the same
// place apart (child rows, version entries).
type value struct {
	place *place
	inst  uint64
	text  string
	label string // the field name shown for a slot place (secure data)
}

// userNames gives the names a user is found by (username, name); nil for an unknown id.
type userNames func(id string) []string

// values lists the record's personal values in a stable order; users resolves the links of
// types whose user links are indexed (may be nil when the type has none).
func (s *schema) values(r *record.Record, users userNames) []value {
	var out []value
	count := map[*place]uint64{}
	emit := func(p *place, text string) {
		if p == nil || strings.TrimSpace(text) == "" {
			return
		}
		out = append(out, value{place: p, inst: count[p], text: text})
		count[p]++
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
			for _, row := range rows {
				old, _ := row["fields"].(map[string]any)
				s.versionValues(t, old, emit)
			}
		case f.Kind == registry.KindChildren:
			rows, _ := v.([]record.Row)
			for _, row := range rows {
				for j := range f.Child.Fields {
					cf := &f.Child.Fields[j]
					if !cf.Personal() {
						continue
					}
					if sv, ok := row[cf.Name].(string); ok {
						emit(s.place(t, f.Name+"."+cf.Name), sv)
					}
				}
			}
		case f.Personal():
			switch x := v.(type) {
			case string:
				emit(s.place(t, f.Name), x)
			case []string:
				for _, sv := range x {
					emit(s.place(t, f.Name), sv)
				}
			}
		case userLink(f) && users != nil:
			p := s.place(t, f.Name)
			if p == nil || !p.linked {
				continue
			}
			var ids []string
			switch x := v.(type) {
			case string:
				ids = []string{x}
			case []string:
				ids = x
			case []any:
				for _, e := range x {
					if id, ok := e.(string); ok {
						ids = append(ids, id)
					}
				}
			}
			for _, id := range ids {
				for _, n := range users(id) {
					emit(p, n)
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

// versionValues emits the old values of one version entry, in field order so that the
// numbering is stable whatever order the JSON object had.
func (s *schema) versionValues(t *registry.Type, old map[string]any, emit func(*place, string)) {
	if len(old) == 0 {
		return
	}
	names := make([]string, 0, len(old))
	for k := range old {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		f, ok := t.Field(name)
		if !ok {
			continue
		}
		switch x := old[name].(type) {
		case string:
			if f.Personal() {
				emit(s.place(t, "versions.fields."+name), x)
			}
		case []any:
			if f.Kind != registry.KindChildren {
				for _, e := range x {
					if sv, ok := e.(string); ok && f.Personal() {
						emit(s.place(t, "versions.fields."+name), sv)
					}
				}
				continue
			}
			for _, e := range x {
				row, _ := e.(map[string]any)
				for j := range f.Child.Fields {
					cf := &f.Child.Fields[j]
					if sv, ok := row[cf.Name].(string); ok && cf.Personal() {
						emit(s.place(t, "versions.fields."+name+"."+cf.Name), sv)
					}
				}
			}
		case []record.Row:
			for _, row := range x {
				for j := range f.Child.Fields {
					cf := &f.Child.Fields[j]
					if sv, ok := row[cf.Name].(string); ok && cf.Personal() {
						emit(s.place(t, "versions.fields."+name+"."+cf.Name), sv)
					}
				}
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
