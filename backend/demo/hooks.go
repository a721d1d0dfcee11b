package demo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
)

// hooks add what a type's field descriptions cannot say: that a company has an org number,
// that a permission's role follows the employee, that events cluster in the recent past.
// The registry-driven filler has already set every field when a hook runs.
var hooks = map[string]func(s *scope, d *draft){
	"customer":             customerHook,
	"contact_person":       contactHook,
	"quote":                quoteHook,
	"invoice_basis":        invoiceHook,
	"meeting":              meetingHook,
	"partner_conversation": partnerHook,
	"event":                eventHook,
	"system_log":           systemLogHook,
	"schedule":             scheduleHook,
	"incident":             incidentHook,
	"user":                 userHook,
	"permission":           permissionHook,
	"group":                groupHook,
}

func customerHook(s *scope, d *draft) {
	r := d.rec
	r.Set(registry.FieldCustomerNo, s.custNo)
	if s.company == "" {
		r.Set("kind", "private")
		return
	}
	r.Set("kind", "company")
	r.Set("name", s.company)
	r.Set("personal_number", orgNumber(s.r))
	r.Set("email", pick(s.r, []string{"info@", "kontakt@", "faktura@"})+s.domain)
	r.Set("private_phone", nil)
	r.Set("work_phone", landline(s.r, cities[s.r.IntN(len(cities))].area))
	if s.r.IntN(2) == 0 {
		r.Set("mobile_phone", nil)
	}
	r.Set("street", streetAddress(s.r))
	if s.r.IntN(2) == 0 {
		r.Set("notes", "Kontaktperson: "+s.cust.name()+", "+s.cust.mobile+". Faktura till "+r.String("email")+".")
	}
}

func contactHook(s *scope, d *draft) {
	p := d.people[""]
	if s.company != "" {
		d.rec.Set("email", ascii(p.first)+"."+ascii(p.last)+"@"+s.domain)
		d.rec.Set("title", pick(s.r, jobTitles))
		return
	}
	d.rec.Set("title", pick(s.r, []string{"Make", "Maka", "Sambo", "Dotter", "Son", "God man"}))
	d.rec.Set("notes", fmt.Sprintf("Anhörig till %s. Nås säkrast på mobilen.", s.cust.name()))
}

func quoteHook(s *scope, d *draft) {
	if d.rec.String(registry.FieldStatus) == registry.StatusClosed && s.r.IntN(3) > 0 {
		d.rec.Set("approved_at", stamp(s.between(d.created, d.end)))
		return
	}
	for _, name := range []string{"approved_by_name", "approved_by_email", "approved_by_phone", "approved_at", "approved_ip"} {
		d.rec.Set(name, nil)
	}
}

func invoiceHook(s *scope, d *draft) {
	n := 1 + s.r.IntN(4)
	rows := make([]record.Row, 0, n+1)
	for range n {
		rows = append(rows, record.Row{"kind": "article", "text": pick(s.r, articleTexts), "amount": s.number("amount", "rows")})
	}
	if s.r.IntN(2) == 0 {
		rows = append(rows, record.Row{"kind": "comment", "text": s.mention(d)})
	}
	d.rec.Set("rows", rows)
}

func meetingHook(s *scope, d *draft) {
	e := s.employee()
	rows, _ := d.rec.Values["participants"].([]record.Row)
	rows = append(rows, record.Row{"name": e.p.name(), "email": e.email})
	d.rec.Set("participants", rows)
}

func partnerHook(s *scope, d *draft) {
	partner := d.people["partner"]
	if partner == nil {
		return
	}
	for i, row := range d.rec.Rows("messages") {
		if i%2 == 0 {
			row["from_name"] = partner.name()
		} else {
			row["from_name"] = s.employee().p.name()
		}
	}
}

// recent spreads a log time: share of them within the last window, the rest older.
func (s *scope) recent(share int, window time.Duration) time.Time {
	cut := s.g.now.Add(-window)
	if s.r.IntN(100) < share || !s.since.Before(cut) {
		return s.between(maxTime(cut, s.since), s.g.now)
	}
	return s.between(s.since, cut)
}

func eventHook(s *scope, d *draft) {
	at := s.recent(35, 30*day)
	e := s.employee()
	d.rec.Set("occurred_at", stamp(at))
	d.rec.Set(registry.FieldCreatedAt, stamp(at))
	d.rec.Set("username", e.username)
	d.rec.Set("email", e.email)
	var kinds []string
	for name, pool := range s.pools {
		if len(pool) > 0 {
			kinds = append(kinds, name)
		}
	}
	if len(kinds) == 0 {
		return
	}
	slices.Sort(kinds) // map order is random; the data set is not
	target := kinds[s.r.IntN(len(kinds))]
	d.rec.Set("target_type", target)
	d.rec.Set("target_id", s.pools[target][s.r.IntN(len(s.pools[target]))])
}

