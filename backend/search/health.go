package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// What can go wrong below the index, and what the index does about it.
//
// Bleve writes and merges segments in background goroutines. When one of them fails (a full
// disk) or panics (a damaged segment file), Bleve only reports it to a callback and retries
// forever, so whatever waits for that work (a batch that must be on disk, a force merge,
// the end of a rebuild) would wait forever. And reading a damaged segment file can panic in
// the caller's goroutine ("makeslice: len out of range" after another process rebuilt the
// index underneath).
//
// So every call that waits for Bleve runs through guard, which returns an error wrapping
// ErrUnusable when Bleve reports a background failure or the call panics; the index is
// then closed (which stops the retrying) and rebuilt from the database once (repair). If
// the rebuild fails too (the disk is still full) the index folder is removed and the error
// returned: nothing hangs, the data is safe in the database, and the next Open (or
// `dataskydd check`) rebuilds the index.

// ErrUnusable is wrapped by errors from an index that failed below Bleve's API: a write that
// could not reach the disk, or a damaged index file.
var ErrUnusable = errors.New("search index unusable")

// asyncErrorCallback is the name our callback is registered under in Bleve's registry.
const asyncErrorCallback = "dataskydd.search"

var (
	registerOnce sync.Once
	// failures maps an open scorch folder to its background failure. Bleve's callback
	// registry is global and names the folder, so this map is too.
	failures = struct {
		sync.Mutex
		m map[string]*failure
	}{m: map[string]*failure{}}
)

// failure is the first background failure of one open scorch index.
type failure struct {
	once sync.Once
	err  error
	ch   chan struct{} // closed at the first failure
}

func (f *failure) set(err error) {
	f.once.Do(func() {
		f.err = err
		close(f.ch)
	})
}

// scorchConfig returns the Bleve config of an index in dir, with the callback registered
// and a fresh failure record for it.
func scorchConfig(dir string, unsafeBatch bool) map[string]any {
	registerOnce.Do(func() {
		scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = onAsyncError
	})
	failures.Lock()
	failures.m[storePath(dir)] = &failure{ch: make(chan struct{})}
	failures.Unlock()
	return map[string]any{"unsafe_batch": unsafeBatch, "asyncErrorCallbackName": asyncErrorCallback}
}

// storePath is the folder Bleve's scorch works in (as Bleve names it in callbacks).
func storePath(dir string) string { return dir + string(os.PathSeparator) + "store" }

func onAsyncError(err error, path string) {
	var se *scorch.ScorchError
	if errors.As(err, &se) && se.ErrType == scorch.ErrCleanup {
		return // an old file not removed yet: removed later (see Purge), not a failure
	}
	failures.Lock()
	f := failures.m[path]
	failures.Unlock()
	if f == nil {
		return
	}
	if se != nil {
		f.set(fmt.Errorf("%w: %s", ErrUnusable, se.ErrMsg)) // without Bleve's "source: ..." prefix
		return
	}
	f.set(fmt.Errorf("%w: %v", ErrUnusable, err))
}

// failureOf returns the failure record of the index in dir.
func failureOf(dir string) *failure {
	failures.Lock()
	defer failures.Unlock()
	f := failures.m[storePath(dir)]
	if f == nil {
		f = &failure{ch: make(chan struct{})}
		failures.m[storePath(dir)] = f
	}
	return f
}

// guard runs f, which works on the Bleve index in dir, and returns its error, or an error
// wrapping ErrUnusable as soon as Bleve reports a background failure or f panics. f may
// still be running when guard returns: the caller must then close the index, which ends it.
// f must not take the Index's locks (the caller holds what it needs and releases it when
// guard returns, so a stuck f cannot keep the repair waiting).
func guard(dir string, f func() error) error {
	fail := failureOf(dir)
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- damaged(r)
			}
		}()
		done <- f()
	}()
	select {
	case err := <-done:
		if err != nil {
			select {
			case <-fail.ch: // the error came from the same background failure
				return fail.err
			default:
			}
		}
		return err
	case <-fail.ch:
		return fail.err
	}
}

// damaged turns a recovered panic into an error.
func damaged(r any) error {
	return fmt.Errorf("%w: damaged index file (%v)", ErrUnusable, r)
}

// openScorch opens the existing index in dir; a panic (a damaged file) is an error.
func openScorch(dir string) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, damaged(r)
		}
	}()
	return bleve.OpenUsing(dir, scorchConfig(dir, false))
}

// closeQuietly closes a Bleve index that failed; closing a damaged one may panic too.
func closeQuietly(idx bleve.Index) {
	defer func() { _ = recover() }()
	_ = idx.Close()
}

// repair closes an index that failed (cause wraps ErrUnusable) and rebuilds it from the
// database. When the rebuild fails too, the index stays closed and the next Apply tries
// again.
func (ix *Index) repair(ctx context.Context, cause error) error {
	ix.amu.Lock()
	defer ix.amu.Unlock()
	return ix.repairLocked(ctx, cause)
}

// repairLocked is repair; the caller holds amu.
func (ix *Index) repairLocked(ctx context.Context, cause error) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx != nil {
		closeQuietly(ix.idx)
		ix.idx = nil
	}
	ix.repairs++
	ix.lastCause = cause
	if err := ix.rebuildLocked(ctx, nil); err != nil {
		ix.broken = cause
		return fmt.Errorf("%w; rebuilding it failed too: %w (the data is safe in the database; the index is rebuilt at the next start, or by check)", cause, err)
	}
	return nil
}

// brokenErr is the failure that left the index closed, if any.
func (ix *Index) brokenErr() error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.broken
}

func (ix *Index) repairCount() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.repairs
}

func (ix *Index) lastRepairCause() error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.lastCause
}

// clearDir removes what dir holds but not dir itself (which may be a mount point of its own).
func clearDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		errs = append(errs, os.RemoveAll(filepath.Join(dir, e.Name())))
	}
	return errors.Join(errs...)
}

// Read runs a read of the index (Find, Locate, Report) so that a damaged index file ends in
// a rebuild from the database and one more try, instead of a panic. Reads do not wait for
// Bleve's background work, so read runs in the caller's goroutine.
func (ix *Index) Read(ctx context.Context, read func() error) error {
	err := recovered(read)
	if !errors.Is(err, ErrUnusable) {
		return err
	}
	if err := ix.repair(ctx, err); err != nil {
		return err
	}
	return recovered(read)
}

// recovered runs f, turning a panic into an error wrapping ErrUnusable.
func recovered(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = damaged(r)
		}
	}()
	return f()
}
