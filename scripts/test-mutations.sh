#!/usr/bin/env bash
# Mutation run of the role test: every role check of the bound methods (the calls of
# requireRole and currentSession in backend/desktop) is, in turn, removed (no check at all), widened
# to any logged-in user, and widened by one more role; TestEveryBoundMethodChecksTheRole
# (backend/desktop/roles_test.go) must fail for every such mutant. Prints each mutant, then
# "mutants: N killed, M survived"; exits 1 if any survived (or the test fails unmutated).
#
#   scripts/test-mutations.sh        (make test-mutations; about a minute with a warm build cache)
#
# It works in a temporary copy of the repository and never touches the working tree. To keep
# the run bounded it compiles backend/desktop's tests once, with every check site rewritten
# (by sed) into a switch that the variable DATASKYDD_MUTANT=<site>:<kind> turns into that
# mutant (mutant schemata); each mutant is then one run of the role test alone. That switch
# exists only in the temporary copy.
set -euo pipefail
cd "$(dirname "$0")/.."
TAGS="${TAGS:-webkit2_41}"

work="$(mktemp -d -t dataskydd-mutants-XXXXXX)"
trap 'rm -rf "$work"' EXIT
copy="$work/repo"
source scripts/copy-worktree.sh
copy_worktree "$copy"

# Number the check sites and rewrite each into its switch.
sites="$work/sites.txt" # id file line kind...
: >"$sites"
id=0
pkg=backend/desktop
for f in $(cd "$copy" && ls $pkg/*.go | grep -v '_test\.go$' | grep -vx "$pkg/session.go"); do
  while IFS=: read -r line text; do
    id=$((id + 1))
    if [[ "$text" == *"a.requireRole()"* ]]; then
      kinds="remove"
      sed -i "${line}s/a\.requireRole(/a.mutantRequireRole(\"$id\")(/" "$copy/$f"
    elif [[ "$text" == *"a.requireRole("* ]]; then
      kinds="remove any widen"
      sed -i "${line}s/a\.requireRole(/a.mutantRequireRole(\"$id\")(/" "$copy/$f"
    else
      kinds="remove"
      sed -i "${line}s/a\.currentSession()/a.mutantCurrentSession(\"$id\")()/" "$copy/$f"
    fi
    echo "$id $f $line $kinds" >>"$sites"
  done < <(grep -n 'a\.requireRole(\|a\.currentSession()' "$copy/$f" | grep -v '^[0-9]*:\s*//')
done
if [ "$id" -eq 0 ]; then
  echo "test-mutations: no role checks found in $pkg" >&2
  exit 1
fi
if grep -n 'a\.requireRole(\|a\.currentSession()' "$copy"/$pkg/*.go | grep -v '_test\.go:' | grep -v '^[^:]*/session\.go:' | grep -v ':[0-9]*:\s*//'; then
  echo "test-mutations: the check calls above were not rewritten (two on one line?)" >&2
  exit 1
fi

cat >"$copy/$pkg/mutants_schemata.go" <<'EOF'
package desktop

import (
	"os"
	"strings"

	"dataskydd/backend/auth"
	"dataskydd/backend/services"
)

// The active mutant, from DATASKYDD_MUTANT=<site>:<kind> (none: every check as written).
var mutantSite, mutantKind, _ = strings.Cut(os.Getenv("DATASKYDD_MUTANT"), ":")

func (a *Core) mutantSession() auth.Session {
	a.session.mu.Lock()
	defer a.session.mu.Unlock()
	return a.session.sess
}

func (a *Core) mutantRequireRole(site string) func(...auth.Role) (auth.Session, *services.Services, error) {
	return func(roles ...auth.Role) (auth.Session, *services.Services, error) {
		if site == mutantSite {
			switch mutantKind {
			case "remove": // no check: whoever (or nobody) is in the session goes on
				s, err := a.svc()
				return a.mutantSession(), s, err
			case "any": // any logged-in user
				return a.requireRole()
			case "widen": // one more role than written
				for _, r := range []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer, auth.RoleStaff} {
					if !hasRole(roles, r) {
						return a.requireRole(append(append([]auth.Role(nil), roles...), r)...)
					}
				}
			}
		}
		return a.requireRole(roles...)
	}
}

func (a *Core) mutantCurrentSession(site string) func() (auth.Session, error) {
	return func() (auth.Session, error) {
		if site == mutantSite && mutantKind == "remove" {
			return a.mutantSession(), nil
		}
		return a.currentSession()
	}
}

func hasRole(roles []auth.Role, r auth.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
EOF

echo "test-mutations: $id check sites; compiling the role test once" >&2
(cd "$copy" && go test -tags "$TAGS" -c -o "$work/roles.test" ./$pkg)
runtest() { (cd "$copy/$pkg" && DATASKYDD_MUTANT="$1" timeout 120 "$work/roles.test" -test.run '^TestEveryBoundMethodChecksTheRole$' -test.count=1 >"$work/out.txt" 2>&1); }
if ! runtest ""; then
  cat "$work/out.txt" >&2
  echo "test-mutations: the role test fails without any mutant" >&2
  exit 1
fi

killed=0
survived=0
start=$(date +%s)
while read -r site file line kinds; do
  for kind in $kinds; do
    if runtest "$site:$kind"; then
      survived=$((survived + 1))
      echo "SURVIVED $file:$line $kind: $(sed -n "${line}p" "$file" | sed 's/^\s*//')"
    else
      killed=$((killed + 1))
      why="$(grep -m1 -o 'roles_test.go:[0-9]*: .*' "$work/out.txt" | cut -c1-140 || true)"
      echo "killed   $file:$line $kind (${why:-test failed})"
    fi
  done
done <"$sites"
echo "mutants: $killed killed, $survived survived ($(($(date +%s) - start)) s)"
[ "$survived" -eq 0 ]
