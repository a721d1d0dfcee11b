#!/usr/bin/env bash
# backend/ is plain Go: only the bound adapters at the top level may import Wails.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(grep -rl --include='*.go' 'github.com/wailsapp/wails' backend || true)
if [ -n "$bad" ]; then echo "backend/ must not import Wails: $bad" >&2; exit 1; fi
