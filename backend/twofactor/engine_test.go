package twofactor_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/secrets"
	"dataskydd/backend/sms"
	"dataskydd/backend/twofactor"
)

var ctx = context.Background()

func TestCodePassesOnceAndIsStoredOnlyAsHash(t *testing.T) {
	e := newEnv(t)
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	if len(code) != 6 {
		t.Fatalf("code %q", code)
	}
	if ch.To != "+4670•••••67" || !ch.ExpiresAt.Equal(e.clock.Now().Add(10*time.Minute)) {
		t.Fatalf("challenge %+v", ch)
	}
	m, _ := e.fake.Last(aliceMobile)
	if m.From != "Dataskydd" || !strings.Contains(m.Text, "10 minuter") {
		t.Fatalf("SMS %+v", m)
	}
	// The database holds a 32-byte keyed hash, and the code nowhere.
	var hash []byte
	if err := e.st.DB.QueryRow("SELECT code_hash FROM twofactor_codes WHERE id = ?", ch.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if len(hash) != 32 || bytes.Contains(hash, []byte(code)) {
		t.Fatalf("hash %x", hash)
	}
	var n int
	e.st.DB.QueryRow("SELECT COUNT(*) FROM twofactor_codes WHERE CAST(code_hash AS TEXT) LIKE ? OR id LIKE ?", "%"+code+"%", "%"+code+"%").Scan(&n)
	if n != 0 {
		t.Fatal("code found in the database")
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code[:3]+" "+code[3:]); err != nil {
		t.Fatalf("right code (typed with a space): %v", err)
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code); !errors.Is(err, twofactor.ErrCodeUsed) {
		t.Fatalf("second use: %v", err)
	}
}

func TestCodeExpiresAfterTenMinutes(t *testing.T) {
	e := newEnv(t)
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	e.clock.Advance(10*time.Minute - time.Millisecond)
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code); err != nil {
		t.Fatalf("just before expiry: %v", err)
	}
	ch, code = e.start(t, alice, twofactor.FlowUserLogin)
	e.clock.Advance(10 * time.Minute)
	err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code)
	if !errors.Is(err, twofactor.ErrCodeExpired) || twofactor.Code(err) != "code_expired" {
		t.Fatalf("at expiry: %v", err)
	}
}

func TestFiveWrongTriesEndTheCode(t *testing.T) {
	e := newEnv(t)
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	for left := 4; left >= 1; left-- {
		err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, wrong(code))
		var we *twofactor.WrongCodeError
		if !errors.As(err, &we) || we.TriesLeft != left || !errors.Is(err, twofactor.ErrWrongCode) {
			t.Fatalf("wrong try with %d left: %v", left, err)
		}
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, wrong(code)); !errors.Is(err, twofactor.ErrTooManyTries) {
		t.Fatalf("fifth wrong try: %v", err)
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code); !errors.Is(err, twofactor.ErrTooManyTries) {
		t.Fatalf("right code after five wrong: %v", err)
	}
	// A new code brings no new tries ...
	_, err := e.eng.Start(ctx, alice, twofactor.FlowUserLogin)
	var we *twofactor.WaitError
	if !errors.Is(err, twofactor.ErrTooManyTries) || !errors.As(err, &we) || !we.Until.Equal(e.clock.Now().Add(time.Hour)) {
		t.Fatalf("new code while locked: %v", err)
	}
	// ... until the wrong answers are an hour old.
	e.clock.Advance(time.Hour)
	ch, code = e.start(t, alice, twofactor.FlowUserLogin)
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code); err != nil {
		t.Fatalf("an hour later: %v", err)
	}
}

