#!/usr/bin/env bash
# Builds Dataskydd.app for macOS (Apple silicon + Intel), signs it, notarises it and
# wraps it in a disk image. Run it ON A MAC (macOS 12+, Xcode command line tools, Go,
# Node, and the Wails CLI: go install github.com/wailsapp/wails/v2/cmd/wails@v2.16.0).
#
#   scripts/macos-build.sh                       # build + sign + notarise + staple
#   SKIP_SIGN=1 scripts/macos-build.sh           # build only, unsigned (local testing)
#
# Settings (environment), with placeholders that must be replaced for a release:
#   VERSION         release, e.g. 0.1.0 (default: git tag v*, else 0.1.0-dev)
#   SIGN_IDENTITY   "Developer ID Application: YOUR COMPANY AB (TEAMID1234)"
#                   (security find-identity -v -p codesigning lists yours)
#   NOTARY_PROFILE  keychain profile made once with
#                   xcrun notarytool store-credentials dataskydd-notary \
#                     --apple-id you@example.se --team-id TEAMID1234 --password APP-SPECIFIC-PASSWORD
# Writes build/bin/Dataskydd.app and build/bin/Dataskydd-$VERSION.dmg. See docs/platforms.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" != Darwin ]; then
  echo "macos-build: run this on a Mac (codesign, notarytool and the macOS SDK exist only there)" >&2
  exit 2
fi

VERSION="${VERSION:-$(git describe --tags --match 'v[0-9]*' 2>/dev/null | sed 's/^v//' | grep . || echo 0.1.0-dev)}"
SIGN_IDENTITY="${SIGN_IDENTITY:-Developer ID Application: YOUR COMPANY AB (TEAMID1234)}"
NOTARY_PROFILE="${NOTARY_PROFILE:-dataskydd-notary}"
APP=build/bin/Dataskydd.app
DMG="build/bin/Dataskydd-$VERSION.dmg"

command -v wails >/dev/null || { echo "macos-build: install the Wails CLI (see the top of this script)" >&2; exit 1; }

# 1. Build: a universal binary (lipo of arm64 and amd64), the frontend embedded, the
#    bundle laid out from build/darwin/Info.plist and build/appicon.png. cgo
#    (go-sqlite3) uses the Xcode clang. The version goes into the binary (About box,
#    `dataskydd --version`); wails.json's productVersion goes into Info.plist, so
#    keep the two equal for a release.
wails build -clean -platform darwin/universal -trimpath \
  -ldflags "-X dataskydd/backend/version.Version=$VERSION"
[ -d "$APP" ] || APP="$(find build/bin -maxdepth 1 -name '*.app' | head -1)"
echo "macos-build: built $APP ($("$APP/Contents/MacOS/dataskydd" --version))" >&2
lipo -info "$APP/Contents/MacOS/dataskydd" >&2

if [ "${SKIP_SIGN:-0}" = 1 ]; then
  echo "macos-build: SKIP_SIGN=1, leaving $APP unsigned (Gatekeeper will refuse it on other Macs)" >&2
  exit 0
fi
case "$SIGN_IDENTITY" in
  *YOUR\ COMPANY*|*TEAMID1234*) echo "macos-build: set SIGN_IDENTITY to your Developer ID (placeholder still in place)" >&2; exit 1 ;;
esac

# 2. Sign with the hardened runtime and a secure timestamp (both needed for notarisation).
codesign --force --options runtime --timestamp \
  --entitlements build/darwin/entitlements.plist \
  --sign "$SIGN_IDENTITY" "$APP"
codesign --verify --strict --verbose=2 "$APP"

# 3. Disk image, signed too.
rm -f "$DMG"
hdiutil create -volname "Dataskydd $VERSION" -srcfolder "$APP" -ov -format UDZO "$DMG"
codesign --force --timestamp --sign "$SIGN_IDENTITY" "$DMG"

# 4. Notarise (Apple scans it; a few minutes) and staple the ticket so Gatekeeper
#    accepts it offline. Notarising the disk image covers the app inside it.
xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
xcrun stapler staple "$DMG"
xcrun stapler validate "$DMG"
spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
echo "macos-build: $DMG is signed, notarised and stapled" >&2
