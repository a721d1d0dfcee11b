#!/usr/bin/env bash
# End-to-end run: the real desktop app (dev-tagged build, so its Go bindings answer on a
# local port) under Xvfb and a private D-Bus session with an unlocked Secret Service,
# driven by Debian's Chromium through playwright-core. Screenshots go to build/test-output/e2e/.
#
#   scripts/e2e.sh                      # builds the frontend and both binaries, runs every file
#   scripts/e2e.sh frontend/e2e/records.test.mjs   # only the files given
#
# Each test file gets its own fresh data folder and its own app instance, so files never
# see each other's data. By default the folder holds a store made by `dataskydd init` with
# the administrator E2E_ADMIN / E2E_ADMIN_PASSWORD; a file containing the line
# `// e2e: empty-data-folder` starts on an empty folder instead (first run), and one containing
# `// e2e: demo-data N` on that store filled with the demo data set of N customers.
# Argon2id runs with cheap parameters (DATASKYDD_TEST_CHEAP_KDF=1), so logins are instant.
# The test switches (that one, DATASKYDD_SMS_BASE_URL, DATASKYDD_TEST_REVEAL_SECONDS) exist
# only in binaries built with the tag testswitches, so both binaries here are built with it,
# under names of their own (build/bin/dataskydd stays the desktop app of make run).
# Needs: xvfb-run, dbus-run-session, gnome-keyring-daemon, chromium (scripts/install-deps.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS="${TAGS:-webkit2_41}"
OUT="$PWD/build/test-output/e2e"
rm -rf "$OUT" && mkdir -p "$OUT" build/bin

for tool in xvfb-run dbus-run-session gnome-keyring-daemon chromium node; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (run: bash scripts/install-deps.sh test)" >&2; exit 1; }
done

files=("$@")
if [ ${#files[@]} -eq 0 ]; then files=(frontend/e2e/*.test.mjs); fi

if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ "${E2E_SKIP_BUILD:-}" != 1 ]; then
  echo "e2e: building the frontend" >&2
  (cd frontend && npm run build --silent >/dev/null)
  echo "e2e: building the CLI and the dev-tagged app" >&2
  go build -tags "testswitches,$TAGS" -o build/bin/dataskydd-e2e-cli .
  go build -tags "dev,desktop,testswitches,$TAGS" -o build/bin/dataskydd-dev .
  go build -o build/bin/fakesms ./backend/sms/smstest/cmd/fakesms
fi

work="$(mktemp -d -t dataskydd-e2e-XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/runtime" && chmod 700 "$work/runtime"
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache"
export E2E_OUT="$OUT" E2E_WORK="$work" E2E_ADMIN=admin E2E_ADMIN_PASSWORD='e2e-admin-Lösenord-2026'
export DATASKYDD_TEST_CHEAP_KDF=1 assetdir="frontend/dist" loglevel="Warning"
export KEYRING_PASS="$(head -c 18 /dev/urandom | base64)"

# One app per file, inside one private D-Bus session (with an unlocked keyring) and display.
cat >"$work/run-files.sh" <<'INNER'
set -u
eval "$(printf %s "$KEYRING_PASS" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
rc=0
for file in "$@"; do
  name="$(basename "$file" .test.mjs)"
  data="$E2E_WORK/$name/data"
  mkdir -p "$E2E_WORK/$name"
  if ! grep -q '^// e2e: empty-data-folder' "$file"; then
    printf '%s\n' "$E2E_ADMIN_PASSWORD" | build/bin/dataskydd-e2e-cli --data-dir "$data" init --admin "$E2E_ADMIN" >/dev/null
    # `// e2e: demo-data N`: the store holds the synthetic Swedish data set of N customers.
    demo="$(sed -n 's#^// e2e: demo-data \([0-9][0-9]*\)$#\1#p' "$file" | head -n 1)"
    if [ -n "$demo" ]; then
      printf '%s\n' "$E2E_ADMIN_PASSWORD" | build/bin/dataskydd-e2e-cli --user "$E2E_ADMIN" --data-dir "$data" demo --customers "$demo" --seed 1 >/dev/null
    fi
  fi
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  log="$E2E_OUT/app-$name.log"
  # SMS goes to a local fake provider the test file may start there (twofactor.test.mjs runs
  # backend/sms/smstest/cmd/fakesms); decrypted values hide after seconds, not a minute.
  smsport="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  export E2E_SMS_URL="http://127.0.0.1:$smsport"
  DATASKYDD_SMS_BASE_URL="$E2E_SMS_URL" DATASKYDD_TEST_REVEAL_SECONDS=4 \
  DATASKYDD_DATA_DIR="$data" devserver="localhost:$port" build/bin/dataskydd-dev >"$log" 2>&1 &
  app=$!
  up=0
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=1; break; fi
    if ! kill -0 $app 2>/dev/null; then break; fi
    sleep 0.25
  done
  if [ $up = 1 ]; then
    E2E_URL="http://localhost:$port" E2E_DATA_DIR="$data" node --test --test-reporter=spec --test-concurrency=1 "$file" || rc=1
  else
    echo "e2e: the app for $file did not start:" >&2; cat "$log" >&2; rc=1
  fi
  # The real GTK window on the virtual display, once, for a look at the desktop shell itself.
  if [ ! -e "$E2E_OUT/00-desktop-window.png" ] && command -v import >/dev/null; then
    import -window root "$E2E_OUT/00-desktop-window.png" 2>/dev/null || true
  fi
  kill $app 2>/dev/null; wait $app 2>/dev/null
done
exit $rc
INNER
set +e
dbus-run-session -- xvfb-run -a -s "-screen 0 1440x900x24" bash "$work/run-files.sh" "${files[@]}"
rc=$?
set -e
echo "e2e: screenshots in ${OUT#$PWD/}" >&2
exit $rc
