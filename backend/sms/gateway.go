package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"dataskydd/backend/secrets"
)

// SettingsStore keeps plain (non-secret) settings; the twofactor store's
// settings table implements it.
type SettingsStore interface {
	Setting(ctx context.Context, key string) (value string, ok bool, err error)
	SetSetting(ctx context.Context, key, value string) error
	DeleteSetting(ctx context.Context, key string) error
}

// Settings are the visible SMS settings.
type Settings struct {
	Provider   Provider `json:"provider"`
	SenderName string   `json:"sender_name"`
}

// Keys under which a Gateway stores its settings and secrets.
const (
	settingProvider = "sms.provider"
	settingSender   = "sms.sender_name"
)

func credentialsKey(p Provider) string { return "sms.credentials." + string(p) }

// TestMessage is the text "Send test SMS" sends.
const TestMessage = "Dataskydd: detta är ett test-SMS. SMS-utskick fungerar. / This is a test SMS: sending works."

// Gateway is the configured SMS sending of this installation.
type Gateway struct {
	settings SettingsStore
	secrets  secrets.Secrets
	opts     map[Provider]Options
}

// NewGateway returns a Gateway. opts may set a BaseURL or HTTP client per
// provider (tests, and the end-to-end fake provider); nil means the real APIs.
func NewGateway(settings SettingsStore, sec secrets.Secrets, opts map[Provider]Options) *Gateway {
	return &Gateway{settings: settings, secrets: sec, opts: opts}
}

// Settings returns the saved settings; the zero Settings if none are saved.
func (g *Gateway) Settings(ctx context.Context) (Settings, error) {
	var s Settings
	p, _, err := g.settings.Setting(ctx, settingProvider)
	if err != nil {
		return s, fmt.Errorf("reading SMS settings: %w", err)
	}
	from, _, err := g.settings.Setting(ctx, settingSender)
	if err != nil {
		return s, fmt.Errorf("reading SMS settings: %w", err)
	}
	return Settings{Provider: Provider(p), SenderName: from}, nil
}

// Save stores the settings, and the credentials in the keyring. Empty
// credentials keep those already stored for the same provider.
func (g *Gateway) Save(ctx context.Context, s Settings, c Credentials) error {
	if s.Provider != Elks && s.Provider != Twilio {
		return &Error{Code: CodeInvalidConfig, Message: fmt.Sprintf("unknown SMS provider %q", s.Provider)}
	}
	if !ValidSender(s.SenderName) {
		return &Error{Code: CodeInvalidSender, Message: fmt.Sprintf("sender %q: %s", s.SenderName, ErrInvalidSender.Message)}
	}
	switch {
	case c.Username == "" && c.Password == "":
		if _, err := g.credentials(ctx, s.Provider); err != nil {
			return err
		}
	case c.Username == "" || c.Password == "":
		return &Error{Code: CodeInvalidConfig, Provider: s.Provider, Message: "both parts of the credentials are needed"}
	default:
		b, _ := json.Marshal(c)
		if err := g.secrets.Set(ctx, credentialsKey(s.Provider), string(b)); err != nil {
			return fmt.Errorf("saving SMS credentials: %w", err)
		}
	}
	if err := g.settings.SetSetting(ctx, settingProvider, string(s.Provider)); err != nil {
		return fmt.Errorf("saving SMS settings: %w", err)
	}
	if err := g.settings.SetSetting(ctx, settingSender, s.SenderName); err != nil {
		return fmt.Errorf("saving SMS settings: %w", err)
	}
	return nil
}

// Remove forgets the settings and the credentials of every provider.
func (g *Gateway) Remove(ctx context.Context) error {
	for _, p := range Providers() {
		if err := g.secrets.Delete(ctx, credentialsKey(p)); err != nil {
			return fmt.Errorf("removing SMS credentials: %w", err)
		}
	}
	for _, k := range []string{settingProvider, settingSender} {
		if err := g.settings.DeleteSetting(ctx, k); err != nil {
			return fmt.Errorf("removing SMS settings: %w", err)
		}
	}
	return nil
}

// Configured reports whether a provider, a sender name and its credentials
// are all in place. A keyring that cannot be reached is an error, not "no".
func (g *Gateway) Configured(ctx context.Context) (bool, error) {
	_, _, err := g.sender(ctx)
	if errors.Is(err, ErrNotConfigured) {
		return false, nil
	}
	return err == nil, err
}

// Send sends text to an E.164 number from the configured sender name.
func (g *Gateway) Send(ctx context.Context, to, text string) error {
	snd, from, err := g.sender(ctx)
	if err != nil {
		return err
	}
	return snd.Send(ctx, to, from, text)
}

// SendTest sends TestMessage to to: the settings page's "Send test SMS".
func (g *Gateway) SendTest(ctx context.Context, to string) error {
	return g.Send(ctx, to, TestMessage)
}

func (g *Gateway) sender(ctx context.Context) (Sender, string, error) {
	s, err := g.Settings(ctx)
	if err != nil {
		return nil, "", err
	}
	if s.Provider == "" || s.SenderName == "" {
		return nil, "", &Error{Code: CodeNotConfigured, Message: ErrNotConfigured.Message}
	}
	c, err := g.credentials(ctx, s.Provider)
	if err != nil {
		return nil, "", err
	}
	o := g.opts[s.Provider]
	switch s.Provider {
	case Elks:
		return NewElks(c, o), s.SenderName, nil
	case Twilio:
		return NewTwilio(c, o), s.SenderName, nil
	}
	return nil, "", &Error{Code: CodeInvalidConfig, Message: fmt.Sprintf("unknown SMS provider %q", s.Provider)}
}

func (g *Gateway) credentials(ctx context.Context, p Provider) (Credentials, error) {
	var c Credentials
	v, err := g.secrets.Get(ctx, credentialsKey(p))
	if errors.Is(err, secrets.ErrNotFound) {
		return c, &Error{Code: CodeNotConfigured, Provider: p, Message: "no credentials are stored for " + string(p)}
	}
	if err != nil {
		return c, fmt.Errorf("reading SMS credentials: %w", err)
	}
	if err := json.Unmarshal([]byte(v), &c); err != nil || c.Username == "" {
		return c, &Error{Code: CodeNotConfigured, Provider: p, Message: "the stored credentials are unreadable; enter them again"}
	}
	return c, nil
}
