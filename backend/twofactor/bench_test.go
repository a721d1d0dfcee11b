package twofactor_test

import (
	"testing"
	"time"

	"dataskydd/backend/twofactor"
)

// BenchmarkStartVerify is one SMS challenge end to end: pick the phone, store
// the hashed code, send it over HTTP to the local 46elks fake, read it back and
// verify it.
func BenchmarkStartVerify(b *testing.B) {
	e := newEnv(b)
	for b.Loop() {
		ch, err := e.eng.Start(ctx, alice, twofactor.FlowUserLogin)
		if err != nil {
			b.Fatal(err)
		}
		m, _ := e.fake.Last(aliceMobile)
		if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, codeRe.FindStringSubmatch(m.Text)[1]); err != nil {
			b.Fatal(err)
		}
		e.clock.Advance(13 * time.Minute) // stay under five codes an hour
	}
}

// BenchmarkCheckToken is the trusted-device check a login makes: hash lookup
// and token rotation in one transaction.
func BenchmarkCheckToken(b *testing.B) {
	e := newEnv(b)
	tok, err := e.eng.TrustToken(ctx, alice, "")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		next, ok, err := e.eng.CheckToken(ctx, alice, tok)
		if err != nil || !ok {
			b.Fatal(ok, err)
		}
		tok = next
	}
}
