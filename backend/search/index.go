package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"dataskydd/backend/normalize"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// DirName is the index folder inside the data folder.
const DirName = "index"

// schemaKey is the index-internal key holding the schema fingerprint; it is written last
// by a rebuild, so an index without it is incomplete and is rebuilt.
var schemaKey = []byte("dataskydd.schema")

// ErrClosed is returned by calls on a closed index.
var ErrClosed = errors.New("search index closed")

// Index is the person-search index of one store.
type Index struct {
	st     *store.Store
	dir    string
	schema *schema
	now    func() time.Time

	mu  sync.RWMutex // write: the bleve index is swapped (rebuild) or closed
	idx bleve.Index
	amu sync.Mutex // one applier at a time

	rebuilt     bool
	rebuiltUpTo sql.NullInt64 // the outbox rows a rebuild covered

	// readAll judges two-word queries by reading every candidate's values instead of by
	// pair terms (tests compare the two).
	readAll bool

	// After a failure below Bleve (health.go): how many repairs, the last one's cause,
	// and the failure that left the index closed when its repair failed too.
	repairs   int
	lastCause error
	broken    error
}

// Open opens the index of the store (in <data dir>/index), creating or rebuilding it when
// it is missing, unreadable or made for another registry, and applies the outbox: writes
// that reached the database but not the index before a crash are indexed now.
func Open(ctx context.Context, st *store.Store) (*Index, error) {
	return OpenWith(ctx, st, Options{})
}

// rebuildBacklog is the outbox length above which Open rebuilds instead of applying.
const rebuildBacklog = 50000

// Options tune Open.
type Options struct {
	// Progress, when set, reports a rebuild that Open has to do (records done, total).
	Progress func(done, total int)
	// DeferPurge leaves an erasure's pending purge (store.MarkErasure) to the caller: the
	// desktop app opens the index at once and lets its catch-up retention run, which purges
	// whatever is pending, rewrite the index files in the background. Without it Open
	// purges before it returns (the command line: one command, then the process ends).
	DeferPurge bool
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, st *store.Store, opts Options) (*Index, error) {
	ix := newIndex(st)
	idx, err := ix.openBleve()
	unusable := err != nil
	if err == nil {
		// A big backlog (a large import) is faster rebuilt than applied row by row.
		var pending int
		if qerr := st.DB.QueryRowContext(ctx, "SELECT count(*) FROM outbox").Scan(&pending); qerr == nil && pending > rebuildBacklog {
			idx.Close()
			err = fmt.Errorf("%d records waiting", pending)
		}
	}
	if err != nil {
		if err := ix.Rebuild(ctx, opts.Progress); err != nil {
			return nil, err
		}
		ix.rebuilt = unusable
	} else {
		ix.idx = idx
	}
	if err := ix.Apply(ctx); err != nil {
		ix.Close()
		return nil, err
	}
	// An erasure that a crash kept from its purge is purged before anything else.
	if opts.DeferPurge {
		return ix, nil
	}
	if err := ix.PurgePending(ctx); err != nil {
		ix.Close()
		return nil, fmt.Errorf("purging erased values left by an interrupted run: %w", err)
	}
	return ix, nil
}

// Build builds the index of the store anew (the old one, if any, is removed) and returns
// it open. progress may be nil.
func Build(ctx context.Context, st *store.Store, progress func(done, total int)) (*Index, error) {
	ix := newIndex(st)
	if err := ix.Rebuild(ctx, progress); err != nil {
		return nil, err
	}
	return ix, nil
}

func newIndex(st *store.Store) *Index {
	return &Index{st: st, dir: filepath.Join(st.Dir, DirName), schema: newSchema(registry.Types()), now: time.Now}
}

// Rebuilt reports whether Open found no usable index and built it from the database.
func (ix *Index) Rebuilt() bool { return ix.rebuilt }

// openBleve opens the existing index; an error means it must be rebuilt (a damaged index
// file that makes Bleve panic is such an error, see health.go).
func (ix *Index) openBleve() (_ bleve.Index, err error) {
	if _, err := os.Stat(ix.dir); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("opening search index: %w", err)
	}
	idx, err := openScorch(ix.dir)
	if err != nil {
		return nil, fmt.Errorf("opening search index: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			closeQuietly(idx)
			err = fmt.Errorf("opening search index: %w", damaged(r))
		}
	}()
	fp, err := idx.GetInternal(schemaKey)
	if err != nil || string(fp) != ix.schema.fingerprint {
		idx.Close()
		return nil, fmt.Errorf("opening search index: made for another schema")
	}
	return idx, nil
}

// newBleve creates an empty index for a rebuild. Its batches do not wait for the disk (a
// rebuild is all or nothing: the schema key is written last, and finishRebuild waits for
// everything to be persisted before the index is reopened in safe mode).
func newBleve(dir string) (bleve.Index, error) {
	m := mapping.NewIndexMapping()
	m.DefaultMapping = mapping.NewDocumentDisabledMapping()
	m.DocValuesDynamic = false
	m.StoreDynamic = false
	m.IndexDynamic = false
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, scorchConfig(dir, true))
	if err != nil {
		return nil, fmt.Errorf("creating search index: %w", err)
	}
	return idx, nil
}

