#!/usr/bin/env bash
# `make run`: builds the frontend and the desktop app, then opens it. Where there is no
# display it says so and shows the command-line help instead (the same binary).
#   scripts/run.sh [--data-dir DIR]    # DIR: use this data folder instead of the default
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS="${TAGS:-webkit2_41}"
if [ "${1:-}" = --data-dir ] && [ -n "${2:-}" ]; then export DATASKYDD_DATA_DIR="$2"; fi

if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "building the frontend" >&2
(cd frontend && npm run build --silent >/dev/null)
echo "building build/bin/dataskydd" >&2
mkdir -p build/bin
go build -tags "desktop,production,$TAGS" -ldflags "-s -w" -o build/bin/dataskydd .

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'

No display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open.
The same binary is the command-line tool; run it from a desktop session to get the app:
  build/bin/dataskydd

MSG
  build/bin/dataskydd --help || true
  exit 0
fi
echo "opening Dataskydd" >&2
exec build/bin/dataskydd
