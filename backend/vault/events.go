package vault

import (
	"context"

	"dataskydd/backend/store"
)

// StoreEvents writes events as `event` records (datamap.md) through the store, so they show
// in Settings > Logs and follow the event log's retention.
type StoreEvents struct {
	Store *store.Store
}

var _ EventLog = StoreEvents{}

// LogEvent writes e as an event record.
func (l StoreEvents) LogEvent(ctx context.Context, e Event) error {
	return l.Store.Update(ctx, func(tx *store.Tx) error {
		return tx.LogEvent(store.Event{At: e.At, Username: e.Username, Action: e.Action, TargetType: e.TargetType, TargetID: e.TargetID})
	})
}
