package vault

import (
	"context"
	"fmt"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
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
	t, ok := registry.Get("event")
	if !ok {
		return fmt.Errorf("writing event: the registry has no type event")
	}
	id, err := newID("EV")
	if err != nil {
		return err
	}
	r := record.New(t, id)
	at := e.At.UTC().Format(time.RFC3339)
	r.Set("occurred_at", at)
	r.Set(registry.FieldCreatedAt, at)
	r.Set("username", e.Username)
	r.Set("action", e.Action)
	r.Set("target_type", e.TargetType)
	r.Set("target_id", e.TargetID)
	return l.Store.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.Put(r, 0)
		return err
	})
}
