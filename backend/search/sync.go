package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/vault"
)

// applyBatch is how many outbox rows one index batch takes.
const applyBatch = 1000

// Apply drains the outbox into the index: for every record named there it indexes the
// record as the database holds it now (or removes it when it is gone), then deletes the
// applied outbox rows. The index batch is on disk before the rows are deleted, so a crash
// at any point leaves rows that are applied again, harmlessly, at the next start.
//
// An index that fails below Bleve (a full disk, a damaged file; see health.go) is closed
// and rebuilt from the database, once; if that fails too, Apply returns the error and the
// next call (or the next Open) tries again.
func (ix *Index) Apply(ctx context.Context) error {
	if cause := ix.brokenErr(); cause != nil {
		if err := ix.repair(ctx, cause); err != nil {
			return err
		}
	}
	err := ix.apply(ctx)
	if errors.Is(err, ErrUnusable) {
		if err := ix.repair(ctx, err); err != nil {
			return err
		}
		return ix.apply(ctx)
	}
	return err
}

func (ix *Index) apply(ctx context.Context) error {
	ix.amu.Lock()
	defer ix.amu.Unlock()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return ErrClosed
	}
	for {
		n, err := ix.applyOnce(ctx)
		if err != nil {
			return err
		}
		if n < applyBatch {
			return nil
		}
	}
}

type outboxRow struct {
	seq      int64
	typ, ext string
}

// applyOnce applies up to applyBatch outbox rows: it reads them, indexes what each names
// as the database holds it now, writes the batch and then deletes the rows.
func (ix *Index) applyOnce(ctx context.Context) (int, error) {
	pending, err := ix.readOutbox(ctx)
	if err != nil || len(pending) == 0 {
		return 0, err
	}
	b := ix.idx.NewBatch()
	g := ix.gen + 1
	b.SetInternal(genKey, formatGen(g)) // on disk with the batch (generation.go)
	entries, err := ix.batchRecords(ctx, b, pending)
	if err != nil {
		return 0, err
	}
	if err := ix.batchEntries(ctx, b, entries); err != nil {
		return 0, err
	}
	if err := guard(ix.dir, func() error { return ix.idx.Batch(b) }); err != nil {
		return 0, fmt.Errorf("writing search index: %w", err)
	}
	last := sql.NullInt64{Int64: pending[len(pending)-1].seq, Valid: true}
	if err := ix.recordApplied(ctx, last, g); err != nil {
		return 0, err
	}
	return len(pending), nil
}

// readOutbox reads the first applyBatch outbox rows.
func (ix *Index) readOutbox(ctx context.Context) ([]outboxRow, error) {
	rows, err := ix.st.DB.QueryContext(ctx, "SELECT seq, type, ext_id FROM outbox ORDER BY seq LIMIT ?", applyBatch)
	if err != nil {
		return nil, fmt.Errorf("reading search outbox: %w", err)
	}
	defer rows.Close()
	var pending []outboxRow
	for rows.Next() {
		var r outboxRow
		if err := rows.Scan(&r.seq, &r.typ, &r.ext); err != nil {
			return nil, fmt.Errorf("reading search outbox: %w", err)
		}
		pending = append(pending, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading search outbox: %w", err)
	}
	return pending, nil
}

// batchRecords adds to b each record the rows name (once), as the database holds it now, or
// its removal when it is gone or not searched; it returns the secure-data entries named,
// which are indexed apart (batchEntries).
func (ix *Index) batchRecords(ctx context.Context, b *bleve.Batch, pending []outboxRow) ([]string, error) {
	stmt, err := ix.st.DB.PrepareContext(ctx, "SELECT data FROM records WHERE type = ? AND ext_id = ?")
	if err != nil {
		return nil, fmt.Errorf("reading records for the search index: %w", err)
	}
	defer stmt.Close()
	seen := map[string]bool{}
	var entries []string
	for _, p := range pending {
		id := docID(p.typ, p.ext)
		if seen[id] {
			continue
		}
		seen[id] = true
		if p.typ == vault.SearchType {
			entries = append(entries, p.ext)
			continue
		}
		t, ok := registry.Get(p.typ)
		if !ok || !t.Searchable() {
			b.Delete(id)
			continue
		}
		var data []byte
		err := stmt.QueryRowContext(ctx, p.typ, p.ext).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			b.Delete(id)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s for the search index: %w", id, err)
		}
		rec, err := record.DecodeData(t, p.ext, data)
		if err != nil {
			return nil, fmt.Errorf("decoding %s for the search index: %w", id, err)
		}
		if err := b.IndexAdvanced(ix.document(rec)); err != nil {
			return nil, fmt.Errorf("indexing %s: %w", id, err)
		}
	}
	return entries, nil
}

