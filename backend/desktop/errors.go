package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"

	"dataskydd/backend/folderlock"
	"dataskydd/backend/store"
)

// ErrorCode is a stable name for a failure. Errors cross the bridge as an
// [AppError] carrying one; the frontend translates the code and never matches the
// English message. The set is generated into frontend/wailsjs/go/models.ts.
type ErrorCode string

const (
	CodeInternal     ErrorCode = "internal"       // a bug or an I/O failure; the message says more
	CodeNoStore      ErrorCode = "no_store"       // no store in the data folder yet
	CodeFileNotFound ErrorCode = "file_not_found" // a file to read does not exist
	CodeBadRequest   ErrorCode = "bad_request"    // the caller passed something unusable
	CodeCancelled    ErrorCode = "cancelled"      // the user or the app stopped the operation
	CodeBusy         ErrorCode = "busy"           // another import or export is running
)

// Error codes of the account and record services (auth.Code and records' errors). They are
// the services' own stable codes, carried through unchanged.
const (
	CodeUnauthenticated   ErrorCode = "unauthenticated"
	CodeForbidden         ErrorCode = "forbidden"
	CodeBadCredentials    ErrorCode = "bad_credentials"
	CodeThrottled         ErrorCode = "throttled"
	CodeAccountDisabled   ErrorCode = "account_disabled"
	CodePasswordTooShort  ErrorCode = "password_too_short"
	CodePasswordCommon    ErrorCode = "password_common"
	CodeAlreadySetUp      ErrorCode = "already_set_up"
	CodeNotSetUp          ErrorCode = "not_set_up"
	CodeUsernameTaken     ErrorCode = "username_taken"
	CodeUserNotFound      ErrorCode = "user_not_found"
	CodeInvalidInput      ErrorCode = "invalid_input"
	CodeLastAdministrator ErrorCode = "last_administrator"
	CodeUnknownType       ErrorCode = "unknown_type"
	CodeNotFound          ErrorCode = "not_found"
	CodeReadOnly          ErrorCode = "read_only"
	CodeExists            ErrorCode = "exists"
	CodeStoreExists       ErrorCode = "store_exists"
)

// Error codes of secure data, two-factor authentication, SMS and the keyring: the backend
// packages' own stable codes, carried through unchanged.
const (
	CodeNeedsRegrant         ErrorCode = "needs_regrant"
	CodePasswordRequired     ErrorCode = "password_required"
	CodeSecondFactorRequired ErrorCode = "second_factor_required"
	CodeDecryptFailed        ErrorCode = "decrypt_failed"
	CodeLastDecrypter        ErrorCode = "last_decrypter"
	CodeNoKeyPair            ErrorCode = "no_key_pair"
	CodeMalformedSealed      ErrorCode = "malformed_sealed_value"
	CodeUnsupportedVersion   ErrorCode = "unsupported_version"
	CodeNoPhone              ErrorCode = "no_phone"
	CodeWrongCode            ErrorCode = "wrong_code"
	CodeCodeExpired          ErrorCode = "code_expired"
	CodeCodeUsed             ErrorCode = "code_used"
	CodeTooManyTries         ErrorCode = "too_many_tries"
	CodeTooManyCodes         ErrorCode = "too_many_codes"
	CodeUnknownChallenge     ErrorCode = "unknown_challenge"
	CodeSMSNotConfigured     ErrorCode = "sms_not_configured"
	CodeUnknownFlow          ErrorCode = "unknown_flow"
	CodeNotAPerson           ErrorCode = "not_a_person"
	CodePersonNotFound       ErrorCode = "person_not_found"
	CodeDeviceNotFound       ErrorCode = "device_not_found"
	CodeTOTPNotEnrolled      ErrorCode = "totp_not_enrolled"
	CodeSMSOnly              ErrorCode = "sms_only"
	CodeInvalidSetting       ErrorCode = "invalid_setting"
	CodeTOTPUnreadable       ErrorCode = "totp_unreadable"
	CodeSMSNetwork           ErrorCode = "sms_network"
	CodeSMSTimeout           ErrorCode = "sms_timeout"
	CodeSMSAuth              ErrorCode = "sms_auth"
	CodeSMSProviderError     ErrorCode = "sms_provider_error"
	CodeSMSInvalidNumber     ErrorCode = "sms_invalid_number"
	CodeSMSInvalidSender     ErrorCode = "sms_invalid_sender"
	CodeSMSInvalidSettings   ErrorCode = "sms_invalid_settings"
	CodeKeyringUnavailable   ErrorCode = "keyring_unavailable"
	CodeChallengeExpired     ErrorCode = "login_challenge_expired"
)

// CodeFolderInUse: another Dataskydd process (a command-line job, or the app started twice)
// holds the data folder's lock; the message names it ("the data folder is in use by
// dataskydd import (pid 4242)"). The call can be retried when it has finished.
const CodeFolderInUse ErrorCode = "folder_in_use"

// EnumBind is what app.go hands to Wails' EnumBind: the error codes and the event names,
// so TypeScript gets the same sets.
var EnumBind = []any{allErrorCodes, allEventNames}

