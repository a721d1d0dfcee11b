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
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return fmt.Errorf("writing event: %w", err)
	}
	r := record.New(t, "EV-"+hex.EncodeToString(b[:]))
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