// batchEntries adds to b the secure-data entries as they are now (removed when they hold no
// plain value any more).
func (ix *Index) batchEntries(ctx context.Context, b *bleve.Batch, entries []string) error {
	if len(entries) == 0 {
		return nil
	}
	byEntry, err := readEntries(ctx, ix.st.DB, entries...)
	if err != nil {
		return err
	}
	for _, e := range entries {
		id := docID(vault.SearchType, e)
		pts := byEntry[e]
		if len(pts) == 0 {
			b.Delete(id)
			continue
		}
		if err := b.IndexAdvanced(ix.documentOf(id, ix.schema.entryValues(pts))); err != nil {
			return fmt.Errorf("indexing %s: %w", id, err)
		}
	}
	return nil
}

// Rebuild builds the index anew from the database: the old index folder is removed, every
// record of every searched type indexed, and the outbox cleared of what the rebuild
// covered. progress (may be nil) is called after every batch with records done and total.
func (ix *Index) Rebuild(ctx context.Context, progress func(done, total int)) error {
	ix.amu.Lock()
	defer ix.amu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.rebuildLocked(ctx, progress)
}

// rebuildLocked is Rebuild; the caller holds amu and mu. A rebuild that fails removes what
// it wrote (on a full disk, that frees the space again).
func (ix *Index) rebuildLocked(ctx context.Context, progress func(done, total int)) error {
	if ix.idx != nil {
		closeQuietly(ix.idx)
		ix.idx = nil
	}
	if err := clearDir(ix.dir); err != nil {
		return fmt.Errorf("removing old search index: %w", err)
	}
	if err := ix.build(ctx, progress); err != nil {
		_ = clearDir(ix.dir)
		return err
	}
	idx, err := openScorch(ix.dir)
	if err != nil {
		_ = clearDir(ix.dir)
		return fmt.Errorf("opening the rebuilt search index: %w", err)
	}
	ix.idx = idx
	ix.broken = nil
	// The rebuild is on disk: the outbox rows it covered are done, and its generation is the
	// store's.
	return ix.recordApplied(ctx, ix.rebuiltUpTo, ix.builtGen)
}

// Check applies the outbox and then compares the index with the database: every record
// of a searched type must be indexed with exactly its current values, and nothing else.
// It returns one line per disagreement (none when they agree). An index found damaged on
// the way is rebuilt from the database, and said so.
func (ix *Index) Check(ctx context.Context) ([]string, error) {
	repairs := ix.repairCount()
	if err := ix.Apply(ctx); err != nil {
		return nil, err
	}
	found := make(chan []string, 1)
	ix.mu.RLock()
	err := guard(ix.dir, func() error {
		p, err := ix.check(ctx)
		found <- p
		return err
	})
	ix.mu.RUnlock()
	var problems []string
	switch {
	case errors.Is(err, ErrUnusable):
		if err := ix.repair(ctx, err); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	default:
		problems = <-found
	}
	if ix.repairCount() != repairs {
		problems = append([]string{fmt.Sprintf("the search index was unusable (%v); it has been rebuilt from the database", ix.lastRepairCause())}, problems...)
	}
	return problems, nil
}

// check compares the index with the database; the caller holds mu.
func (ix *Index) check(ctx context.Context) ([]string, error) {
	if ix.idx == nil {
		return nil, ErrClosed
	}
	fp, err := ix.idx.GetInternal(schemaKey)
	if err != nil {
		return nil, fmt.Errorf("checking search index: %w", err)
	}
	var problems []string
	if string(fp) != ix.schema.fingerprint {
		problems = append(problems, "made for another registry (run index rebuild)")
	}
	want, bad, err := ix.expectedDigests(ctx)
	if err != nil {
		return nil, err
	}
	problems = append(problems, bad...)
	found, err := ix.compareIndexed(ctx, want)
	if err != nil {
		return nil, err
	}
	problems = append(problems, found...)
	return append(problems, missingFromIndex(want)...), nil
}

