// Package jsonl imports and exports the interchange format of datamap.md: JSON Lines, one
// record per line, upserted by type and id.
//
// An import is all-or-nothing over every file given to one call: lines are decoded and
// validated in parallel, written in file order in one SQLite transaction, links are checked
// at the end (a line may link to a record further down), and the first error, named by
// file:line and field, rolls everything back.
package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"time"
	"unicode/utf8"

	"dataskydd/backend/auth"
	"dataskydd/backend/ordered"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// MaxLine is the longest line (in bytes, without its line break) an import accepts: a
// record of about 400 pages of text. With record.MaxString for one value, it bounds the
// memory one record costs: reading holds a few lines per chunk (chunkBytes), and the search
// index needs up to about 250 times a record's text while it indexes it (measured with
// random words: `dataskydd import` of one line of exactly 1 MiB peaks at about 300 MB, of
// one 256 KiB value at about 90 MB; a 15 MiB line took 3.1 GB before there was a limit).
const MaxLine = 1 << 20

// LineError is an import error at one line of one file.
type LineError struct {
	File  string
	Line  int
	Field string // "" when the error is about the whole line
	Msg   string
}

func (e *LineError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: field %q: %s", e.File, e.Line, e.Field, e.Msg)
}

// ErrImport is wrapped by every error that rejects the input (as opposed to I/O failures).
var ErrImport = errors.New("import rejected")

func (e *LineError) Unwrap() error { return ErrImport }

// Progress is told how many bytes of how many have been read.
type Progress func(done, total int64)

// Result counts the records imported per type.
type Result struct {
	Counts  map[string]int `json:"counts"`
	Records int            `json:"records"`
}

// Options tune an import.
type Options struct {
	Progress Progress
}

type line struct {
	file int
	no   int
	text []byte
}

type chunk struct {
	lines []line
	recs  []*record.Prepared
	err   *LineError
	bytes int64
}

const chunkLines = 512

// chunkBytes ends a chunk early when its lines hold this much text, so the chunks in flight
// (a few per core) hold a bounded amount of memory however long the lines are.
const chunkBytes = 1 << 20

// Import reads every file and writes its records in one transaction.
func Import(ctx context.Context, st *store.Store, files []string, opts Options) (Result, error) {
	res := Result{Counts: map[string]int{}}
	if len(files) == 0 {
		return res, fmt.Errorf("%w: no file given", ErrImport)
	}
	var total int64
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			return res, fmt.Errorf("importing %s: %w", f, err)
		}
		if fi.IsDir() {
			return res, fmt.Errorf("importing %s: is a folder, not a JSON Lines file", f)
		}
		total += fi.Size()
	}
	batch := time.Now().UnixNano()
	var positions []position // of every record written, in row id order
	customers := customerNumbers{word: st.ReplacementWord(), seen: map[string]customerAt{}}
	err := st.Update(ctx, func(tx *store.Tx) error {
		tx.Bulk = true
		guard, err := auth.NewImportGuard(tx) // accounts, roles and permissions stay as they are
		if err != nil {
			return err
		}
		rebuild, err := deferIndexes(tx, total)
		if err != nil {
			return err
		}
		// Lines are read in order, decoded on every core, and written here in file order.
		w := &writer{tx: tx, files: files, batch: batch, guard: guard, customers: &customers, res: &res, progress: opts.Progress, total: total}
		err = ordered.Run(tx.Context(), runtime.NumCPU(), func(ctx context.Context, send func(*chunk) error) error {
			return readAll(ctx, files, send)
		}, func(c *chunk) {
			decodeChunk(files, c)
		}, w.chunk)
		if err != nil {
			return err
		}
		positions = w.positions
		if rebuild != nil {
			if err := rebuild(); err != nil {
				return err
			}
		}
		if err := customers.checkStore(tx, batch, files); err != nil {
			return err
		}
		if err := checkLinks(tx, batch, files, positions); err != nil {
			return err
		}
		if err := guard.Finish(); err != nil {
			return fmt.Errorf("%w: %w", ErrImport, err)
		}
		return tx.EnqueueBatch(batch)
	})
	if err != nil {
		return Result{Counts: map[string]int{}}, err
	}
	return res, nil
}

// writer writes the decoded chunks in order: each record is checked (customer numbers, the
// accounts guard) and written, in line order, so whatever fails first in line order is the
// error.
type writer struct {
	tx        *store.Tx
	files     []string
	batch     int64
	guard     *auth.ImportGuard
	customers *customerNumbers
	res       *Result
	progress  Progress
	total     int64
	done      int64
	positions []position
}

