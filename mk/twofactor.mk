# Two-factor authentication (issue 7): the real OS keyring, in a private Secret Service.
.PHONY: test-keyring
TEST_TARGETS += test-keyring

test-keyring:
	DATASKYDD_REAL_KEYRING=1 bash scripts/with-keyring.sh go test -tags "$(TAGS)" -count=1 -run 'RealKeyring' ./backend/secrets/ ./backend/twofactor/
