package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// purgeMarker is the id of the one document that is not a record (see Purge).
const purgeMarker = "_purge"

// purgeTimeout bounds the wait for old segment files to go.
const purgeTimeout = 5 * time.Minute

// Purge makes erasure real on disk. Deleting or updating a document leaves its old terms
// and stored values in the index's segment files until they are merged away, so after an
// anonymisation run (and its Apply) the retention engine calls Purge: it force-merges the
// index into one segment and waits until the files of the old segments are gone from the
// folder. Afterwards a byte search of the index folder finds no fragment of an erased
// value. (Freed disk blocks and the OS's own copies are beyond any program's reach.)
func (ix *Index) Purge(ctx context.Context) error {
	if err := ix.Apply(ctx); err != nil {
		return err
	}
	ix.amu.Lock() // no batch may add segments while we merge
	defer ix.amu.Unlock()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return ErrClosed
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return fmt.Errorf("purging search index: %w", err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("purging search index: not a scorch index")
	}
	// A merge rewrites segments and leaves deleted documents behind, but a lone segment
	// is not merged at all: writing the marker document first adds a segment, so there
	// are always at least two to merge.
	b := ix.idx.NewBatch()
	marker := document.NewDocument(purgeMarker)
	marker.AddField(document.NewTextFieldWithIndexingOptions(fieldHash, nil, []byte(time.Now().UTC().Format(time.RFC3339Nano)), valOpts))
	if err := b.IndexAdvanced(marker); err != nil {
		return fmt.Errorf("purging search index: %w", err)
	}
	if err := ix.idx.Batch(b); err != nil {
		return fmt.Errorf("purging search index: %w", err)
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	if err := sc.ForceMerge(ctx, &opts); err != nil {
		return fmt.Errorf("purging search index: merging: %w", err)
	}
	deadline := time.Now().Add(purgeTimeout)
	for {
		obsolete, err := obsoleteFiles(sc, ix.dir)
		if err != nil {
			return fmt.Errorf("purging search index: %w", err)
		}
		if obsolete == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("purging search index: %d old segment files still on disk after %s", obsolete, purgeTimeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// obsoleteFiles counts segment files on disk that the current root no longer uses, and
// in-memory segments not yet written (which would be written, then merged, later).
func obsoleteFiles(sc *scorch.Scorch, dir string) (int, error) {
	stats := sc.StatsMap()
	rootFiles, _ := stats["num_root_filesegments"].(uint64)
	rootMem, _ := stats["num_root_memorysegments"].(uint64)
	entries, err := os.ReadDir(filepath.Join(dir, "store"))
	if err != nil {
		return 0, err
	}
	zaps := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			zaps++
		}
	}
	return zaps - int(rootFiles) + int(rootMem), nil
}
