package vault

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Where the person search shows secure-data hits (datamap.md's area and location columns).
const (
	SearchArea     = "GDPR"
	SearchLocation = "Säkra uppgifter"
)

// PlainText is one plain (unencrypted) value of an entry, as the person search indexes it.
// Encrypted values never appear here.
type PlainText struct {
	EntryID        string
	FormID         string
	FormName       string
	CustomerNumber string
	FieldID        string
	FieldName      string
	Value          string
}

// PlainTexts calls fn with every plain value of the given entries (of every entry when none
// are given), for the search index. It is a system call with no session: the index is the
// whole store's, and the search decides who sees hits.
func (s *Service) PlainTexts(ctx context.Context, fn func(PlainText) error, entryIDs ...string) error {
	q := `SELECT e.entry_id, f.form_id, f.name, f.fields, coalesce(e.customer_number, ''), v.field_id, v.plain
		FROM vault_values v JOIN vault_entries e ON e.entry_id = v.entry_id JOIN vault_forms f ON f.form_id = e.form_id
		WHERE v.plain IS NOT NULL`
	var args []any
	if len(entryIDs) > 0 {
		q += " AND v.entry_id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(entryIDs)), ", ") + ")"
		for _, id := range entryIDs {
			args = append(args, id)
		}
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY e.entry_id, v.field_id", args...)
	if err != nil {
		return fmt.Errorf("reading plain values: %w", err)
	}
	defer rows.Close()
	names := map[string]map[string]string{} // form -> field id -> name
	for rows.Next() {
		var p PlainText
		var fields string
		if err := rows.Scan(&p.EntryID, &p.FormID, &p.FormName, &fields, &p.CustomerNumber, &p.FieldID, &p.Value); err != nil {
			return fmt.Errorf("reading plain values: %w", err)
		}
		if names[p.FormID] == nil {
			var fs []Field
			if err := json.Unmarshal([]byte(fields), &fs); err != nil {
				return fmt.Errorf("reading fields of form %s: %w", p.FormID, err)
			}
			names[p.FormID] = map[string]string{}
			for _, f := range fs {
				names[p.FormID][f.ID] = f.Name
			}
		}
		p.FieldName = names[p.FormID][p.FieldID]
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}
