package registry

import "strings"

// FieldLabel is a field's Swedish and English label, for record screens.
type FieldLabel struct{ SV, EN string }

// PathLabel labels a field path in both languages: "comments.text" is "Kommentarer ›
// Text"; an old value ("versions.fields.name") is "Tidigare värden › Namn".
func PathLabel(path string) FieldLabel {
	var sv, en []string
	parts := strings.Split(path, ".")
	for i, part := range parts {
		if part == FieldVersions && i+1 < len(parts) {
			continue // "versions.fields.x": "fields" says it (previous values)
		}
		l := Label(part)
		sv, en = append(sv, l.SV), append(en, l.EN)
	}
	return FieldLabel{strings.Join(sv, " › "), strings.Join(en, " › ")}
}

// Label returns the label of a field name (fields of the same name mean the same thing in
// every type). A name with no label returns itself in both languages.
func Label(name string) FieldLabel {
	if l, ok := fieldLabels[name]; ok {
		return l
	}
	return FieldLabel{name, name}
}

var fieldLabels = map[string]FieldLabel{
	"action": {"Händelse", "Action"}, "affected": {"Berörda", "Affected"}, "amount": {"Belopp", "Amount"},
	"approved_at": {"Godkänd", "Approved at"}, "approved_by_email": {"Godkänd av (e-post)", "Approved by (e-mail)"},
	"approved_by_name": {"Godkänd av", "Approved by"}, "approved_by_phone": {"Godkänd av (telefon)", "Approved by (phone)"},
	"approved_ip": {"IP vid godkännande", "Approval IP"}, "assignee": {"Ansvarig", "Assignee"}, "author": {"Författare", "Author"},
	"body": {"Meddelande", "Message"}, "changed_at": {"Ändrad", "Changed at"}, "changed_by": {"Ändrad av", "Changed by"},
	"channel": {"Kanal", "Channel"}, "city": {"Ort", "City"}, "closed_at": {"Avslutad", "Closed at"}, "code": {"Kod", "Code"},
	"comment": {"Kommentar", "Comment"}, "comments": {"Kommentarer", "Comments"}, "contact_person": {"Kontaktperson", "Contact person"},
	"conversations": {"Kundkonversationer", "Customer conversations"}, "created_at": {"Skapad", "Created at"},
	"customer_info": {"Kundinformation", "Customer information"}, "customer_number": {"Kundnummer", "Customer number"},
	"data_categories": {"Uppgiftskategorier", "Data categories"}, "date": {"Datum", "Date"}, "deleted_at": {"Raderad", "Deleted at"},
	"delivery_address": {"Leveransadress", "Delivery address"}, "description": {"Beskrivning", "Description"}, "due": {"Förfaller", "Due"},
	"due_date": {"Förfallodag", "Due date"}, "email": {"E-post", "E-mail"}, "emergency_contact": {"Nödkontakt", "Emergency contact"},
	"end_customer_address": {"Slutkundens adress", "End customer's address"}, "end_customer_email": {"Slutkundens e-post", "End customer's e-mail"},
	"end_customer_name": {"Slutkund", "End customer"}, "end_customer_phone": {"Slutkundens telefon", "End customer's phone"},
	"ends_at": {"Slutar", "Ends at"}, "extra_costs": {"Extrakostnader", "Extra costs"}, "fields": {"Tidigare värden", "Previous values"},
	"first_name": {"Förnamn", "First name"}, "from_email": {"Från (e-post)", "From (e-mail)"}, "from_name": {"Från", "From"},
	"from_phone": {"Från (telefon)", "From (phone)"}, "hours": {"Timmar", "Hours"}, "invoiced_at": {"Fakturerad", "Invoiced at"},
	"ip": {"IP-adress", "IP address"}, "kind": {"Typ", "Kind"}, "last_name": {"Efternamn", "Last name"},
	"legal_basis": {"Rättslig grund", "Legal basis"}, "members": {"Medlemmar", "Members"}, "message": {"Meddelande", "Message"},
	"messages": {"Meddelanden", "Messages"}, "mobile_phone": {"Mobiltelefon", "Mobile phone"}, "name": {"Namn", "Name"},
	"note": {"Anteckning", "Note"}, "notes": {"Anteckningar", "Notes"}, "number": {"Nummer", "Number"},
	"occurred_at": {"Tidpunkt", "Occurred at"}, "participants": {"Deltagare", "Participants"}, "partner_email": {"Partnerns e-post", "Partner's e-mail"},
	"partner_invitations": {"Partnerinbjudningar", "Partner invitations"}, "partner_name": {"Samarbetspartner", "Partner"},
	"partner_phone": {"Partnerns telefon", "Partner's phone"}, "payer_email": {"Betalarens e-post", "Payer's e-mail"},
	"payer_name": {"Betalare", "Payer"}, "payer_personal_number": {"Betalarens personnummer", "Payer's personal number"},
	"payer_phone": {"Betalarens telefon", "Payer's phone"}, "payment_plans": {"Betalningsplaner", "Payment plans"},
	"personal_number": {"Person-/organisationsnummer", "Personal/organisation number"}, "postal_code": {"Postnummer", "Postal code"},
	"private_phone": {"Privat telefon", "Private phone"}, "reported_at": {"Rapporterad", "Reported at"}, "reported_by": {"Rapporterad av", "Reported by"},
	"role": {"Roll", "Role"}, "rows": {"Rader", "Rows"}, "sent_at": {"Skickad", "Sent at"}, "sent_to_email": {"Skickad till (e-post)", "Sent to (e-mail)"},
	"signed_by_email": {"Undertecknad av (e-post)", "Signed by (e-mail)"}, "signed_by_name": {"Undertecknad av", "Signed by"},
	"skills": {"Kompetenser", "Skills"}, "starts_at": {"Börjar", "Starts at"}, "status": {"Status", "Status"}, "street": {"Gatuadress", "Street"},
	"sub_projects": {"Delprojekt", "Sub-projects"}, "subject": {"Ämne", "Subject"}, "subject_email": {"Den registrerades e-post", "Data subject's e-mail"},
	"subject_name": {"Den registrerade", "Data subject"}, "subject_personal_number": {"Den registrerades personnummer", "Data subject's personal number"},
	"subject_phone": {"Den registrerades telefon", "Data subject's phone"}, "target_id": {"Post-id", "Record id"},
	"target_type": {"Posttyp", "Record type"}, "terms": {"Villkor", "Terms"}, "text": {"Text", "Text"}, "title": {"Rubrik", "Title"},
	"updated_at": {"Ändrad", "Updated at"}, "user": {"Användare", "User"}, "username": {"Användarnamn", "Username"},
	"versions": {"Versionshistorik", "Version history"}, "viewed_at": {"Visad", "Viewed at"}, "views": {"Visningar", "Views"},
	"work_order": {"Arbetsorder", "Work order"}, "work_phone": {"Arbetstelefon", "Work phone"}, "work_reports": {"Arbetsrapporter", "Work reports"},
}
