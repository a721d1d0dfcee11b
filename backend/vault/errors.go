package vault

import "dataskydd/backend/auth"

// Sentinel errors, with stable codes read by [auth.Code]. Opening fails with the same
// [ErrDecrypt] for a wrong password, a tampered value and a value moved elsewhere: telling them
// apart would help an attacker and not the user.
var (
	ErrDecrypt         = &auth.Error{Code: "decrypt_failed", Message: "cannot decrypt: wrong password or damaged data"}
	ErrMalformed       = &auth.Error{Code: "malformed_sealed_value", Message: "malformed sealed value"}
	ErrUnsupported     = &auth.Error{Code: "unsupported_version", Message: "sealed value of an unsupported version"}
	ErrNotFound        = &auth.Error{Code: "not_found", Message: "no such form or entry"}
	ErrNoAccess        = &auth.Error{Code: "forbidden", Message: "not on this form's access list"}
	ErrNoKey           = &auth.Error{Code: "needs_regrant", Message: "no key for this form: someone who can decrypt it must grant access again"}
	ErrNoKeyPair       = &auth.Error{Code: "no_key_pair", Message: "the user has no key pair yet: they must log in once"}
	ErrStepUpRequired  = &auth.Error{Code: "second_factor_required", Message: "this form needs a second factor to decrypt"}
	ErrInvalidForm     = &auth.Error{Code: "invalid_input", Message: "invalid form"}
	ErrInvalidEntry    = &auth.Error{Code: "invalid_input", Message: "invalid entry"}
	ErrLastDecrypter   = &auth.Error{Code: "last_decrypter", Message: "nobody else could decrypt this form's entries: grant someone first or delete the form"}
	ErrPasswordMissing = &auth.Error{Code: "password_required", Message: "type your password to decrypt"}
)
