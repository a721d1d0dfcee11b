package desktop

import (
	"context"
	"errors"
	"time"

	"dataskydd/backend/folderlock"
)

// appLockWait is how long a bound method waits for a command-line job to finish before it
// answers folder_in_use (short: the screen is waiting).
const appLockWait = 3 * time.Second

// lockFolder takes the data folder's lock for the app, once; it is held until shutdown, as
// long as the app has the store open. The caller holds a.mu.
func (a *Core) lockFolder() error {
	if a.folder != nil {
		return nil
	}
	l, err := folderlock.Acquire(context.WithoutCancel(a.ctx), a.dataDir, folderlock.AppName, folderlock.Options{Wait: appLockWait})
	if errors.Is(err, folderlock.ErrInUse) {
		return fail(CodeFolderInUse, err)
	}
	if err != nil {
		return fail(CodeInternal, err)
	}
	a.folder = l
	return nil
}

// unlockFolder gives the lock up (shutdown, or a store that did not open). The caller holds a.mu.
func (a *Core) unlockFolder() {
	if a.folder != nil {
		_ = a.folder.Release()
		a.folder = nil
	}
}