// allErrorCodes is every code a service can return.
var allErrorCodes = []struct {
	Value  ErrorCode
	TSName string
}{
	{CodeInternal, "Internal"},
	{CodeNoStore, "NoStore"},
	{CodeFileNotFound, "FileNotFound"},
	{CodeBadRequest, "BadRequest"},
	{CodeCancelled, "Cancelled"},
	{CodeBusy, "Busy"},
	{CodeFolderInUse, "FolderInUse"},
	// The account and record services' codes.
	{CodeUnauthenticated, "Unauthenticated"},
	{CodeForbidden, "Forbidden"},
	{CodeBadCredentials, "BadCredentials"},
	{CodeThrottled, "Throttled"},
	{CodeAccountDisabled, "AccountDisabled"},
	{CodePasswordTooShort, "PasswordTooShort"},
	{CodePasswordCommon, "PasswordCommon"},
	{CodeAlreadySetUp, "AlreadySetUp"},
	{CodeNotSetUp, "NotSetUp"},
	{CodeUsernameTaken, "UsernameTaken"},
	{CodeUserNotFound, "UserNotFound"},
	{CodeInvalidInput, "InvalidInput"},
	{CodeLastAdministrator, "LastAdministrator"},
	{CodeUnknownType, "UnknownType"},
	{CodeNotFound, "NotFound"},
	{CodeReadOnly, "ReadOnly"},
	{CodeExists, "Exists"},
	{CodeStoreExists, "StoreExists"},
	// Secure data, two-factor, SMS and keyring codes.
	{CodeNeedsRegrant, "NeedsRegrant"},
	{CodePasswordRequired, "PasswordRequired"},
	{CodeSecondFactorRequired, "SecondFactorRequired"},
	{CodeDecryptFailed, "DecryptFailed"},
	{CodeLastDecrypter, "LastDecrypter"},
	{CodeNoKeyPair, "NoKeyPair"},
	{CodeMalformedSealed, "MalformedSealedValue"},
	{CodeUnsupportedVersion, "UnsupportedVersion"},
	{CodeNoPhone, "NoPhone"},
	{CodeWrongCode, "WrongCode"},
	{CodeCodeExpired, "CodeExpired"},
	{CodeCodeUsed, "CodeUsed"},
	{CodeTooManyTries, "TooManyTries"},
	{CodeTooManyCodes, "TooManyCodes"},
	{CodeUnknownChallenge, "UnknownChallenge"},
	{CodeSMSNotConfigured, "SmsNotConfigured"},
	{CodeUnknownFlow, "UnknownFlow"},
	{CodeNotAPerson, "NotAPerson"},
	{CodePersonNotFound, "PersonNotFound"},
	{CodeDeviceNotFound, "DeviceNotFound"},
	{CodeTOTPNotEnrolled, "TotpNotEnrolled"},
	{CodeSMSOnly, "SmsOnly"},
	{CodeInvalidSetting, "InvalidSetting"},
	{CodeTOTPUnreadable, "TotpUnreadable"},
	{CodeSMSNetwork, "SmsNetwork"},
	{CodeSMSTimeout, "SmsTimeout"},
	{CodeSMSAuth, "SmsAuth"},
	{CodeSMSProviderError, "SmsProviderError"},
	{CodeSMSInvalidNumber, "SmsInvalidNumber"},
	{CodeSMSInvalidSender, "SmsInvalidSender"},
	{CodeSMSInvalidSettings, "SmsInvalidSettings"},
	{CodeKeyringUnavailable, "KeyringUnavailable"},
	{CodeChallengeExpired, "LoginChallengeExpired"},
}

// AppError is what a bound method's error looks like to the frontend (as JSON).
type AppError struct {
	Code    ErrorCode `json:"code"`
	Message string    `json:"message"`           // for logs and bug reports, not for display
	RetryAt string    `json:"retryAt,omitempty"` // RFC 3339: when a throttled login may try again
	// Where, for no_phone: where an administrator adds the number (customer_card,
	// customer_card_contact, settings_users).
	Where string `json:"where,omitempty"`

	cause error // the error it codes: errors.Is and errors.As see through an AppError
}

func (e *AppError) Error() string { return string(e.Code) + ": " + e.Message }

// Unwrap is the coded error, so its chain stays whole.
func (e *AppError) Unwrap() error { return e.cause }

// coded is err with code: the one way an error gets its code.
func coded(code ErrorCode, err error) *AppError {
	return &AppError{Code: code, Message: err.Error(), cause: err}
}

// errNoStore is returned while the data folder holds no store.
var errNoStore = errors.New("no store in the data folder")

// fail wraps err with the code the frontend sees.
func fail(code ErrorCode, err error) error {
	var ae *AppError
	if errors.As(err, &ae) && ae.Code == code {
		return ae // already coded: keep its message (and retryAt, where) as they are
	}
	return coded(code, err)
}

// codeOf maps a backend error to its code; unknown errors are internal.
func codeOf(err error) ErrorCode {
	var ae *AppError
	switch {
	case errors.As(err, &ae):
		return ae.Code
	case errors.Is(err, errNoStore), errors.Is(err, store.ErrNoStore):
		return CodeNoStore
	case errors.Is(err, fs.ErrNotExist):
		return CodeFileNotFound
	case errors.Is(err, context.Canceled):
		return CodeCancelled
	case errors.Is(err, errBusy):
		return CodeBusy
	case errors.Is(err, folderlock.ErrInUse):
		return CodeFolderInUse
	}
	return CodeInternal
}

// FormatError is Wails' ErrorFormatter: the one translation of an error to the bridge.
// The Wails runtime rejects the promise with new Error(formatted), so the AppError travels
// as its JSON text in the Error's message; the frontend's wrapper (src/lib/backend.ts)
// parses it back. An internal error (a bug or an I/O failure) is logged here, whole.
func FormatError(err error) any {
	var ae *AppError
	if !errors.As(err, &ae) {
		ae = coded(codeOf(err), err)
	}
	if ae.Code == CodeInternal {
		slog.Error("internal error", "error", err.Error())
	}
	b, jerr := json.Marshal(ae)
	if jerr != nil { // cannot happen for two strings; keep the code anyway
		return `{"code":"internal","message":""}`
	}
	return string(b)
}
