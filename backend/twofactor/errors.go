package twofactor

import (
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/auth"
)

// Error is an error with a stable code the UI maps to a translated message: the account
// service's coded error, so one mapping serves both. Compare with errors.Is against the
// sentinels; read the code with [Code].
type Error = auth.Error

// Sentinel errors. Their codes are shared with the frontend: never change one.
var (
	ErrNoPhone          = &Error{Code: "no_phone", Message: "no phone number is registered: contact your administrator"}
	ErrWrongCode        = &Error{Code: "wrong_code", Message: "the code is wrong"}
	ErrCodeExpired      = &Error{Code: "code_expired", Message: "the code has expired: ask for a new one"}
	ErrCodeUsed         = &Error{Code: "code_used", Message: "the code has already been used: ask for a new one"}
	ErrTooManyTries     = &Error{Code: "too_many_tries", Message: "too many wrong codes: wait and ask for a new code"}
	ErrTooManyCodes     = &Error{Code: "too_many_codes", Message: "too many codes were sent in the last hour: wait a while"}
	ErrUnknownChallenge = &Error{Code: "unknown_challenge", Message: "no such code was sent for this"}
	ErrSMSNotConfigured = &Error{Code: "sms_not_configured", Message: "two-factor authentication needs SMS sending: configure it under Settings > SMS first"}
	ErrUnknownFlow      = &Error{Code: "unknown_flow", Message: "no such two-factor flow"}
	ErrNotAPerson       = &Error{Code: "not_a_person", Message: "only employees, contact persons and private customers can be challenged"}
	ErrPersonNotFound   = &Error{Code: "person_not_found", Message: "no such person"}
	ErrDeviceNotFound   = &Error{Code: "device_not_found", Message: "no such trusted device"}
	ErrNoTOTP           = &Error{Code: "totp_not_enrolled", Message: "no authenticator app is enrolled"}
	ErrSMSOnly          = &Error{Code: "sms_only", Message: "this flow accepts only SMS codes"}
	ErrInvalidSetting   = &Error{Code: "invalid_setting", Message: "invalid two-factor setting"}
	ErrSecretUnreadable = &Error{Code: "totp_unreadable", Message: "the authenticator secret cannot be opened (the keyring key changed): enrol again"}
)

// Where an administrator adds a missing phone number (NoPhoneError.Where).
const (
	WhereCustomerCard    = "customer_card"         // a private customer: the customer card
	WhereCustomerContact = "customer_card_contact" // a contact person: the customer card, under the contact
	WhereSettingsUsers   = "settings_users"        // an employee: Settings > Users
)

// NoPhoneError says a person has no usable phone number. It matches ErrNoPhone;
// its Error is the text the person sees, AdminHint what the administrator sees.
type NoPhoneError struct {
	Person PersonRef
	Where  string   // one of the Where constants
	Bad    []string // fields that hold a value that is not a phone number
}

func (e *NoPhoneError) Error() string { return ErrNoPhone.Message }

// Is makes errors.Is(err, ErrNoPhone) true.
func (e *NoPhoneError) Is(target error) bool { return target == ErrNoPhone }

// AdminHint tells an administrator where to register the number.
func (e *NoPhoneError) AdminHint() string {
	var s string
	switch e.Where {
	case WhereCustomerCard:
		s = fmt.Sprintf("add a mobile, private or work phone number on the card of customer %s", e.Person.ID)
	case WhereCustomerContact:
		s = fmt.Sprintf("add a phone number to contact person %s on the customer card, under the contact", e.Person.ID)
	default:
		s = fmt.Sprintf("add a phone number to user %s under Settings > Users", e.Person.ID)
	}
	if len(e.Bad) > 0 {
		s += fmt.Sprintf(" (the value in %v is not a phone number)", e.Bad)
	}
	return s
}

// WrongCodeError is a wrong answer with tries left. It matches ErrWrongCode.
type WrongCodeError struct{ TriesLeft int }

func (e *WrongCodeError) Error() string {
	return fmt.Sprintf("%s: %d tries left", ErrWrongCode.Message, e.TriesLeft)
}

// Is makes errors.Is(err, ErrWrongCode) true.
func (e *WrongCodeError) Is(target error) bool { return target == ErrWrongCode }

// WaitError is ErrTooManyCodes or ErrTooManyTries with the time it lifts.
type WaitError struct {
	Err   *Error
	Until time.Time
}

func (e *WaitError) Error() string {
	return fmt.Sprintf("%s (until %s)", e.Err.Message, e.Until.UTC().Format(time.RFC3339))
}

// Unwrap returns the sentinel.
func (e *WaitError) Unwrap() error { return e.Err }

// Code returns the stable code of the first twofactor error in err's chain, or
// "internal" for anything else ("" for nil).
func Code(err error) string {
	if err == nil {
		return ""
	}
	var np *NoPhoneError
	if errors.As(err, &np) {
		return ErrNoPhone.Code
	}
	var wc *WrongCodeError
	if errors.As(err, &wc) {
		return ErrWrongCode.Code
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "internal"
}
