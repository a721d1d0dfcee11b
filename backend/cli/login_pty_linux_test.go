package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"dataskydd/backend/store"
)

// openPTY returns the two ends of a new pseudo-terminal (Linux: /dev/ptmx).
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	// Non-blocking, so the runtime's poller takes it and read deadlines work.
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	t.Cleanup(func() { master.Close() })
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { slave.Close() })
	return master, slave
}

// On a terminal the password is asked for, and what is typed is not echoed.
func TestLoginPasswordFromATerminalWithoutEcho(t *testing.T) {
	dir := initStore(t)
	master, slave := openPTY(t)
	typed := strings.TrimSpace(password)
	echoed := make(chan []byte, 1)
	go func() {
		// Type once the program has switched echo off (it asks first; the poll waits for the
		// terminal's state, not for a guessed time), then collect what the terminal shows.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
			if err == nil && tio.Lflag&unix.ECHO == 0 {
				break
			}
		}
		master.Write([]byte(typed + "\r"))
		var shown bytes.Buffer
		buf := make([]byte, 256)
		master.SetReadDeadline(time.Now().Add(time.Second))
		for {
			n, err := master.Read(buf)
			shown.Write(buf[:n])
			if err != nil {
				break
			}
		}
		echoed <- shown.Bytes()
	}()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"--data-dir", dir, "--user", "admin", "export", "--type", "customer", "-"}, slave, &out, &errOut)
	if code != 0 {
		t.Fatalf("export after a terminal login: %d %q", code, errOut.String())
	}
	if !strings.HasPrefix(errOut.String(), "Password for admin: ") {
		t.Errorf("prompt %q", errOut.String())
	}
	if shown := <-echoed; bytes.Contains(shown, []byte(typed[:8])) {
		t.Errorf("the terminal echoed the password: %q", shown)
	}
}

// init on a terminal asks for the password twice without echo, then the organisation's name.
func TestInitOnATerminalAsksWithoutEcho(t *testing.T) {
	dir := t.TempDir() + "/data"
	master, slave := openPTY(t)
	typed := strings.TrimSpace(password)
	shownc := make(chan []byte, 1)
	go func() {
		var shown bytes.Buffer
		buf := make([]byte, 256)
		waitNoEcho := func() {
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
				tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
				if err == nil && tio.Lflag&unix.ECHO == 0 {
					return
				}
			}
		}
		waitNoEcho()
		master.Write([]byte(typed + "\r"))
		time.Sleep(50 * time.Millisecond)
		waitNoEcho()
		master.Write([]byte(typed + "\r"))
		// The organisation's name is an ordinary line, echoed.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
			if err == nil && tio.Lflag&unix.ECHO != 0 {
				break
			}
		}
		master.Write([]byte("Hedlunds VVS AB\r"))
		master.SetReadDeadline(time.Now().Add(2 * time.Second))
		for {
			n, err := master.Read(buf)
			shown.Write(buf[:n])
			if err != nil {
				break
			}
		}
		shownc <- shown.Bytes()
	}()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"--data-dir", dir, "init", "--admin", "anna"}, slave, &out, &errOut)
	if code != 0 {
		t.Fatalf("init on a terminal: %d %q", code, errOut.String())
	}
	for _, want := range []string{"Password for the administrator", "The same password again", "Organisation name"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("no prompt %q in %q", want, errOut.String())
		}
	}
	if shown := <-shownc; bytes.Contains(shown, []byte(typed[:8])) {
		t.Errorf("the terminal echoed the password: %q", shown)
	}
	st, err := store.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if org, _ := st.Meta(context.Background(), "org_name"); org != "Hedlunds VVS AB" {
		t.Errorf("organisation %q", org)
	}
}
