package desktop

import (
	"strings"
	"testing"
)

// The invite button of the customer card: the link goes by SMS to the customer's mobile; a
// contact person without a phone gets the link and the no-phone answer (where to add one); a
// staff user may not invite.
func TestInviteToPortalBySMS(t *testing.T) {
	a, fake := securityApp(t)
	importInto(t, a,
		`{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Åsa Lind","email":"asa@example.se","mobile_phone":"070-123 45 67"}`,
		`{"type":"customer","id":"C2","customer_number":"1002","kind":"company","name":"Bygg AB"}`,
		`{"type":"contact_person","id":"K1","customer_number":"1002","first_name":"Kim","last_name":"Kontakt","email":"kim@bygg.se"}`)
	// SMS not configured: the link comes back with the SMS error.
	res, err := a.InviteToPortalBySMS("customer", "C1")
	if err != nil || res.Link == "" || res.SMSTo != "" || res.SMSError != CodeSMSNotConfigured {
		t.Fatalf("no SMS settings: %+v %v", res, err)
	}
	if err := a.SaveSMSSettings(SMSSettingsInput{Provider: "46elks", SenderName: "Firma", Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	res, err = a.InviteToPortalBySMS("customer", "C1")
	if err != nil || res.SMSTo != "+4670•••••67" || res.NoPhone != "" || res.SMSError != "" || res.Email != "asa@example.se" {
		t.Fatalf("customer: %+v %v", res, err)
	}
	if m, ok := fake.Last("+46701234567"); !ok || !strings.Contains(m.Text, res.Link) {
		t.Fatalf("SMS %q", m.Text)
	}
	res, err = a.InviteToPortalBySMS("contact_person", "K1")
	if err != nil || res.Link == "" || res.SMSTo != "" || res.NoPhone != "customer_card_contact" {
		t.Fatalf("contact person without a phone: %+v %v", res, err)
	}
	_, err = a.InviteToPortalBySMS("customer", "C2")
	if err == nil {
		t.Fatal("a company customer was invited")
	}
	if _, err := a.CreateUser(NewUserInput{Username: "bo", Password: "Bos-långa-lösenord-2", Roles: []string{"staff"}}); err != nil {
		t.Fatal(err)
	}
	a.setSession(a.session.svc, mustLogin(t, a, "bo", "Bos-långa-lösenord-2"))
	_, err = a.InviteToPortalBySMS("customer", "C1")
	mustCode(t, err, CodeForbidden)
}
