package registry

// Singular labels of the types, for headings and sentences about one record: "Kund C1005",
// "Redigera kund C1005", "Ta bort arbetsorder WO1005-1?". A type's LabelSV and LabelEN are
// plural, as menus and lists want them. They live here, beside the field labels, so that the
// data map in types.go stays one line per type.

var singularLabels = map[string]FieldLabel{
	"customer":             {"Kund", "Customer"},
	"contact_person":       {"Kontaktperson", "Contact person"},
	"customer_contact":     {"Kundkontakt", "Customer contact"},
	"case":                 {"Ärende", "Case"},
	"work_order":           {"Arbetsorder", "Work order"},
	"quote":                {"Offert", "Quote"},
	"project":              {"Projekt", "Project"},
	"service_case":         {"Serviceärende", "Service case"},
	"order":                {"Order", "Order"},
	"invoice_basis":        {"Fakturaunderlag", "Invoice basis"},
	"contract":             {"Avtal", "Contract"},
	"meeting":              {"Möte", "Meeting"},
	"todo":                 {"Att göra-punkt", "To-do item"},
	"partner_conversation": {"Partnerkonversation", "Partner conversation"},
	"event":                {"Händelse", "Event"},
	"system_log":           {"Systemloggrad", "System log entry"},
	"deviation":            {"Avvikelse", "Deviation"},
	"time_report":          {"Tidrapport", "Time report"},
	"expense":              {"Utlägg", "Expense"},
	"schedule":             {"Schemapass", "Schedule entry"},
	"inventory":            {"Inventeringspost", "Inventory entry"},
	"incident":             {"Incidentrapport", "Incident report"},
	"user":                 {"Användare", "User"},
	"permission":           {"Behörighet", "Permission"},
	"group":                {"Grupp", "Group"},
}

// Singular returns the type's label for one record, capitalised as a heading starts
// ("Kund", "Work order"). A type without one falls back to its plural labels.
func (t *Type) Singular() FieldLabel {
	if l, ok := singularLabels[t.Name]; ok {
		return l
	}
	return FieldLabel{t.LabelSV, t.LabelEN}
}

// SingularSV is the Swedish label for one record ("Kund").
func (t *Type) SingularSV() string { return t.Singular().SV }

// SingularEN is the English label for one record ("Customer").
func (t *Type) SingularEN() string { return t.Singular().EN }
