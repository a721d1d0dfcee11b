package services

import "testing"

// Without the tag testswitches (as go test and the release build compile this package) the
// switches in the environment change nothing; with it they apply.
func TestSwitchesComeFromTheEnvironmentOnlyInATestBuild(t *testing.T) {
	t.Setenv("DATASKYDD_TEST_CHEAP_KDF", "1")
	t.Setenv("DATASKYDD_SMS_BASE_URL", "http://127.0.0.1:9/attacker")
	t.Setenv("DATASKYDD_TEST_REVEAL_SECONDS", "2")
	got, opts := TestSwitches(), FromEnv()
	want := Switches{}
	if TestSwitchesCompiledIn() {
		want = Switches{CheapKDF: true, SMSBaseURL: "http://127.0.0.1:9/attacker", RevealSeconds: 2}
	}
	if got != want {
		t.Errorf("TestSwitches() = %+v, want %+v (compiled in: %v)", got, want, TestSwitchesCompiledIn())
	}
	if opts.CheapKDF != want.CheapKDF || opts.SMSBaseURL != want.SMSBaseURL {
		t.Errorf("FromEnv() = %+v, want the switches %+v", opts, want)
	}
	pw, keys := opts.KDF()
	if !want.CheapKDF && (pw.Memory != 64*1024 || keys.Memory != 128*1024) {
		t.Errorf("KDF() = %+v, %+v: not the production costs", pw, keys)
	}
}
