package jsonl

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dataskydd/backend/record"
)

// allocated runs f and returns the bytes it allocated (runtime.MemStats.TotalAlloc: every
// allocation counts, so it bounds the peak heap from above).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// lineOf returns a customer line of exactly n bytes (without the line break): the notes are
// padded, the rest of the text split over other fields so no value passes MaxString.
func lineOf(t *testing.T, n int) string {
	t.Helper()
	head := `{"type":"customer","id":"C1","customer_number":"1001"`
	fields := []string{"notes", "name", "street", "city", "personal_number", "email"}
	var b strings.Builder
	b.WriteString(head)
	for _, f := range fields {
		left := n - b.Len() - len(`,"`+f+`":""}`)
		if left <= 0 {
			break
		}
		size := min(left, record.MaxString)
		b.WriteString(`,"` + f + `":"` + strings.Repeat("x", size) + `"`)
	}
	b.WriteString("}")
	if b.Len() != n {
		t.Fatalf("built a line of %d bytes, want %d", b.Len(), n)
	}
	return b.String()
}

func importErr(t *testing.T, content string) (*LineError, string, uint64) {
	t.Helper()
	st := newStore(t)
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	var err error
	alloc := allocated(func() { _, err = Import(context.Background(), st, []string{path}, Options{}) })
	if err == nil {
		counts, _ := st.Counts(context.Background())
		if counts["customer"] != 1 {
			t.Fatalf("imported %v, want the one customer", counts)
		}
		return nil, path, alloc
	}
	var le *LineError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want a LineError", err)
	}
	if counts, _ := st.Counts(context.Background()); len(counts) != 0 {
		t.Errorf("a refused import wrote %v", counts)
	}
	return le, path, alloc
}

// The limits hold to the byte: a line of MaxLine bytes and a value of MaxString bytes are
// imported, one byte more is refused with file:line (and the field), and memory stays
// bounded on both sides of the limit (a far longer line is not read whole).
func TestSizeLimitsToTheByte(t *testing.T) {
	const (
		// What a line at the limit may allocate: the line read, decoded, encoded and written
		// (measured 7 MiB for MaxLine = 1 MiB); a refused line far longer than the
		// limit may allocate little more than the limit itself (measured 2 MiB for 64 MiB).
		maxAllocAtLimit = 24 * MaxLine
		maxAllocRefused = 6 * MaxLine
	)
	t.Run("line of exactly MaxLine", func(t *testing.T) {
		le, _, alloc := importErr(t, lineOf(t, MaxLine)+"\n")
		if le != nil {
			t.Fatalf("refused: %v", le)
		}
		t.Logf("a line of %d bytes: %d MiB allocated", MaxLine, alloc>>20)
		if alloc > maxAllocAtLimit {
			t.Errorf("allocated %d MiB for one line of %d MiB, want at most %d MiB", alloc>>20, MaxLine>>20, maxAllocAtLimit>>20)
		}
	})
	t.Run("line of exactly MaxLine ending in CRLF", func(t *testing.T) {
		if le, _, _ := importErr(t, lineOf(t, MaxLine)+"\r\n"); le != nil {
			t.Fatalf("refused: %v", le)
		}
	})
	t.Run("line of exactly MaxLine without a final line break", func(t *testing.T) {
		if le, _, _ := importErr(t, lineOf(t, MaxLine)); le != nil {
			t.Fatalf("refused: %v", le)
		}
	})
	t.Run("line of MaxLine+1", func(t *testing.T) {
		le, path, _ := importErr(t, `{"type":"user","id":"U1","username":"bo"}`+"\n"+lineOf(t, MaxLine+1)+"\n")
		if le == nil || le.File != path || le.Line != 2 || !strings.Contains(le.Msg, "line longer than 1 MiB") {
			t.Fatalf("got %v, want %s:2: line longer than 1 MiB", le, path)
		}
	})
	t.Run("line of 64 MiB", func(t *testing.T) {
		le, _, alloc := importErr(t, lineOf(t, MaxLine-100)+strings.Repeat(" ", 64<<20)+"\n")
		if le == nil || !strings.Contains(le.Msg, "line longer than") {
			t.Fatalf("got %v", le)
		}
		t.Logf("a refused line of 64 MiB: %d MiB allocated", alloc>>20)
		if alloc > maxAllocRefused {
			t.Errorf("allocated %d MiB to refuse a 64 MiB line, want at most %d MiB", alloc>>20, maxAllocRefused>>20)
		}
	})
	value := func(field string, n int) string {
		return `{"type":"customer","id":"C1","customer_number":"1001","` + field + `":"` + strings.Repeat("ö", n/2) + strings.Repeat("x", n%2) + `"}` + "\n"
	}
	t.Run("value of exactly MaxString bytes", func(t *testing.T) {
		if le, _, _ := importErr(t, value("notes", record.MaxString)); le != nil {
			t.Fatalf("refused: %v", le)
		}
	})
	t.Run("escaped value of exactly MaxString bytes", func(t *testing.T) {
		// The limit counts the text, not its escapes: \u00f6 is 6 bytes in the line, 2 in the text.
		line := `{"type":"customer","id":"C1","customer_number":"1001","notes":"` + strings.Repeat(`\u00f6`, record.MaxString/2) + `"}` + "\n"
		if le, _, _ := importErr(t, line); le != nil {
			t.Fatalf("refused: %v", le)
		}
	})
	t.Run("value of MaxString+1 bytes", func(t *testing.T) {
		le, path, _ := importErr(t, value("notes", record.MaxString+1))
		if le == nil || le.File != path || le.Line != 1 || le.Field != "notes" || !strings.Contains(le.Msg, "longer than 256 KiB") {
			t.Fatalf("got %v, want %s:1: field notes: longer than 256 KiB", le, path)
		}
	})
	t.Run("escaped value of MaxString+1 bytes", func(t *testing.T) {
		line := `{"type":"customer","id":"C1","customer_number":"1001","name":"x` + strings.Repeat(`\u00f6`, record.MaxString/2) + `"}` + "\n"
		if le, _, _ := importErr(t, line); le == nil || le.Field != "name" || !strings.Contains(le.Msg, "longer than") {
			t.Fatalf("got %v", le)
		}
	})
	t.Run("child value of MaxString+1 bytes", func(t *testing.T) {
		line := `{"type":"case","id":"K1","comments":[{"text":"a"},{"text":"` + strings.Repeat("y", record.MaxString+1) + `"}]}` + "\n"
		if le, _, _ := importErr(t, line); le == nil || le.Field != "comments" || !strings.Contains(le.Msg, "longer than") {
			t.Fatalf("got %v", le)
		}
	})
}
