#!/usr/bin/env bash
# Installs what `make windows` and `make test-windows` need on Debian/Ubuntu:
# the mingw-w64 C cross-compiler (cgo for go-sqlite3), NSIS (makensis) for the
# installer, and Wine (64-bit) to run the Windows binary in tests.
# Idempotent: a second run only checks.
set -euo pipefail

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# perl (the full one: JSON::PP, Encode) and diffutils are used by scripts/windows-test.sh.
pkgs=(gcc-mingw-w64-x86-64 nsis wine64 wine perl diffutils)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}" >&2
  sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian ships wine64 as /usr/lib/wine/wine64 with a /usr/bin/wine64 wrapper only in
# some versions; report what we found so a failure later is easy to read.
for tool in x86_64-w64-mingw32-gcc makensis; do
  command -v "$tool" >/dev/null || { echo "windows-deps: $tool not found after install" >&2; exit 1; }
done
if ! command -v wine64 >/dev/null && ! [ -x /usr/lib/wine/wine64 ]; then
  echo "windows-deps: wine64 not found after install" >&2; exit 1
fi
