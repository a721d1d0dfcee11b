#!/usr/bin/env bash
# Runs Go packages' tests as Windows programs under Wine, to see how code behaves with
# Windows file semantics (no deleting open or mapped files, ACLs instead of mode bits,
# backslash paths, CRLF-free output). A diagnostic, not part of make test:
#   scripts/windows-gotest.sh ./backend/search ./backend/store [-- -test.run TestX -test.v]
# Each test binary runs in its package folder (so testdata/ resolves) in a throwaway
# Wine prefix. Known Wine 8 gap: Go 1.26's os.RemoveAll fails there ("Invalid
# function"), so t.TempDir's cleanup fails every test that used it; such a failure is
# Wine's, and the script says how many failures had no other cause.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do pkgs+=("$1"); shift; done
[ $# -gt 0 ] && shift
[ ${#pkgs[@]} -gt 0 ] || { echo "usage: $0 PKG... [-- TEST FLAGS]" >&2; exit 2; }

work="$(mktemp -d /tmp/dataskydd-wingotest.XXXXXX)"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
wineboot -i >/dev/null 2>&1 || true
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  build/windows/wine/bcryptprimitives.c -lbcrypt

status=0
for pkg in "${pkgs[@]}"; do
  name="$(basename "$pkg")"
  CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 \
    go test -c -tags desktop,production -o "$work/$name.test.exe" "$pkg"
  echo "== $pkg" >&2
  rc=0
  (cd "$pkg" && wine "$work/$name.test.exe" "$@") >"$work/$name.out" 2>&1 || rc=$?
  cat "$work/$name.out"
  if [ $rc != 0 ]; then
    status=1
    # A failing test whose only complaint is the TempDir cleanup failed because of Wine.
    other=$(awk '/^--- FAIL/ { if (t != "" && !wine) n++; t = $3; wine = 1; next }
                 /^=== RUN|^--- PASS/ { if (t != "" && !wine) n++; t = ""; next }
                 t != "" && /_test\.go:|\.go:[0-9]+:/ && !/TempDir RemoveAll cleanup/ { wine = 0 }
                 END { if (t != "" && !wine) n++; print n + 0 }' "$work/$name.out")
    echo "== $pkg: exit $rc; failures not explained by Wine's RemoveAll: $other (read the log above)" >&2
  fi
done
exit $status
