#!/usr/bin/env bash
# Core benchmark (issue 2, item 9): demo generation, export, and import of that export into an
# empty store, through the real command line. For each: wall time, records/s, peak RSS
# (/usr/bin/time -v); the store's size on disk; and two baselines on the same file.
#
#   scripts/bench-core.sh                 # 25,000 customers (about 1M records)
#   BENCH_CUSTOMERS=2000 scripts/bench-core.sh
#   BENCH_BIN=/path/to/dataskydd scripts/bench-core.sh   # measure a binary built elsewhere
#
# Works in build/bench/core/ (other benchmarks share build/bench/) and writes
# build/bench/core.txt. The demo and import commands also bring the search index up to
# date before they exit; the table splits their time into the store write and the indexing.
set -euo pipefail
cd "$(dirname "$0")/.."

CUSTOMERS="${BENCH_CUSTOMERS:-25000}"
SEED=1
NOW=2026-11-01T00:00:00Z
TAGS="${TAGS:-webkit2_41}"
BIN="${BENCH_BIN:-build/bin/dataskydd-cli}"
B=build/bench/core
OUT=build/bench/core.txt
PASSWORD='Bänk-Prov-Lösen-2026'

# GNU time (peak RSS) and the sqlite3 shell come with `make deps-bench` (scripts/install-deps.sh bench).
bash scripts/install-deps.sh bench

if [ -z "${BENCH_BIN:-}" ]; then
  echo "building $BIN" >&2
  if ! go build -tags "$TAGS" -o "$BIN" .; then
    echo "bench-core: the app does not build; nothing measured" >&2
    exit 1
  fi
fi

rm -rf "$B"
mkdir -p "$B"

# stamp prefixes each line with the time it arrived, so a command's phases can be timed from
# its progress output.
stamp() { while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }

# run NAME CMD...: runs the CLI under /usr/bin/time with $PASSWORD on stdin (for --user);
# leaves $B/NAME.{out,err,time,start,end}.
run() {
  local name="$1"; shift
  echo "running: dataskydd $*" >&2
  echo "$EPOCHREALTIME" >"$B/$name.start"
  if ! { /usr/bin/time -v -o "$B/$name.time" "$BIN" "$@" <<<"$PASSWORD" 2>&1 >"$B/$name.out" | stamp >"$B/$name.err"; } ||
     grep -q "exited with non-zero status" "$B/$name.time"; then
    cat "$B/$name.err" "$B/$name.out" >&2
    echo "bench-core: $name failed" >&2
    exit 1
  fi
  echo "$EPOCHREALTIME" >"$B/$name.end"
}

secs() { awk -v a="$(cat "$B/$1.start")" -v b="$(cat "$B/$1.end")" 'BEGIN { printf "%.2f", b - a }'; }
rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$B/$1.time"; }
# first_line NAME PREFIX: seconds from the command's start to its first stderr line with PREFIX.
first_line() {
  awk -v a="$(cat "$B/$1.start")" -v p="$2" 'index(substr($0, index($0, " ") + 1), p) == 1 { printf "%.2f", $1 - a; found = 1; exit } END { if (!found) print "" }' "$B/$1.err"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }

printf '%s\n' "$PASSWORD" | "$BIN" --data-dir "$B/a" init --admin admin >/dev/null
run demo --data-dir "$B/a" --user admin demo --customers "$CUSTOMERS" --seed "$SEED" --now "$NOW"
run export --data-dir "$B/a" --user admin export "$B/export.jsonl"
# Store b gets another administrator: a's "admin" arrives as an employee without a login (an
# import never brings login accounts, docs/security.md), which a login named so would refuse.
printf '%s\n' "$PASSWORD" | "$BIN" --data-dir "$B/b" init --admin admin-b >/dev/null
run import --data-dir "$B/b" --user admin-b import "$B/export.jsonl"

records=$(wc -l <"$B/export.jsonl")
file_mib=$(du -m "$B/export.jsonl" | cut -f1)

# demo prints its own split: "wrote N demo records in Xs (...); search index updated in Ys".
demo_records=$(awk '/^wrote [0-9]+ demo records/ { print $2 }' "$B/demo.out")
demo_write=$(sed -n 's/^wrote [0-9]* demo records in \([0-9.]*\)s .*/\1/p' "$B/demo.out")
demo_index=$(sed -n 's/.*search index updated in \([0-9.]*\)s$/\1/p' "$B/demo.out")
# import: its progress reaches 100% when the last row is written (the link check and the
# commit follow).
import_rows=$(first_line import "importing: 100%")

# jsonl.Import alone on the same file (what the import command runs before it updates the
# search index), through the Go benchmark in backend/demo, with a CPU profile.
echo "running: BenchmarkImportDemoExport on $B/export.jsonl" >&2
go test -tags "$TAGS" -c -o "$B/demo.test" ./backend/demo/
echo "$EPOCHREALTIME" >"$B/gobench.start"
BENCH_FILE="$PWD/$B/export.jsonl" /usr/bin/time -v -o "$B/gobench.time" \
  "$B/demo.test" -test.run '^$' -test.bench '^BenchmarkImportDemoExport$' -test.benchtime 1x \
  -test.cpuprofile "$B/import.cpu.prof" >"$B/gobench.out" 2>&1 ||
  { cat "$B/gobench.out" >&2; echo "bench-core: the import benchmark failed" >&2; exit 1; }
