package auth

import (
	"errors"
	"fmt"
	"time"
)

// Error is an error with a stable code the UI maps to a translated message. Compare with
// errors.Is against the sentinels below; read the code with [Code].
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Sentinel errors. Their codes are part of the API shared with the frontend: never change one.
var (
	ErrUnauthenticated   = &Error{"unauthenticated", "not logged in"}
	ErrForbidden         = &Error{"forbidden", "not allowed for this user's roles"}
	ErrBadCredentials    = &Error{"bad_credentials", "wrong username or password"}
	ErrThrottled         = &Error{"throttled", "too many failed logins, wait and try again"}
	ErrAccountDisabled   = &Error{"account_disabled", "the account is deactivated"}
	ErrPasswordTooShort  = &Error{"password_too_short", fmt.Sprintf("the password must have at least %d characters", MinPasswordLength)}
	ErrPasswordCommon    = &Error{"password_common", "the password is among the most common passwords"}
	ErrAlreadySetUp      = &Error{"already_set_up", "the first administrator already exists"}
	ErrNotSetUp          = &Error{"not_set_up", "no administrator has been created yet"}
	ErrUsernameTaken     = &Error{"username_taken", "the username is already in use"}
	ErrUserNotFound      = &Error{"user_not_found", "no such user"}
	ErrInvalidInput      = &Error{"invalid_input", "invalid input"}
	ErrMalformedHash     = &Error{"malformed_hash", "malformed password hash"}
	ErrLastAdministrator = &Error{"last_administrator", "the last active administrator cannot lose the admin role or be deactivated"}
)

// ThrottledError says until when an account is backed off. It matches [ErrThrottled].
type ThrottledError struct {
	Until time.Time
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("%s (until %s)", ErrThrottled.Message, e.Until.UTC().Format(time.RFC3339))
}

// Is reports ErrThrottled as the same error.
func (e *ThrottledError) Is(target error) bool { return target == ErrThrottled }

// Code returns the stable code of the first [Error] in err's chain ("throttled" for a
// [ThrottledError]), or "internal" for anything else.
func Code(err error) string {
	if err == nil {
		return ""
	}
	var t *ThrottledError
	if errors.As(err, &t) {
		return ErrThrottled.Code
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "internal"
}
