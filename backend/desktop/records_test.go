package desktop

import (
	"testing"
)

func TestSaveRecordGuardsPhoneNumbers(t *testing.T) {
	a, fake := securityApp(t)
	me, _ := a.Me()
	setMobile(t, a, me.UserID, "0701234567")
	if err := a.SaveSMSSettings(SMSSettingsInput{Provider: "46elks", SenderName: "Firma", Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetTwoFactorFlow("user_login", true); err != nil {
		t.Fatal(err)
	}
	d, _ := a.GetRecord("user", me.UserID)
	delete(d.Values, "versions")
	d.Values["name"] = "Anna Andersson"
	if _, err := a.SaveRecord("user", me.UserID, d.Values, false); err != nil {
		t.Fatalf("a change without phone numbers: %v", err)
	}
	d.Values["mobile_phone"] = "0709999999"
	_, err := a.SaveRecord("user", me.UserID, d.Values, false)
	mustCode(t, err, CodeSecondFactorRequired)
	ch, _ := a.StartPhoneChallenge()
	m, _ := fake.Last("+46701234567")
	if err := a.PassPhoneChallenge(ch.ID, sixDigits.FindString(m.Text)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveRecord("user", me.UserID, d.Values, false); err != nil {
		t.Fatalf("after the challenge: %v", err)
	}
}
