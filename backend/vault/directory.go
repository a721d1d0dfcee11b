package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// RecordDirectory answers [Directory] from the store's records table (datamap.md types
// `user`, `group` and `customer`). It only reads.
type RecordDirectory struct {
	DB *sql.DB
}

var _ Directory = RecordDirectory{}

// GroupMembers returns the user ids in a group's `members`, or [ErrNotFound].
func (d RecordDirectory) GroupMembers(ctx context.Context, groupID string) ([]string, error) {
	var data string
	err := d.DB.QueryRowContext(ctx, "SELECT data FROM records WHERE type = 'group' AND ext_id = ?", groupID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("group %q: %w", groupID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading group %q: %w", groupID, err)
	}
	var g struct {
		Members []string `json:"members"`
	}
	if err := json.Unmarshal([]byte(data), &g); err != nil {
		return nil, fmt.Errorf("reading group %q: %w", groupID, err)
	}
	return g.Members, nil
}

// UserExists reports whether a `user` record with this id exists.
func (d RecordDirectory) UserExists(ctx context.Context, userID string) (bool, error) {
	return d.exists(ctx, "SELECT 1 FROM records WHERE type = 'user' AND ext_id = ?", userID)
}

// CustomerExists reports whether a customer with this customer number exists.
func (d RecordDirectory) CustomerExists(ctx context.Context, number string) (bool, error) {
	return d.exists(ctx, "SELECT 1 FROM records WHERE type = 'customer' AND cust_no = ? LIMIT 1", number)
}

func (d RecordDirectory) exists(ctx context.Context, query, arg string) (bool, error) {
	var one int
	err := d.DB.QueryRowContext(ctx, query, arg).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("looking up %q: %w", arg, err)
	}
	return true, nil
}
