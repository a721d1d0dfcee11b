package twofactor_test

import (
	"bytes"
	"errors"
	"image/png"
	"net/url"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"dataskydd/backend/twofactor"
)

func TestTOTP(t *testing.T) {
	e := newEnv(t)
	code := func(secret string) string {
		c, err := totp.GenerateCode(secret, e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if err := e.eng.VerifyTOTP(ctx, alice, twofactor.FlowUserLogin, "123456"); !errors.Is(err, twofactor.ErrNoTOTP) {
		t.Fatalf("before enrolment: %v", err)
	}
	en, err := e.eng.EnrolTOTP(ctx, alice, "alice")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(en.URL)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Query().Get("secret") != en.Secret || u.Query().Get("issuer") != "Dataskydd" {
		t.Fatalf("URL %q", en.URL)
	}
	img, err := png.Decode(bytes.NewReader(en.QRPNG))
	if err != nil || img.Bounds().Dx() != 256 {
		t.Fatalf("QR code: %v", err)
	}
	// The secret is sealed in the database, never in the clear.
	var sealed []byte
	e.st.DB.QueryRow("SELECT pending_secret FROM twofactor_totp").Scan(&sealed)
	if len(sealed) == 0 || bytes.Contains(sealed, []byte(en.Secret)) {
		t.Fatal("secret stored in the clear")
	}
	if ok, _ := e.eng.TOTPEnrolled(ctx, alice); ok {
		t.Fatal("enrolled before confirmation")
	}
	if err := e.eng.ConfirmTOTP(ctx, alice, wrong(code(en.Secret))); !errors.Is(err, twofactor.ErrWrongCode) {
		t.Fatalf("confirm with a wrong code: %v", err)
	}
	if err := e.eng.ConfirmTOTP(ctx, alice, code(en.Secret)); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	if ok, _ := e.eng.TOTPEnrolled(ctx, alice); !ok {
		t.Fatal("not enrolled after confirmation")
	}
	// The code that confirmed is spent; the next time step's is good.
	if err := e.eng.VerifyTOTP(ctx, alice, twofactor.FlowUserLogin, code(en.Secret)); !errors.Is(err, twofactor.ErrWrongCode) {
		t.Fatalf("replayed code: %v", err)
	}
	e.clock.Advance(30 * time.Second)
	if err := e.eng.VerifyTOTP(ctx, alice, twofactor.FlowUserLogin, code(en.Secret)); err != nil {
		t.Fatalf("next step: %v", err)
	}
	// One step of clock drift either way is accepted, two are not.
	e.clock.Advance(30 * time.Second)
	late := code(en.Secret)
	e.clock.Advance(30 * time.Second)
	if err := e.eng.VerifyTOTP(ctx, alice, twofactor.FlowSecureDataDecrypt, late); err != nil {
		t.Fatalf("a step late: %v", err)
	}
	e.clock.Advance(30 * time.Second)
	stale := code(en.Secret)
	e.clock.Advance(60 * time.Second)
	if err := e.eng.VerifyTOTP(ctx, alice, twofactor.FlowUserLogin, stale); !errors.Is(err, twofactor.ErrWrongCode) {
		t.Fatalf("two steps late: %v", err)
	}
	if err := e.eng.VerifyTOTP(ctx, alice, twofactor.FlowQuotes, code(en.Secret)); !errors.Is(err, twofactor.ErrSMSOnly) {
		t.Fatalf("SMS-only flow: %v", err)
	}
	if err := e.eng.RemoveTOTP(ctx, alice); err != nil {
		t.Fatal(err)
	}
	if ok, _ := e.eng.TOTPEnrolled(ctx, alice); ok {
		t.Fatal("enrolled after removal")
	}
}

// Wrong TOTP codes and wrong SMS codes draw on the same five tries.
func TestTOTPSharesTheFailureCount(t *testing.T) {
	e := newEnv(t)
	en, _ := e.eng.EnrolTOTP(ctx, alice, "alice")
	c, _ := totp.GenerateCode(en.Secret, e.clock.Now())
	if err := e.eng.ConfirmTOTP(ctx, alice, c); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(30 * time.Second)
	c, _ = totp.GenerateCode(en.Secret, e.clock.Now())
	for range 3 {
		e.eng.VerifyTOTP(ctx, alice, twofactor.FlowUserLogin, wrong(c))
	}
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, wrong(code))
	if err := e.eng.VerifyTOTP(ctx, alice, twofactor.FlowUserLogin, wrong(c)); !errors.Is(err, twofactor.ErrTooManyTries) {
		t.Fatalf("fifth wrong answer: %v", err)
	}
	if err := e.eng.VerifyTOTP(ctx, alice, twofactor.FlowUserLogin, c); !errors.Is(err, twofactor.ErrTooManyTries) {
		t.Fatalf("right TOTP while locked: %v", err)
	}
}

// A keyring that lost the two-factor key cannot open old TOTP secrets: the
// person is told to enrol again, never let in.
func TestTOTPWithANewKeyringKey(t *testing.T) {
	e := newEnv(t)
	en, _ := e.eng.EnrolTOTP(ctx, alice, "alice")
	c, _ := totp.GenerateCode(en.Secret, e.clock.Now())
	e.eng.ConfirmTOTP(ctx, alice, c)
	e.secrets.Delete(ctx, "twofactor.key")
	fresh := twofactor.New(twofactor.Options{DB: e.st.DB, Secrets: e.secrets, SMS: e.gw, Now: e.clock.Now})
	e.clock.Advance(30 * time.Second)
	c, _ = totp.GenerateCode(en.Secret, e.clock.Now())
	if err := fresh.VerifyTOTP(ctx, alice, twofactor.FlowUserLogin, c); !errors.Is(err, twofactor.ErrSecretUnreadable) {
		t.Fatalf("got %v", err)
	}
}
