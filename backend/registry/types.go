package registry

// The table below is datamap.md in code. Each field carries its retention action beside it,
// so the one engine in backend/retention applies every rule.

// Field constructors, short so the table reads like the data map.
func str(name string) Field               { return Field{Name: name, Kind: KindString} }
func tm(name string) Field                { return Field{Name: name, Kind: KindTime} }
func num(name string) Field               { return Field{Name: name, Kind: KindNumber} }
func enum(name string, v ...string) Field { return Field{Name: name, Kind: KindEnum, Enum: v} }

// numIn is a number field allowing only min..max (both included).
func numIn(name string, min, max float64) Field {
	return Field{Name: name, Kind: KindNumber, Range: &Range{Min: min, Max: max}}
}

// hours is a number of hours worked in one day: 0..24.
func hours() Field { return numIn("hours", 0, 24) }

// p is personal data; f is free text; both take the anonymisation action.
func p(name string, a Action) Field {
	return Field{Name: name, Kind: KindString, Class: ClassP, Anon: a}
}
func f(name string, a Action) Field {
	return Field{Name: name, Kind: KindString, Class: ClassF, Anon: a}
}
func phone(name string, a Action) Field {
	return Field{Name: name, Kind: KindString, Class: ClassP, Format: FormatPhone, Anon: a}
}
func email(name string, a Action) Field {
	return Field{Name: name, Kind: KindString, Class: ClassP, Format: FormatEmail, Anon: a}
}
func pnr(name string, a Action) Field {
	return Field{Name: name, Kind: KindString, Class: ClassP, Format: FormatPersonalNumber, Anon: a}
}
func ip(name string, a Action) Field {
	return Field{Name: name, Kind: KindString, Class: ClassP, Format: FormatIP, Anon: a}
}

// named puts a field into a mention group: the fields of one group name one person.
func named(f Field, mention string) Field { f.Mention = mention; return f }

func link(name, target string, a Action) Field {
	return Field{Name: name, Kind: KindLink, Class: ClassL, Target: target, Anon: a}
}
func custLink(a Action) Field {
	return Field{Name: FieldCustomerNo, Kind: KindCustomerLink, Class: ClassL, Target: "customer", Anon: a}
}
func children(name string, a Action, fields ...Field) Field {
	return Field{Name: name, Kind: KindChildren, Child: &Child{Fields: fields}, Anon: a}
}

// Child row shapes shared by several types (datamap.md, "Child row shapes").
func comments(a Action) Field {
	return children("comments", a, link("author", "user", Keep), f("text", Keep), tm("created_at"))
}
func workReports(a Action) Field {
	return children("work_reports", a, link("user", "user", Keep), f("text", Keep), hours(), tm("date"))
}
func conversations(a Action) Field {
	return children("conversations", a, p("from_name", Keep), email("from_email", Keep),
		phone("from_phone", Keep), f("body", Keep), tm("sent_at"))
}
func extraCosts(a Action) Field {
	return children("extra_costs", a, f("description", Keep), num("amount"),
		p("approved_by_name", Keep), phone("approved_by_phone", Keep), tm("approved_at"), ip("approved_ip", Keep))
}

// versions is the version history; every anonymisation purges it (datamap.md).
func versions() Field {
	return children(FieldVersions, Clear, tm("changed_at"), link("changed_by", "user", Keep),
		Field{Name: "fields", Kind: KindObject})
}

// customerBlock: customer_number L, contact_person L, customer_info F, email P.
// cleared: customer number -> "0", the rest null.
func customerBlock(cleared bool) []Field {
	if !cleared {
		return []Field{custLink(Keep), link("contact_person", "contact_person", Keep), f("customer_info", Keep), email("email", Keep)}
	}
	return []Field{custLink(ZeroLink), link("contact_person", "contact_person", Clear), f("customer_info", Clear), email("email", Clear)}
}

// endCustomerBlock: end_customer_name, _address, _phone, _email, all P.
func endCustomerBlock(a Action) []Field {
	return []Field{p("end_customer_name", a), p("end_customer_address", a), phone("end_customer_phone", a), email("end_customer_email", a)}
}