// chunk checks and writes one chunk's records.
func (w *writer) chunk(c *chunk) error {
	if c.err != nil {
		return c.err
	}
	for i, p := range c.recs {
		if err := w.check(p.Rec, c.lines[i]); err != nil {
			return err
		}
		if err := w.put(p, c.lines[i]); err != nil {
			return err
		}
	}
	w.done += c.bytes
	if w.progress != nil {
		w.progress(w.done, w.total)
	}
	return nil
}

// check runs the checks of one record before it is written.
func (w *writer) check(r *record.Record, l line) error {
	if r.Type.Name == "customer" {
		if err := w.customers.add(w.files, l, r); err != nil {
			return err
		}
	}
	no, err := w.guard.Check(r)
	if no != nil {
		return lineErr(w.files, l, no.Field, no.Msg)
	}
	return err
}

// put writes one record.
func (w *writer) put(p *record.Prepared, l line) error {
	r := p.Rec
	rid, err := w.tx.PutPrepared(p, w.batch)
	if errors.Is(err, store.ErrDuplicate) {
		return lineErr(w.files, l, "id", fmt.Sprintf("%s %q appears twice in this import", r.Type.Name, r.ID))
	}
	if err != nil {
		return err
	}
	w.positions = append(w.positions, position{rid: rid, file: int32(l.file), line: int32(l.no)})
	w.res.Counts[r.Type.Name]++
	w.res.Records++
	return nil
}

// deferIndexes drops the secondary indexes for the import when it is large next to what the
// store holds already (a first import, or one after init): building them once afterwards is
// several times cheaper than keeping them up to date row by row. It returns nil when the
// indexes stay.
func deferIndexes(tx *store.Tx, bytes int64) (func() error, error) {
	const bytesPerRecord = 600 // about what a demo record takes as a line
	if bytes < 8<<20 {
		return nil, nil
	}
	var existing int64
	if err := tx.SQL().QueryRowContext(tx.Context(), "SELECT COUNT(*) FROM records").Scan(&existing); err != nil {
		return nil, fmt.Errorf("counting records: %w", err)
	}
	if existing*4 > bytes/bytesPerRecord {
		return nil, nil
	}
	return tx.DeferIndexes()
}

type position struct {
	rid  int64
	file int32
	line int32
}

func lineErr(files []string, l line, field, msg string) *LineError {
	return &LineError{File: files[l.file], Line: l.no, Field: field, Msg: msg}
}

// readAll splits the files into chunks of lines, sent in order (to the decoders, then the
// writer).
func readAll(ctx context.Context, files []string, send func(*chunk) error) error {
	for fi, name := range files {
		if err := readFile(ctx, fi, name, send); err != nil {
			return err
		}
	}
	return nil
}

