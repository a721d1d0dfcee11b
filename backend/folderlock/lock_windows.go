//go:build windows

package folderlock

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// The locked range: one byte far past the holder's text, because a LockFileEx range is
// mandatory (nobody else may read it) and others must be able to read who holds the lock.
const (
	lockOffsetHigh = 0x7fffffff
	lockLen        = 1
)

// tryLock takes an exclusive LockFileEx without waiting; false when another holds it.
func tryLock(f *os.File) (bool, error) {
	ol := windows.Overlapped{OffsetHigh: lockOffsetHigh}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, lockLen, 0, &ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}

func unlock(f *os.File) error {
	ol := windows.Overlapped{OffsetHigh: lockOffsetHigh}
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, lockLen, 0, &ol)
}
