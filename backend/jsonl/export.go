package jsonl

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// ExportOptions select and report on an export.
type ExportOptions struct {
	Type     string                  // "" for every type
	Progress func(done, total int64) // records written of records to write
}

// Export writes records as JSON Lines in the registry's type order and, within a type, in
// the order they were first written, so that export -> import -> export gives the same bytes.
func Export(ctx context.Context, st *store.Store, w io.Writer, opts ExportOptions) (Result, error) {
	res := Result{Counts: map[string]int{}}
	types := registry.Types()
	if opts.Type != "" {
		t, ok := registry.Get(opts.Type)
		if !ok {
			return res, fmt.Errorf("exporting: unknown type %q", opts.Type)
		}
		types = []*registry.Type{t}
	}
	var total int64
	if opts.Progress != nil {
		counts, err := st.Counts(ctx)
		if err != nil {
			return res, err
		}
		for _, t := range types {
			total += counts[t.Name]
		}
	}
	// One read transaction: the export is a consistent snapshot even while the app writes.
	tx, err := st.RO.BeginTx(ctx, &sqlReadOnly)
	if err != nil {
		return res, fmt.Errorf("exporting: %w", err)
	}
	defer tx.Rollback()
	bw := bufio.NewWriterSize(w, 1<<20)
	var buf []byte
	var done int64
	for _, t := range types {
		rows, err := tx.QueryContext(ctx, "SELECT ext_id, data FROM records WHERE type = ? ORDER BY rid", t.Name)
		if err != nil {
			return res, fmt.Errorf("exporting %s: %w", t.Name, err)
		}
		for rows.Next() {
			var id string
			var data []byte
			if err := rows.Scan(&id, &data); err != nil {
				rows.Close()
				return res, fmt.Errorf("exporting %s: %w", t.Name, err)
			}
			buf = record.SpliceLine(buf[:0], t.Name, id, data)
			buf = append(buf, '\n')
			if _, err := bw.Write(buf); err != nil {
				rows.Close()
				return res, fmt.Errorf("exporting: %w", err)
			}
			res.Counts[t.Name]++
			res.Records++
			done++
			if opts.Progress != nil && done%10000 == 0 {
				opts.Progress(done, total)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, fmt.Errorf("exporting %s: %w", t.Name, err)
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
	}
	if opts.Progress != nil {
		opts.Progress(done, total)
	}
	if err := bw.Flush(); err != nil {
		return res, fmt.Errorf("exporting: %w", err)
	}
	return res, nil
}

var sqlReadOnly = sql.TxOptions{ReadOnly: true}