func TestNewCodeDoesNotResetFailureCount(t *testing.T) {
	e := newEnv(t)
	a, codeA := e.start(t, alice, twofactor.FlowUserLogin)
	for range 3 {
		e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, a.ID, wrong(codeA))
	}
	b, codeB := e.start(t, alice, twofactor.FlowUserLogin)
	err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, b.ID, wrong(codeB))
	var we *twofactor.WrongCodeError
	if !errors.As(err, &we) || we.TriesLeft != 1 {
		t.Fatalf("fourth wrong answer overall: %v", err)
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, b.ID, wrong(codeB)); !errors.Is(err, twofactor.ErrTooManyTries) {
		t.Fatalf("fifth wrong answer overall: %v", err)
	}
	// Another person is not affected.
	ch, code := e.start(t, bob, twofactor.FlowUserLogin)
	if err := e.eng.Verify(ctx, bob, twofactor.FlowUserLogin, ch.ID, code); err != nil {
		t.Fatalf("bob: %v", err)
	}
}

func TestRightAnswerClearsFailures(t *testing.T) {
	e := newEnv(t)
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	for range 4 {
		e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, wrong(code))
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code); err != nil {
		t.Fatal(err)
	}
	ch, code = e.start(t, alice, twofactor.FlowUserLogin)
	var we *twofactor.WrongCodeError
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, wrong(code)); !errors.As(err, &we) || we.TriesLeft != 4 {
		t.Fatalf("after a pass: %v", err)
	}
}

func TestAtMostFiveCodesPerHour(t *testing.T) {
	e := newEnv(t)
	first := e.clock.Now()
	for i := range 5 {
		e.start(t, alice, twofactor.FlowUserLogin)
		e.clock.Advance(time.Duration(i+1) * time.Minute)
	}
	_, err := e.eng.Start(ctx, alice, twofactor.FlowUserLogin)
	var we *twofactor.WaitError
	if !errors.Is(err, twofactor.ErrTooManyCodes) || !errors.As(err, &we) || !we.Until.Equal(first.Add(time.Hour)) || twofactor.Code(err) != "too_many_codes" {
		t.Fatalf("sixth code: %v", err)
	}
	if n := len(e.fake.Messages()); n != 5 {
		t.Fatalf("%d SMS sent, want 5", n)
	}
	e.start(t, bob, twofactor.FlowUserLogin) // per person
	e.clock.Advance(first.Add(time.Hour).Sub(e.clock.Now()) + time.Millisecond)
	e.start(t, alice, twofactor.FlowUserLogin)
}

func TestCodeAnswersOnlyItsPersonAndFlow(t *testing.T) {
	e := newEnv(t)
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	if err := e.eng.Verify(ctx, alice, twofactor.FlowSecureDataDecrypt, ch.ID, code); !errors.Is(err, twofactor.ErrUnknownChallenge) {
		t.Fatalf("other flow: %v", err)
	}
	if err := e.eng.Verify(ctx, bob, twofactor.FlowUserLogin, ch.ID, code); !errors.Is(err, twofactor.ErrUnknownChallenge) {
		t.Fatalf("other person: %v", err)
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, "nope", code); !errors.Is(err, twofactor.ErrUnknownChallenge) {
		t.Fatalf("unknown id: %v", err)
	}
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code); err != nil {
		t.Fatalf("its own: %v", err)
	}
}

func TestCodesAreUniformAndDistinct(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	people := []twofactor.PersonRef{alice, bob}
	for i := range 10 {
		p := people[i%2]
		_, code := e.start(t, p, twofactor.FlowUserPasswordReset)
		seen[code] = true
		if i%2 == 1 {
			e.clock.Advance(time.Hour)
		}
	}
	if len(seen) < 8 { // 10 draws from a million: a repeat is rare, three are a broken generator
		t.Fatalf("only %d distinct codes in 10", len(seen))
	}
}

