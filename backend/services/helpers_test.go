package services

import (
	"context"
	"path/filepath"
	"testing"

	"dataskydd/backend/secrets"
	"dataskydd/backend/store"
)

// wired is a new store in lang with every service wired over it: cheap password hashing, an
// in-memory keyring, and SMS sent to smsURL ("": the real providers, never reached by these
// tests). The services close when the test ends.
func wired(t testing.TB, lang, smsURL string) *Services {
	t.Helper()
	ctx := context.Background()
	st, err := store.Create(ctx, filepath.Join(t.TempDir(), "data"), store.CreateOptions{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := Wire(ctx, st, Options{CheapKDF: true, Secrets: secrets.NewMemory(), SMSBaseURL: smsURL})
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return svc
}
