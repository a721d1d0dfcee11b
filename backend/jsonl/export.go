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

// Export writes records as JSON Lines in the order they were first written, so that
// export -> import -> export gives the same bytes.
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
	q := "SELECT type, ext_id, data FROM records ORDER BY rid"
	var args []any
	if opts.Type != "" {
		q = "SELECT type, ext_id, data FROM records WHERE type = ? ORDER BY rid"
		args = append(args, opts.Type)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return res, fmt.Errorf("exporting: %w", err)
	}
	defer rows.Close()
	var buf []byte
	var done int64
	var typeName, id string
	var data []byte
	for rows.Next() {
		if err := rows.Scan(&typeName, &id, &data); err != nil {
			return res, fmt.Errorf("exporting: %w", err)
		}
		buf = record.SpliceLine(buf[:0], typeName, id, data)
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return res, fmt.Errorf("exporting: %w", err)
		}
		res.Counts[typeName]++
		res.Records++
		done++
		if done%10000 == 0 {
			if opts.Progress != nil {
				opts.Progress(done, total)
			}
			if err := ctx.Err(); err != nil {
				return res, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("exporting: %w", err)
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