func TestNoPhone(t *testing.T) {
	e := newEnv(t)
	_, err := e.eng.Start(ctx, nils, twofactor.FlowUserLogin)
	var np *twofactor.NoPhoneError
	if !errors.As(err, &np) || !errors.Is(err, twofactor.ErrNoPhone) || twofactor.Code(err) != "no_phone" {
		t.Fatalf("got %v", err)
	}
	if err.Error() != "no phone number is registered: contact your administrator" {
		t.Fatalf("message %q", err.Error())
	}
	if np.Where != twofactor.WhereSettingsUsers || !strings.Contains(np.AdminHint(), "Settings > Users") {
		t.Fatalf("hint %q", np.AdminHint())
	}
	if len(e.fake.Messages()) != 0 {
		t.Fatal("an SMS was sent")
	}
	if _, err := e.eng.Start(ctx, twofactor.PersonRef{Kind: twofactor.Employee, ID: "U404"}, twofactor.FlowUserLogin); !errors.Is(err, twofactor.ErrPersonNotFound) {
		t.Fatalf("unknown person: %v", err)
	}
}

func TestSMSFailureIsReportedAndNotCounted(t *testing.T) {
	e := newEnv(t)
	for range 6 {
		e.fake.FailNext(http.StatusForbidden, 0, "Not enough credits")
		_, err := e.eng.Start(ctx, alice, twofactor.FlowUserLogin)
		var se *sms.Error
		if !errors.Is(err, sms.ErrProvider) || !errors.As(err, &se) || se.Message != "Not enough credits" {
			t.Fatalf("got %v", err)
		}
	}
	// Six failed sends do not use up the hourly allowance.
	e.start(t, alice, twofactor.FlowUserLogin)
}

func TestKeyringUnavailable(t *testing.T) {
	e := newEnv(t)
	e.secrets.Fail = &secrets.UnavailableError{Op: "get", Err: errors.New("no Secret Service")}
	_, err := e.eng.Start(ctx, alice, twofactor.FlowUserLogin)
	if !errors.Is(err, secrets.ErrUnavailable) {
		t.Fatalf("got %v", err)
	}
	if err := e.eng.SetFlow(ctx, twofactor.FlowUserLogin, true); !errors.Is(err, secrets.ErrUnavailable) {
		t.Fatalf("SetFlow: %v", err)
	}
}

func TestFlowsNeedSMS(t *testing.T) {
	e := newEnv(t)
	fs, err := e.eng.FlowSettings(ctx)
	if err != nil || len(fs) != 10 {
		t.Fatalf("%d flows, %v", len(fs), err)
	}
	for _, f := range fs {
		if f.Enabled {
			t.Fatalf("%s starts on", f.Flow)
		}
	}
	if err := e.gw.Remove(ctx); err != nil {
		t.Fatal(err)
	}
	for _, f := range twofactor.Flows() {
		err := e.eng.SetFlow(ctx, f.Flow, true)
		if !errors.Is(err, twofactor.ErrSMSNotConfigured) || twofactor.Code(err) != "sms_not_configured" {
			t.Fatalf("%s without SMS: %v", f.Flow, err)
		}
		if err := e.eng.SetFlow(ctx, f.Flow, false); err != nil {
			t.Fatalf("switching off: %v", err)
		}
	}
	if err := e.gw.Save(ctx, sms.Settings{Provider: sms.Twilio, SenderName: "Dataskydd"}, sms.Credentials{Username: "AC1", Password: "t"}); err != nil {
		t.Fatal(err)
	}
	if err := e.eng.SetFlow(ctx, twofactor.FlowQuotes, true); err != nil {
		t.Fatal(err)
	}
	if on, _ := e.eng.FlowEnabled(ctx, twofactor.FlowQuotes); !on {
		t.Fatal("quotes flow not on")
	}
	if err := e.eng.SetFlow(ctx, "coffee", true); !errors.Is(err, twofactor.ErrUnknownFlow) {
		t.Fatalf("unknown flow: %v", err)
	}
}

