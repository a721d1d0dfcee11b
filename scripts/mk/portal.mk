# Customer portal (issue 16): the load test, 200 concurrent customers on loopback logging in
# and approving a quote with SMS codes (fake provider), production Argon2id cost; p50/p95,
# errors and the approval count in build/bench/portal.txt.
.PHONY: bench-portal
BENCH_TARGETS += bench-portal

bench-portal:
	mkdir -p build/bench
	DATASKYDD_BENCH_PORTAL=1 DATASKYDD_BENCH_PORTAL_KDF=default DATASKYDD_BENCH_PORTAL_OUT=$(CURDIR)/build/bench/portal.txt \
		go test -tags "$(TAGS)" -count=1 -timeout 20m -run '^TestPortalLoad$$' -v ./backend/portal/