func systemLogHook(s *scope, d *draft) {
	at := s.recent(40, 91*day)
	d.rec.Set("occurred_at", stamp(at))
	d.rec.Set(registry.FieldCreatedAt, stamp(at))
	e := s.employee()
	d.rec.Set("username", e.username)
	if s.r.IntN(4) == 0 {
		d.rec.Set("kind", "error")
		d.rec.Set("code", pick(s.r, []string{"smtp_error", "sms_error", "database_error", "token_error", "disk_error", "attachment_error"}))
		d.rec.Set("message", pick(s.r, errorMessages))
		return
	}
	d.rec.Set("kind", "login")
	switch s.r.IntN(6) {
	case 0:
		d.rec.Set("code", "bad_credentials") // the codes the app's own login writes (auth)
		d.rec.Set("message", "fel lösenord för "+e.username)
	case 1:
		d.rec.Set("code", "bad_credentials")
		d.rec.Set("username", s.cust.email) // a customer who typed their e-mail into the staff login
		d.rec.Set("message", "okänt användarnamn")
	default:
		d.rec.Set("code", "login_ok")
		d.rec.Set("message", "inloggad")
	}
}

func scheduleHook(s *scope, d *draft) {
	start := workHour(s, s.between(d.created, s.g.now.Add(30*day)))
	d.rec.Set("starts_at", stamp(start))
	d.rec.Set("ends_at", stamp(start.Add(time.Duration(1+s.r.IntN(8))*time.Hour)))
}

func incidentHook(s *scope, d *draft) {
	var names []string
	for _, row := range d.rec.Rows("affected") {
		if n, ok := row["name"].(string); ok {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return
	}
	what := pick(s.r, []string{"Ett e-postmeddelande med", "En utskrift med", "En olåst dator med", "Ett felskickat sms med"})
	d.rec.Set("description", what+" uppgifter om "+strings.Join(names, ", ")+" hamnade hos fel mottagare.")
}

func (s *scope) staffIndex(typeName string) int { return len(s.pools[typeName]) }

func userHook(s *scope, d *draft) {
	i := s.staffIndex("user")
	e := s.g.staff[i]
	if i%8 == 7 && d.rec.String(registry.FieldStatus) != registry.StatusDeleted {
		// Every eighth employee has left: a deleted user for the user policy.
		left := s.between(d.created, s.g.now)
		d.rec.Set(registry.FieldStatus, registry.StatusDeleted)
		d.rec.Set(registry.FieldDeletedAt, stamp(left))
		d.rec.Set(registry.FieldUpdatedAt, stamp(left))
		d.end = left
	}
	d.rec.Set("username", e.username)
	d.rec.Set("email", e.email)
	if d.rec.String("work_phone") == "" {
		d.rec.Set("work_phone", landline(s.r, "08"))
	}
	var sk []string
	for range 1 + s.r.IntN(3) {
		sk = append(sk, pick(s.r, skills))
	}
	d.rec.Set("skills", strings.Join(sk, ", "))
	kin := newPerson(s.r, s.g.now)
	d.rec.Set("emergency_contact", kin.first+" "+e.p.last+", "+kin.mobile)
	if i%3 == 0 {
		d.rec.Set("notes", "Anställd sedan "+strconv.Itoa(d.created.Year())+". Har nyckel till förrådet.")
	} else {
		d.rec.Set("notes", nil)
	}
}

func permissionHook(s *scope, d *draft) {
	i := s.staffIndex("permission")
	if i < len(s.g.staff) {
		role := "staff"
		switch {
		case i < 2:
			role = "admin"
		case i < 4:
			role = "gdpr_officer"
		}
		d.rec.Set("user", s.g.staff[i].id)
		d.rec.Set("role", role)
		return
	}
	d.rec.Set("role", pick(s.r, []string{"gdpr_officer", "staff"}))
}

var groupNames = []string{"Montörer", "Kontoret", "Jourgrupp", "Servicetekniker", "Projektledare", "Lärlingar", "Städlaget", "Elektriker"}

func groupHook(s *scope, d *draft) {
	i := s.staffIndex("group")
	name := groupNames[i%len(groupNames)]
	if i >= len(groupNames) {
		name += " " + cities[i%len(cities)].name
	}
	d.rec.Set("name", name)
	seen := map[string]bool{}
	var members []string
	for range 2 + s.r.IntN(7) {
		id := s.employee().id
		if !seen[id] {
			seen[id] = true
			members = append(members, id)
		}
	}
	d.rec.Set("members", members)
}
