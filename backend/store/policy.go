package store

import (
	"database/sql"
	"errors"
	"fmt"
)

// On-delete choices for customer, contact_person and user.
const (
	OnDeleteAnonymise = "anonymise"
	OnDeleteDelete    = "delete"
)

// OnDelete reads what a delete does to a type ("anonymise" unless set to "delete").
func OnDelete(tx *Tx, typeName string) (string, error) {
	var v string
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT on_delete FROM retention_policies WHERE type = ?", typeName).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return OnDeleteAnonymise, nil
	}
	if err != nil {
		return "", fmt.Errorf("reading the on-delete setting of %s: %w", typeName, err)
	}
	return v, nil
}
