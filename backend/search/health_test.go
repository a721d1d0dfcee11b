package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// within runs f and fails the test when it takes longer than limit: a hang is a failure,
// not a test that never ends.
func within[T any](t *testing.T, limit time.Duration, what string, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(limit):
		t.Fatalf("%s still running after %s (hang)", what, limit)
	}
	var zero T
	return zero
}

// zaps lists the segment files of the index of st, largest first.
func zaps(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			out = append(out, filepath.Join(dir, "store", e.Name()))
		}
	}
	size := func(p string) int64 {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	sort.Slice(out, func(i, j int) bool { return size(out[i]) > size(out[j]) })
	if len(out) == 0 {
		t.Fatal("no segment files")
	}
	return out
}

// overwrite writes n bytes of 0xA5 at off (from the end when off < 0).
func overwrite(t *testing.T, path string, off int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if off < 0 {
		off += info.Size()
	}
	if _, err := f.WriteAt([]byte(strings.Repeat("\xa5", n)), off); err != nil {
		t.Fatal(err)
	}
}

// A damaged index file never panics: the index is rebuilt from the database, and Check,
// Purge and search work on the rebuilt one. "replaced" is what a concurrent rebuild by
// another process did (the files of a different index under the names this one expects):
// it made anonymise and check panic with "makeslice: len out of range".
func TestDamagedIndexIsRebuiltNotPanicked(t *testing.T) {
	damages := []struct {
		name   string
		damage func(t *testing.T, dir, other string)
		wrong  bool // the files are whole but another index's: Check lists the difference
	}{
		{"segment footer", func(t *testing.T, dir, _ string) { overwrite(t, zaps(t, dir)[0], -40, 30) }, false},
		{"segment middle", func(t *testing.T, dir, _ string) {
			z := zaps(t, dir)[0]
			info, _ := os.Stat(z)
			overwrite(t, z, info.Size()/2, 4096)
		}, false},
		{"root.bolt", func(t *testing.T, dir, _ string) { overwrite(t, filepath.Join(dir, "store", "root.bolt"), 4096, 8192) }, false},
		{"replaced by another index's segments", func(t *testing.T, dir, other string) {
			theirs := zaps(t, other)
			for i, z := range zaps(t, dir) {
				b, err := os.ReadFile(theirs[i%len(theirs)])
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(z, b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
		}, true},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			ctx := context.Background()
			// Another store's index, for its segment files.
			other := newStore(t)
			var otherLines []string
			for i := 0; i < 300; i++ {
				otherLines = append(otherLines, `{"type":"todo","id":"X`+itoa(i)+`","text":"Annan `+itoa(i)+` Karlsson"}`)
			}
			put(t, other, otherLines...)
			oix := openIndex(t, other)
			oix.Close()

			st := newStore(t)
			put(t, st, formatData...)
			ix := openIndex(t, st)
			// Several segments, so Bleve's merger reads them too.
			for b := 0; b < 4; b++ {
				var lines []string
				for i := 0; i < 200; i++ {
					lines = append(lines, `{"type":"todo","id":"T`+itoa(b*1000+i)+`","text":"Ring Majvor `+itoa(b*1000+i)+`"}`)
				}
				put(t, st, lines...)
				if err := ix.Apply(ctx); err != nil {
					t.Fatal(err)
				}
			}
			ix.Close()
			dir := filepath.Join(st.Dir, DirName)
			d.damage(t, dir, filepath.Join(other.Dir, DirName))

			ix = within(t, time.Minute, "Open", func() *Index { return openIndex(t, st) })
			problems, err := within(t, time.Minute, "Check", func() checkResult {
				p, err := ix.Check(ctx)
				return checkResult{p, err}
			}).get()
			if err != nil {
				t.Fatalf("Check on the damaged index: %v", err)
			}
			if d.wrong {
				// Readable, but not this store's: Check says so (the CLI's check exits 1
				// and says to run index rebuild), and a rebuild mends it.
				if len(problems) == 0 {
					t.Fatal("Check found nothing wrong with another index's segments")
				}
				if err := within(t, time.Minute, "Rebuild", func() error { return ix.Rebuild(ctx, nil) }); err != nil {
					t.Fatal(err)
				}
			} else {
				for _, p := range problems {
					if !strings.Contains(p, "rebuilt from the database") {
						t.Errorf("Check: unexpected problem %q", p)
					}
				}
			}
			if err := within(t, time.Minute, "Purge", func() error { return ix.Purge(ctx) }); err != nil {
				t.Fatalf("Purge on the damaged index: %v", err)
			}
			problems, err = ix.Check(ctx)
			if err != nil || len(problems) != 0 {
				t.Fatalf("Check after repair: %d problems (%.300q), %v; want none", len(problems), problems, err)
			}
			if res := search(t, ix, "Majvor 3017"); !hasHit(res, "todo", "T3017", "text") {
				t.Errorf("search after repair: %s", describe(res))
			}
			if !hasHit(search(t, ix, "Östergren"), "customer", "C1", "name") {
				t.Error("search after repair: Östergren not found")
			}
		})
	}
}

type checkResult struct {
	problems []string
	err      error
}

func (c checkResult) get() ([]string, error) { return c.problems, c.err }

// A failure Bleve reports from its background work ends the waiting call with ErrUnusable;
// a panic in the call is an error too.
func TestGuardTurnsPanicsAndBackgroundFailuresIntoErrors(t *testing.T) {
	dir := t.TempDir()
	_ = scorchConfig(dir, false)
	if err := guard(dir, func() error { var s []int; _ = s[3]; return nil }); !errors.Is(err, ErrUnusable) {
		t.Fatalf("panic: %v, want ErrUnusable", err)
	}
	block := make(chan struct{})
	defer close(block)
	go func() {
		time.Sleep(50 * time.Millisecond)
		onAsyncError(errors.New("write x.zap: no space left on device"), storePath(dir))
	}()
	err := within(t, 10*time.Second, "guard", func() error {
		return guard(dir, func() error { <-block; return nil })
	})
	if !errors.Is(err, ErrUnusable) || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("background failure: %v", err)
	}
	// A fresh index in the same folder starts without the old failure.
	_ = scorchConfig(dir, false)
	if err := guard(dir, func() error { return nil }); err != nil {
		t.Fatalf("after reopening: %v", err)
	}
}

// A read that panics on a damaged file is answered from a rebuilt index.
func TestReadRebuildsAfterAPanic(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, formatData...)
	ix := openIndex(t, st)
	tries := 0
	var res Result
	err := ix.Read(ctx, func() error {
		tries++
		if tries == 1 {
			var p []byte
			_ = p[len(p)-1] // what reading a damaged segment does
		}
		var err error
		res, err = ix.Search(ctx, "Östergren", -1)
		return err
	})
	if err != nil || tries != 2 || !hasHit(res, "customer", "C1", "name") {
		t.Fatalf("Read: %v after %d tries, %s", err, tries, describe(res))
	}
	if problems, err := ix.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("Check after the rebuild: %v %v", problems, err)
	}
}
