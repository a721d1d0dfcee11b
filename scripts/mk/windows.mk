# Windows: cross-compiled from Linux with mingw-w64, packaged with NSIS, tried under Wine.
#   make windows        build/bin/windows/dataskydd.exe and build/bin/Dataskydd-setup-$(APP_VERSION).exe
#   make test-windows   the Windows binary's CLI under Wine, compared step by step with the
#                       Linux binary's, plus the installer's silent install and uninstall
#                       (part of make test; about 1.5 min with a warm Go build cache)
# APP_VERSION defaults to the git tag (v0.1.0 -> 0.1.0), else backend/version's default.
# SKIP_FRONTEND=1 embeds frontend/dist as it is instead of building it. See docs/platforms.md.

APP_VERSION ?= $(shell git describe --tags --match 'v[0-9]*' 2>/dev/null | sed 's/^v//' | grep . || echo 0.1.0-dev)

TEST_TARGETS += test-windows

.PHONY: windows windows-deps test-windows

windows-deps:
	@bash scripts/windows-deps.sh

windows: windows-deps
	@VERSION="$(APP_VERSION)" bash scripts/windows-build.sh

test-windows: windows cli
	@VERSION="$(APP_VERSION)" LINUX_BIN="$(BIN)" bash scripts/windows-test.sh