echo "$EPOCHREALTIME" >"$B/gobench.end"
gobench_rate=$(awk '/^BenchmarkImportDemoExport/ { for (i = 1; i < NF; i++) if ($(i + 1) == "records/s") print $i }' "$B/gobench.out")
gobench_secs=$(awk '/^BenchmarkImportDemoExport/ { for (i = 1; i < NF; i++) if ($(i + 1) == "ns/op") printf "%.2f", $i / 1e9 }' "$B/gobench.out")

# Baselines on the same file: copying it (the disk's floor), and the sqlite3 shell inserting
# each line as one opaque text value in one transaction (SQLite's floor for this many rows of
# this size: no JSON, no validation, no secondary indexes, no links, no outbox).
echo "$EPOCHREALTIME" >"$B/cp.start"
/usr/bin/time -v -o "$B/cp.time" cp "$B/export.jsonl" "$B/copy.jsonl"
sync "$B/copy.jsonl"
echo "$EPOCHREALTIME" >"$B/cp.end"
rm -f "$B/copy.jsonl"
echo "$EPOCHREALTIME" >"$B/sqlite.start"
/usr/bin/time -v -o "$B/sqlite.time" sqlite3 "$B/baseline.db" \
  "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=NORMAL;" "CREATE TABLE t(line TEXT);" \
  ".mode ascii" ".separator \"\\037\" \"\\n\"" ".import $B/export.jsonl t" >/dev/null
echo "$EPOCHREALTIME" >"$B/sqlite.end"
baseline_rows=$(sqlite3 "$B/baseline.db" "SELECT COUNT(*) FROM t")

db_a=$(du -m "$B/a/dataskydd.db" | cut -f1)
all_a=$(du -sm "$B/a" | cut -f1)
db_b=$(du -m "$B/b/dataskydd.db" | cut -f1)
all_b=$(du -sm "$B/b" | cut -f1)

{
  echo "Dataskydd core benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')${BENCH_BIN:+, binary $BIN}"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "data set: dataskydd demo --customers $CUSTOMERS --seed $SEED --now $NOW"
  echo "          $records records, export file $file_mib MiB"
  echo
  printf '%-34s %10s %12s %10s\n' "step" "wall s" "records/s" "peak RSS"
  printf '%-34s %10s %12s %10s\n' "demo (CLI, total)" "$(secs demo)" "$(rate "$demo_records" "$(secs demo)")" "$(rss_mib demo) MiB"
  printf '%-34s %10s %12s %10s\n' "  of which generate + store write" "$demo_write" "$(rate "$demo_records" "$demo_write")" ""
  printf '%-34s %10s %12s %10s\n' "  of which search index update" "$demo_index" "$(rate "$demo_records" "$demo_index")" ""
  printf '%-34s %10s %12s %10s\n' "export (CLI)" "$(secs export)" "$(rate "$records" "$(secs export)")" "$(rss_mib export) MiB"
  printf '%-34s %10s %12s %10s\n' "import (CLI, total)" "$(secs import)" "$(rate "$records" "$(secs import)")" "$(rss_mib import) MiB"
  printf '%-34s %10s %12s %10s\n' "  of which rows written (to 100%)" "${import_rows:--}" "$(rate "$records" "${import_rows:-0}")" ""
  printf '%-34s %10s %12s %10s\n' "jsonl.Import alone (Go benchmark)" "$gobench_secs" "$gobench_rate" "$(rss_mib gobench) MiB"
  printf '%-34s %10s %12s %10s\n' "baseline: cp + sync of the file" "$(secs cp)" "$(rate "$records" "$(secs cp)")" "$(rss_mib cp) MiB"
  printf '%-34s %10s %12s %10s\n' "baseline: sqlite3 .import lines" "$(secs sqlite)" "$(rate "$baseline_rows" "$(secs sqlite)")" "$(rss_mib sqlite) MiB"
  echo
  echo "store size on disk: after demo $db_a MiB database, $all_a MiB with the search index;"
  echo "                    after import $db_b MiB database, $all_b MiB with the search index"
  echo "goal: import >= 50000 records/s"
  echo
  echo "demo, export and import run the real CLI; 'total' includes opening the store and bringing"
  echo "the search index up to date. The import's rows-written time is when its progress said"
  echo "100% (the link check and commit come after). jsonl.Import alone: BenchmarkImportDemoExport"
  echo "(backend/demo) on the same file into an empty store, link check and commit included."
  echo "Its CPU profile:"
  echo "go tool pprof -top $B/demo.test $B/import.cpu.prof"
  echo "Baselines: cp = reading and writing the file; sqlite3 .import = SQLite storing each line"
  echo "as opaque text in one transaction, with no parsing, validation, indexes or links."
} | tee "$OUT"
rm -f "$B/baseline.db"
