package desktop

import (
	"errors"
	"fmt"
	"strings"

	"dataskydd/backend/auth"
	"dataskydd/backend/normalize"
	"dataskydd/backend/secrets"
	"dataskydd/backend/sms"
)

// SMSService holds the SMS provider's settings and sends a test message.
type SMSService struct{ *Core }

// Settings > SMS: the provider, its credentials (kept in the OS keyring by sms.Gateway, never
// in the database) and the sender name. Admins only.

// SMSSettings is what the SMS page shows. Credentials never travel back to the screen.
type SMSSettings struct {
	Provider   string   `json:"provider"` // "46elks", "twilio" or "" when none is saved
	SenderName string   `json:"senderName"`
	Configured bool     `json:"configured"` // provider, sender and credentials all in place
	Providers  []string `json:"providers"`
	// KeyringUnavailable: the OS keyring cannot be reached, so credentials can be neither read
	// nor stored (on Linux a Secret Service such as gnome-keyring must run).
	KeyringUnavailable bool `json:"keyringUnavailable"`
}

// SMSSettingsInput is the SMS form. Empty credentials keep those already stored.
type SMSSettingsInput struct {
	Provider   string `json:"provider"`
	SenderName string `json:"senderName"`
	Username   string `json:"username"` // 46elks API username, Twilio Account SID
	Password   string `json:"password"` // 46elks API password, Twilio auth token
}

// GetSMSSettings returns the saved SMS settings.
func (a *SMSService) GetSMSSettings() (SMSSettings, error) {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return SMSSettings{}, err
	}
	set, err := s.SMS.Settings(a.ctx)
	if err != nil {
		return SMSSettings{}, securityFail(err)
	}
	out := SMSSettings{Provider: string(set.Provider), SenderName: set.SenderName, Providers: []string{}}
	for _, p := range sms.Providers() {
		out.Providers = append(out.Providers, string(p))
	}
	out.Configured, err = s.SMS.Configured(a.ctx)
	if errors.Is(err, secrets.ErrUnavailable) {
		out.KeyringUnavailable = true
	} else if err != nil {
		return out, securityFail(err)
	}
	return out, nil
}

// SaveSMSSettings stores the provider and sender name, and the credentials in the OS keyring.
func (a *SMSService) SaveSMSSettings(in SMSSettingsInput) error {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	err = s.SMS.Save(a.ctx, sms.Settings{Provider: sms.Provider(in.Provider), SenderName: strings.TrimSpace(in.SenderName)},
		sms.Credentials{Username: strings.TrimSpace(in.Username), Password: strings.TrimSpace(in.Password)})
	return securityFail(err)
}

// RemoveSMSSettings forgets the SMS settings and every provider's credentials. It refuses
// (invalid_setting) while a two-factor flow is on: its codes could no longer be sent, and
// nobody challenged by it could log in.
func (a *SMSService) RemoveSMSSettings() error {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	return securityFail(s.RemoveSMS(a.ctx))
}

// SendTestSMS sends the test message to a phone number in any common Swedish or international
// form.
func (a *SMSService) SendTestSMS(to string) error {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	e164, ok := normalize.Phone(to)
	if !ok {
		return fail(CodeSMSInvalidNumber, fmt.Errorf("%q is not a phone number", to))
	}
	return securityFail(s.SMS.SendTest(a.ctx, e164))
}