func cat(parts ...[]Field) []Field {
	var out []Field
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func fs(fields ...Field) []Field { return fields }

var statusOpenClosed = []string{StatusOpen, StatusClosed, StatusDeleted}

// lifecycle fields every record may carry; invoice bases also have invoiced.
func lifecycle(invoiced bool) []Field {
	st := enum(FieldStatus, statusOpenClosed...)
	out := []Field{st, tm(FieldCreatedAt), tm(FieldUpdatedAt), tm(FieldClosedAt), tm(FieldDeletedAt)}
	if invoiced {
		out[0] = enum(FieldStatus, StatusOpen, StatusClosed, StatusDeleted, StatusInvoiced)
		out = append(out, tm(FieldInvoicedAt))
	}
	return out
}

func rule(mode ClockMode, clock ...string) *Rule { return &Rule{Clock: clock, Mode: mode} }

func newType(t Type, fields ...[]Field) *Type {
	t.Fields = cat(fields...)
	t.Fields = append(t.Fields, lifecycle(t.Name == "invoice_basis")...)
	return &t
}

var types = []*Type{
	newType(Type{Name: "customer", Area: "Workcloud", Location: "Kundregister", LabelSV: "Kunder", LabelEN: "Customers",
		Retention: &Rule{Clock: []string{FieldDeletedAt}, OnDelete: true, ClearInbound: true},
		Subject: &Subject{Names: []string{"name"}, IDs: []string{"personal_number", "email", "mobile_phone", "private_phone", "work_phone"},
			NotIf: [2]string{"kind", "company"}}},
		fs(Field{Name: FieldCustomerNo, Kind: KindString, Anon: ZeroLink}, // the customer's own number: its key, not a link
			enum("kind", "private", "company"), p("name", Replace), pnr("personal_number", Replace),
			email("email", Replace), phone("mobile_phone", Replace), phone("private_phone", Replace), phone("work_phone", Replace),
			p("street", Replace), p("postal_code", Replace), p("city", Replace), f("notes", Replace), versions())),

	newType(Type{Name: "contact_person", Area: "GDPR", Location: "Kontaktpersoner", LabelSV: "Kontaktpersoner", LabelEN: "Contact persons",
		Retention: &Rule{Clock: []string{FieldDeletedAt}, OnDelete: true, ClearInbound: true},
		Subject:   &Subject{Names: []string{"first_name", "last_name"}, IDs: []string{"email", "mobile_phone", "private_phone", "work_phone"}}},
		fs(custLink(Keep), named(p("first_name", Replace), "name"), named(p("last_name", Replace), "name"), str("title"), email("email", Replace),
			phone("mobile_phone", Replace), phone("private_phone", Replace), phone("work_phone", Replace), f("notes", Replace), versions())),

	newType(Type{Name: "customer_contact", Area: "Workcloud", Location: "Kundkontakt", LabelSV: "Kundkontakter", LabelEN: "Customer contacts",
		Retention: rule(Earliest, "occurred_at")},
		fs(custLink(ZeroLink), link("contact_person", "contact_person", Clear), tm("occurred_at"), str("channel"), f("subject", Keep),
			comments(Clear))),

	newType(Type{Name: "case", Area: "Workcloud", Location: "Ärendehantering", LabelSV: "Ärenden", LabelEN: "Cases",
		Retention: rule(Earliest, FieldClosedAt, FieldDeletedAt)},
		fs(str("number"), f("title", Keep), f("description", Keep)), customerBlock(true), endCustomerBlock(Clear),
		fs(comments(Clear), workReports(Clear), conversations(Clear), versions())),

	newType(Type{Name: "work_order", Area: "Workcloud", Location: "Arbetsorder", LabelSV: "Arbetsordrar", LabelEN: "Work orders",
		Retention: rule(Earliest, FieldClosedAt, FieldDeletedAt)},
		fs(str("number"), f("title", Keep), f("description", Keep)), customerBlock(true), endCustomerBlock(Clear),
		fs(comments(Clear), workReports(Clear), conversations(Clear), extraCosts(Clear), versions())),

	newType(Type{Name: "quote", Area: "Workcloud", Location: "Offerthantering", LabelSV: "Offerter", LabelEN: "Quotes",
		Retention: rule(Earliest, FieldClosedAt, FieldDeletedAt)},
		fs(str("number"), f("title", Keep)), customerBlock(true),
		fs(p("approved_by_name", Clear), email("approved_by_email", Clear), phone("approved_by_phone", Clear), tm("approved_at"),
			ip("approved_ip", Clear), email("sent_to_email", Clear),
			comments(Clear), workReports(Clear), conversations(Clear),
			children("views", PerRow, tm("viewed_at"), email("email", Clear), ip("ip", Clear)),
			versions())),

	newType(Type{Name: "project", Area: "Workcloud", Location: "Projekt", LabelSV: "Projekt", LabelEN: "Projects",
		Retention: rule(Earliest, FieldClosedAt, FieldDeletedAt)},
		fs(str("number"), f("name", Keep), f("description", Keep)), customerBlock(true), endCustomerBlock(Clear),
		fs(comments(Clear), workReports(Clear), conversations(Clear), extraCosts(Clear),
			children("payment_plans", PerRow, p("payer_name", Replace), email("payer_email", Replace), phone("payer_phone", Replace),
				pnr("payer_personal_number", Replace), num("amount"), tm("due_date"),
				p("approved_by_name", Replace), phone("approved_by_phone", Replace), tm("approved_at"), ip("approved_ip", Clear)),
			children("sub_projects", PerRow, f("name", Clear), f("description", Clear)),
			children("partner_invitations", PerRow, p("partner_name", Keep), email("partner_email", Keep), f("comment", Clear)),
			versions())),

	newType(Type{Name: "service_case", Area: "Workcloud", Location: "Serviceärenden", LabelSV: "Serviceärenden", LabelEN: "Service cases",
		Retention: rule(Earliest, FieldUpdatedAt)},
		fs(str("number"), f("title", Keep)), customerBlock(true), endCustomerBlock(Clear),
		fs(comments(Clear), workReports(Clear), conversations(Clear), versions())),

	newType(Type{Name: "order", Area: "Workcloud", Location: "Ordrar", LabelSV: "Ordrar", LabelEN: "Orders",
		Retention: rule(Earliest, FieldUpdatedAt)},
		fs(str("number")), customerBlock(true), endCustomerBlock(Clear), fs(p("delivery_address", Clear),
			comments(Clear), workReports(Clear), conversations(Clear), versions())),

	newType(Type{Name: "invoice_basis", Area: "Workcloud", Location: "Fakturaunderlag", LabelSV: "Fakturaunderlag", LabelEN: "Invoice bases",
		Retention: rule(Earliest, FieldInvoicedAt, FieldDeletedAt)},
		fs(str("number"), custLink(ZeroLink),
			Field{Name: "rows", Kind: KindChildren, Anon: DropRows, DropKey: "kind", DropVal: "comment",
				Child: &Child{Fields: []Field{enum("kind", "article", "comment"), f("text", Keep), num("amount")}}},
			comments(Clear), versions())),

	newType(Type{Name: "contract", Area: "Workcloud", Location: "Avtal", LabelSV: "Avtal", LabelEN: "Contracts"},
		fs(str("number"), f("title", Keep), f("terms", Keep), custLink(Keep), link("contact_person", "contact_person", Keep),
			p("signed_by_name", Keep), email("signed_by_email", Keep), versions())),

	newType(Type{Name: "meeting", Area: "Workcloud", Location: "Möten", LabelSV: "Möten", LabelEN: "Meetings"},
		fs(f("title", Keep), tm("starts_at"), custLink(Keep),
			children("participants", Keep, p("name", Keep), email("email", Keep)), f("notes", Keep))),

	newType(Type{Name: "todo", Area: "Workcloud", Location: "Att göra-lista", LabelSV: "Att göra", LabelEN: "To-do list"},
		fs(f("text", Keep), link("assignee", "user", Keep), custLink(Keep), tm("due"))),

	newType(Type{Name: "partner_conversation", Area: "Workcloud", Location: "Konversation samarbetspartner", LabelSV: "Partnerkonversationer", LabelEN: "Partner conversations"},
		fs(p("partner_name", Keep), email("partner_email", Keep), phone("partner_phone", Keep),
			children("messages", Keep, p("from_name", Keep), f("body", Keep), tm("sent_at")))),

	newType(Type{Name: "event", Area: "Workcloud", Location: "Händelser", LabelSV: "Händelser", LabelEN: "Events",
		Retention: &Rule{Clock: []string{"occurred_at"}, FixedDays: 30}},
		fs(tm("occurred_at"), p("username", Clear), email("email", Clear), ip("ip", Clear), str("action"), str("target_type"), str("target_id"))),

	newType(Type{Name: "system_log", LabelSV: "Systemlogg", LabelEN: "System log",
		Retention: &Rule{Clock: []string{"occurred_at"}, FixedMonths: 3, DeleteRow: true}},
		fs(tm("occurred_at"), enum("kind", "login", "error"), p("username", Keep), ip("ip", Keep), str("code"), str("message"))),

	newType(Type{Name: "deviation", Area: "Time", Location: "Avvikelser", LabelSV: "Avvikelser", LabelEN: "Deviations",
		Retention: rule(FirstSet, FieldDeletedAt, FieldUpdatedAt)},
		fs(link("user", "user", Clear), tm("reported_at"), f("description", Keep), comments(Clear))),

	newType(Type{Name: "time_report", Area: "Time", Location: "Tidrapporter", LabelSV: "Tidrapporter", LabelEN: "Time reports",
		Retention: rule(FirstSet, FieldDeletedAt, FieldUpdatedAt)},
		fs(link("user", "user", Clear), tm("date"), hours(), link("work_order", "work_order", Keep), f("comment", Clear))),

	newType(Type{Name: "expense", Area: "Time", Location: "Utlägg", LabelSV: "Utlägg", LabelEN: "Expenses",
		Retention: rule(FirstSet, FieldDeletedAt, FieldUpdatedAt)},
		fs(link("user", "user", Clear), custLink(ZeroLink), tm("date"), num("amount"), f("description", Clear))),

	newType(Type{Name: "schedule", Area: "Time", Location: "Schema", LabelSV: "Schema", LabelEN: "Schedule"},
		fs(link("user", "user", Keep), tm("starts_at"), tm("ends_at"), f("note", Keep))),

	newType(Type{Name: "inventory", Area: "GDPR", Location: "Inventering", LabelSV: "Inventering", LabelEN: "Inventory",
		Subject: &Subject{Names: []string{"subject_name"}, IDs: []string{"subject_email", "subject_phone", "subject_personal_number"}}},
		fs(p("subject_name", Keep), email("subject_email", Keep), phone("subject_phone", Keep), pnr("subject_personal_number", Keep),
			Field{Name: "data_categories", Kind: KindStrings}, str("legal_basis"), f("notes", Keep))),

	newType(Type{Name: "incident", Area: "GDPR", Location: "Incidentrapport", LabelSV: "Incidentrapporter", LabelEN: "Incident reports",
		Subject: &Subject{Child: "affected", Names: []string{"name"}, IDs: []string{"email"}}},
		fs(tm("occurred_at"), link("reported_by", "user", Keep), f("description", Keep),
			children("affected", Keep, p("name", Keep), email("email", Keep)))),

	newType(Type{Name: "user", Area: "Settings", Location: "Användare", LabelSV: "Användare", LabelEN: "Users",
		Retention: &Rule{Clock: []string{FieldDeletedAt}, OnDelete: true},
		Subject:   &Subject{Names: []string{"name", "username"}, IDs: []string{"email", "mobile_phone", "private_phone", "work_phone", "personal_number"}}},
		fs(p("username", Replace), p("name", Replace), email("email", Replace), phone("mobile_phone", Replace),
			phone("private_phone", Replace), phone("work_phone", Replace), pnr("personal_number", Replace),
			p("street", Replace), p("postal_code", Replace), p("city", Replace),
			f("notes", Clear), f("skills", Clear), f("emergency_contact", Clear), versions())),

	newType(Type{Name: "permission", Area: "Settings", Location: "Behörighet", LabelSV: "Behörigheter", LabelEN: "Permissions"},
		fs(link("user", "user", Keep), enum("role", "admin", "gdpr_officer", "staff"))),

	newType(Type{Name: "group", Area: "Settings", Location: "Egna grupper", LabelSV: "Egna grupper", LabelEN: "Custom groups"},
		fs(str("name"), Field{Name: "members", Kind: KindLinkList, Class: ClassL, Target: "user"})),
}

var byName = func() map[string]*Type {
	m := make(map[string]*Type, len(types))
	for _, t := range types {
		t.index = make(map[string]int, len(t.Fields))
		for i, f := range t.Fields {
			t.index[f.Name] = i
		}
		m[t.Name] = t
	}
	return m
}()