func readFile(ctx context.Context, fi int, name string, sendChunk func(*chunk) error) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("importing %s: %w", name, err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	c := &chunk{}
	send := func() error {
		if err := sendChunk(c); err != nil {
			return err
		}
		c = &chunk{}
		return nil
	}
	no, records := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		text, n, err := readLine(br)
		if n == 0 && err == io.EOF {
			break
		}
		no++
		c.bytes += int64(n)
		if err != nil && err != io.EOF {
			if errors.Is(err, errLineTooLong) {
				return &LineError{File: name, Line: no, Msg: fmt.Sprintf("line longer than %d MiB: not a JSON Lines record", MaxLine>>20)}
			}
			return fmt.Errorf("importing %s: %w", name, err)
		}
		if len(bytes.TrimSpace(text)) == 0 {
			if err == io.EOF {
				break
			}
			continue
		}
		records++
		c.lines = append(c.lines, line{file: fi, no: no, text: text})
		if len(c.lines) == chunkLines || c.bytes >= chunkBytes {
			if err := send(); err != nil {
				return err
			}
		}
		if err == io.EOF {
			break
		}
	}
	if records == 0 {
		return &LineError{File: name, Line: 1, Msg: "the file is empty: no JSON Lines records"}
	}
	if len(c.lines) > 0 || c.bytes > 0 {
		return send()
	}
	return nil
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its newline, and the bytes consumed. A line longer
// than MaxLine (not counting "\n" or "\r\n") is an error; what was read of it is not kept,
// so it never holds more than MaxLine+2 bytes.
func readLine(br *bufio.Reader) ([]byte, int, error) {
	var buf []byte
	n := 0
	for {
		part, err := br.ReadSlice('\n')
		n += len(part)
		if len(buf)+len(part) > MaxLine+2 {
			return nil, n, errLineTooLong
		}
		if err == bufio.ErrBufferFull {
			buf = append(buf, part...)
			continue
		}
		if buf == nil {
			buf = append(make([]byte, 0, len(part)), part...)
		} else {
			buf = append(buf, part...)
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if len(buf) > MaxLine {
			return nil, n, errLineTooLong
		}
		return buf, n, err
	}
}

func decodeChunk(files []string, c *chunk) {
	c.recs = make([]*record.Prepared, 0, len(c.lines))
	for _, l := range c.lines {
		if !utf8.Valid(l.text) {
			c.err = lineErr(files, l, "", "invalid UTF-8 (the file must be UTF-8 encoded)")
			return
		}
		r, err := record.Decode(l.text)
		if err != nil {
			var fe *record.FieldError
			if errors.As(err, &fe) {
				c.err = lineErr(files, l, fe.Field, fe.Msg)
			} else {
				c.err = lineErr(files, l, "", err.Error())
			}
			return
		}
		c.recs = append(c.recs, r.Prepare())
	}
	c.lines = trimText(c.lines)
}

// trimText drops the line texts once decoded, so a large import does not keep them.
func trimText(ls []line) []line {
	for i := range ls {
		ls[i].text = nil
	}
	return ls
}

// checkLinks finds the first link written by this import whose target does not exist.
func checkLinks(tx *store.Tx, batch int64, files []string, pos []position) error {
	ctx := tx.Context()
	type dangling struct {
		rid          int64
		path, target string
		id           string
	}
	var found []dangling
	rows, err := tx.SQL().QueryContext(ctx, `
SELECT l.src, l.path, l.to_type, l.to_id FROM records s JOIN links l ON l.src = s.rid
WHERE s.batch = ? AND NOT EXISTS (SELECT 1 FROM records t WHERE t.type = l.to_type AND t.ext_id = l.to_id)
ORDER BY l.src LIMIT 1`, batch)
	if err != nil {
		return fmt.Errorf("checking links: %w", err)
	}
	for rows.Next() {
		var d dangling
		if err := rows.Scan(&d.rid, &d.path, &d.target, &d.id); err != nil {
			rows.Close()
			return err
		}
		found = append(found, d)
	}
	rows.Close()
	rows, err = tx.SQL().QueryContext(ctx, `
SELECT s.rid, s.cust_no FROM records s
WHERE s.batch = ? AND s.type != 'customer' AND s.cust_no IS NOT NULL AND s.cust_no != '0'
  AND NOT EXISTS (SELECT 1 FROM records t WHERE t.cust_no = s.cust_no AND t.type = 'customer')
ORDER BY s.rid LIMIT 1`, batch)
	if err != nil {
		return fmt.Errorf("checking customer links: %w", err)
	}
	for rows.Next() {
		var d dangling
		if err := rows.Scan(&d.rid, &d.id); err != nil {
			rows.Close()
			return err
		}
		d.path, d.target = registry.FieldCustomerNo, "customer"
		found = append(found, d)
	}
	rows.Close()
	if len(found) == 0 {
		return nil
	}
	// Name the earliest line among the dangling links found.
	best := -1
	var bestD dangling
	for _, d := range found {
		i := sort.Search(len(pos), func(i int) bool { return pos[i].rid >= d.rid })
		for ; i < len(pos) && pos[i].rid != d.rid; i++ {
		}
		if i == len(pos) {
			i = linearFind(pos, d.rid)
		}
		if i >= 0 && (best < 0 || i < best) {
			best, bestD = i, d
		}
	}
	what := fmt.Sprintf("links to %s %q, which does not exist", bestD.target, bestD.id)
	if bestD.target == "customer" {
		what = fmt.Sprintf("links to customer number %q, which no customer has", bestD.id)
	}
	if best < 0 {
		return fmt.Errorf("%w: %s", ErrImport, what)
	}
	p := pos[best]
	return &LineError{File: files[p.file], Line: int(p.line), Field: bestD.path, Msg: what}
}

// linearFind is the fallback when re-imported records kept older, out-of-order row ids.
func linearFind(pos []position, rid int64) int {
	for i := range pos {
		if pos[i].rid == rid {
			return i
		}
	}
	return -1
}
