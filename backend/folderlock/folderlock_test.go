package folderlock_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/folderlock"
)

// The test binary doubles as a second process that takes the lock and holds it until it is
// killed (TestMain).
const helperEnv = "FOLDERLOCK_TEST_HOLD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(helperEnv); dir != "" {
		l, err := folderlock.Acquire(context.Background(), dir, "import", folderlock.Options{})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute) // killed by the test long before
		_ = l.Release()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestSecondHolderIsRefusedWithTheHoldersName(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first, err := folderlock.Acquire(ctx, dir, folderlock.AppName, folderlock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = folderlock.Acquire(ctx, dir, "import", folderlock.Options{})
	var iu *folderlock.InUseError
	if !errors.As(err, &iu) || !errors.Is(err, folderlock.ErrInUse) {
		t.Fatalf("second Acquire: %v, want an InUseError", err)
	}
	want := fmt.Sprintf("the data folder is in use by the app (pid %d)", os.Getpid())
	if err.Error() != want {
		t.Fatalf("message %q, want %q", err.Error(), want)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	second, err := folderlock.Acquire(ctx, dir, "import", folderlock.Options{})
	if err != nil {
		t.Fatalf("after Release: %v", err)
	}
	h, err := folderlock.ReadHolder(dir)
	if err != nil || h.Name != "import" || h.PID != os.Getpid() {
		t.Fatalf("holder %+v, %v: want import, this pid", h, err)
	}
	if got := h.String(); got != fmt.Sprintf("dataskydd import (pid %d)", os.Getpid()) {
		t.Fatalf("holder text %q", got)
	}
	_ = second.Release()
	if info, err := os.Stat(dir + "/" + folderlock.FileName); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Fatalf("lock file: %v, %v: want owner-only", info.Mode(), err)
	}
}

func TestWaitIsBoundedAndReportsProgress(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first, err := folderlock.Acquire(ctx, dir, "anonymise", folderlock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	var reports []folderlock.Holder
	start := time.Now()
	_, err = folderlock.Acquire(ctx, dir, "delete", folderlock.Options{Wait: 300 * time.Millisecond, Progress: func(h folderlock.Holder, _ time.Duration) {
		reports = append(reports, h)
	}})
	took := time.Since(start)
	if !errors.Is(err, folderlock.ErrInUse) {
		t.Fatalf("got %v, want in use", err)
	}
	if took < 300*time.Millisecond || took > 2*time.Second {
		t.Fatalf("gave up after %s, want about 300ms", took)
	}
	if len(reports) == 0 || reports[0].Name != "anonymise" || reports[0].PID != os.Getpid() {
		t.Fatalf("progress reports %+v: want the holder at once", reports)
	}
}

func TestWaiterGetsTheLockWhenItIsReleased(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first, err := folderlock.Acquire(ctx, dir, "import", folderlock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(200 * time.Millisecond)
		_ = first.Release()
	}()
	start := time.Now()
	second, err := folderlock.Acquire(ctx, dir, "delete", folderlock.Options{Wait: 5 * time.Second})
	if err != nil {
		t.Fatalf("waiter: %v", err)
	}
	defer second.Release()
	if took := time.Since(start); took < 150*time.Millisecond || took > 2*time.Second {
		t.Fatalf("waiter got the lock after %s, want about 200ms", took)
	}
}

func TestCancelledWaitStopsAtOnce(t *testing.T) {
	dir := t.TempDir()
	first, err := folderlock.Acquire(context.Background(), dir, "import", folderlock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = folderlock.Acquire(ctx, dir, "delete", folderlock.Options{Wait: time.Minute})
	if !errors.Is(err, folderlock.ErrInUse) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want in use and the context's error", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("cancelled wait took %s", took)
	}
}

func TestMissingFolderIsAnErrorNotAWait(t *testing.T) {
	_, err := folderlock.Acquire(context.Background(), t.TempDir()+"/missing", "import", folderlock.Options{Wait: time.Minute})
	if err == nil || errors.Is(err, folderlock.ErrInUse) {
		t.Fatalf("got %v, want an error opening the lock file", err)
	}
}

// Another process holds the lock: it is named with its pid, and when it is killed (kill -9,
// no chance to clean up) the OS frees the lock at once.
func TestOtherProcessHoldsUntilKilled(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "locked" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	ctx := context.Background()
	_, err = folderlock.Acquire(ctx, dir, "delete", folderlock.Options{Wait: 200 * time.Millisecond})
	want := fmt.Sprintf("the data folder is in use by dataskydd import (pid %d)", cmd.Process.Pid)
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	l, err := folderlock.Acquire(ctx, dir, "delete", folderlock.Options{Wait: 2 * time.Second})
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	_ = l.Release()
}
