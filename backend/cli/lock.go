package cli

import (
	"fmt"
	"time"

	"dataskydd/backend/folderlock"
)

// lock takes the data folder's lock (backend/folderlock) for the command name, as the user
// typed it ("import", "retention set"), waiting folderlock.DefaultWait for another holder
// with its name on stderr. Every command that writes takes it before it opens the store, and
// so do search and check, which write the search index (they apply its outbox); export and
// the other commands that only read the database do not need it (SQLite's WAL gives them a
// consistent snapshot while a writer runs).
func (e *env) lock(name string) (release func(), err error) {
	l, err := folderlock.Acquire(e.ctx, e.dataDir, name, folderlock.Options{
		Wait: folderlock.DefaultWait,
		Progress: func(h folderlock.Holder, waited time.Duration) {
			fmt.Fprintf(e.stderr, "waiting for the data folder: in use by %s (%s of %s)\n", h, waited.Round(time.Second), folderlock.DefaultWait)
		},
	})
	if err != nil {
		return nil, err
	}
	return func() { _ = l.Release() }, nil
}
