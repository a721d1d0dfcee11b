# Two-factor authentication (issue 7): the real OS keyring, in a private Secret Service,
# and the engine's benchmarks.
.PHONY: test-keyring bench-twofactor
TEST_TARGETS += test-keyring
BENCH_TARGETS += bench-twofactor

test-keyring:
	DATASKYDD_REAL_KEYRING=1 bash scripts/with-keyring.sh go test -tags "$(TAGS)" -count=1 -run 'RealKeyring' ./backend/secrets/ ./backend/twofactor/

bench-twofactor:
	go test -tags "$(TAGS)" -run '^$$' -bench . -benchtime 2s ./backend/twofactor/
