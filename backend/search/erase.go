package search

import (
	"context"
	"errors"
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

// purgeNudge is how long Purge waits for old segment files to go before it closes and
// reopens the index (a variable so a test can take that path at once).
var purgeNudge = 2 * time.Second

// Purge makes erasure real on disk. Deleting or updating a document leaves its old terms
// and stored values in the index's segment files until they are merged away, so after an
// anonymisation run (and its Apply) the retention engine calls Purge: it force-merges the
// index into one segment and waits until the files of the old segments are gone from the
// folder. Afterwards a byte search of the index folder finds no fragment of an erased
// value. (Freed disk blocks and the OS's own copies are beyond any program's reach.)
//
// Bleve removes unused segment files when its persister is idle, once; on Windows a file
// that a reader still has open or mapped cannot be removed then, and nothing retries.
// When files are left after purgeNudge, Purge closes the index (which releases every
// file) and reopens it, and the reopened index removes them.
func (ix *Index) Purge(ctx context.Context) error {
	// The erasures to purge are those committed up to now (store.MarkErasure); one that
	// commits meanwhile keeps the mark for the next purge.
	gen, err := ix.st.PurgePending(ctx)
	if err != nil {
		return err
	}
	if err := ix.Apply(ctx); err != nil {
		return err
	}
	if err := ix.purgeFiles(ctx); err != nil {
		return err
	}
	if err := ix.st.Checkpoint(ctx); err != nil {
		return err
	}
	return ix.st.PurgeDone(ctx, gen)
}

// PurgePending purges when an erasure has not been purged yet (a crash, or a process that
// erased and stopped before its purge): Open calls it, so the next start finishes the job.
func (ix *Index) PurgePending(ctx context.Context) error {
	gen, err := ix.st.PurgePending(ctx)
	if err != nil || gen == 0 {
		return err
	}
	return ix.Purge(ctx)
}

// purgeRounds bounds the merges one purge makes (see purgeFiles).
const purgeRounds = 5

// purgeFiles merges the index until no segment holds a deleted document and the old
// segment files are gone. One merge is not always enough: a merge that Bleve started in
// the background before the last deletions keeps the deleted documents' bytes in its new
// segment (only marked deleted), and a lone segment is not merged again; so the purge
// checks the segments after each round and merges again while any holds a deletion.
func (ix *Index) purgeFiles(ctx context.Context) error {
	ix.amu.Lock() // no batch may add segments while we merge
	defer ix.amu.Unlock()
	for round := 0; ; round++ {
		if err := ix.mergeToOne(ctx); errors.Is(err, ErrUnusable) {
			// A damaged index or a failed write (health.go): a rebuilt index holds nothing of
			// the old one, which is the purge too.
			if err := ix.repairLocked(ctx, err); err != nil {
				return fmt.Errorf("purging search index: %w", err)
			}
			return nil
		} else if err != nil {
			return fmt.Errorf("purging search index: %w", err)
		}
		if err := ix.waitOldFiles(ctx); err != nil {
			return err
		}
		deleted, err := ix.deletedDocs()
		if err != nil {
			return fmt.Errorf("purging search index: %w", err)
		}
		if deleted == 0 {
			return nil
		}
		if round+1 >= purgeRounds {
			return fmt.Errorf("purging search index: %d deleted documents still in its segments after %d merges", deleted, purgeRounds)
		}
	}
}

// waitOldFiles waits until the segment files the current root no longer uses are gone.
func (ix *Index) waitOldFiles(ctx context.Context) error {
	deadline := time.Now().Add(purgeTimeout)
	nudge := time.Now().Add(purgeNudge)
	for {
		obsolete, err := ix.obsoleteFiles()
		if err != nil {
			return fmt.Errorf("purging search index: %w", err)
		}
		if obsolete == 0 {
			return nil
		}
		now := time.Now()
		if now.After(deadline) {
			return fmt.Errorf("purging search index: %d old segment files still on disk after %s", obsolete, purgeTimeout)
		}
		if !now.Before(nudge) {
			if err := ix.reopen(); err != nil {
				return fmt.Errorf("purging search index: %w", err)
			}
			nudge = time.Now().Add(purgeNudge)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// deletedDocs counts the deleted documents the current segments still hold.
func (ix *Index) deletedDocs() (uint64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return 0, ErrClosed
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, fmt.Errorf("not a scorch index")
	}
	var n uint64
	for _, ss := range snap.Segments() {
		if d := ss.Deleted(); d != nil {
			n += d.GetCardinality()
		}
	}
	return n, nil
}

// mergeToOne merges the index into one segment. A merge rewrites segments and leaves
// deleted documents behind, but a lone segment is not merged at all: writing the marker
// document first adds a segment, so there are always at least two to merge.
func (ix *Index) mergeToOne(ctx context.Context) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sc, err := ix.scorch()
	if err != nil {
		return err
	}
	b := ix.idx.NewBatch()
	marker := document.NewDocument(purgeMarker)
	marker.AddField(document.NewTextFieldWithIndexingOptions(fieldHash, nil, []byte(time.Now().UTC().Format(time.RFC3339Nano)), valOpts))
	if err := b.IndexAdvanced(marker); err != nil {
		return err
	}
	if err := guard(ix.dir, func() error { return ix.idx.Batch(b) }); err != nil {
		return err
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	if err := guard(ix.dir, func() error { return sc.ForceMerge(ctx, &opts) }); err != nil {
		return fmt.Errorf("merging: %w", err)
	}
	return nil
}

// scorch is the open index's scorch engine; the caller holds ix.mu.
func (ix *Index) scorch() (*scorch.Scorch, error) {
	if ix.idx == nil {
		return nil, ErrClosed
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, fmt.Errorf("not a scorch index")
	}
	return sc, nil
}

// reopen closes the bleve index and opens it again (see Purge).
func (ix *Index) reopen() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil {
		return ErrClosed
	}
	if err := ix.idx.Close(); err != nil {
		ix.idx = nil
		return fmt.Errorf("closing: %w", err)
	}
	idx, err := ix.openBleve()
	if err != nil {
		ix.idx = nil
		return err
	}
	ix.idx = idx
	return nil
}

// obsoleteFiles counts segment files on disk that the current root no longer uses, and
// in-memory segments not yet written (which would be written, then merged, later).
func (ix *Index) obsoleteFiles() (int, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	sc, err := ix.scorch()
	if err != nil {
		return 0, err
	}
	stats := sc.StatsMap()
	rootFiles, _ := stats["num_root_filesegments"].(uint64)
	rootMem, _ := stats["num_root_memorysegments"].(uint64)
	entries, err := os.ReadDir(filepath.Join(ix.dir, "store"))
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
