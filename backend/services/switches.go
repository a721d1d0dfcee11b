package services

// Test switches: settings the end-to-end rig needs (cheap Argon2id, a local SMS provider, a
// short reveal time) that a release binary must never take from its environment. As age
// sets its scrypt work factor from code only, a release build reads none of them: the
// environment is read only by switches_testbuild.go, compiled in with the build tag
// testswitches (scripts/e2e.sh builds its binaries that way). Anyone who can set an
// environment variable for the user therefore cannot weaken the password hashing or send
// the SMS provider's credentials elsewhere.

// Switches are the test switches' values; the zero value is the release behaviour.
type Switches struct {
	// CheapKDF: Argon2id with test costs for passwords and private keys (DATASKYDD_TEST_CHEAP_KDF=1).
	CheapKDF bool
	// SMSBaseURL: both SMS providers at a local test server (DATASKYDD_SMS_BASE_URL).
	SMSBaseURL string
	// RevealSeconds: decrypted values hide after this many seconds, if shorter than the
	// normal time (DATASKYDD_TEST_REVEAL_SECONDS); 0: the normal time.
	RevealSeconds int
}

// readSwitches is nil in a release build; the testswitches build installs the reader.
var readSwitches func() Switches

// TestSwitches returns the test switches: the zero value unless the binary was built with
// the tag testswitches.
func TestSwitches() Switches {
	if readSwitches == nil {
		return Switches{}
	}
	return readSwitches()
}

// TestSwitchesCompiledIn reports whether this binary reads test switches at all.
func TestSwitchesCompiledIn() bool { return readSwitches != nil }
