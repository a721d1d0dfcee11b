package demo

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
)

// perCustomer is the mean number of records of each type made for one customer (about 41
// in all). A type of the registry that is not listed here gets one per customer, filled
// from its field descriptions alone, so a new type never goes without demo data. The
// staff types (user, permission, group) are made once for the whole business.
var perCustomer = map[string]float64{
	"customer": 1, "contact_person": 1.5, "customer_contact": 3, "case": 2, "work_order": 3,
	"quote": 2, "project": 0.6, "service_case": 1, "order": 2, "invoice_basis": 3,
	"contract": 0.8, "meeting": 1, "todo": 2, "partner_conversation": 0.8, "event": 6,
	"system_log": 3, "deviation": 0.7, "time_report": 4, "expense": 1, "schedule": 1.5,
	"inventory": 1, "incident": 0.2,
}

// staffTypes are made once for the business, not per customer.
var staffTypes = map[string]bool{"user": true, "permission": true, "group": true}

// idPrefix names a type's ids ("WO1001-2"); other types use their name in capitals.
var idPrefix = map[string]string{
	"customer": "C", "contact_person": "CP", "customer_contact": "CC", "case": "CASE", "work_order": "WO",
	"quote": "Q", "project": "PR", "service_case": "SC", "order": "O", "invoice_basis": "IB",
	"contract": "K", "meeting": "M", "todo": "T", "partner_conversation": "PC", "event": "E",
	"system_log": "L", "deviation": "D", "time_report": "TR", "expense": "X", "schedule": "S",
	"inventory": "I", "incident": "INC", "user": "U", "permission": "P", "group": "G",
}

// firmDomain is the demo business's own e-mail domain.
const firmDomain = "servicefirman.se"

const day = 24 * time.Hour

// gen holds what every customer's generator shares: the clock and the staff.
type gen struct {
	seed  uint64
	now   time.Time
	start time.Time // five years before now
	staff []*employee
}

type employee struct {
	id       string
	p        *person
	username string
	email    string
}

// scope is one customer being generated (or, for the staff types, the business itself).
type scope struct {
	g       *gen
	r       *rand.Rand
	custNo  string
	cust    *person             // the private customer, or the company's main contact
	company string              // the company's name; "" for a private customer
	domain  string              // the company's e-mail domain
	since   time.Time           // the customer's first record
	until   time.Time           // its last: now, or when the customer was deleted
	pools   map[string][]string // ids made so far, by type
	out     []*record.Record
}

// draft is one record being filled.
type draft struct {
	rec     *record.Record
	people  map[string]*person // the person behind each field prefix ("end_customer", "payer")
	created time.Time
	end     time.Time // last change
}

func newGen(seed uint64, now time.Time) *gen {
	return &gen{seed: seed, now: now, start: now.AddDate(-5, 0, 0)}
}

