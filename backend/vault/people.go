package vault

import (
	"context"
	"database/sql"
	"fmt"
)

// Person is a user or a group that can go on a form's access list.
type Person struct {
	Kind string `json:"kind"` // MemberUser or MemberGroup: "user" or "group"
	ID   string `json:"id"`
	Name string `json:"name"`
}

// People lists the users and groups that can go on an access list, users first, each by
// name (a user without one by username): every one not deleted.
func People(ctx context.Context, db *sql.DB) ([]Person, error) {
	rows, err := db.QueryContext(ctx, `SELECT type, ext_id,
			coalesce(nullif(json_extract(data, '$.name'), ''), json_extract(data, '$.username'), ext_id)
		FROM records WHERE type IN ('user', 'group') AND coalesce(status, '') <> 'deleted'
		ORDER BY type DESC, 3, ext_id`)
	if err != nil {
		return nil, fmt.Errorf("listing users and groups: %w", err)
	}
	defer rows.Close()
	out := []Person{}
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.Kind, &p.ID, &p.Name); err != nil {
			return nil, fmt.Errorf("listing users and groups: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing users and groups: %w", err)
	}
	return out, nil
}
