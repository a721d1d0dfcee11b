package twofactor_test

import (
	"os"
	"testing"

	"dataskydd/backend/secrets"
	"dataskydd/backend/twofactor"
)

// TestRealKeyringTrustedDevice keeps the two-factor key and this desktop's
// device token in the OS keyring for real. `make test-keyring` runs it inside a
// private Secret Service (scripts/with-keyring.sh).
func TestRealKeyringTrustedDevice(t *testing.T) {
	if os.Getenv("DATASKYDD_REAL_KEYRING") != "1" {
		t.Skip("set DATASKYDD_REAL_KEYRING=1 (make test-keyring) to use the real keyring")
	}
	e := newEnv(t)
	kr := secrets.NewKeyring()
	eng := twofactor.New(twofactor.Options{DB: e.st.DB, Secrets: kr, SMS: e.gw, Now: e.clock.Now})
	if err := eng.SetFlow(ctx, twofactor.FlowUserLogin, true); err != nil {
		t.Fatal(err)
	}
	ch, err := eng.Start(ctx, alice, twofactor.FlowUserLogin)
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, e.lastCode(t, aliceMobile)); err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Get(ctx, "twofactor.key"); err != nil {
		t.Fatalf("code key not in the keyring: %v", err)
	}
	if err := eng.TrustThisDevice(ctx, alice); err != nil {
		t.Fatal(err)
	}
	before, err := kr.Get(ctx, "twofactor.device.user:U1")
	if err != nil {
		t.Fatal(err)
	}
	if need, err := eng.NeedsChallenge(ctx, twofactor.FlowUserLogin, alice); need || err != nil {
		t.Fatalf("trusted device challenged: %v", err)
	}
	after, _ := kr.Get(ctx, "twofactor.device.user:U1")
	if after == before || after == "" {
		t.Fatal("token not rotated in the keyring")
	}
	// Clearing the keyring entry makes this desktop a new device.
	if err := kr.Delete(ctx, "twofactor.device.user:U1"); err != nil {
		t.Fatal(err)
	}
	if need, _ := eng.NeedsChallenge(ctx, twofactor.FlowUserLogin, alice); !need {
		t.Fatal("not challenged after the keyring entry was cleared")
	}
	kr.Delete(ctx, "twofactor.key")
}
