#!/usr/bin/env bash
# End-to-end run: the real desktop app (dev-tagged build, so its Go bindings answer on a
# local port) under Xvfb and a private D-Bus session, driven by Debian's Chromium through
# playwright-core (frontend/e2e/*.test.mjs). Screenshots go to build/test-output/e2e/.
#   scripts/e2e.sh            # builds the frontend and both binaries, then runs the tests
# Needs: xvfb-run, dbus-run-session, chromium (scripts/install-deps.sh test installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS="${TAGS:-webkit2_41}"
OUT="$PWD/build/test-output/e2e"
rm -rf "$OUT" && mkdir -p "$OUT" build/bin

for tool in xvfb-run dbus-run-session chromium node; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (run: bash scripts/install-deps.sh test)" >&2; exit 1; }
done

if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "e2e: building the frontend" >&2
(cd frontend && npm run build --silent >/dev/null)
echo "e2e: building the CLI and the dev-tagged app" >&2
go build -tags "$TAGS" -o build/bin/dataskydd .
go build -tags "dev,desktop,$TAGS" -o build/bin/dataskydd-dev .

work="$(mktemp -d -t dataskydd-e2e-XXXXXX)"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

data="$work/data"
printf '%s\n' 'e2e-admin-Lösenord-2026' | build/bin/dataskydd --data-dir "$data" init --admin admin >/dev/null

# A free local port for the app's dev server.
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

mkdir -p "$work/home" "$work/runtime" && chmod 700 "$work/runtime"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache"
export DATASKYDD_DATA_DIR="$data" E2E_DATA_DIR="$data" E2E_OUT="$OUT" E2E_URL="http://localhost:$port"
export devserver="localhost:$port" assetdir="frontend/dist" loglevel="Warning"
# The in-session part runs inside the private D-Bus session and the virtual display.
export E2E_APP_LOG="$OUT/app.log"
set +e
dbus-run-session -- xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
  set -u
  build/bin/dataskydd-dev >"$E2E_APP_LOG" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do
    if (exec 3<>/dev/tcp/127.0.0.1/'"$port"') 2>/dev/null; then break; fi
    if ! kill -0 $app 2>/dev/null; then echo "e2e: the app exited early:" >&2; cat "$E2E_APP_LOG" >&2; exit 1; fi
    sleep 0.25
  done
  node --test --test-reporter=spec --test-concurrency=1 frontend/e2e/*.test.mjs
  rc=$?
  # The real GTK window on the virtual display, for a look at the desktop shell itself.
  if command -v import >/dev/null; then import -window root "'"$OUT"'/00-desktop-window.png" 2>/dev/null || true; fi
  kill $app 2>/dev/null; wait $app 2>/dev/null
  exit $rc
'
rc=$?
set -e
echo "e2e: screenshots in ${OUT#$PWD/}" >&2
exit $rc
