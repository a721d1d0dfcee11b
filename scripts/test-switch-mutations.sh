#!/usr/bin/env bash
# Mutation run of the ten two-factor switches (issue 16: "all ten switches act and each is
# covered by a test that fails when its check is removed"). Every place that reads a switch to
# decide whether to ask for a code is, in turn, made to see that switch as off (the check
# removed); the Go tests of the two-factor work must then fail. Prints each mutant with the
# first test that failed, then "switch mutants: N killed, M survived"; exits 1 if any
# survived (or the tests fail unmutated).
#
#   scripts/test-switch-mutations.sh   (part of make test-mutations; a few minutes)
#
# Like scripts/test-mutations.sh it works in a temporary copy and never touches the working
# tree. Each check site is rewritten (by sed) so that DATASKYDD_MUTANT=<site>:<flow> turns it
# off for that flow (mutant schemata); the tests are compiled once per package and each mutant
# is one run of them.
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS="${TAGS:-webkit2_41}"

work="$(mktemp -d -t dataskydd-switch-mutants-XXXXXX)"
trap 'rm -rf "$work"' EXIT
copy="$work/repo"
source scripts/copy-worktree.sh
copy_worktree "$copy"

# The check sites: id | file | which occurrence of the text (counted when the site is
# rewritten: a rewritten "check" line no longer matches, so the next one is the first) | the text of the line | how to
# rewrite it (set: "on, err := ..." gets "on = false" after it; return: a one-line
# "return x.FlowEnabled(ctx, F)"; check: an "if err := ...Check(...); err != nil {" whose
# refusal is dropped) | the flow expression at the site | the flows to turn off | the packages
# whose tests must catch it.
sites=(
  "login|backend/twofactor/engine.go|1|on, err := e.FlowEnabled(ctx, f)|set|f|user_login|backend/desktop backend/twofactor"
  "phone|backend/services/stepup.go|1|return s.TwoFactor.FlowEnabled(ctx, PhoneChangeFlow)|return|PhoneChangeFlow|user_login|backend/services backend/desktop"
  "decrypt|backend/services/stepup.go|1|return s.TwoFactor.FlowEnabled(ctx, twofactor.FlowSecureDataDecrypt)|return|twofactor.FlowSecureDataDecrypt|secure_data_decrypt|backend/services backend/desktop backend/vault"
  "reset-start|backend/services/forgotten.go|1|on, err := s.TwoFactor.FlowEnabled(ctx, twofactor.FlowUserPasswordReset)|set|twofactor.FlowUserPasswordReset|user_password_reset|backend/services backend/desktop"
  "reset-finish|backend/services/forgotten.go|2|on, err := s.TwoFactor.FlowEnabled(ctx, twofactor.FlowUserPasswordReset)|set|twofactor.FlowUserPasswordReset|user_password_reset|backend/services backend/desktop"
  "inventory|backend/services/inventory.go|1|on, err := g.TwoFactor.FlowEnabled(ctx, twofactor.FlowInventory)|set|twofactor.FlowInventory|gdpr_inventory|backend/services backend/desktop"
  "inventory-search|backend/desktop/search.go|1|if err := s.Inventory.Check(a.ctx, sess); err != nil {|check|twofactor.FlowInventory|gdpr_inventory|backend/desktop"
  "inventory-report|backend/desktop/search.go|1|if err := s.Inventory.Check(a.ctx, sess); err != nil {|check|twofactor.FlowInventory|gdpr_inventory|backend/desktop"
  "inventory-preview|backend/desktop/search.go|1|if err := s.Inventory.Check(a.ctx, sess); err != nil {|check|twofactor.FlowInventory|gdpr_inventory|backend/desktop"
  "inventory-erase|backend/desktop/search.go|1|if err := s.Inventory.Check(a.ctx, sess); err != nil {|check|twofactor.FlowInventory|gdpr_inventory|backend/desktop"
  "inventory-cli|backend/cli/login.go|1|on, err := twofactor.New(twofactor.Options{DB: st.DB}).FlowEnabled(ctx, twofactor.FlowInventory)|set|twofactor.FlowInventory|gdpr_inventory|backend/cli"
  "portal-login|backend/portal/flows.go|1|on, err := s.tf.FlowEnabled(ctx, twofactor.FlowPortalLogin)|set|twofactor.FlowPortalLogin|portal_login|backend/portal"
  "portal-invite|backend/portal/flows.go|1|on, err := s.tf.FlowEnabled(ctx, twofactor.FlowConversations)|set|twofactor.FlowConversations|customer_conversations|backend/portal"
  "portal-reset|backend/portal/flows.go|1|on, err := s.tf.FlowEnabled(ctx, f)|set|f|portal_password_reset customer_conversations|backend/portal"
  "portal-approve|backend/portal/records.go|1|on, err := s.tf.FlowEnabled(ctx, t.flow())|set|t.flow()|quotes extra_costs payment_plans|backend/portal"
)

