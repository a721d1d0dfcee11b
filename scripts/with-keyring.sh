#!/usr/bin/env bash
# Runs a command inside a private, unlocked freedesktop Secret Service, so tests
# use a real OS keyring without touching the user's own.
#   scripts/with-keyring.sh go test ./backend/secrets/
# Needs dbus-run-session (dbus) and gnome-keyring-daemon (gnome-keyring):
# `scripts/install-deps.sh test` installs them. The session bus, the keyring
# daemon and the temporary HOME are gone when the command ends.
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing: run scripts/install-deps.sh test" >&2; exit 1; }
done

# Keep Go's caches where they are: a fresh HOME would otherwise mean a cold build.
if command -v go >/dev/null; then
  export GOCACHE="${GOCACHE:-$(go env GOCACHE)}" GOPATH="${GOPATH:-$(go env GOPATH)}" GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -m 0700 "$tmp/home" "$tmp/run"
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
KEYRING_PASS="$(head -c 18 /dev/urandom | base64)"
export KEYRING_PASS

# gnome-keyring-daemon creates and unlocks a "login" collection with the password
# read on stdin, then prints variables to eval.
dbus-run-session -- bash -c '
  set -e
  eval "$(printf %s "$KEYRING_PASS" | gnome-keyring-daemon --unlock --components=secrets)"
  unset KEYRING_PASS
  exec "$@"' _ "$@"
