package records

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"dataskydd/backend/auth"
	"dataskydd/backend/registry"
)

// CSV export of a filtered list: the logs screen's "Export to CSV", usable for any type.
// Values are written as stored (times stay RFC 3339 UTC, codes stay codes), so the file is
// the same whoever exports it and in whatever language; a spreadsheet formats them.

var lifecycle = map[string]bool{registry.FieldStatus: true, registry.FieldCreatedAt: true, registry.FieldUpdatedAt: true,
	registry.FieldClosedAt: true, registry.FieldDeletedAt: true, registry.FieldInvoicedAt: true, registry.FieldVersions: true}

var csvKinds = map[registry.Kind]bool{registry.KindString: true, registry.KindTime: true, registry.KindNumber: true, registry.KindBool: true,
	registry.KindEnum: true, registry.KindLink: true, registry.KindCustomerLink: true}

// CSVColumns are the columns [Service.WriteCSV] writes for a type: the id, then its plain
// top-level fields in the registry's order (not the app-kept lifecycle and history).
func CSVColumns(t *registry.Type) []string {
	cols := []string{"id"}
	for _, f := range t.Fields {
		if csvKinds[f.Kind] && !lifecycle[f.Name] {
			cols = append(cols, f.Name)
		}
	}
	return cols
}

// WriteCSV writes every record the query selects, in its order (all pages; Offset and Limit
// are ignored), as CSV with a header row of field names. It returns the number of records.
// The caller's rights are checked as for [Service.List].
func (s *Service) WriteCSV(ctx context.Context, sess auth.Session, q Query, w io.Writer) (int, error) {
	t, err := s.typeFor(sess, q.Type, false)
	if err != nil {
		return 0, err
	}
	cols := CSVColumns(t)
	out := csv.NewWriter(w)
	if err := out.Write(cols); err != nil {
		return 0, fmt.Errorf("writing CSV: %w", err)
	}
	n := 0
	q.Limit = 500
	for q.Offset = 0; ; q.Offset += q.Limit {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		page, err := s.List(ctx, sess, q)
		if err != nil {
			return n, err
		}
		for _, item := range page.Items {
			row := make([]string, len(cols))
			row[0] = csvCell(item.ID)
			for i, c := range cols[1:] {
				row[i+1] = csvValue(item.Values[c])
			}
			if err := out.Write(row); err != nil {
				return n, fmt.Errorf("writing CSV: %w", err)
			}
			n++
		}
		if len(page.Items) < q.Limit {
			break
		}
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return n, fmt.Errorf("writing CSV: %w", err)
	}
	return n, nil
}

func csvValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return csvCell(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return fmt.Sprint(x)
	}
}

// csvCell keeps a spreadsheet from running a value as a formula (CSV injection): a cell
// that starts with = + - @ or a tab gets a leading apostrophe.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
