# Cold start: the production app under Xvfb, from process start to the login screen painted
# (scripts/cold-start.sh; goal <= 1 s). COLD_RUNS, COLD_CUSTOMERS and COLD_DATA tune it.
.PHONY: bench-coldstart
BENCH_TARGETS += bench-coldstart

bench-coldstart: frontend-deps
	TAGS="$(TAGS)" bash scripts/cold-start.sh
