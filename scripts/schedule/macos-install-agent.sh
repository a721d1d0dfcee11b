#!/usr/bin/env bash
# Installs (or with --remove, removes) the nightly retention run as a launchd agent
# for the current user. Run on the Mac, as the user who uses Dataskydd:
#   scripts/schedule/macos-install-agent.sh [--app /Applications/Dataskydd.app] [--remove]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
label=se.dataskydd.anonymise
app=/Applications/Dataskydd.app
remove=0
while [ $# -gt 0 ]; do
  case "$1" in
    --app) app="$2"; shift 2 ;;
    --remove) remove=1; shift ;;
    *) echo "usage: $0 [--app PATH.app] [--remove]" >&2; exit 2 ;;
  esac
done
[ "$(uname -s)" = Darwin ] || { echo "run this on a Mac" >&2; exit 2; }
agent="$HOME/Library/LaunchAgents/$label.plist"
domain="gui/$(id -u)"

launchctl bootout "$domain/$label" 2>/dev/null || true
if [ $remove = 1 ]; then
  rm -f "$agent"
  echo "removed $label"
  exit 0
fi
bin="$app/Contents/MacOS/dataskydd"
[ -x "$bin" ] || { echo "no $bin (install Dataskydd.app first, or pass --app)" >&2; exit 1; }
mkdir -p "$HOME/Library/LaunchAgents" "$HOME/Library/Logs/Dataskydd"
sed -e "s|HOME_DIR|$HOME|g" -e "s|/Applications/Dataskydd.app|$app|g" "$here/$label.plist" >"$agent"
plutil -lint "$agent" >/dev/null
launchctl bootstrap "$domain" "$agent"
echo "installed $label: nightly at 02:30; log in ~/Library/Logs/Dataskydd/anonymise.log"
echo "run it now with: launchctl kickstart -p $domain/$label"
