package desktop

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/folderlock"
)

// The app holds the data folder from the moment it opens the store until shutdown; a
// command-line writer meanwhile is told who holds it.
func TestAppHoldsTheDataFolderWhileOpen(t *testing.T) {
	a, _ := newTestApp(t, true)
	if _, err := a.Status(); err != nil {
		t.Fatal(err)
	}
	_, err := folderlock.Acquire(context.Background(), a.dataDir, "import", folderlock.Options{})
	want := fmt.Sprintf("the data folder is in use by the app (pid %d)", os.Getpid())
	if err == nil || err.Error() != want {
		t.Fatalf("a writer while the app is open: %v, want %q", err, want)
	}
	a.shutdown()
	l, err := folderlock.Acquire(context.Background(), a.dataDir, "import", folderlock.Options{})
	if err != nil {
		t.Fatalf("after shutdown: %v", err)
	}
	_ = l.Release()
}

// A command-line job holds the folder: the app answers folder_in_use naming it (after a
// short wait), and opens the store once the job is done.
func TestAppReportsTheCommandHoldingTheFolder(t *testing.T) {
	a, _ := newTestApp(t, true)
	job, err := folderlock.Acquire(context.Background(), a.dataDir, "anonymise", folderlock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = a.Status()
	waited := time.Since(start)
	if code := codeOfAppError(t, err); code != CodeFolderInUse {
		t.Fatalf("code %s, want %s", code, CodeFolderInUse)
	}
	if want := fmt.Sprintf("the data folder is in use by dataskydd anonymise (pid %d)", os.Getpid()); !strings.Contains(err.Error(), want) {
		t.Fatalf("message %q, want it to name %q", err.Error(), want)
	}
	if waited < appLockWait || waited > appLockWait+2*time.Second {
		t.Fatalf("waited %s, want about %s", waited, appLockWait)
	}
	_ = job.Release()
	info, err := a.Status()
	if err != nil || !info.StoreExists {
		t.Fatalf("after the job: %+v, %v", info, err)
	}
}

// The first-run setup creates the store under the lock too.
func TestFirstRunTakesTheLock(t *testing.T) {
	a, _ := newTestApp(t, false)
	if err := os.MkdirAll(a.dataDir, 0o700); err != nil {
		t.Fatal(err)
	}
	job, err := folderlock.Acquire(context.Background(), a.dataDir, "init", folderlock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = a.createStore(FirstRunInput{Lang: "sv", OrgName: "Test"})
	if code := codeOfAppError(t, err); code != CodeFolderInUse {
		t.Fatalf("code %s, want %s", code, CodeFolderInUse)
	}
	_ = job.Release()
	if err := a.createStore(FirstRunInput{Lang: "sv", OrgName: "Test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := folderlock.Acquire(context.Background(), a.dataDir, "import", folderlock.Options{}); !errors.Is(err, folderlock.ErrInUse) {
		t.Fatalf("after first run: %v, want the app to hold the folder", err)
	}
}
