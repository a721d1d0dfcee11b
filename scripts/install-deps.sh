#!/usr/bin/env bash
# Installs everything Dataskydd needs to build, run and test on Debian/Ubuntu.
# Idempotent: a second run only checks. Needs Go, gcc, Node and npm already present.
#   scripts/install-deps.sh build   # what `make run` needs (GTK/WebKit, Wails CLI, npm packages)
#   scripts/install-deps.sh test    # also Xvfb, Chromium, D-Bus and a Secret Service for tests
#   scripts/install-deps.sh bench   # also GNU time (peak RSS) and the sqlite3 shell (baselines)
set -euo pipefail
what="${1:-build}"
cd "$(dirname "$0")/.."

WAILS_VERSION=v2.16.0
STATICCHECK_VERSION=v0.8.2

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# WebKitGTK 4.1 exists on Debian 12, Debian 13 and Ubuntu 24.04; 4.0 only on older ones.
pkgs=(pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
if [ "$what" = test ] || [ "$what" = bench ]; then
  pkgs+=(xvfb xauth chromium dbus dbus-x11 gnome-keyring libsecret-tools imagemagick)
fi
if [ "$what" = bench ]; then
  pkgs+=(time sqlite3)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}" >&2
  sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

gobin="$(go env GOPATH)/bin"
if ! "$gobin/wails" version 2>/dev/null | grep -q "${WAILS_VERSION}"; then
  echo "installing wails ${WAILS_VERSION}" >&2
  go install "github.com/wailsapp/wails/v2/cmd/wails@${WAILS_VERSION}"
fi
if [ "$what" = test ] && ! [ -x "$gobin/staticcheck" ]; then
  echo "installing staticcheck ${STATICCHECK_VERSION}" >&2
  go install "honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_VERSION}"
fi

if [ -f frontend/package-lock.json ] && [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then
  echo "installing frontend packages" >&2
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
