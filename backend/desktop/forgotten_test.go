package desktop

import (
	"testing"
)

// "Glömt lösenordet?" through its service: refused while the flow is off; on, an SMS code to
// the user's own phone sets a new password, and a wrong code sets nothing.
func TestForgottenPasswordThroughTheService(t *testing.T) {
	a, fake := securityApp(t)
	me, _ := a.Me()
	setMobile(t, a, me.UserID, "070-123 45 67")
	_, err := a.ForgotPasswordStart("anna")
	mustCode(t, err, CodeBadRequest)
	if err := a.SaveSMSSettings(SMSSettingsInput{Provider: "46elks", SenderName: "Firma", Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetTwoFactorFlow("user_password_reset", true); err != nil {
		t.Fatal(err)
	}
	if err := a.Logout(); err != nil {
		t.Fatal(err)
	}
	ch, err := a.ForgotPasswordStart("anna")
	if err != nil {
		t.Fatal(err)
	}
	m, ok := fake.Last("+46701234567")
	code := sixDigits.FindString(m.Text)
	if !ok || code == "" {
		t.Fatalf("no code sent: %+v", m)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	mustCode(t, a.ForgotPasswordFinish("anna", ch.ID, wrong, "Ett-helt-nytt-lösenord-9"), CodeWrongCode)
	if err := a.ForgotPasswordFinish("anna", ch.ID, code, "Ett-helt-nytt-lösenord-9"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Login("anna", adminPW); err == nil {
		t.Fatal("the old password still logs in")
	}
	if _, err := a.Login("anna", "Ett-helt-nytt-lösenord-9"); err != nil {
		t.Fatalf("the new password: %v", err)
	}
}
