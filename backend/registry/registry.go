// Package registry is the one description of every record type Dataskydd stores.
//
// It mirrors the data contract in shared/spec/datamap.md: for each type its area and
// location in the person search, its Swedish and English labels, its fields with their
// personal-data class (P, L, F), the links between types, its child rows, and the
// retention rule that anonymises it. The store, import and export, the demo generator,
// the person search, the retention engine and the record screens all read this package;
// nothing else lists the types.
//
// # Reading a type
//
//	t, ok := registry.Get("work_order")
//	for _, f := range t.Fields { ... f.Class == registry.ClassP ... }
//
// # Retention
//
// A type's [Rule] names its clock (the lifecycle fields that start the countdown) and each
// field carries its [Action]: what anonymisation does to it. One engine applies them.
package registry

import "fmt"

// Class is the personal-data class of a field, as in datamap.md.
type Class uint8

const (
	ClassNone Class = iota // not personal data
	ClassP                 // personal data, indexed by the person search
	ClassL                 // a link to another record
	ClassF                 // free text, indexed (may hold names)
)

// String returns the data map's letter for the class.
func (c Class) String() string {
	switch c {
	case ClassP:
		return "P"
	case ClassL:
		return "L"
	case ClassF:
		return "F"
	}
	return ""
}

// Kind is the JSON shape of a field's value.
type Kind uint8

const (
	KindString       Kind = iota // a JSON string
	KindTime                     // RFC 3339 time, or a date alone (midnight UTC)
	KindNumber                   // a JSON number
	KindBool                     // true or false
	KindEnum                     // a string from Field.Enum
	KindLink                     // the id of a record of type Field.Target
	KindCustomerLink             // a customer number ("0" = anonymised customer)
	KindLinkList                 // an array of ids of records of type Field.Target
	KindStrings                  // an array of strings
	KindChildren                 // an array of child rows shaped by Field.Child
	KindObject                   // a JSON object of field name -> old value (version history)
)

var kindNames = [...]string{"string", "time", "number", "boolean", "string", "string (id)", "string (customer number)", "array of ids", "array of strings", "array of objects", "object"}

// String names the JSON shape, for error messages.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Format says how a personal value is written, so the search can normalise it.
type Format uint8

const (
	FormatText           Format = iota // names, addresses, free text
	FormatPhone                        // a phone number in any common format
	FormatEmail                        // an e-mail address
	FormatPersonalNumber               // personnummer, coordination number or org. number
	FormatIP                           // an IP address
)

// Action is what anonymisation does to a field (or, for child arrays, to the rows).
type Action uint8

const (
	Keep     Action = iota // untouched
	Replace                // value -> the store's replacement word ("Anonymiserad")
	Clear                  // value -> null (removed); for child arrays: every row deleted
	ZeroLink               // customer number -> "0"
	PerRow                 // child arrays: apply the child fields' own actions to every row
	DropRows               // child arrays: delete rows whose Field.DropKind field equals DropValue
)

// Field describes one field of a type or of a child row.
type Field struct {
	Name    string
	Kind    Kind
	Class   Class
	Format  Format
	Target  string   // link target type (KindLink, KindLinkList)
	Enum    []string // allowed values (KindEnum)
	Child   *Child   // row shape (KindChildren)
	Anon    Action   // what anonymisation does to this field
	DropKey string   // DropRows: the child field to test ...
	DropVal string   // ... and the value whose rows are deleted
	Range   *Range   // KindNumber: the values allowed (nil: any finite number)
	// Mention: fields of one record (or of one child row) that share a non-empty Mention
	// together name one person, as a contact person's first_name + last_name: the person
	// search takes their words as one mention of a person (datamap.md, "Person search").
	Mention string
}

// Range is the closed interval of values a number field allows; every number must also be
// finite, with or without a range.
type Range struct{ Min, Max float64 }

// Contains reports whether v lies in the range.
func (r *Range) Contains(v float64) bool { return v >= r.Min && v <= r.Max }

// Personal reports whether the person search indexes the field (class P or F).
func (f *Field) Personal() bool { return f.Class == ClassP || f.Class == ClassF }

// Child is the shape of the rows of a child array.
type Child struct {
	Fields []Field
}

// Field looks up a child field by name.
func (c *Child) Field(name string) (*Field, bool) {
	for i := range c.Fields {
		if c.Fields[i].Name == name {
			return &c.Fields[i], true
		}
	}
	return nil, false
}

// ClockMode says how a rule's clock fields combine.
type ClockMode uint8

