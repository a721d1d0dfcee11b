package search

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/vault"
)

// A rebuild does not go through the live index: Bleve's offline builder turns batches of
// documents straight into segment files and merges them into the one segment the search
// wants, without the live index's snapshots, background merges and final force merge. The
// records are read and made into documents on one goroutine while the builder writes on
// another. Nothing is visible until the builder's last step writes root.bolt (with the
// schema key), so an interrupted rebuild leaves an index that does not open, and is rebuilt.

const (
	// buildBatch is how many documents one segment of the builder holds. Bigger segments
	// save merging but hold more memory: the import's peak (with SQLite's cache) must stay
	// within its budget.
	buildBatch = 1000
	// buildMergeMax is how many segments the builder merges at once.
	buildMergeMax = 16
	// buildGCPercent and buildHeapLimit are the garbage collector's settings while a build
	// runs (see build).
	buildGCPercent = 400
	buildHeapLimit = 320 << 20
)

// docBatch is a batch of documents ready for the builder, and how many records (and
// secure-data entries) it covers, indexed or not.
type docBatch struct {
	docs []*document.Document
	done int
}

// indexMapping is the mapping of the index: nothing is mapped, every document is made here.
func indexMapping() *mapping.IndexMappingImpl {
	m := mapping.NewIndexMapping()
	m.DefaultMapping = mapping.NewDocumentDisabledMapping()
	m.DocValuesDynamic = false
	m.StoreDynamic = false
	m.IndexDynamic = false
	return m
}

// build writes a new index into the empty folder ix.dir from the database; progress (may be
// nil) is called after every batch.
func (ix *Index) build(ctx context.Context, progress func(done, total int)) error {
	upTo, total, err := ix.rebuildScope(ctx)
	if err != nil {
		return err
	}
	// The new index's generation: above anything the store or the old index recorded.
	gen, err := ix.storeGen(ctx)
	if err != nil {
		return err
	}
	gen = max(gen, ix.gen) + 1
	b, err := newBuilder(ix.dir, ix.schema.fingerprint, gen)
	if err != nil {
		return err
	}
	// The build makes garbage fast (every document's terms): collect it less often, but
	// within a heap of buildHeapLimit. Both settings are the process's; restored after.
	defer debug.SetGCPercent(debug.SetGCPercent(buildGCPercent))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(buildHeapLimit))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan docBatch, 1)
	produced := make(chan error, 1)
	go func() {
		defer close(batches)
		produced <- ix.produceDocuments(ctx, batches)
	}()
	indexed, werr := writeDocuments(b, batches, total, progress)
	cancel()
	for range batches { // let the producer end
	}
	perr := <-produced
	switch {
	case werr != nil:
		return werr // the caller removes what was written
	case perr != nil:
		return perr
	case indexed == 0:
		// The builder cannot make an index of no documents.
		if err := clearDir(ix.dir); err != nil {
			return fmt.Errorf("creating search index: %w", err)
		}
		if err := newEmpty(ix.dir, ix.schema.fingerprint, gen); err != nil {
			return err
		}
	default:
		if err := b.Close(); err != nil { // merges into one segment, writes root.bolt
			return fmt.Errorf("writing search index: %w", err)
		}
	}
	ix.rebuiltUpTo, ix.builtGen = upTo, gen
	return nil
}

// newEmpty creates an index of no documents in dir, with the schema fingerprint and the
// generation gen.
func newEmpty(dir, fingerprint string, gen int64) error {
	idx, err := bleve.NewUsing(dir, indexMapping(), scorch.Name, scorch.Name, scorchConfig(dir, false))
	if err != nil {
		return fmt.Errorf("creating search index: %w", err)
	}
	if err := idx.SetInternal(schemaKey, []byte(fingerprint)); err != nil {
		closeQuietly(idx)
		return fmt.Errorf("creating search index: %w", err)
	}
	if err := idx.SetInternal(genKey, formatGen(gen)); err != nil {
		closeQuietly(idx)
		return fmt.Errorf("creating search index: %w", err)
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("creating search index: %w", err)
	}
	return nil
}

// rebuildScope is what a rebuild covers: the outbox rows up to upTo (done once it is on
// disk), and total records and secure-data entries, for the progress.
func (ix *Index) rebuildScope(ctx context.Context) (upTo sql.NullInt64, total int, err error) {
	db := ix.st.DB
	if err := db.QueryRowContext(ctx, "SELECT max(seq) FROM outbox").Scan(&upTo); err != nil {
		return upTo, 0, fmt.Errorf("reading search outbox: %w", err)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM records").Scan(&total); err != nil {
		return upTo, 0, fmt.Errorf("counting records: %w", err)
	}
	var entries int
	if err := db.QueryRowContext(ctx, "SELECT count(DISTINCT entry_id) FROM vault_values WHERE plain IS NOT NULL").Scan(&entries); err != nil {
		return upTo, 0, fmt.Errorf("counting secure-data entries: %w", err)
	}
	return upTo, total + entries, nil
}