// rng returns the random source of one stream: 0 for the staff, i+1 for customer i, so each
// customer comes out the same whatever the order or parallelism of generation.
func (g *gen) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, splitmix(stream)))
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func stamp(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

func date(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// between is a random time in [a, b] (a when b is not after a).
func (s *scope) between(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	return a.Add(time.Duration(s.r.Int64N(int64(b.Sub(a)/time.Second)+1)) * time.Second)
}

// count turns a mean into a whole number for this customer.
func (s *scope) count(mean float64) int {
	n := int(mean)
	if s.r.Float64() < mean-float64(n) {
		n++
	}
	if n > 1 && s.r.IntN(3) == 0 {
		n += s.r.IntN(3) - 1 // some customers have a little more or less
	}
	return n
}

func (s *scope) employee() *employee { return s.g.staff[s.r.IntN(len(s.g.staff))] }

func (s *scope) id(t *registry.Type) string {
	prefix, ok := idPrefix[t.Name]
	if !ok {
		prefix = strings.ToUpper(t.Name)
	}
	n := len(s.pools[t.Name]) + 1
	if s.custNo == "" {
		return prefix + strconv.Itoa(n)
	}
	if t.Name == "customer" {
		return prefix + s.custNo
	}
	return prefix + s.custNo + "-" + strconv.Itoa(n)
}

// make creates one record of type t: lifecycle first, then every field from the registry,
// then the type's own touches.
func (s *scope) make(t *registry.Type, people map[string]*person) *draft {
	d := &draft{rec: record.New(t, s.id(t)), people: people}
	if d.people == nil {
		d.people = map[string]*person{}
	}
	s.lifecycle(d)
	for i := range t.Fields {
		f := &t.Fields[i]
		if isLifecycle(f.Name) || f.Name == registry.FieldVersions {
			continue
		}
		d.rec.Set(f.Name, s.value(d, f, "", d.people))
	}
	if hook, ok := hooks[t.Name]; ok {
		hook(s, d)
	}
	if _, ok := t.Field(registry.FieldVersions); ok {
		s.versions(d)
	}
	s.pools[t.Name] = append(s.pools[t.Name], d.rec.ID)
	s.out = append(s.out, d.rec)
	return d
}

func isLifecycle(name string) bool {
	switch name {
	case registry.FieldStatus, registry.FieldCreatedAt, registry.FieldUpdatedAt, registry.FieldClosedAt,
		registry.FieldDeletedAt, registry.FieldInvoicedAt:
		return true
	}
	return false
}

// lifecycle sets created_at, status and the times that go with it, spread over the customer's
// life so that retention finds closed, deleted and invoiced records of every age.
func (s *scope) lifecycle(d *draft) {
	t := d.rec.Type
	d.created = s.between(s.since, s.until)
	if t.Name == "customer" {
		d.created = s.since
	}
	d.end = d.created
	status := registry.StatusOpen
	roll := s.r.IntN(100)
	switch t.Name {
	case "event", "system_log":
		d.rec.Set(registry.FieldCreatedAt, stamp(d.created))
		return
	case "permission", "group":
		status = registry.StatusOpen
	case "customer", "contact_person", "user":
		if roll < 12 {
			status = registry.StatusDeleted
		}
	case "invoice_basis":
		switch {
		case roll < 55:
			status = registry.StatusInvoiced
		case roll < 67:
			status = registry.StatusDeleted
		}
	default:
		switch {
		case roll < 40:
			status = registry.StatusClosed
		case roll < 52:
			status = registry.StatusDeleted
		}
	}
	d.rec.Set(registry.FieldStatus, status)
	d.rec.Set(registry.FieldCreatedAt, stamp(d.created))
	later := func() time.Time {
		return s.between(d.created, minTime(d.created.Add(time.Duration(1+s.r.IntN(180))*day), s.g.now))
	}
	switch status {
	case registry.StatusClosed:
		d.end = later()
		d.rec.Set(registry.FieldClosedAt, stamp(d.end))
	case registry.StatusInvoiced:
		d.end = later()
		d.rec.Set(registry.FieldInvoicedAt, stamp(d.end))
	case registry.StatusDeleted:
		if _, ok := t.Field(registry.FieldClosedAt); ok && s.r.IntN(3) == 0 {
			closed := later()
			d.rec.Set(registry.FieldClosedAt, stamp(closed))
			d.created = closed
		}
		d.end = later()
		d.rec.Set(registry.FieldDeletedAt, stamp(d.end))
	default:
		if s.r.IntN(2) == 0 {
			d.end = later()
		}
	}
	if d.end.After(d.created) || s.r.IntN(3) == 0 {
		d.rec.Set(registry.FieldUpdatedAt, stamp(d.end))
	}
	d.created, _ = d.rec.Time(registry.FieldCreatedAt)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// personFor is the person behind a field prefix of one record or child row.
func (s *scope) personFor(people map[string]*person, prefix string) *person {
	if p, ok := people[prefix]; ok {
		return p
	}
	var p *person
	switch prefix {
	case "", "payer", "approved_by", "signed_by", "subject":
		p = s.cust
		if p == nil || s.r.IntN(6) == 0 {
			p = newPerson(s.r, s.g.now)
		}
	case "end_customer":
		if s.company == "" && s.r.IntN(3) > 0 {
			p = s.cust
		} else {
			p = newPerson(s.r, s.g.now) // the company's tenant or client
		}
	case "partner":
		p = newPerson(s.r, s.g.now)
		p.email = ascii(p.first) + "@" + ascii(p.last) + pick(s.r, []string{"bygg", "el", "ror", "mal"}) + ".se"
	default:
		if s.cust != nil && s.r.IntN(2) == 0 {
			p = s.cust
		} else {
			p = newPerson(s.r, s.g.now)
		}
	}
	people[prefix] = p
	return p
}

// split divides "end_customer_phone" into the person prefix and what the field holds.
func split(name string) (prefix, attr string) {
	for _, a := range []string{"personal_number", "first_name", "last_name", "mobile_phone", "private_phone",
		"work_phone", "postal_code", "address", "street", "city", "email", "phone", "name", "ip"} {
		if name == a {
			return "", a
		}
		if n := len(name) - len(a) - 1; n > 0 && name[n] == '_' && name[n+1:] == a {
			return name[:n], a
		}
	}
	return "", name
}

// value makes a value for one field from its registry description: kind, class, format and
// name. It returns nil to leave the field empty.
func (s *scope) value(d *draft, f *registry.Field, parent string, people map[string]*person) any {
	switch f.Kind {
	case registry.KindCustomerLink:
		if s.custNo == "" {
			return nil
		}
		return s.custNo
	case registry.KindLink:
		return s.link(f.Target)
	case registry.KindLinkList:
		var ids []string
		for range 1 + s.r.IntN(3) {
			if id, ok := s.link(f.Target).(string); ok {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return nil
		}
		return ids
	case registry.KindTime:
		return s.timeValue(d, f.Name)
	case registry.KindNumber:
		return s.number(f.Name, parent)
	case registry.KindBool:
		return s.r.IntN(2) == 0
	case registry.KindEnum:
		return f.Enum[s.r.IntN(len(f.Enum))]
	case registry.KindStrings:
		n := 1 + s.r.IntN(3)
		out := make([]string, 0, n)
		start := s.r.IntN(len(dataCategories))
		for i := range n {
			out = append(out, dataCategories[(start+i)%len(dataCategories)])
		}
		return out
	case registry.KindChildren:
		return s.rows(d, f)
	case registry.KindObject:
		return nil
	}
	return s.text(d, f, parent, people)
}

func (s *scope) link(target string) any {
	if target == "user" {
		return s.employee().id
	}
	if pool := s.pools[target]; len(pool) > 0 {
		return pool[s.r.IntN(len(pool))]
	}
	return nil
}

func (s *scope) timeValue(d *draft, name string) any {
	switch name {
	case "due", "due_date":
		return date(d.created.Add(time.Duration(1+s.r.IntN(90)) * day))
	case "date":
		return date(s.between(d.created, d.end.Add(time.Duration(s.r.IntN(14))*day)))
	case "starts_at":
		return stamp(workHour(s, d.created.Add(time.Duration(s.r.IntN(30))*day)))
	}
	return stamp(s.between(d.created, maxTime(d.end, minTime(d.created.Add(30*day), s.g.now))))
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// workHour moves a time to a quarter hour between 07:00 and 17:00 on its day.
func workHour(s *scope, t time.Time) time.Time {
	y, m, dd := t.UTC().Date()
	return time.Date(y, m, dd, 7+s.r.IntN(10), 15*s.r.IntN(4), 0, 0, time.UTC)
}

func (s *scope) number(name, parent string) json.Number {
	switch name {
	case "hours":
		return json.Number(strconv.FormatFloat(float64(1+s.r.IntN(16))/2, 'f', -1, 64))
	}
	amount := 150 + s.r.IntN(25000)
	if parent == "rows" && s.r.IntN(2) == 0 {
		amount = 95 + s.r.IntN(3000)
	}
	if s.r.IntN(4) == 0 {
		return json.Number(strconv.Itoa(amount) + "." + strconv.Itoa(1+s.r.IntN(9)) + "5")
	}
	return json.Number(strconv.Itoa(amount))
}

// text makes a string value: personal fields from the person behind their prefix, free text
// that mentions people, and plain values by name.
func (s *scope) text(d *draft, f *registry.Field, parent string, people map[string]*person) any {
	prefix, attr := split(f.Name)
	switch f.Format {
	case registry.FormatPhone:
		p := s.personFor(people, prefix)
		switch attr {
		case "private_phone":
			return nonEmpty(p.home)
		case "work_phone":
			return nonEmpty(p.work)
		}
		return p.mobile
	case registry.FormatEmail:
		if attr == "sent_to_email" || f.Name == "sent_to_email" {
			return s.personFor(people, "").email
		}
		return s.personFor(people, prefix).email
	case registry.FormatPersonalNumber:
		return s.personFor(people, prefix).pnr
	case registry.FormatIP:
		return ipAddress(s.r)
	}
	if f.Class == registry.ClassP {
		p := s.personFor(people, prefix)
		switch attr {
		case "first_name":
			return p.first
		case "last_name":
			return p.last
		case "street":
			return p.street
		case "postal_code":
			return p.postal
		case "city":
			return p.city
		case "address":
			return p.address()
		case "username":
			return s.employee().username
		}
		if strings.HasSuffix(f.Name, "address") {
			return p.address()
		}
		return p.name()
	}
	if f.Class == registry.ClassF {
		return s.freeText(d, f.Name, parent)
	}
	switch f.Name {
	case "number":
		return fmt.Sprintf("%d-%05d", d.created.Year(), s.r.IntN(100000))
	case "channel":
		return pick(s.r, channels)
	case "action":
		return pick(s.r, eventActions)
	case "legal_basis":
		return pick(s.r, legalBases)
	case "title":
		return pick(s.r, jobTitles)
	}
	return nil
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// mention is a sentence about someone this customer involves, written by an employee.
func (s *scope) mention(d *draft) string {
	p := s.cust
	if p == nil || s.r.IntN(4) == 0 {
		p = s.personFor(d.people, "mentioned")
	}
	name := p.name()
	if s.r.IntN(3) == 0 {
		name = p.first
	}
	staff := s.employee().p
	who := staff.first
	if s.r.IntN(3) == 0 || who == p.first {
		who = staff.name()
	}
	return fmt.Sprintf(pick(s.r, personNotes), name, who)
}

func (s *scope) freeText(d *draft, name, parent string) any {
	switch name {
	case "title", "name", "subject":
		if parent == "sub_projects" {
			return "Etapp " + strconv.Itoa(1+s.r.IntN(4)) + ": " + strings.ToLower(pick(s.r, workTitles))
		}
		t := pick(s.r, workTitles)
		if s.r.IntN(4) == 0 && s.cust != nil {
			t += " hos " + s.cust.last
		}
		return t
	case "text":
		if parent == "rows" {
			return pick(s.r, articleTexts)
		}
		if parent == "comments" && s.r.IntN(2) == 0 {
			return pick(s.r, commentTexts)
		}
		return s.mention(d)
	case "customer_info":
		if s.company != "" {
			return s.company + ", " + s.cust.name()
		}
		return s.cust.name() + ", " + s.cust.address()
	case "terms":
		return "Betalning 30 dagar netto. Uppsägningstid tre månader. Kontaktperson hos kunden: " + s.cust.name() + "."
	case "description", "body", "notes", "comment", "note":
		if s.r.IntN(2) == 0 {
			return pick(s.r, workDescriptions)
		}
		return s.mention(d)
	}
	if s.r.IntN(2) == 0 {
		return nil
	}
	return s.mention(d)
}

// rows makes the rows of a child array, each filled from the child fields' descriptions.
func (s *scope) rows(d *draft, f *registry.Field) any {
	n := s.r.IntN(4)
	if n == 0 {
		return nil
	}
	out := make([]record.Row, 0, n)
	for range n {
		row := record.Row{}
		people := map[string]*person{}
		for i := range f.Child.Fields {
			cf := &f.Child.Fields[i]
			if v := s.value(d, cf, f.Name, people); v != nil && v != "" {
				row[cf.Name] = v
			}
		}
		if len(row) > 0 {
			out = append(out, row)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// versions writes a version history: earlier values of the record's personal and free-text
// fields, changed by an employee between its creation and its last change.
func (s *scope) versions(d *draft) {
	n := s.r.IntN(3)
	if n == 0 {
		return
	}
	t := d.rec.Type
	var candidates []*registry.Field
	for i := range t.Fields {
		f := &t.Fields[i]
		if f.Personal() && f.Kind == registry.KindString && d.rec.String(f.Name) != "" {
			candidates = append(candidates, f)
		}
	}
	if len(candidates) == 0 {
		// No personal field at the top (invoice bases): the history records other changes.
		for i := range t.Fields {
			f := &t.Fields[i]
			if f.Kind == registry.KindString && d.rec.String(f.Name) != "" {
				candidates = append(candidates, f)
			}
		}
	}
	if len(candidates) == 0 {
		return
	}
	rows := make([]record.Row, 0, n)
	at := d.created
	for range n {
		at = s.between(at, maxTime(d.end, minTime(at.Add(60*day), s.g.now)))
		old := map[string]any{}
		other := map[string]*person{}
		for range 1 + s.r.IntN(2) {
			f := candidates[s.r.IntN(len(candidates))]
			if prefix, _ := split(f.Name); other[prefix] == nil {
				other[prefix] = newPerson(s.r, s.g.now) // the value before it changed
			}
			if v, ok := s.text(d, f, "", other).(string); ok && v != "" {
				old[f.Name] = v
			} else if v, ok := s.value(d, f, "", other).(string); ok && v != "" {
				old[f.Name] = v
			}
		}
		row := record.Row{"changed_at": stamp(at), "changed_by": s.employee().id}
		if len(old) > 0 {
			row["fields"] = old
		}
		rows = append(rows, row)
	}
	d.rec.Set(registry.FieldVersions, rows)
}
