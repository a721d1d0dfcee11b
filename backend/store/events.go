package store

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
)

// Event is one entry of the event log (the `event` type of datamap.md): who did what to which
// record. It never holds the personal data that was changed.
type Event struct {
	At         time.Time
	Username   string
	Email      string
	IP         string
	Action     string
	TargetType string
	TargetID   string
}

// LogEvent writes an event record in the transaction.
func (tx *Tx) LogEvent(e Event) error {
	t, _ := registry.Get("event")
	id, err := NewID("EV")
	if err != nil {
		return fmt.Errorf("writing event: %w", err)
	}
	r := record.New(t, id)
	at := e.At.UTC().Format(time.RFC3339)
	r.Set("occurred_at", at)
	r.Set(registry.FieldCreatedAt, at)
	r.Set("username", e.Username)
	r.Set("email", e.Email)
	r.Set("ip", e.IP)
	r.Set("action", e.Action)
	r.Set("target_type", e.TargetType)
	r.Set("target_id", e.TargetID)
	if _, err := tx.Put(r, 0); err != nil {
		return fmt.Errorf("writing event: %w", err)
	}
	return nil
}

// SystemEntry is one line of the system log (the `system_log` type): logins, failed logins,
// errors.
type SystemEntry struct {
	At       time.Time
	Kind     string // "login" or "error"
	Username string
	IP       string
	Code     string // a stable code: login_ok, bad_credentials, ...
	Message  string
}

// LogSystem writes a system_log record in the transaction.
func (tx *Tx) LogSystem(e SystemEntry) error {
	t, _ := registry.Get("system_log")
	id, err := NewID("SL")
	if err != nil {
		return fmt.Errorf("writing system log: %w", err)
	}
	r := record.New(t, id)
	at := e.At.UTC().Format(time.RFC3339)
	r.Set("occurred_at", at)
	r.Set(registry.FieldCreatedAt, at)
	r.Set("kind", e.Kind)
	r.Set("username", e.Username)
	r.Set("ip", e.IP)
	r.Set("code", e.Code)
	r.Set("message", e.Message)
	if _, err := tx.Put(r, 0); err != nil {
		return fmt.Errorf("writing system log: %w", err)
	}
	return nil
}

// NewID returns prefix and 20 random hex digits: the external ids the app makes itself.
func NewID(prefix string) (string, error) {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making id: %w", err)
	}
	return prefix + hex.EncodeToString(b[:]), nil
}