// newBuilder starts an offline build in the empty folder dir: the index's meta file as
// Bleve writes it, and a builder whose result holds the mapping, the schema fingerprint and
// the generation gen.
func newBuilder(dir, fingerprint string, gen int64) (*scorch.Builder, error) {
	mappingJSON, err := json.Marshal(indexMapping())
	if err != nil {
		return nil, fmt.Errorf("creating search index: %w", err)
	}
	meta, err := json.Marshal(map[string]any{"storage": scorch.Name, "index_type": scorch.Name,
		"config": map[string]any{"asyncErrorCallbackName": asyncErrorCallback}})
	if err != nil {
		return nil, fmt.Errorf("creating search index: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating search index: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), meta, 0o600); err != nil {
		return nil, fmt.Errorf("creating search index: %w", err)
	}
	b, err := scorch.NewBuilder(map[string]any{
		"path":            storePath(dir),
		"buildPathPrefix": dir, // the segments being built stay in the index folder (and its disk)
		"batchSize":       buildBatch,
		"mergeMax":        buildMergeMax,
		"internal": map[string][]byte{
			"_mapping":        mappingJSON, // as bleve.NewBuilder stores it
			string(schemaKey): []byte(fingerprint),
			string(genKey):    formatGen(gen),
		},
	})
	if err != nil {
		return nil, fmt.Errorf("creating search index: %w", err)
	}
	return b, nil
}

// produceDocuments reads every record and secure-data entry, in record order, and sends
// their documents in batches.
func (ix *Index) produceDocuments(ctx context.Context, out chan<- docBatch) error {
	byEntry, err := readEntries(ctx, ix.st.DB)
	if err != nil {
		return err
	}
	batch := docBatch{docs: make([]*document.Document, 0, buildBatch)}
	send := func() error {
		select {
		case out <- batch:
		case <-ctx.Done():
			return ctx.Err()
		}
		batch = docBatch{docs: make([]*document.Document, 0, buildBatch)}
		return nil
	}
	err = ix.eachRecordDocument(ctx, func(d *document.Document) error {
		batch.done++
		if d != nil {
			batch.docs = append(batch.docs, d)
		}
		if batch.done >= buildBatch {
			return send()
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range sortedKeys(byEntry) {
		batch.done++
		batch.docs = append(batch.docs, ix.documentOf(docID(vault.SearchType, e), ix.schema.entryValues(byEntry[e])))
		if batch.done >= buildBatch {
			if err := send(); err != nil {
				return err
			}
		}
	}
	if batch.done > 0 {
		return send()
	}
	return nil
}

// eachRecordDocument calls fn with the document of every record in the database, in rowid
// order; nil for a record of a type that is not searched.
func (ix *Index) eachRecordDocument(ctx context.Context, fn func(*document.Document) error) error {
	rows, err := ix.st.DB.QueryContext(ctx, "SELECT type, ext_id, data FROM records ORDER BY rid")
	if err != nil {
		return fmt.Errorf("reading records: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var typ, ext string
		var data []byte
		if err := rows.Scan(&typ, &ext, &data); err != nil {
			return fmt.Errorf("reading records: %w", err)
		}
		t, ok := registry.Get(typ)
		if !ok || !t.Searchable() {
			if err := fn(nil); err != nil {
				return err
			}
			continue
		}
		rec, err := record.DecodeData(t, ext, data)
		if err != nil {
			return fmt.Errorf("decoding %s/%s: %w", typ, ext, err)
		}
		if err := fn(ix.document(rec)); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading records: %w", err)
	}
	return nil
}

// writeDocuments hands every batch to the builder, reporting progress after each; it
// returns how many documents it wrote.
func writeDocuments(b *scorch.Builder, batches <-chan docBatch, total int, progress func(done, total int)) (int, error) {
	done, indexed := 0, 0
	for batch := range batches {
		for _, d := range batch.docs {
			if err := b.Index(d); err != nil {
				return indexed, fmt.Errorf("writing search index: %w", err)
			}
		}
		indexed += len(batch.docs)
		done += batch.done
		if progress != nil {
			progress(done, total)
		}
	}
	return indexed, nil
}
