#!/usr/bin/env bash
# The package picture of docs/architecture.md, enforced: every Go package stands in a layer
# there, and imports only packages of lower layers (never across, never up); only the root
# (main.go, app.go) imports Wails. Test files are not checked.
#   scripts/check-layering.sh            check the code (make lint)
#   scripts/check-layering.sh --self-test   check that the check catches wrong imports
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS="${TAGS:-webkit2_41}"

# layers: "package layer" lines from the picture's block in docs/architecture.md.
layers() {
  awk '/<!-- layers:/ { on = 1; next }
       on && /^```/ { n++; if (n == 2) exit; next }
       on && n == 1 && match($0, /^ *[0-9]+  +/) {
         layer = $1
         for (i = 2; i <= NF; i++) if ($i == "dataskydd" || $i ~ /^backend\//) print $i, layer; else break
       }' docs/architecture.md
}

# check reads "importer imported..." lines (module-relative: dataskydd, backend/x) and the
# layers file; prints every wrong import and fails if there is one.
check() {
  awk -v layers="$1" '
    BEGIN { while ((getline line < layers) > 0) { split(line, f, " "); rank[f[1]] = f[2] } }
    {
      pkg = $1
      if (!(pkg in rank)) { print "layering: " pkg " is not in the picture of docs/architecture.md"; bad = 1; next }
      for (i = 2; i <= NF; i++) {
        dep = $i
        if (dep ~ /^github\.com\/wailsapp\/wails/) {
          if (pkg != "dataskydd") { print "layering: " pkg " imports Wails (only the root may)"; bad = 1 }
          continue
        }
        if (dep != "dataskydd" && dep !~ /^backend\//) continue
        if (!(dep in rank)) { print "layering: " pkg " imports " dep ", which is not in the picture"; bad = 1; continue }
        if (rank[dep] + 0 >= rank[pkg] + 0) {
          print "layering: " pkg " (layer " rank[pkg] ") imports " dep " (layer " rank[dep] "): imports point down only"
          bad = 1
        }
      }
    }
    END { exit bad }'
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
layers >"$work/layers"
if [ "$(wc -l <"$work/layers")" -lt 20 ]; then
  echo "layering: no picture read from docs/architecture.md" >&2
  exit 1
fi

selftest() {
  # Each wrong graph must fail, the right one pass.
  printf 'backend/search backend/store backend/vault\n' | check "$work/layers" >/dev/null || { echo "self-test: a right import was refused" >&2; return 1; }
  local wrong
  for wrong in 'backend/store backend/search' 'backend/cli backend/desktop' 'backend/desktop backend/cli' \
    'backend/vault github.com/wailsapp/wails/v2/pkg/runtime' 'backend/nowhere backend/store' \
    'backend/auth backend/nowhere' 'backend/search backend/search'; do
    if printf '%s\n' "$wrong" | check "$work/layers" >/dev/null; then
      echo "self-test: the wrong import \"$wrong\" passed" >&2
      return 1
    fi
  done
}
selftest
if [ "${1:-}" = --self-test ]; then echo "layering: self-test passed"; exit 0; fi

go list -tags "$TAGS" -f '{{.ImportPath}} {{join .Imports " "}}' . ./backend/... |
  sed -e 's#^dataskydd/##' -e 's# dataskydd/# #g' >"$work/graph"
# Also Wails anywhere under backend/, by text (a build tag could hide it from go list).
bad=$(grep -rl --include='*.go' 'github.com/wailsapp/wails' backend || true)
if [ -n "$bad" ]; then echo "layering: backend/ must not import Wails: $bad" >&2; exit 1; fi
check "$work/layers" <"$work/graph" >&2
