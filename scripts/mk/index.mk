# Index build and import speed (issue 15): `make bench-index` prints, in one run on one data
# set, records/s and size of `index rebuild`, of `import` until searchable (with its SQLite
# part and peak RSS), of a plain one-field Bleve Builder (the baseline) and of SQLite FTS5,
# with the ratios to the baseline; the table goes to build/bench/index.txt. The data set is
# made once (demo --customers $(INDEX_BENCH_CUSTOMERS), exported) under build/bench/.
# INDEX_BENCH_OLD_BIN=<a dataskydd binary> adds a row: that binary's rebuild, for before/after.
.PHONY: bench-index
BENCH_TARGETS += bench-index

INDEX_BENCH_CUSTOMERS ?= $(BENCH_CUSTOMERS_DEFAULT)
INDEX_BENCH_OLD_BIN ?=

bench-index:
	TAGS="$(TAGS)" INDEX_BENCH_CUSTOMERS=$(INDEX_BENCH_CUSTOMERS) INDEX_BENCH_OLD_BIN="$(INDEX_BENCH_OLD_BIN)" bash scripts/bench-index.sh