// finishRebuild waits until the rebuilt index is wholly on disk, then reopens it in safe
// mode (every batch waits until it is on disk, which the outbox relies on). A write that
// fails (a full disk) ends the wait with an error instead of Bleve's endless retries.
func finishRebuild(ctx context.Context, idx bleve.Index, dir string) (bleve.Index, error) {
	adv, err := idx.Advanced()
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("finishing search index: %w", err)
	}
	if sc, ok := adv.(*scorch.Scorch); ok {
		// One segment: term lookups and stored-field reads then touch one file, which
		// makes searches several times faster than on the rebuild's many small segments.
		opts := mergeplan.SingleSegmentMergePlanOptions
		if err := guard(dir, func() error { return sc.ForceMerge(ctx, &opts) }); err != nil {
			closeQuietly(idx)
			return nil, fmt.Errorf("finishing search index: merging: %w", err)
		}
		for {
			st := sc.StatsMap()
			active, _ := st["index_bgthreads_active"].(bool)
			mem, _ := st["num_root_memorysegments"].(uint64)
			if !active && mem == 0 {
				break
			}
			select {
			case <-ctx.Done():
				idx.Close()
				return nil, ctx.Err()
			case <-failureOf(dir).ch:
				closeQuietly(idx)
				return nil, fmt.Errorf("finishing search index: %w", failed(dir))
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	if err := idx.Close(); err != nil {
		return nil, fmt.Errorf("finishing search index: %w", err)
	}
	idx, err = openScorch(dir)
	if err != nil {
		return nil, fmt.Errorf("reopening search index: %w", err)
	}
	return idx, nil
}

// Close closes the index; the outbox keeps whatever was not applied.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil {
		return nil
	}
	err := ix.idx.Close()
	ix.idx = nil
	if err != nil {
		return fmt.Errorf("closing search index: %w", err)
	}
	return nil
}

// Dir is the index folder.
func (ix *Index) Dir() string { return ix.dir }

func docID(typ, id string) string { return typ + "/" + id }

func splitDocID(s string) (typ, id string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}

const (
	termOpts = bindex.IndexField | bindex.SkipFreqNorm
	valOpts  = bindex.StoreField
)

// document builds the index document of a record; nil when the type is not searched.
func (ix *Index) document(r *record.Record) *document.Document {
	if !r.Type.Searchable() {
		return nil
	}
	return ix.documentOf(docID(r.Type.Name, r.ID), ix.schema.values(r))
}

// documentOf builds the index document holding vals.
func (ix *Index) documentOf(id string, vals []value) *document.Document {
	d := document.NewDocument(id)
	ref := ix.now()
	labelled := map[*place]bool{}
	wordsIndexed := make([]bool, len(vals))
	for i, v := range vals {
		b := []byte(v.text)
		keys := keyAnalyser{format: v.place.format, ref: ref}.Analyze(b)
		if len(keys) > 0 {
			d.AddField(document.NewTextFieldCustom(fieldKey, nil, b, termOpts, tokens(keys)))
			d.AddField(document.NewTextFieldCustom(fieldKeyPlace, nil, b, termOpts, tokens(placed(keys, v.place.id))))
		}
		if indexesWords(v.place.format) || len(keys) == 0 {
			wordsIndexed[i] = true
			words := textAnalyser{}.Analyze(b)
			d.AddField(document.NewTextFieldCustom(fieldText, nil, b, termOpts, tokens(words)))
			d.AddField(document.NewTextFieldCustom(fieldTextPlace, nil, b, termOpts, tokens(placed(words, v.place.id))))
		}
		stored := strconv.FormatUint(v.place.id, 10) + ":" + strconv.FormatUint(v.inst, 10) + ":" + v.text
		d.AddField(document.NewTextFieldWithIndexingOptions(fieldVal, nil, []byte(stored), valOpts))
		if v.label != "" && !labelled[v.place] {
			labelled[v.place] = true
			label := strconv.FormatUint(v.place.id, 10) + ":" + v.label
			d.AddField(document.NewTextFieldWithIndexingOptions(fieldLabel, nil, []byte(label), valOpts))
		}
	}
	if pairs := recordPairs(vals, wordsIndexed); len(pairs) > 0 {
		d.AddField(document.NewTextFieldCustom(fieldPairPlace, nil, nil, termOpts, tokens(pairs)))
	}
	for _, t := range nameWordTerms(vals) {
		d.AddField(document.NewTextFieldCustom(fieldNameWords, nil, []byte(t), termOpts,
			tokens{&analysis.Token{Term: []byte(t), Start: 0, End: len(t), Position: 1, Type: analysis.AlphaNumeric}}))
	}
	d.AddField(document.NewTextFieldWithIndexingOptions(fieldHash, nil, []byte(digest(vals)), valOpts))
	return d
}

// nameWordTerms are the fieldNameWords terms of a record: for each own name field (or
// mention group, named by its first place) the number of words its value has.
func nameWordTerms(vals []value) []string {
	type key struct {
		place uint64
		inst  uint64
	}
	counts := map[key]int{}
	var order []key
	for _, v := range vals {
		if !v.place.subjectName {
			continue
		}
		k := key{v.place.id, v.inst}
		if v.place.group >= 0 {
			k.place = uint64(v.place.group)
		}
		if _, ok := counts[k]; !ok {
			order = append(order, k)
		}
		counts[k] += len(normalize.Words(v.text))
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		out = append(out, nameWordTerm(k.place, counts[k]))
	}
	return out
}

func nameWordTerm(place uint64, n int) string {
	return strconv.FormatUint(place, 10) + ":" + strconv.Itoa(n)
}
