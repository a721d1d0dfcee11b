package auth

import (
	"context"
	"time"

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
	return l.Store.Update(ctx, func(tx *store.Tx) error {
		return tx.LogSystem(store.SystemEntry{At: e.At, Kind: e.Kind, Username: e.Username, Code: e.Code, Message: e.Message})
	})
}

// newID returns prefix and 20 random hex digits: external ids the app makes itself.
func newID(prefix string) (string, error) { return store.NewID(prefix) }