cat >"$copy/backend/twofactor/mutant_schemata.go" <<'EOF'
package twofactor

import "os"

var activeMutant = os.Getenv("DATASKYDD_MUTANT")

// MutantOff reports whether the switch check at site sees flow f as off in this mutant.
func MutantOff(site string, f Flow) bool { return activeMutant == site+":"+string(f) }
EOF
cat >"$copy/backend/desktop/mutant_switches.go" <<'EOF'
package desktop

import "dataskydd/backend/twofactor"

func mutantOff(site string) bool { return twofactor.MutantOff(site, twofactor.FlowInventory) }
EOF

# Rewrite every site in the copy.
for s in "${sites[@]}"; do
  IFS='|' read -r id file nth text how flowexpr _ _ <<<"$s"
  line="$(grep -nF -- "$text" "$copy/$file" | sed -n "${nth}p" | cut -d: -f1)"
  if [ -z "$line" ]; then
    echo "test-switch-mutations: $file has no occurrence $nth of: $text" >&2
    exit 1
  fi
  pkgref="twofactor."
  [[ "$file" == backend/twofactor/* ]] && pkgref=""
  case "$how" in
  set) sed -i "${line}a\\	if ${pkgref}MutantOff(\"$id\", $flowexpr) { on = false }" "$copy/$file" ;;
  return) sed -i "${line}s/return \(.*\)\.FlowEnabled(ctx, \(.*\))\$/on, err := \1.FlowEnabled(ctx, \2); if ${pkgref}MutantOff(\"$id\", \2) { on = false }; return on, err/" "$copy/$file" ;;
  check) sed -i "${line}s/err != nil {\$/err != nil \&\& !mutantOff(\"$id\") {/" "$copy/$file" ;;
  esac
  if ! grep -q "\"$id\"" "$copy/$file"; then
    echo "test-switch-mutations: could not rewrite $file:$line ($id)" >&2
    exit 1
  fi
done

echo "test-switch-mutations: ${#sites[@]} check sites; compiling the tests once" >&2
pkgs="backend/desktop backend/twofactor backend/services backend/portal backend/vault backend/cli"
name() { if [ "$1" = . ]; then echo root; else basename "$1"; fi; }
for p in $pkgs; do
  (cd "$copy" && go test -tags "$TAGS" -c -o "$work/$(name "$p").test" "./$p")
done
# The desktop services' two-factor tests (the rest of them have nothing to do with the switches).
desktopRun='^(TestLoginFromNewDevice|TestPhoneChangeNeedsChallenge|TestSaveRecordGuardsPhoneNumbers|TestVaultThroughTheAdapters|TestInventorySwitchGatesSearchReportErase|TestInviteToPortalBySMS|TestTrustedDevicePeriodAtMost365Days)$'
runpkg() { # mutant pkg
  local args=(-test.count=1)
  [ "$2" = backend/desktop ] && args+=(-test.run "$desktopRun")
  # The command line's one switch check (the rest of its tests take minutes).
  [ "$2" = backend/cli ] && args+=(-test.run '^TestInventorySwitchRefusesSearchReportErase$')
  [ "$2" = backend/services ] && args+=(-test.skip '^TestImportAtTheLimitsKeepsMemoryBounded$')
  (cd "$copy/$2" && DATASKYDD_MUTANT="$1" timeout 300 "$work/$(name "$2").test" "${args[@]}" >"$work/out.txt" 2>&1)
}
for p in $pkgs; do
  if ! runpkg "" "$p"; then
    cat "$work/out.txt" >&2
    echo "test-switch-mutations: the tests of $p fail without any mutant" >&2
    exit 1
  fi
done

killed=0
survived=0
start=$(date +%s)
for s in "${sites[@]}"; do
  IFS='|' read -r id file _ _ _ _ flows testpkgs <<<"$s"
  for flow in $flows; do
    by=""
    for p in $testpkgs; do
      if ! runpkg "$id:$flow" "$p"; then
        by="$p $(grep -m1 -o -- '--- FAIL: [A-Za-z0-9_/]*' "$work/out.txt" | cut -d' ' -f3)"
        break
      fi
    done
    if [ -n "$by" ]; then
      killed=$((killed + 1))
      printf 'killed   %-17s %-22s %s (by %s)\n' "$id" "$flow" "$file" "$by"
    else
      survived=$((survived + 1))
      printf 'SURVIVED %-17s %-22s %s\n' "$id" "$flow" "$file"
    fi
  done
done
echo "switch mutants: $killed killed, $survived survived ($(($(date +%s) - start)) s)"
[ "$survived" -eq 0 ]
