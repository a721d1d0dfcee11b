# Anonymisation and retention (issue 4): the sweep benchmark on a ~1M-record store.
# RETENTION_BENCH_STORE=<data folder made by `dataskydd demo --customers 25000 --seed 1
# --now 2026-11-01T00:00:00Z`> runs it on the demo store (copied); without it a synthetic
# store of the same shape is generated first.
.PHONY: bench-retention test-retention
BENCH_TARGETS += bench-retention
TEST_TARGETS += test-retention

# The engine's own tests, with the race detector (the scheduler runs concurrently).
test-retention:
	go test -tags "$(TAGS)" -race -count=1 ./backend/retention/

# The synthetic store's size: RETENTION_BENCH_CUSTOMERS (5,000 customers, about 200k records;
# 25,000, about 1M, with BENCH_SCALE=1m).
RETENTION_BENCH_CUSTOMERS ?= $(BENCH_CUSTOMERS_DEFAULT)

bench-retention:
	RETENTION_BENCH_CUSTOMERS=$(RETENTION_BENCH_CUSTOMERS) go test -tags "$(TAGS)" -run '^$$' -bench 'Sweep1M' -benchtime 1x -timeout 60m ./backend/retention/
	go test -tags "$(TAGS)" -run '^$$' -bench 'NothingDue' -benchtime 100x ./backend/retention/
