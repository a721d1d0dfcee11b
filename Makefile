# Dataskydd: `make run` installs what the build needs and opens the app; `make test` runs every test.
# Feature-specific targets live in scripts/mk/*.mk and add themselves to TEST_TARGETS / BENCH_TARGETS.
SHELL := /bin/bash
export PATH := $(shell go env GOPATH)/bin:$(PATH)
# WebKitGTK 4.1 (Debian 12+, Ubuntu 24.04); see README.
TAGS ?= webkit2_41
GO_TEST_FLAGS ?=
# Our Go code: the root package and backend/ (not frontend/node_modules, which holds Go files).
GO_PKGS := . ./backend/...
TEST_TARGETS :=
BENCH_TARGETS :=
# The scale of the benchmarks that build a demo store: 200k records by default, so that
# `make bench` ends within 15 minutes; BENCH_SCALE=1m for about a million records.
BENCH_SCALE ?= 200k
BENCH_CUSTOMERS_DEFAULT := $(if $(filter 1m,$(BENCH_SCALE)),25000,5000)
# The command-line-only build has its own name: build/bin/dataskydd is the desktop app
# (make run), which make test must never replace with a binary that cannot open the window.
BIN := build/bin/dataskydd-cli
OUT := build/test-output

.PHONY: run demo deps deps-test deps-bench build test bench lint test-go cli clean
all: build

deps:
	@bash scripts/install-deps.sh build

# Installs what the build needs, builds the frontend and the app, and opens it (or, without a
# display, says so and shows the command line). DATA_DIR=<folder>: open that data folder
# instead of the default one (make demo fills one).
run: deps
	@TAGS="$(TAGS)" bash scripts/run.sh $(if $(DATA_DIR),--data-dir "$(DATA_DIR)")

# A demo data folder to open with make run DATA_DIR=...: a new store in DATA_DIR (which must
# not hold one yet) with the administrator "demo" (password DEMO_PASSWORD) and the demo data
# set of DEMO_CUSTOMERS customers.
DEMO_CUSTOMERS ?= 200
DEMO_PASSWORD ?= Demo-Lösenord-2026
demo: cli
	@if [ -z "$(DATA_DIR)" ]; then echo "usage: make demo DATA_DIR=<folder>" >&2; exit 2; fi
	@echo '$(DEMO_PASSWORD)' | $(BIN) --data-dir "$(DATA_DIR)" init --admin demo >/dev/null
	@echo '$(DEMO_PASSWORD)' | $(BIN) --data-dir "$(DATA_DIR)" --user demo demo --customers $(DEMO_CUSTOMERS) --seed 1
	@echo "demo data folder $(DATA_DIR): open it with make run DATA_DIR=$(DATA_DIR) (log in as demo, password $(DEMO_PASSWORD))"

deps-bench:
	@bash scripts/install-deps.sh bench

deps-test:
	@bash scripts/install-deps.sh test

# The CLI alone ($(BIN)): no frontend build, no GTK needed at run time.
cli:
	go build -tags "$(TAGS)" -ldflags "-X dataskydd/backend/version.Version=$(APP_VERSION)" -o $(BIN) .

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^frontend/') 2>/dev/null); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go vet -tags "$(TAGS)" $(GO_PKGS)
	staticcheck -tags "$(TAGS)" $(GO_PKGS)
	@bash scripts/check-layering.sh

test-go:
	go test -tags "$(TAGS)" $(GO_TEST_FLAGS) $(GO_PKGS)

-include scripts/mk/*.mk

test: deps-test lint test-go $(TEST_TARGETS)
	@echo "make test: all green"

bench: deps-bench $(BENCH_TARGETS)

clean:
	rm -rf build/bin $(OUT)
