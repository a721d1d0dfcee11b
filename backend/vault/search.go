package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// Where the person search shows secure-data hits (datamap.md's area and location columns).
const (
	SearchArea     = "GDPR"
	SearchLocation = "Säkra uppgifter"
)

// SearchType is the type under which entries go through the search outbox and index (the
// outbox's type column, the hit's type); the outbox's ext_id is the entry id.
const SearchType = TargetEntry

// Reader is what [ReadPlainTexts] reads through: a *sql.DB or a *sql.Tx.
type Reader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

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
	return ReadPlainTexts(ctx, s.db, fn, entryIDs...)
}

// ReadPlainTexts is [Service.PlainTexts] straight from the database, for the search index,
// which has no Service. Values come in entry id, then field id order.
func ReadPlainTexts(ctx context.Context, db Reader, fn func(PlainText) error, entryIDs ...string) error {
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
	rows, err := db.QueryContext(ctx, q+" ORDER BY e.entry_id, v.field_id", args...)
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

// enqueue adds the entries selected by where (on vault_entries) to the search outbox, in the
// caller's transaction, so the index follows the write (a deleted entry is removed from it).
func enqueue(ctx context.Context, q querier, where string, args ...any) error {
	if _, err := q.ExecContext(ctx, "INSERT INTO outbox(type, ext_id) SELECT '"+SearchType+"', entry_id FROM vault_entries WHERE "+where, args...); err != nil {
		return fmt.Errorf("queueing entries for the search index: %w", err)
	}
	return nil
}
