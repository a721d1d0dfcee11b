package paths

import (
	"errors"
	"fmt"
	"os"
	"runtime"
)

// ErrNotDir is returned by [Ensure] when the data folder's path names something
// that is not a folder.
var ErrNotDir = errors.New("not a folder")

// Ensure creates dir, and any missing parents, and leaves dir itself owner-only
// (0700): an existing folder with other permissions is set to 0700, since it holds
// personal data. On Windows permission bits are not used (see the package doc).
func Ensure(dir string) error {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return fmt.Errorf("checking the data folder %s: %w", dir, ErrNotDir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating the data folder: %w", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("checking the data folder: %w", err)
	}
	if runtime.GOOS == "windows" || info.Mode().Perm() == 0o700 {
		return nil
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("making the data folder owner-only: %w", err)
	}
	return nil
}
