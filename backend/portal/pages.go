package portal

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// pages are the parsed templates: the layout with each page's "content".
type pages struct{ byName map[string]*template.Template }

func parsePages() (*pages, error) {
	funcs := template.FuncMap{"t": tr, "tf": func(lang, key string, args ...any) string { return fmt.Sprintf(tr(lang, key), args...) }}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("parsing the portal layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("parsing portal page %s: %w", base, err)
		}
		p.byName[base] = t
	}
	return p, nil
}

// render writes page name in lang; data's keys are the page's, plus L (the language).
func (p *pages) render(w http.ResponseWriter, name, lang string, data map[string]any) {
	t := p.byName[name]
	if data == nil {
		data = map[string]any{}
	}
	data["L"] = lang
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = buf.WriteTo(w)
}

// tr translates key; an unknown key shows itself (a test catches it).
func tr(lang, key string) string {
	if m, ok := texts[key]; ok {
		if lang == "en" {
			return m[1]
		}
		return m[0]
	}
	return key
}

// texts: key -> {Swedish, English}.
var texts = map[string][2]string{
	"title":              {"Kundportal", "Customer portal"},
	"lang_other":         {"English", "Svenska"},
	"lang_other_code":    {"en", "sv"},
	"email":              {"E-post", "E-mail"},
	"password":           {"Lösenord", "Password"},
	"password_again":     {"Lösenordet igen", "Password again"},
	"new_password":       {"Nytt lösenord", "New password"},
	"login":              {"Logga in", "Log in"},
	"logout":             {"Logga ut", "Log out"},
	"forgot":             {"Glömt lösenordet?", "Forgot your password?"},
	"err_login":          {"Fel e-postadress eller lösenord.", "Wrong e-mail address or password."},
	"err_rate":           {"För många försök. Vänta en stund och försök igen.", "Too many attempts. Wait a while and try again."},
	"err_forbidden":      {"Begäran avvisades (ogiltig eller utgången session). Ladda om sidan och försök igen.", "The request was refused (invalid or expired session). Reload the page and try again."},
	"err_input":          {"Ett fält är för långt eller saknas.", "A field is too long or missing."},
	"err_notfound":       {"Sidan finns inte.", "The page does not exist."},
	"err_internal":       {"Något gick fel. Försök igen senare.", "Something went wrong. Try again later."},
	"code_title":         {"Ange koden", "Enter the code"},
	"code_sent":          {"Vi har skickat en sexsiffrig kod med SMS till %s. Den gäller i 10 minuter.", "We sent a six-digit code by SMS to %s. It is valid for 10 minutes."},
	"code":               {"Kod", "Code"},
	"confirm":            {"Bekräfta", "Confirm"},
	"err_wrong_code":     {"Fel kod. %d försök kvar.", "Wrong code. %d tries left."},
	"err_too_many_tries": {"För många felaktiga koder. Vänta en timme och börja om.", "Too many wrong codes. Wait an hour and start again."},
	"err_code_expired":   {"Koden har gått ut. Börja om för att få en ny.", "The code has expired. Start again to get a new one."},
	"err_too_many_codes": {"För många koder har skickats den senaste timmen. Vänta en stund.", "Too many codes were sent in the last hour. Wait a while."},
	"err_no_phone":       {"Inget telefonnummer är registrerat för dig, så vi kan inte skicka någon kod. Kontakta %s så lägger de till ditt mobilnummer.", "No phone number is registered for you, so we cannot send a code. Contact %s to have your mobile number added."},
	"err_sms":            {"SMS:et kunde inte skickas. Försök igen om en stund.", "The text message could not be sent. Try again in a while."},
	"no_code_pending":    {"Det finns ingen kod att ange. Börja om.", "There is no code to enter. Start again."},
	"invite_title":       {"Välj lösenord", "Choose a password"},
	"invite_intro":       {"Välkommen! Välj ett lösenord för %s (minst 12 tecken).", "Welcome! Choose a password for %s (at least 12 characters)."},
	"invite_invalid":     {"Länken gäller inte längre. Be om en ny inbjudan.", "The link is no longer valid. Ask for a new invitation."},
	"err_pw_short":       {"Lösenordet måste ha minst 12 tecken.", "The password must be at least 12 characters."},
	"err_pw_common":      {"Lösenordet är för vanligt. Välj ett annat.", "The password is too common. Choose another."},
	"err_pw_mismatch":    {"Lösenorden är inte lika.", "The passwords do not match."},
	"reset_title":        {"Återställ lösenordet", "Reset your password"},
	"reset_intro":        {"Ange din e-postadress. Finns ett konto skickar vi en kod med SMS till telefonnumret vi har för dig.", "Enter your e-mail address. If there is an account we send a code by SMS to the phone number we have for you."},
	"reset_sent":         {"Om adressen har ett konto har en kod skickats med SMS. Har du inte fått någon kod, kontakta %s.", "If the address has an account, a code was sent by SMS. If you got no code, contact %s."},
	"reset_off":          {"Lösenordet kan inte återställas här. Kontakta %s för en ny inbjudan.", "The password cannot be reset here. Contact %s for a new invitation."},
	"reset_done":         {"Lösenordet är bytt och alla betrodda enheter är glömda. Logga in igen.", "The password was changed and every trusted device forgotten. Log in again."},
	"send_code":          {"Skicka kod", "Send code"},
	"home_title":         {"Översikt", "Overview"},
	"nothing":            {"Här finns inget ännu.", "Nothing here yet."},
	"open":               {"Öppna", "Open"},
	"approve":            {"Godkänn", "Approve"},
	"approved_by":        {"Godkänd av %s %s", "Approved by %s at %s"},
	"not_approved":       {"Inte godkänd", "Not approved"},
	"already_approved":   {"Det här är redan godkänt.", "This is already approved."},
	"approved_now":       {"Godkänt. Tack!", "Approved. Thank you!"},
	"extra_costs":        {"Extrakostnader", "Extra costs"},
	"payment_plans":      {"Betalningsplan", "Payment plan"},
	"amount":             {"Belopp", "Amount"},
	"due":                {"Förfaller", "Due"},
	"conversation":       {"Konversation", "Conversation"},
	"reply":              {"Svara", "Reply"},
	"message":            {"Meddelande", "Message"},
	"sent":               {"Skickat.", "Sent."},
	"back":               {"Tillbaka", "Back"},
	"me_title":           {"Mina uppgifter", "My data"},
	"me_intro":           {"Här kan du ladda ned allt vi har sparat om dig (registerutdrag) och begära att dina uppgifter raderas.", "Here you can download everything we keep about you (access report) and ask for your data to be erased."},
	"me_ids":             {"Vi söker på exakt dessa uppgifter om dig:", "We search for exactly these details of yours:"},
	"download_json":      {"Ladda ned (JSON)", "Download (JSON)"},
	"download_html":      {"Ladda ned (HTML, för utskrift)", "Download (HTML, printable)"},
	"erasure_ask":        {"Begär radering", "Ask for erasure"},
	"erasure_intro":      {"En administratör granskar begäran och raderar det som inte måste sparas enligt lag.", "An administrator reviews the request and erases what the law does not require us to keep."},
	"erasure_done":       {"Din begäran om radering är mottagen. En administratör granskar den.", "Your erasure request was received. An administrator will review it."},
	"erasure_pending":    {"Du har redan en begäran om radering som väntar på granskning.", "You already have an erasure request waiting for review."},
	"report_off":         {"Registerutdraget är inte tillgängligt just nu.", "The access report is not available right now."},
	"devices_title":      {"Betrodda enheter", "Trusted devices"},
	"devices_intro":      {"Enheter där du har loggat in med SMS-kod. De frågar inte efter någon kod förrän de går ut.", "Devices where you logged in with an SMS code. They ask for no code until they expire."},
	"first_used":         {"Först använd", "First used"},
	"last_used":          {"Senast använd", "Last used"},
	"expires":            {"Går ut", "Expires"},
	"remove":             {"Ta bort", "Remove"},
	"type_quote":         {"Offerter", "Quotes"},
	"type_work_order":    {"Arbetsordrar", "Work orders"},
	"type_project":       {"Projekt", "Projects"},
	"type_case":          {"Ärenden", "Cases"},
	"type_service_case":  {"Serviceärenden", "Service cases"},
	"type_order":         {"Ordrar", "Orders"},
}
