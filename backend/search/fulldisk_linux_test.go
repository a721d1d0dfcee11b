//go:build linux

package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeFailure makes writes into the index folder dir fail like a full disk, for real: as
// root (CI containers, this project's build machine) the folder becomes a tmpfs with room
// for what it holds plus headroom bytes; otherwise it is made read-only, which fails the same
// writes with "permission denied". lift ends the failure (more room, or writable again) and
// reports what the writes fail with.
func writeFailure(t *testing.T, dir string, headroom int64) (lift func(), wantErr string) {
	t.Helper()
	if os.Geteuid() != 0 {
		store := filepath.Join(dir, "store")
		if err := os.Chmod(store, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(store, 0o700) })
		return func() { _ = os.Chmod(store, 0o700) }, "permission denied"
	}
	var used int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			used += (info.Size() + 4095) / 4096 * 4096
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	saved := dir + ".saved"
	if err := os.Rename(dir, saved); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	size := used + headroom
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,mode=0700", size)); err != nil {
		t.Fatalf("mounting a %d-byte tmpfs on the index folder (as root): %v", size, err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	if err := copyTree(saved, dir); err != nil {
		t.Fatalf("filling the tmpfs: %v", err)
	}
	return func() {
		if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT, "size=256m"); err != nil {
			t.Fatalf("growing the tmpfs: %v", err)
		}
	}, "no space left on device"
}

func copyTree(from, to string) error {
	return filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o600)
	})
}

// A full disk under the index ends every index write in an error within seconds (Bleve
// itself retries forever), leaves the data in the database, and once there is room again
// the next Open and Check repair the index.
func TestFullDiskEndsInAnErrorNotAHang(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, formatData...)
	ix := openIndex(t, st)
	ix.Close()
	dir := filepath.Join(st.Dir, DirName)
	lift, wantErr := writeFailure(t, dir, 64<<10)

	// Writes after a commit: applying the outbox fails, at once.
	ix, err := Open(ctx, st)
	if err != nil {
		t.Fatalf("opening the index on the full disk (nothing to write yet): %v", err)
	}
	var lines []string
	for i := 0; i < 3000; i++ {
		lines = append(lines, fmt.Sprintf(`{"type":"todo","id":"T%d","text":"Ring Majvor %d om fakturan för takbytet på Storgatan %d"}`, i, i, i))
	}
	put(t, st, lines...)
	start := time.Now()
	err = within(t, time.Minute, "Apply on a full disk", func() error { return ix.Apply(ctx) })
	t.Logf("Apply on a full disk failed after %s: %v", time.Since(start).Round(time.Millisecond), err)
	if !errors.Is(err, ErrUnusable) || !strings.Contains(err.Error(), wantErr) {
		t.Fatalf("Apply: %v; want ErrUnusable naming %q", err, wantErr)
	}
	if n := outboxLen(t, st); n == 0 {
		t.Error("the outbox was cleared though the index never got the records")
	}
	// Calls after the failure fail the same way, quickly, and Close does not hang either.
	if err := within(t, time.Minute, "second Apply", func() error { return ix.Apply(ctx) }); err == nil {
		t.Error("second Apply on the full disk succeeded")
	}
	if err := within(t, time.Minute, "Close", func() error { return ix.Close() }); err != nil {
		t.Errorf("Close: %v", err)
	}
	// A rebuild (what Open does with a large backlog or no index) fails too, at once.
	err = within(t, time.Minute, "Build on a full disk", func() error {
		ix, err := Build(ctx, st, nil)
		if err == nil {
			ix.Close()
		}
		return err
	})
	if err == nil || !strings.Contains(err.Error(), wantErr) {
		t.Fatalf("Build on a full disk: %v; want %q", err, wantErr)
	}

	// Room again: the next Open rebuilds or catches up, and Check finds nothing wrong.
	lift()
	ix = within(t, time.Minute, "Open after the disk has room", func() *Index { return openIndex(t, st) })
	if problems, err := ix.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("Check after the disk has room: %.300q, %v", problems, err)
	}
	if res := search(t, ix, "Majvor 2999"); !hasHit(res, "todo", "T2999", "text") {
		t.Errorf("the records written while the disk was full are not found: %s", describe(res))
	}
	ix.Close()
}
