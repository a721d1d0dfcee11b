//go:build testswitches

package services

import (
	"os"
	"strconv"
)

// Only in test builds (go build -tags testswitches): the test switches come from the
// environment. See switches.go.
func init() {
	readSwitches = func() Switches {
		s := Switches{
			CheapKDF:   os.Getenv("DATASKYDD_TEST_CHEAP_KDF") == "1",
			SMSBaseURL: os.Getenv("DATASKYDD_SMS_BASE_URL"),
		}
		if n, err := strconv.Atoi(os.Getenv("DATASKYDD_TEST_REVEAL_SECONDS")); err == nil && n > 0 {
			s.RevealSeconds = n
		}
		return s
	}
}
