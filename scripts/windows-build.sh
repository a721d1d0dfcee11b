#!/usr/bin/env bash
# Cross-compiles Dataskydd for windows/amd64 and packages the NSIS installer.
#   VERSION=0.1.0 scripts/windows-build.sh   (make windows runs it; needs scripts/windows-deps.sh)
# Writes build/bin/windows/dataskydd.exe and build/bin/Dataskydd-setup-$VERSION.exe.
#
# The binary is what `wails build -platform windows/amd64` makes, done by hand so that
# it needs no network and uses Debian's toolchain: cgo (go-sqlite3) through mingw-w64,
# tags desktop,production, -H windowsgui (no console window; console_windows.go
# attaches to the parent console for CLI use), and a .syso with the icon, version
# information and manifest compiled by mingw-w64's windres.
#
# Authenticode signing (optional; without it Windows SmartScreen warns about an unknown
# publisher): set WINDOWS_SIGN_PFX to a code-signing certificate (.pfx/.p12),
# WINDOWS_SIGN_PASSFILE to a file holding its password, and for a release
# WINDOWS_SIGN_TIMESTAMP to your CA's RFC 3161 timestamp URL. Needs osslsigncode
# (apt-get install osslsigncode). dataskydd.exe is signed before it goes into the
# installer, the installer after it is built.
set -euo pipefail
cd "$(dirname "$0")/.."

sign() { # FILE: signs it in place when a certificate is configured
  [ -n "${WINDOWS_SIGN_PFX:-}" ] || return 0
  command -v osslsigncode >/dev/null || { echo "windows-build: signing needs osslsigncode (apt-get install osslsigncode)" >&2; exit 1; }
  local args=(sign -pkcs12 "$WINDOWS_SIGN_PFX" -h sha256 -n "Dataskydd")
  [ -z "${WINDOWS_SIGN_PASSFILE:-}" ] || args+=(-readpass "$WINDOWS_SIGN_PASSFILE")
  [ -z "${WINDOWS_SIGN_TIMESTAMP:-}" ] || args+=(-ts "$WINDOWS_SIGN_TIMESTAMP")
  rm -f "$1.signed"
  osslsigncode "${args[@]}" -in "$1" -out "$1.signed" >&2
  mv "$1.signed" "$1"
  echo "windows-build: signed $1" >&2
}

VERSION="${VERSION:-0.1.0-dev}"
out=build/bin/windows
mkdir -p "$out"

# Four numbers for the version resources: 0.1.0-dev -> 0 1 0.
numeric="${VERSION#v}"
numeric="${numeric%%[-+ ]*}"
IFS=. read -r v_major v_minor v_patch _ <<<"${numeric}.0.0.0"
for n in v_major v_minor v_patch; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || printf -v "$n" 0
done

# The frontend is embedded in the binary: build it when it is missing or older than its
# sources. SKIP_FRONTEND=1 embeds whatever frontend/dist holds (a CLI-only try).
if [ -f frontend/package.json ] && [ "${SKIP_FRONTEND:-0}" != 1 ]; then
  newest_src=$(find frontend/src frontend/index.html frontend/package.json -newer frontend/dist/index.html 2>/dev/null | head -1 || true)
  if [ ! -f frontend/dist/index.html ] || [ -n "$newest_src" ]; then
    echo "windows-build: building the frontend" >&2
    [ -d frontend/node_modules ] || (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
    (cd frontend && npm run build --silent)
  fi
fi

# Icon: the app icon (build/appicon.png) when there is one and ImageMagick to convert
# it, else the committed build/windows/icon.ico.
icon="$PWD/build/windows/icon.ico"
if [ -f build/appicon.png ]; then
  if command -v convert >/dev/null; then
    if [ ! -f "$out/icon.ico" ] || [ build/appicon.png -nt "$out/icon.ico" ]; then
      convert build/appicon.png -background none -depth 8 -define icon:auto-resize=256,64,48,32,16 "$out/icon.ico"
    fi
    icon="$PWD/$out/icon.ico"
  else
    echo "windows-build: ImageMagick's convert not found; using build/windows/icon.ico instead of build/appicon.png" >&2
  fi
fi

x86_64-w64-mingw32-windres --input-format=rc --output-format=coff \
  -I build/windows \
  -DVER_MAJOR="$v_major" -DVER_MINOR="$v_minor" -DVER_PATCH="$v_patch" \
  -DVER_STRING="\\\"$VERSION\\\"" -DICON_FILE="\\\"$icon\\\"" \
  build/windows/dataskydd.rc -o "$out/rsrc.syso"

# The linker takes .syso files from the package's own folder. The name's
# _windows_amd64 suffix keeps every other build from seeing it; remove it afterwards.
syso=rsrc_windows_amd64.syso
cp "$out/rsrc.syso" "$syso"
trap 'rm -f "$syso"' EXIT

echo "windows-build: go build (windows/amd64, cgo via mingw-w64) version $VERSION" >&2
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOOS=windows GOARCH=amd64 \
  go build -tags desktop,production -trimpath -buildvcs=auto \
  -ldflags "-s -w -H windowsgui -X dataskydd/backend/version.Version=$VERSION" \
  -o "$out/dataskydd.exe" .
rm -f "$syso"
sign "$out/dataskydd.exe"

echo "windows-build: makensis" >&2
setup="build/bin/Dataskydd-setup-$VERSION.exe"
makensis -V2 -WX -NOCD \
  -DVERSION="$VERSION" -DVERSION4="$v_major.$v_minor.$v_patch.0" \
  -DBINARY="$PWD/$out/dataskydd.exe" -DICON="$icon" \
  -DTASKXML="$PWD/scripts/schedule/windows-task.xml" -DOUTFILE="$PWD/$setup" \
  build/windows/installer.nsi
sign "$setup"
ls -l "$out/dataskydd.exe" "$setup" >&2
