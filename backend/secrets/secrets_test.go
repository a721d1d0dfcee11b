package secrets

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"testing"
	"time"
)

// contract runs the behaviour every Secrets must have.
func contract(t *testing.T, s Secrets) {
	t.Helper()
	ctx := context.Background()
	b := make([]byte, 8)
	rand.Read(b)
	key := "test." + hex.EncodeToString(b)

	if _, err := s.Get(ctx, key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get of a missing key: got %v, want ErrNotFound", err)
	}
	if err := s.Set(ctx, key, "first"); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if err := s.Set(ctx, key, "andra värdet åäö"); err != nil {
		t.Fatalf("Set again: %v", err)
	}
	got, err := s.Get(ctx, key)
	if err != nil || got != "andra värdet åäö" {
		t.Fatalf("Get after Set: %q, %v", got, err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := s.Get(ctx, key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: got %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("Delete of a missing key: %v", err)
	}
}

func TestMemory(t *testing.T) {
	contract(t, NewMemory())
}

func TestMemoryFail(t *testing.T) {
	m := NewMemory()
	m.Fail = &UnavailableError{Op: "get", Err: errors.New("test")}
	if _, err := m.Get(context.Background(), "k"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("got %v", err)
	}
}

// TestRealKeyring uses the OS keyring for real. `make test-keyring` runs it
// inside a private Secret Service (scripts/with-keyring.sh).
func TestRealKeyring(t *testing.T) {
	if os.Getenv("DATASKYDD_REAL_KEYRING") != "1" {
		t.Skip("set DATASKYDD_REAL_KEYRING=1 (make test-keyring) to use the real keyring")
	}
	contract(t, NewKeyring())
}

// TestKeyringNoSecretService points D-Bus at a socket that does not exist, as on
// a Linux machine without a desktop session, and expects the typed error.
func TestKeyringNoSecretService(t *testing.T) {
	if os.Getenv("DATASKYDD_REAL_KEYRING") == "1" {
		t.Skip("the process's D-Bus connection is shared with TestRealKeyring")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+t.TempDir()+"/no-bus")
	k := NewKeyring()
	ctx := context.Background()
	_, err := k.Get(ctx, "x")
	var ue *UnavailableError
	if !errors.As(err, &ue) || !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Get without a bus: got %v, want *UnavailableError", err)
	}
	if ue.Code() != "keyring_unavailable" {
		t.Fatalf("code %q", ue.Code())
	}
	if err := k.Set(ctx, "x", "y"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Set without a bus: %v", err)
	}
	if err := k.Delete(ctx, "x"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Delete without a bus: %v", err)
	}
}

type stuckKeyring struct{ release chan struct{} }

func (s stuckKeyring) Set(string, string, string) error   { <-s.release; return nil }
func (s stuckKeyring) Get(string, string) (string, error) { <-s.release; return "", nil }
func (s stuckKeyring) Delete(string, string) error        { <-s.release; return nil }
func (s stuckKeyring) DeleteAll(string) error             { <-s.release; return nil }

type panickyKeyring struct{ stuckKeyring }

func (panickyKeyring) Get(string, string) (string, error) { panic("boom") }

func TestKeyringTimeout(t *testing.T) {
	s := stuckKeyring{release: make(chan struct{})}
	defer close(s.release)
	k := &Keyring{service: ServiceName, timeout: 50 * time.Millisecond, kr: s}
	start := time.Now()
	_, err := k.Get(context.Background(), "x")
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("got %v, want ErrUnavailable", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("took %v", time.Since(start))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := k.Set(ctx, "x", "y"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled ctx: got %v", err)
	}
}

func TestKeyringPanicIsAnError(t *testing.T) {
	k := &Keyring{service: ServiceName, timeout: time.Second, kr: panickyKeyring{}}
	if _, err := k.Get(context.Background(), "x"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("got %v", err)
	}
}
