# Core benchmark (issue 2, item 9): demo of 25,000 customers (about 1M records), export, and
# import into an empty store, through the CLI; figures in build/bench/core.txt.
.PHONY: bench-core
BENCH_TARGETS += bench-core

bench-core:
	TAGS="$(TAGS)" bash scripts/bench-core.sh
