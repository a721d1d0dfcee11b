package services

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/secrets"
	"dataskydd/backend/sms"
	"dataskydd/backend/sms/smstest"
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

// adminPassword is the password of the administrator smsAdmin sets up.
const adminPassword = "a long admin password 1"

// smsAdmin is wired services whose SMS goes to a fake 46elks server, with a first
// administrator ("admin", adminPassword) whose mobile is 070-123 45 67 (+46701234567 at the
// fake). SMS sending itself is not configured yet: the tests turn it on where they need it.
func smsAdmin(t *testing.T, lang string) (*Services, *smstest.Server, auth.Session) {
	t.Helper()
	ctx := context.Background()
	fake := smstest.NewServer(sms.Elks, sms.Credentials{Username: "u", Password: "p"})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	svc := wired(t, lang, srv.URL)
	admin, err := svc.Accounts.Setup(ctx, auth.SetupInput{Username: "admin", Password: adminPassword})
	if err != nil {
		t.Fatal(err)
	}
	u, err := svc.Records.Get(ctx, admin, "user", admin.UserID)
	if err != nil {
		t.Fatal(err)
	}
	u.Values["mobile_phone"] = "070-123 45 67"
	delete(u.Values, "versions")
	if _, err := svc.Records.Save(ctx, admin, "user", admin.UserID, u.Values, false); err != nil {
		t.Fatal(err)
	}
	return svc, fake, admin
}