const (
	Earliest ClockMode = iota // "A or B": the earliest of those set
	FirstSet                  // "A, else B": the first one set
)

// Rule is a type's retention policy: the clock that starts the countdown and what is done
// when it runs out. The field actions say what anonymisation does to each field.
type Rule struct {
	Clock       []string  // field names (times)
	Mode        ClockMode // how Clock combines
	FixedDays   int       // > 0: always on, fixed period in days (event log)
	FixedMonths int       // > 0: always on, fixed period in calendar months (other logs)
	DeleteRow   bool      // the record is deleted instead of anonymised
	OnDelete    bool      // the policy offers "anonymise or delete" for a delete
	// ClearInbound: anonymising the record rewrites the records that link to it: customer
	// numbers become "0", other links null. A hard delete always does this.
	ClearInbound bool
}

// Subject declares how a record (or a child row) is a person's own (datamap.md, "Person
// search and erasure"): it is when a query matches one of its identifier fields, or covers
// a whole name in its name fields. The records that link to an own record are then the
// person's too (link hits), and erasure anonymises an own record by its type's rule.
type Subject struct {
	// Child is "" when the record itself is the person; else the child array whose rows
	// are people (an incident's affected persons).
	Child string
	// Names are the fields that name the person; fields sharing a Field.Mention form one
	// name. Every word of a name must be matched for the record to be the person's own.
	Names []string
	// IDs are the fields holding the person's identifiers (e-mail, phone, personnummer).
	IDs []string
	// NotIf names a field and a value that make a record no person (a company customer).
	NotIf [2]string
}

// IsSubject reports whether the record with the given field values is a person's own
// record (not a company).
func (s *Subject) IsSubject(get func(field string) string) bool {
	return s != nil && (s.NotIf[0] == "" || get(s.NotIf[0]) != s.NotIf[1])
}

// SubjectField reports whether a field path ("name", "affected.email") is one of the
// subject's own name or identifier fields.
func (s *Subject) SubjectField(path string) bool {
	if s == nil {
		return false
	}
	name := path
	if s.Child != "" {
		var ok bool
		if name, ok = cutPrefix(path, s.Child+"."); !ok {
			return false
		}
	}
	for _, f := range s.Names {
		if f == name {
			return true
		}
	}
	for _, f := range s.IDs {
		if f == name {
			return true
		}
	}
	return false
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}

// Fixed reports whether the policy is always on with a period that cannot be changed.
func (r *Rule) Fixed() bool { return r.FixedDays > 0 || r.FixedMonths > 0 }

// Type is one record type of the data map.
type Type struct {
	Name      string
	Area      string // Workcloud, Time, GDPR, Settings; "" when not searched (system_log)
	Location  string // the Swedish location name in the search (datamap "area / Swedish")
	LabelSV   string // Swedish label (plural, as in menus)
	LabelEN   string // English label
	Fields    []Field
	Retention *Rule // nil: no retention policy for this type
	// Subject, when set, says that the type's records (or the rows of one of its child
	// arrays) are a person's own record: the data subject's, not a mention of them.
	Subject *Subject

	index map[string]int
}

// Searchable reports whether the person search covers the type.
func (t *Type) Searchable() bool { return t.Area != "" }

// Field looks up a top-level field by name.
func (t *Type) Field(name string) (*Field, bool) {
	i, ok := t.index[name]
	if !ok {
		return nil, false
	}
	return &t.Fields[i], true
}

// Lifecycle field names every record may carry.
const (
	FieldStatus     = "status"
	FieldCreatedAt  = "created_at"
	FieldUpdatedAt  = "updated_at"
	FieldClosedAt   = "closed_at"
	FieldDeletedAt  = "deleted_at"
	FieldInvoicedAt = "invoiced_at"
	FieldCustomerNo = "customer_number"
	FieldVersions   = "versions"
)

// Status values.
const (
	StatusOpen     = "open"
	StatusClosed   = "closed"
	StatusDeleted  = "deleted"
	StatusInvoiced = "invoiced"
)

// AnonymisedCustomer is the customer number of "no customer (anonymised)".
const AnonymisedCustomer = "0"

// Types returns every type in the data map's order. The slice is shared: do not modify it.
func Types() []*Type { return types }

// Get returns the type with the given name.
func Get(name string) (*Type, bool) {
	t, ok := byName[name]
	return t, ok
}

// Names returns every type name in the data map's order.
func Names() []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = t.Name
	}
	return out
}

// Areas in navigation order.
var Areas = []string{"Workcloud", "Time", "GDPR", "Settings"}
