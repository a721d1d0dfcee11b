package desktop

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
	"dataskydd/backend/sms"
	"dataskydd/backend/sms/smstest"
)

// securityApp is an app with an administrator, a fake 46elks provider and an in-memory
// keyring that outlives logins (as the OS keyring does).
func securityApp(t *testing.T) (*App, *smstest.Server) {
	t.Helper()
	fake := smstest.NewServer(sms.Elks, sms.Credentials{Username: "u", Password: "p"})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	a := NewApp(filepath.Join(t.TempDir(), "data"))
	a.session.opts = &services.Options{CheapKDF: true, Secrets: secrets.NewMemory(), SMSBaseURL: srv.URL}
	t.Cleanup(func() { a.closeServices(); a.shutdown() })
	if _, err := a.FirstRun(FirstRunInput{OrgName: "Firma", Lang: "sv", Username: "anna", Password: adminPW}); err != nil {
		t.Fatal(err)
	}
	return a, fake
}

const adminPW = "Annas-långa-lösenord-1"

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

func mustCode(t *testing.T, err error, want ErrorCode) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", want)
	}
	if got := codeOfAppError(t, err); got != want {
		t.Fatalf("error %v: code %s, want %s", err, got, want)
	}
}

func setMobile(t *testing.T, a *App, userID, mobile string) {
	t.Helper()
	d, err := a.GetRecord("user", userID)
	if err != nil {
		t.Fatal(err)
	}
	d.Values["mobile_phone"] = mobile
	delete(d.Values, "versions")
	res, err := a.SaveRecord("user", userID, d.Values, false)
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("saving the mobile phone: %v %v", err, res.Problems)
	}
}

func TestLoginFromNewDevice(t *testing.T) {
	a, fake := securityApp(t)
	me, _ := a.Me()
	setMobile(t, a, me.UserID, "070-123 45 67")
	mustCode(t, a.SetTwoFactorFlow("user_login", true), CodeSMSNotConfigured)
	if err := a.SaveSMSSettings(SMSSettingsInput{Provider: "46elks", SenderName: "Firma", Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SendTestSMS("070-123 45 67"); err != nil {
		t.Fatal(err)
	}
	if m, ok := fake.Last("+46701234567"); !ok || m.Text != sms.TestMessage {
		t.Fatalf("test SMS: %+v %v", m, ok)
	}
	if err := a.SetTwoFactorFlow("user_login", true); err != nil {
		t.Fatal(err)
	}
	mustCode(t, a.RemoveSMSSettings(), CodeInvalidSetting)
	_ = a.Logout()

	_, err := a.Login("anna", adminPW)
	mustCode(t, err, CodeSecondFactorRequired)
	_, err = a.Me()
	mustCode(t, err, CodeUnauthenticated)
	info, err := a.LoginSecondFactor()
	if err != nil || info.Username != "anna" || info.TOTP {
		t.Fatalf("LoginSecondFactor = %+v, %v", info, err)
	}
	ch, err := a.StartLoginChallenge()
	if err != nil {
		t.Fatal(err)
	}
	m, _ := fake.Last("+46701234567")
	code := sixDigits.FindString(m.Text)
	_, err = a.VerifyLoginCode(ch.ID, "00000"+code)
	mustCode(t, err, CodeWrongCode)
	if _, err := a.VerifyLoginCode(ch.ID, code); err != nil {
		t.Fatalf("right code: %v", err)
	}
	my, err := a.GetMyTwoFactor()
	if err != nil || len(my.Devices) != 1 || !my.Devices[0].ThisDevice {
		t.Fatalf("trusted devices after the login: %+v %v", my, err)
	}
	_ = a.Logout()

	if _, err := a.Login("anna", adminPW); err != nil {
		t.Fatalf("login from the trusted device: %v", err)
	}
	// A password change forgets the devices: the next login is challenged again.
	if err := a.ChangeOwnPassword(adminPW, adminPW+"-nytt"); err != nil {
		t.Fatal(err)
	}
	_ = a.Logout()
	_, err = a.Login("anna", adminPW+"-nytt")
	mustCode(t, err, CodeSecondFactorRequired)
	_, err = a.VerifyLoginCode(ch.ID, code)
	mustCode(t, err, CodeCodeUsed)
	if err := a.CancelLoginChallenge(); err != nil {
		t.Fatal(err)
	}
	_, err = a.StartLoginChallenge()
	mustCode(t, err, CodeChallengeExpired)
}

func mustLogin(t *testing.T, a *App, user, pw string) (sess auth.Session) {
	t.Helper()
	s, err := a.svc()
	if err != nil {
		t.Fatal(err)
	}
	sess, err = s.Accounts.Login(context.Background(), user, pw)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

func TestPhoneChangeNeedsChallenge(t *testing.T) {
	a, fake := securityApp(t)
	me, _ := a.Me()
	setMobile(t, a, me.UserID, "0701234567")
	s, _ := a.svc()
	sess, _ := a.currentSession()
	before := map[string]any{"mobile_phone": "0701234567"}
	after := map[string]any{"mobile_phone": "0709999999"}
	if err := a.checkPhoneChange(s, sess, "user", before, after); err != nil {
		t.Fatalf("two-factor not in use: %v", err)
	}
	if err := a.SaveSMSSettings(SMSSettingsInput{Provider: "46elks", SenderName: "Firma", Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetTwoFactorFlow("user_login", true); err != nil {
		t.Fatal(err)
	}
	mustCode(t, a.checkPhoneChange(s, sess, "user", before, after), CodeSecondFactorRequired)
	if err := a.checkPhoneChange(s, sess, "user", before, map[string]any{"mobile_phone": "0701234567", "name": "Anna"}); err != nil {
		t.Fatalf("no phone changed: %v", err)
	}
	ch, err := a.StartPhoneChallenge()
	if err != nil {
		t.Fatal(err)
	}
	m, _ := fake.Last("+46701234567")
	mustCode(t, a.PassPhoneChallenge(ch.ID, "999999x"), CodeWrongCode)
	if err := a.PassPhoneChallenge(ch.ID, sixDigits.FindString(m.Text)); err != nil {
		t.Fatal(err)
	}
	if info, _ := a.PhoneStepUp(); !info.Asks || !info.Passed {
		t.Fatalf("PhoneStepUp = %+v", info)
	}
	if err := a.checkPhoneChange(s, sess, "customer", nil, map[string]any{"work_phone": "08-123 456"}); err != nil {
		t.Fatalf("after a passed challenge: %v", err)
	}
}

// The trusted-device period can be set up to 365 days, no more (a huge count does not wrap
// round into range).
func TestTrustedDevicePeriodAtMost365Days(t *testing.T) {
	a, _ := securityApp(t)
	if err := a.SetTrustedDevicePeriod(365); err != nil {
		t.Fatal(err)
	}
	for _, days := range []int{366, 730, 0, -5, 1 << 62} {
		mustCode(t, a.SetTrustedDevicePeriod(days), CodeInvalidSetting)
	}
	if s, err := a.GetTwoFactorSettings(); err != nil || s.MaxDays != 365 {
		t.Fatalf("settings: %+v %v", s, err)
	}
}
