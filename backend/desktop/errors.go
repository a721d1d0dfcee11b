package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"

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
	// The account and record services' codes (app_session.go).
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
	// Secure data, two-factor, SMS and keyring codes (app_twofactor.go).
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
}

func (e *AppError) Error() string { return string(e.Code) + ": " + e.Message }

// errNoStore is returned while the data folder holds no store.
var errNoStore = errors.New("no store in the data folder")

// fail wraps err with the code the frontend sees.
func fail(code ErrorCode, err error) error {
	var ae *AppError
	if errors.As(err, &ae) && ae.Code == code {
		return ae // already coded: keep its message (and retryAt, where) as they are
	}
	return &AppError{Code: code, Message: err.Error()}
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

// FormatError is Wails' ErrorFormatter. The Wails runtime rejects the promise with
// new Error(formatted), so the AppError travels as its JSON text in the Error's
// message; the frontend's wrapper (src/lib/backend.ts) parses it back.
func FormatError(err error) any {
	var ae *AppError
	if !errors.As(err, &ae) {
		ae = &AppError{Code: codeOf(err), Message: err.Error()}
	}
	b, jerr := json.Marshal(ae)
	if jerr != nil { // cannot happen for two strings; keep the code anyway
		return `{"code":"internal","message":""}`
	}
	return string(b)
}