// expectedDigests is what the index should hold: the digest of every searched record's and
// secure-data entry's values, by document id; and the records that cannot be read.
func (ix *Index) expectedDigests(ctx context.Context) (map[string]string, []string, error) {
	want := map[string]string{}
	byEntry, err := readEntries(ctx, ix.st.DB)
	if err != nil {
		return nil, nil, err
	}
	for e, pts := range byEntry {
		want[docID(vault.SearchType, e)] = digest(ix.schema.entryValues(pts))
	}
	rows, err := ix.st.DB.QueryContext(ctx, "SELECT type, ext_id, data FROM records")
	if err != nil {
		return nil, nil, fmt.Errorf("reading records: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var typ, ext string
		var data []byte
		if err := rows.Scan(&typ, &ext, &data); err != nil {
			return nil, nil, fmt.Errorf("reading records: %w", err)
		}
		t, ok := registry.Get(typ)
		if !ok {
			problems = append(problems, fmt.Sprintf("database: %s/%s: unknown type", typ, ext))
			continue
		}
		if !t.Searchable() {
			continue
		}
		rec, err := record.DecodeData(t, ext, data)
		if err != nil {
			problems = append(problems, fmt.Sprintf("database: %s/%s: %v", typ, ext, err))
			continue
		}
		want[docID(typ, ext)] = digest(ix.schema.values(rec))
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("reading records: %w", err)
	}
	return want, problems, nil
}

// compareIndexed walks every live document of the index and compares its stored digest
// with want, deleting from want what it finds.
func (ix *Index) compareIndexed(ctx context.Context, want map[string]string) ([]string, error) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("reading search index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading search index: %w", err)
	}
	defer r.Close()
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("reading search index: %w", err)
	}
	defer ids.Close()
	var problems []string
	for n := 0; ; n++ {
		id, err := ids.Next()
		if err != nil {
			return nil, fmt.Errorf("reading search index: %w", err)
		}
		if id == nil {
			return problems, nil
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, fmt.Errorf("reading search index: %w", err)
		}
		if ext == purgeMarker {
			continue
		}
		got, err := storedDigest(r, ext)
		if err != nil {
			return nil, err
		}
		w, ok := want[ext]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s is indexed but not in the database", ext))
		case got != w:
			problems = append(problems, fmt.Sprintf("%s differs from the database", ext))
		}
		delete(want, ext)
		if n%10000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
}

// storedDigest is the digest stored with an indexed document.
func storedDigest(r bindex.IndexReader, ext string) (string, error) {
	doc, err := r.Document(ext)
	if err != nil {
		return "", fmt.Errorf("reading search index: %w", err)
	}
	var got string
	if doc != nil {
		doc.VisitFields(func(f bindex.Field) {
			if f.Name() == fieldHash {
				got = string(f.Value())
			}
		})
	}
	return got, nil
}

// missingFromIndex names, sorted, the documents left in want: in the database, not indexed.
func missingFromIndex(want map[string]string) []string {
	missing := make([]string, 0, len(want))
	for id := range want {
		missing = append(missing, id)
	}
	sort.Strings(missing)
	problems := make([]string, 0, len(missing))
	for _, id := range missing {
		problems = append(problems, fmt.Sprintf("%s is in the database but not indexed", id))
	}
	return problems
}

// readEntries reads the plain values of the given secure-data entries (of all when none
// are given), by entry id.
func readEntries(ctx context.Context, db *sql.DB, ids ...string) (map[string][]vault.PlainText, error) {
	out := map[string][]vault.PlainText{}
	err := vault.ReadPlainTexts(ctx, db, func(p vault.PlainText) error {
		out[p.EntryID] = append(out[p.EntryID], p)
		return nil
	}, ids...)
	if err != nil {
		return nil, fmt.Errorf("reading secure data for the search index: %w", err)
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
