package desktop

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
	"dataskydd/backend/store"
)

// recorder collects the runtime events an App sends; hook, when set, sees each one.
type recorder struct {
	mu     sync.Mutex
	events []EventName
	last   map[EventName]any
	hook   func(EventName, any)
}

// Emit records an event (Runtime); the recorder opens no dialogs.
func (r *recorder) Emit(event string, data any) {
	name := EventName(event)
	r.mu.Lock()
	if r.last == nil {
		r.last = map[EventName]any{}
	}
	r.events = append(r.events, name)
	r.last[name] = data
	hook := r.hook
	r.mu.Unlock()
	if hook != nil {
		hook(name, data)
	}
}

func (r *recorder) SaveFile(FileDialog) (string, error)    { return "", errNoWindow }
func (r *recorder) OpenFiles(FileDialog) ([]string, error) { return nil, errNoWindow }

func (r *recorder) count(name EventName) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e == name {
			n++
		}
	}
	return n
}

// newTestApp returns an App on a fresh data folder, with a store when withStore.
func newTestApp(t *testing.T, withStore bool) (*App, *recorder) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	opts := &services.Options{CheapKDF: true, Secrets: secrets.NewMemory()}
	// Logged in as an administrator (roles_test.go checks who may call what). The
	// account is real: every call re-reads it from the store.
	sess := auth.Session{UserID: "U-test", Username: "test", Roles: []auth.Role{auth.RoleAdmin}}
	if withStore {
		st, err := store.Create(context.Background(), dir, store.CreateOptions{Lang: "sv"})
		if err != nil {
			t.Fatal(err)
		}
		sv, err := services.Wire(context.Background(), st, *opts)
		if err != nil {
			t.Fatal(err)
		}
		if sess, err = sv.Accounts.Setup(context.Background(), auth.SetupInput{Username: "test", Password: adminPassword}); err != nil {
			t.Fatal(err)
		}
		if err := sv.Close(); err != nil {
			t.Fatal(err)
		}
	}
	a := NewApp(dir)
	rec := &recorder{}
	a.rt = rec
	a.session.opts = opts
	a.session.sess = sess
	t.Cleanup(func() { a.shutdown() })
	return a, rec
}

const fixture = "../../frontend/e2e/fixtures/small.jsonl"

// accountRecords are the records of the test admin's account in a newTestApp store: its user
// and its permission.
const accountRecords = 2

func codeOfAppError(t *testing.T, err error) ErrorCode {
	t.Helper()
	var ae *AppError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) is not an *AppError", err, err)
	}
	return ae.Code
}
