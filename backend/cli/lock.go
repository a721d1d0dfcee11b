package cli

import (
	"fmt"
	"time"

	"dataskydd/backend/folderlock"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
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

// closeRead closes a store a reading command opened without the lock: with the lock free
// it takes it for the closing checkpoint, as a writer would; with a writer at work it
// leaves the checkpoint to the writer instead of waiting for it.
func (e *env) closeRead(st *store.Store, name string) {
	l, err := folderlock.Acquire(e.ctx, e.dataDir, name, folderlock.Options{Wait: 0})
	if err != nil {
		_ = st.CloseReader()
		return
	}
	_ = st.Close()
	_ = l.Release()
}

// openLocked takes the data folder's lock (name says who holds it) and opens the store;
// done closes the store, then releases the lock.
func (e *env) openLocked(name string) (st *store.Store, done func(), err error) {
	release, err := e.lock(name)
	if err != nil {
		return nil, nil, err
	}
	if st, err = e.open(); err != nil {
		release()
		return nil, nil, err
	}
	return st, func() { st.Close(); release() }, nil
}

// servicesLocked is openLocked with every service wired (the search index open): done closes
// them, then releases the lock.
func (e *env) servicesLocked(name string) (svc *services.Services, done func(), err error) {
	release, err := e.lock(name)
	if err != nil {
		return nil, nil, err
	}
	if svc, err = e.services(); err != nil {
		release()
		return nil, nil, err
	}
	return svc, func() { svc.Close(); release() }, nil
}
