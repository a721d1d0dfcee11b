// Package secrets keeps the few values Dataskydd must not write into its data
// folder: SMS provider credentials, this desktop's trusted-device tokens and the
// key behind two-factor code hashes (security.md, "Secrets at rest").
//
// # Using it
//
// Code that needs a secret takes a [Secrets]: three calls, Get, Set and Delete,
// each with a context and a key. The application passes [NewKeyring], which talks
// to the operating system's keyring (Windows Credential Manager, macOS Keychain,
// or the freedesktop Secret Service on Linux) through github.com/zalando/go-keyring
// under the service name "Dataskydd". Tests of other packages pass [NewMemory].
//
//	ks := secrets.NewKeyring()
//	if err := ks.Set(ctx, "sms.46elks", creds); err != nil { ... }
//	v, err := ks.Get(ctx, "sms.46elks")
//	if errors.Is(err, secrets.ErrNotFound) { ... }
//
// # When there is no keyring
//
// A Linux desktop without a running Secret Service (no D-Bus session, no
// gnome-keyring or KeePassXC) cannot store secrets. Every call then fails with an
// [*UnavailableError], which matches [ErrUnavailable] under errors.Is and carries
// the stable code [CodeUnavailable] ("keyring_unavailable") for the UI. A call
// never panics and never hangs longer than the keyring's timeout: a Secret Service
// that waits for an unlock prompt nobody answers counts as unavailable too.
package secrets

import (
	"context"
	"errors"
)

// Secrets stores small string values under string keys, outside the database.
type Secrets interface {
	// Get returns the value stored under key, or an error matching ErrNotFound.
	Get(ctx context.Context, key string) (string, error)
	// Set stores value under key, replacing any earlier value.
	Set(ctx context.Context, key, value string) error
	// Delete removes key. Deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// CodeUnavailable is the stable error code the UI maps to its
// "the system keyring is not available" message.
const CodeUnavailable = "keyring_unavailable"

var (
	// ErrNotFound means no value is stored under the key.
	ErrNotFound = errors.New("secret not found")
	// ErrUnavailable matches every *UnavailableError.
	ErrUnavailable = errors.New(CodeUnavailable)
)

// UnavailableError reports that the OS keyring could not be reached.
type UnavailableError struct {
	Op  string // "get", "set" or "delete"
	Err error  // what the keyring library or D-Bus said
}

func (e *UnavailableError) Error() string {
	return "keyring " + e.Op + ": the system keyring is not available (on Linux a Secret Service such as gnome-keyring must run in the desktop session): " + e.Err.Error()
}

// Code returns CodeUnavailable.
func (e *UnavailableError) Code() string { return CodeUnavailable }

// Unwrap returns the cause.
func (e *UnavailableError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrUnavailable) true.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }
