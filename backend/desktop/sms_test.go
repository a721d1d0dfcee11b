package desktop

import (
	"strings"
	"testing"

	"dataskydd/backend/sms"
)

// Settings > SMS through its service: saved, shown without credentials, a test message
// sent through the provider, removed; then nothing is sent.
func TestSMSSettingsThroughTheService(t *testing.T) {
	a, fake := securityApp(t)
	got, err := a.GetSMSSettings()
	if err != nil || got.Configured || got.Provider != "" || len(got.Providers) < 2 {
		t.Fatalf("before saving: %+v, %v", got, err)
	}
	mustCode(t, a.SendTestSMS("070-123 45 67"), CodeSMSNotConfigured)
	mustCode(t, a.SaveSMSSettings(SMSSettingsInput{Provider: "no-such", SenderName: "Firma", Username: "u", Password: "p"}), CodeSMSInvalidSettings)
	if err := a.SaveSMSSettings(SMSSettingsInput{Provider: "46elks", SenderName: "Firma", Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	got, err = a.GetSMSSettings()
	if err != nil || !got.Configured || got.Provider != "46elks" || got.SenderName != "Firma" {
		t.Fatalf("after saving: %+v, %v", got, err)
	}
	if err := a.SendTestSMS("070-123 45 67"); err != nil {
		t.Fatal(err)
	}
	if m, ok := fake.Last("+46701234567"); !ok || m.Text != sms.TestMessage || !strings.Contains(m.From, "Firma") {
		t.Fatalf("test SMS: %+v %v", m, ok)
	}
	// While a flow asks for SMS codes the settings stay.
	if err := a.SetTwoFactorFlow("user_login", true); err != nil {
		t.Fatal(err)
	}
	mustCode(t, a.RemoveSMSSettings(), CodeInvalidSetting)
	if got, err = a.GetSMSSettings(); err != nil || !got.Configured {
		t.Fatalf("a refused removal removed: %+v, %v", got, err)
	}
	if err := a.SetTwoFactorFlow("user_login", false); err != nil {
		t.Fatal(err)
	}
	if err := a.RemoveSMSSettings(); err != nil {
		t.Fatal(err)
	}
	if got, err = a.GetSMSSettings(); err != nil || got.Configured {
		t.Fatalf("after removing: %+v, %v", got, err)
	}
	mustCode(t, a.SendTestSMS("070-123 45 67"), CodeSMSNotConfigured)
}
