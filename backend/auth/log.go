package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// SystemEntry is one line of the system log (datamap.md type `system_log`).
type SystemEntry struct {
	At       time.Time
	Kind     string // "login" or "error"
	Username string
	Code     string // a stable code: login_ok, or an Error's code
	Message  string
}

// SystemLog records system-log entries.
type SystemLog interface {
	LogSystem(ctx context.Context, e SystemEntry) error
}

// StoreSystemLog writes system-log entries as `system_log` records through the store.
type StoreSystemLog struct {
	Store *store.Store
}

var _ SystemLog = StoreSystemLog{}

// LogSystem writes e as a system_log record.
func (l StoreSystemLog) LogSystem(ctx context.Context, e SystemEntry) error {
	t, ok := registry.Get("system_log")
	if !ok {
		return fmt.Errorf("writing system log: the registry has no type system_log")
	}
	id, err := newID("SL")
	if err != nil {
		return err
	}
	r := record.New(t, id)
	at := e.At.UTC().Format(time.RFC3339)
	r.Set("occurred_at", at)
	r.Set(registry.FieldCreatedAt, at)
	r.Set("kind", e.Kind)
	r.Set("username", e.Username)
	r.Set("code", e.Code)
	r.Set("message", e.Message)
	return l.Store.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.Put(r, 0)
		return err
	})
}

// newID returns prefix and 20 random hex digits: external ids the app makes itself.
func newID(prefix string) (string, error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making id: %w", err)
	}
	return prefix + hex.EncodeToString(b), nil
}
