// Package sms sends text messages through a commercial SMS provider's HTTP API.
// Two-factor codes are its reason to exist (security.md, "Two-factor
// authentication"); nothing else in the app depends on SMS working.
//
// # Providers
//
// A [Sender] sends one message. [NewElks] speaks the 46elks API (POST
// /a1/sms, form fields from, to, message, HTTP basic auth with the API username
// and password) and [NewTwilio] the Twilio Programmable Messaging API (POST
// /2010-04-01/Accounts/{AccountSid}/Messages.json, form fields From, To, Body,
// basic auth with the Account SID and auth token). Both take [Options] whose
// BaseURL points them at a local server in tests; package smstest holds that
// server and the conformance suite both providers pass.
//
// # Errors
//
// Every failure is an [*Error] with a stable [Error.Code] for the UI: the
// provider could not be reached ([ErrNetwork]), did not answer in time
// ([ErrTimeout]), refused the credentials ([ErrAuth]) or refused the message
// ([ErrProvider], with the provider's own message in [Error.Message]). Test with
// errors.Is(err, sms.ErrAuth) and friends.
//
// # Settings
//
// A [Gateway] holds the configured provider and sender name (through a
// [SettingsStore], normally the database) and the provider credentials (through
// [secrets.Secrets], normally the OS keyring: never the database). It offers
// [Gateway.SendTest] for the "Send test SMS" button and [Gateway.Configured]
// for the two-factor settings, which cannot be switched on before SMS works.
package sms

import (
	"context"
	"fmt"
	"regexp"
)

// Sender sends one text message. to is an E.164 number (+46701234567), from the
// sender name the recipient sees (an alphanumeric sender ID of at most 11
// characters, or an E.164 number).
type Sender interface {
	Send(ctx context.Context, to, from, text string) error
}

// Provider names an SMS provider.
type Provider string

// The providers Dataskydd speaks.
const (
	Elks   Provider = "46elks"
	Twilio Provider = "twilio"
)

// Providers lists the supported providers in the order the settings show them.
func Providers() []Provider { return []Provider{Elks, Twilio} }

// Credentials authenticate against a provider: for 46elks the API username and
// API password, for Twilio the Account SID and auth token.
type Credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// Stable error codes, shared with the frontend.
const (
	CodeNetwork       = "sms_network"
	CodeTimeout       = "sms_timeout"
	CodeAuth          = "sms_auth"
	CodeProvider      = "sms_provider_error"
	CodeNotConfigured = "sms_not_configured"
	CodeInvalidNumber = "sms_invalid_number"
	CodeInvalidSender = "sms_invalid_sender"
	CodeInvalidConfig = "sms_invalid_settings"
)

// Error is every error this package returns.
type Error struct {
	Code         string   // one of the Code constants
	Provider     Provider // empty when no provider was involved
	Status       int      // HTTP status of the provider's answer, 0 if none
	ProviderCode string   // the provider's own error code, if it gave one
	Message      string   // the provider's message, or ours
	Err          error    // the underlying cause, if any
}

// Sentinels to match with errors.Is: an *Error matches the sentinel of its Code.
var (
	ErrNetwork       = &Error{Code: CodeNetwork, Message: "the SMS provider could not be reached"}
	ErrTimeout       = &Error{Code: CodeTimeout, Message: "the SMS provider did not answer in time"}
	ErrAuth          = &Error{Code: CodeAuth, Message: "the SMS provider rejected the credentials"}
	ErrProvider      = &Error{Code: CodeProvider, Message: "the SMS provider refused the message"}
	ErrNotConfigured = &Error{Code: CodeNotConfigured, Message: "SMS sending is not configured"}
	ErrInvalidNumber = &Error{Code: CodeInvalidNumber, Message: "the phone number is not in E.164 form (+46701234567)"}
	ErrInvalidSender = &Error{Code: CodeInvalidSender, Message: "the sender name must be 3-11 letters and digits starting with a letter, or an E.164 number"}
	ErrInvalidConfig = &Error{Code: CodeInvalidConfig, Message: "the SMS settings are incomplete"}
)

func (e *Error) Error() string {
	s := "sms"
	if e.Provider != "" {
		s += " (" + string(e.Provider) + ")"
	}
	s += ": " + e.Message
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d", e.Status)
		if e.ProviderCode != "" {
			s += ", code " + e.ProviderCode
		}
		s += ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is the sentinel of e's code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Provider == "" && t.Status == 0 && t.Err == nil
}

var (
	e164Re   = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	senderRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{2,10}$`)
)

// ValidNumber reports whether to is an E.164 number.
func ValidNumber(to string) bool { return e164Re.MatchString(to) }

// ValidSender reports whether from is a sender both providers accept: an
// alphanumeric sender ID (3-11 characters, first a letter) or an E.164 number.
func ValidSender(from string) bool { return senderRe.MatchString(from) || e164Re.MatchString(from) }

func checkMessage(p Provider, to, from, text string) error {
	if !ValidNumber(to) {
		return &Error{Code: CodeInvalidNumber, Provider: p, Message: fmt.Sprintf("%q is not an E.164 phone number", to)}
	}
	if !ValidSender(from) {
		return &Error{Code: CodeInvalidSender, Provider: p, Message: fmt.Sprintf("sender %q: %s", from, ErrInvalidSender.Message)}
	}
	if text == "" {
		return &Error{Code: CodeProvider, Provider: p, Message: "empty message"}
	}
	return nil
}
