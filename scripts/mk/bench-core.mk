# Core benchmark (issue 2, item 9): demo of BENCH_CORE_CUSTOMERS customers (5,000, about 200k
# records; 25,000, about 1M, with BENCH_SCALE=1m), export, and import into an empty store,
# through the CLI; figures in build/bench/core.txt.
.PHONY: bench-core
BENCH_TARGETS += bench-core

BENCH_CORE_CUSTOMERS ?= $(BENCH_CUSTOMERS_DEFAULT)

bench-core:
	TAGS="$(TAGS)" BENCH_CUSTOMERS=$(BENCH_CORE_CUSTOMERS) bash scripts/bench-core.sh
