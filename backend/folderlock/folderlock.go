// Package folderlock lets one process at a time write to a data folder.
//
// The desktop app, for as long as it has the folder open, and every command that writes
// (import, demo, delete, retention set, anonymise, index rebuild, erase) hold an operating
// system lock on the file [FileName] in the data folder: flock on Unix, LockFileEx on
// Windows. The OS releases it when the holder exits, also after a crash or kill -9, so a
// lock is never left behind. The holder writes who it is (the app or the command, and its
// process id) into the file, so a second process can say whom it is waiting for.
//
// A second writer waits a bounded time ([DefaultWait]), reporting its wait, then gives up
// with an [*InUseError]: "the data folder is in use by the app (pid 4242)".
//
// The lock is advisory and guards Dataskydd against itself: two writers interleaving their
// SQLite transactions is safe, but two processes writing one Bleve search index corrupt it.
package folderlock

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// FileName is the lock file inside the data folder.
const FileName = "dataskydd.lock"

// DefaultWait is how long a second writer waits before it gives up.
const DefaultWait = 10 * time.Second

// AppName is the holder name of the desktop app.
const AppName = "app"

// ErrInUse is matched (errors.Is) by every [*InUseError].
var ErrInUse = errors.New("the data folder is in use")

// Holder is who holds the lock, as written in the lock file.
type Holder struct {
	Name  string    `json:"name"` // AppName, or the command ("import", "retention set")
	PID   int       `json:"pid"`
	Since time.Time `json:"since"`
}

// String names the holder for a message: "the app (pid 4242)", "dataskydd import (pid 17)".
func (h Holder) String() string {
	switch {
	case h.Name == "":
		return "another program"
	case h.PID == 0:
		return h.label()
	}
	return fmt.Sprintf("%s (pid %d)", h.label(), h.PID)
}

func (h Holder) label() string {
	if h.Name == AppName {
		return "the app"
	}
	return "dataskydd " + h.Name
}

// InUseError is returned when another process kept the lock for the whole wait.
type InUseError struct {
	Holder Holder
	Waited time.Duration
}

func (e *InUseError) Error() string { return "the data folder is in use by " + e.Holder.String() }

// Is makes errors.Is(err, ErrInUse) hold.
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// Options tune Acquire.
type Options struct {
	// Wait is how long to wait for another holder; 0 means do not wait, negative means
	// DefaultWait.
	Wait time.Duration
	// Progress, when set, is called while waiting: at once, then about every two seconds.
	Progress func(h Holder, waited time.Duration)
	// Poll is how often the lock is tried again (default 100 ms).
	Poll time.Duration
}

// Lock is a held lock; Release it when done.
type Lock struct {
	f    *os.File
	path string
}

// Acquire takes the lock of the data folder dir for the holder name (AppName or a command
// name), waiting as opts say. The folder must exist.
func Acquire(ctx context.Context, dir, name string, opts Options) (*Lock, error) {
	if opts.Wait < 0 {
		opts.Wait = DefaultWait
	}
	if opts.Poll <= 0 {
		opts.Poll = 100 * time.Millisecond
	}
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the data folder's lock file: %w", err)
	}
	start := time.Now()
	var nextReport time.Time
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking the data folder: %w", err)
		}
		if ok {
			break
		}
		waited := time.Since(start)
		if waited >= opts.Wait {
			h := readHolder(f)
			f.Close()
			return nil, &InUseError{Holder: h, Waited: waited}
		}
		if opts.Progress != nil && !time.Now().Before(nextReport) {
			opts.Progress(readHolder(f), waited)
			nextReport = time.Now().Add(2 * time.Second)
		}
		select {
		case <-ctx.Done():
			h := readHolder(f)
			f.Close()
			return nil, fmt.Errorf("%w: %w", &InUseError{Holder: h, Waited: time.Since(start)}, ctx.Err())
		case <-time.After(min(opts.Poll, opts.Wait-waited)):
		}
	}
	l := &Lock{f: f, path: path}
	if err := l.writeHolder(Holder{Name: name, PID: os.Getpid(), Since: time.Now().UTC().Truncate(time.Second)}); err != nil {
		l.Release()
		return nil, fmt.Errorf("writing the data folder's lock file: %w", err)
	}
	return l, nil
}

// writeHolder replaces the file's text with h. (On Windows the lock covers a byte range far
// past the text, so others can read it.)
func (l *Lock) writeHolder(h Holder) error {
	b, err := json.Marshal(h)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	if _, err := l.f.WriteAt(b, 0); err != nil {
		return err
	}
	return nil
}

// Release gives the lock up. The file stays (removing it would race with a process that
// has just opened it); its text is stale until the next holder writes its own.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// ReadHolder reads who holds (or last held) the lock of dir, without locking.
func ReadHolder(dir string) (Holder, error) {
	f, err := os.Open(filepath.Join(dir, FileName))
	if err != nil {
		return Holder{}, err
	}
	defer f.Close()
	return readHolder(f), nil
}

// readHolder reads the holder from the file; a holder that has just taken the lock may not
// have written itself yet, so an unreadable text is read again a few times.
func readHolder(f *os.File) Holder {
	var h Holder
	for range 5 {
		b, err := io.ReadAll(io.NewSectionReader(f, 0, 4096))
		if err == nil && json.Unmarshal([]byte(strings.TrimSpace(string(b))), &h) == nil && h.Name != "" {
			return h
		}
		time.Sleep(20 * time.Millisecond)
	}
	return Holder{}
}