func TestNeedsChallenge(t *testing.T) {
	e := newEnv(t)
	need := func(f twofactor.Flow) bool {
		t.Helper()
		n, err := e.eng.NeedsChallenge(ctx, f, alice)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if need(twofactor.FlowUserLogin) {
		t.Fatal("flow off, yet challenged")
	}
	e.eng.SetFlow(ctx, twofactor.FlowUserLogin, true)
	e.eng.SetFlow(ctx, twofactor.FlowUserPasswordReset, true)
	if !need(twofactor.FlowUserLogin) {
		t.Fatal("new device not challenged")
	}
	ch, code := e.start(t, alice, twofactor.FlowUserLogin)
	if err := e.eng.Verify(ctx, alice, twofactor.FlowUserLogin, ch.ID, code); err != nil {
		t.Fatal(err)
	}
	if err := e.eng.TrustThisDevice(ctx, alice); err != nil {
		t.Fatal(err)
	}
	if need(twofactor.FlowUserLogin) {
		t.Fatal("trusted device challenged")
	}
	if !need(twofactor.FlowUserPasswordReset) {
		t.Fatal("password reset is not per device and must always challenge")
	}
	// Bob has no trust on this desktop.
	if n, _ := e.eng.NeedsChallenge(ctx, twofactor.FlowUserLogin, bob); !n {
		t.Fatal("bob not challenged")
	}
	// Clearing the keyring entry makes this a new device.
	e.secrets.Delete(ctx, "twofactor.device.user:U1")
	if !need(twofactor.FlowUserLogin) {
		t.Fatal("cleared keyring, yet trusted")
	}
}

func TestDeviceTokenRotatesAndKeepsItsYear(t *testing.T) {
	e := newEnv(t)
	t0 := e.clock.Now()
	tok, err := e.eng.TrustToken(ctx, alice, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tok) != 43 { // 32 bytes, base64url without padding
		t.Fatalf("token %q", tok)
	}
	var stored []byte
	e.st.DB.QueryRow("SELECT token_hash FROM twofactor_devices").Scan(&stored)
	if bytes.Contains(stored, []byte(tok)) || len(stored) != 32 {
		t.Fatal("token stored in the clear")
	}
	cur := tok
	for range 12 {
		e.clock.Advance(30 * 24 * time.Hour)
		next, ok, err := e.eng.CheckToken(ctx, alice, cur)
		if err != nil || !ok || next == cur {
			t.Fatalf("check at %s: %v %v", e.clock.Now(), ok, err)
		}
		if _, ok, _ := e.eng.CheckToken(ctx, alice, cur); ok {
			t.Fatal("a used token still works")
		}
		cur = next
	}
	// 360 days in; the year counts from the first login, not from the last use.
	e.clock.Advance(t0.Add(365*24*time.Hour).Sub(e.clock.Now()) - time.Millisecond)
	next, ok, _ := e.eng.CheckToken(ctx, alice, cur)
	if !ok {
		t.Fatal("expired a millisecond early")
	}
	e.clock.Advance(time.Millisecond)
	if _, ok, _ := e.eng.CheckToken(ctx, alice, next); ok {
		t.Fatal("trusted after a year")
	}
	var n int
	e.st.DB.QueryRow("SELECT COUNT(*) FROM twofactor_devices").Scan(&n)
	if n != 0 {
		t.Fatal("expired device kept")
	}
	// Somebody else's token is not this person's device.
	tok, _ = e.eng.TrustToken(ctx, bob, "")
	if _, ok, _ := e.eng.CheckToken(ctx, alice, tok); ok {
		t.Fatal("bob's token trusted for alice")
	}
	if _, ok, _ := e.eng.CheckToken(ctx, alice, "made-up"); ok {
		t.Fatal("unknown token trusted")
	}
}

func TestDevicePeriodSetting(t *testing.T) {
	e := newEnv(t)
	if d, _ := e.eng.DevicePeriod(ctx); d != 365*24*time.Hour {
		t.Fatalf("default %s", d)
	}
	if err := e.eng.SetDevicePeriod(ctx, 30*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []time.Duration{0, time.Hour, 366 * 24 * time.Hour, 731 * 24 * time.Hour, 36 * time.Hour} {
		if err := e.eng.SetDevicePeriod(ctx, bad); !errors.Is(err, twofactor.ErrInvalidSetting) {
			t.Fatalf("%s: %v", bad, err)
		}
	}
	// 365 days is allowed, not a day more, whichever way the count comes.
	if err := e.eng.SetDevicePeriod(ctx, twofactor.PeriodOfDays(365)); err != nil {
		t.Fatalf("365 days: %v", err)
	}
	if d, _ := e.eng.DevicePeriod(ctx); d != twofactor.MaxDevicePeriod {
		t.Fatalf("after 365 days: %s", d)
	}
	for _, days := range []int{366, 730, math.MaxInt, math.MaxInt64 / int(24*time.Hour) * 2, -1, 0} {
		if err := e.eng.SetDevicePeriod(ctx, twofactor.PeriodOfDays(days)); !errors.Is(err, twofactor.ErrInvalidSetting) {
			t.Fatalf("%d days: %v", days, err)
		}
	}
	// A period stored by an older version (730 days) is read as 365.
	if err := twofactor.NewSettings(e.st.DB).SetSetting(ctx, "device_period_days", "730"); err != nil {
		t.Fatal(err)
	}
	if d, _ := e.eng.DevicePeriod(ctx); d != twofactor.MaxDevicePeriod {
		t.Fatalf("stored 730 days read as %s", d)
	}
	if err := e.eng.SetDevicePeriod(ctx, 30*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	tok, _ := e.eng.TrustToken(ctx, alice, "")
	e.clock.Advance(30 * 24 * time.Hour)
	if _, ok, _ := e.eng.CheckToken(ctx, alice, tok); ok {
		t.Fatal("trusted past a 30-day period")
	}
}

func TestPasswordChangeForgetsDevices(t *testing.T) {
	e := newEnv(t)
	if err := e.eng.TrustThisDevice(ctx, alice); err != nil {
		t.Fatal(err)
	}
	other, _ := e.eng.TrustToken(ctx, alice, "") // alice's laptop at home
	bobs, _ := e.eng.TrustToken(ctx, bob, "")
	n, err := e.eng.ForgetDevices(ctx, alice)
	if err != nil || n != 2 {
		t.Fatalf("forgot %d, %v", n, err)
	}
	if ok, _ := e.eng.CheckThisDevice(ctx, alice); ok {
		t.Fatal("this desktop still trusted")
	}
	if _, ok, _ := e.eng.CheckToken(ctx, alice, other); ok {
		t.Fatal("other device still trusted")
	}
	if _, err := e.secrets.Get(ctx, "twofactor.device.user:U1"); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatal("token left in the keyring")
	}
	if _, ok, _ := e.eng.CheckToken(ctx, bob, bobs); !ok {
		t.Fatal("bob's device was forgotten too")
	}
}

func TestListAndRemoveOwnDevices(t *testing.T) {
	e := newEnv(t)
	e.eng.TrustToken(ctx, alice, "")
	e.clock.Advance(time.Hour)
	if err := e.eng.TrustThisDevice(ctx, alice); err != nil {
		t.Fatal(err)
	}
	e.eng.TrustToken(ctx, bob, "")
	ds, err := e.eng.Devices(ctx, alice)
	if err != nil || len(ds) != 2 {
		t.Fatalf("%v %v", ds, err)
	}
	if !ds[0].ThisDevice || ds[1].ThisDevice || !ds[0].Expires.Equal(ds[0].FirstUsed.Add(365*24*time.Hour)) {
		t.Fatalf("devices %+v", ds)
	}
	bobs, _ := e.eng.Devices(ctx, bob)
	if err := e.eng.RemoveDevice(ctx, alice, bobs[0].ID); !errors.Is(err, twofactor.ErrDeviceNotFound) {
		t.Fatalf("removing bob's device as alice: %v", err)
	}
	if err := e.eng.RemoveDevice(ctx, alice, ds[0].ID); err != nil {
		t.Fatal(err)
	}
	if ok, _ := e.eng.CheckThisDevice(ctx, alice); ok {
		t.Fatal("removed device still trusted")
	}
	if ds, _ := e.eng.Devices(ctx, alice); len(ds) != 1 {
		t.Fatalf("%d devices left", len(ds))
	}
}
