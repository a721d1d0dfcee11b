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
	"github.com/blevesearch/bleve/v2/document"
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
	gen         int64         // the generation of the last batch applied (generation.go)
	builtGen    int64         // the generation a rebuild wrote

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
	if err == nil {
		// An index that opened on an older snapshot than the store recorded lost writes.
		if gerr := ix.checkGen(ctx, idx); gerr != nil {
			idx.Close()
			if !errors.Is(gerr, errLostWrites) {
				return nil, gerr
			}
			err = gerr
		}
	}
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

// documentOf builds the index document holding vals: each indexed field once, with the
// terms of every value (see termsField), and each value stored.
func (ix *Index) documentOf(id string, vals []value) *document.Document {
	d := document.NewDocument(id)
	ref := ix.now()
	var text, textPlace, key, keyPlace termsField
	text.name, textPlace.name, key.name, keyPlace.name = fieldText, fieldTextPlace, fieldKey, fieldKeyPlace
	labelled := map[*place]bool{}
	// Each value's words are found once, for its terms, its pairs and its name word count.
	wordsIndexed := make([]bool, len(vals))
	words := make([][]word, len(vals))
	for i, v := range vals {
		b := []byte(v.text)
		keys := keyAnalyser{format: v.place.format, ref: ref}.Analyze(b)
		for _, t := range keys {
			key.add(t.Term)
			keyPlace.add(placeTerm(string(t.Term), v.place.id))
		}
		if indexesWords(v.place.format) || len(keys) == 0 {
			wordsIndexed[i] = true
			words[i] = pairWords(v.text, 0)
			for _, w := range words[i] {
				text.add([]byte(w.text))
				textPlace.add(placeTerm(w.text, v.place.id))
			}
		}
		stored := strconv.FormatUint(v.place.id, 10) + ":" + strconv.FormatUint(v.inst, 10) + ":" + v.text
		d.AddField(document.NewTextFieldWithIndexingOptions(fieldVal, nil, []byte(stored), valOpts))
		if v.label != "" && !labelled[v.place] {
			labelled[v.place] = true
			label := strconv.FormatUint(v.place.id, 10) + ":" + v.label
			d.AddField(document.NewTextFieldWithIndexingOptions(fieldLabel, nil, []byte(label), valOpts))
		}
	}
	for _, f := range []*termsField{&key, &keyPlace, &text, &textPlace} {
		if f.n > 0 {
			d.AddField(f)
		}
	}
	if pairs := recordPairs(vals, wordsIndexed, words); len(pairs) > 0 {
		pp := termsField{name: fieldPairPlace}
		for _, t := range pairs {
			pp.add(t)
		}
		d.AddField(&pp)
	}
	if nw := nameWordTerms(vals, wordsIndexed, words); len(nw) > 0 {
		f := termsField{name: fieldNameWords}
		for _, t := range nw {
			f.add([]byte(t))
		}
		d.AddField(&f)
	}
	d.AddField(document.NewTextFieldWithIndexingOptions(fieldHash, nil, []byte(digest(vals)), valOpts))
	return d
}

// nameWordTerms are the fieldNameWords terms of a record: for each own name field (or
// mention group, named by its first place) the number of words its value has (words[i],
// when value i's words are indexed).
func nameWordTerms(vals []value, wordsIndexed []bool, words [][]word) []string {
	type key struct {
		place uint64
		inst  uint64
	}
	counts := map[key]int{}
	var order []key
	for i, v := range vals {
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
		if wordsIndexed[i] {
			counts[k] += len(words[i])
		} else {
			counts[k] += len(normalize.Words(v.text))
		}
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
