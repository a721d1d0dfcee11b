#!/usr/bin/env bash
# Tries the Windows build under Wine and compares it with the Linux build.
#   LINUX_BIN=build/bin/dataskydd-cli VERSION=0.1.0-dev scripts/windows-test.sh
# (make test-windows builds both first). Needs scripts/windows-deps.sh.
#
# 1. backend/paths and backend/version: their Go tests, built for Windows, run under Wine.
# 2. The CLI, same steps on both binaries, each in its default data folder
#    (%APPDATA%\Dataskydd in the Wine prefix; $XDG_DATA_HOME/Dataskydd on Linux):
#    init, demo, export, import into a second store, export of that, search,
#    anonymise --dry-run. Every step must give the same exit code and the same stdout
#    on both (exports byte for byte). A command that the Linux binary's --help lists
#    must also succeed; one it does not list yet is still compared (both must refuse it
#    the same way), so the script covers each command as soon as it lands.
# 3. The installer: silent install into the prefix, the installed binary runs, silent
#    uninstall removes the program and keeps the data folder, /DELETEDATA removes it.
#
# Wine facts this relies on (Debian 12, Wine 8.0): Go 1.24+ programs need
# bcryptprimitives.dll, which Wine 8 lacks: build/windows/wine/bcryptprimitives.c is a
# stand-in copied into the throwaway prefix only. Go 1.26's os.RemoveAll fails under
# Wine 8 ("Invalid function"); os.Remove works. No display is needed for the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${VERSION:-0.1.0-dev}"
LINUX_BIN="$(realpath "${LINUX_BIN:-build/bin/dataskydd-cli}")"
WIN_BIN="$(realpath build/bin/windows/dataskydd.exe)"
SETUP="$(realpath "build/bin/Dataskydd-setup-$VERSION.exe")"
PASSWORD='Vinter-Sol-2026!kaffe'
NOW=2026-11-01T00:00:00Z
QUERY="${WINDOWS_TEST_QUERY:-}"

work="$(mktemp -d /tmp/dataskydd-wintest.XXXXXX)"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
export LANG=C.UTF-8 TZ=UTC
cleanup() {
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "test-windows: FAIL: $*" >&2; exit 1; }
passed=0
failed=0

# --- 0. File names that break on Windows or macOS ------------------------------------
# Case-insensitive file systems (NTFS, APFS by default) cannot hold two names that differ
# only in case; Windows also refuses <>:"|?*, a trailing dot or space, and device names.
if git rev-parse --git-dir >/dev/null 2>&1; then
  names="$(git ls-files)"
  clash="$(sort -f <<<"$names" | uniq -di)"
  bad="$(grep -iE '[<>:"|?*\\]|[. ]$|(^|/)(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\.[^/]*)?$' <<<"$names" || true)"
  if [ -z "$clash$bad" ]; then
    echo "ok   file names: $(wc -l <<<"$names") tracked files, none clash by case or is invalid on Windows" >&2
    passed=$((passed + 1))
  else
    echo "FAIL file names: clashing by case: ${clash:-none}; invalid on Windows: ${bad:-none}" >&2
    failed=$((failed + 1))
  fi
fi

echo "test-windows: creating a Wine prefix" >&2
start=$(date +%s)
timeout 180 wineboot -i >/dev/null 2>&1 || true
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bcryptprimitives.dll" build/windows/wine/bcryptprimitives.c -lbcrypt
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
wineserver -p 300 # keep one server for all the runs below (faster); killed by cleanup
winuser="$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')"
appdata_unix="$WINEPREFIX/drive_c/users/$winuser/AppData/Roaming"
[ -d "$appdata_unix" ] || fail "no AppData\\Roaming in the Wine prefix ($appdata_unix)"
echo "test-windows: prefix ready in $(( $(date +%s) - start )) s" >&2

# Unix path -> the same file seen from Wine (drive Z: is /).
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# --- 1. Go tests of the platform packages, built for Windows -----------------------
for pkg in paths version; do
  GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$work/$pkg.test.exe" "./backend/$pkg"
  # TestLinkerSetsVersion runs the go tool, which the Wine prefix does not have.
  if timeout 300 wine "$work/$pkg.test.exe" -test.skip 'TestLinkerSetsVersion' >"$work/$pkg.test.out" 2>&1; then
    echo "ok   backend/$pkg tests under Wine" >&2
    passed=$((passed + 1))
  else
    cat "$work/$pkg.test.out" >&2
    echo "FAIL backend/$pkg tests under Wine" >&2
    failed=$((failed + 1))
  fi
done

# --- 2. The CLI, Linux and Windows side by side --------------------------------------
lin_home="$work/linux-home"
mkdir -p "$lin_home"
# A hung run must fail the test, not CI: 5 minutes per command at most.
lin() { timeout 300 env HOME="$lin_home" XDG_DATA_HOME="$lin_home/data" "$LINUX_BIN" "$@"; }
win() { timeout 300 wine "$WIN_BIN" "$@"; }

help_text="$(lin --help 2>&1 || true)"
listed() { grep -Eq "(^|[[:space:]\`])$1([[:space:]\`]|$)" <<<"$help_text"; }

# step NAME CMD ARGS... : runs the command on both with the same stdin ($STDIN), compares.
# With $STORE set, both run with --data-dir @$STORE instead of their default folder.
# Arguments of the form @FILE name a file in $work: the Windows run gets its Z: path,
# and each side gets its own copy (lin-FILE / win-FILE) so neither reads the other's output.
#
# Before comparing, each side's stdout is normalised in exactly three ways, and nothing
# else may differ:
#  - its own data folder's path becomes <DATA> ("created the store in ...");
#  - with TIMES=1, durations and rates become <T> ("imported 222 records in 351ms");
#  - with BASE=1 (exports), the lines of that side's export taken right after `init` are
#    dropped: init's administrator gets a random id and the current time, so those
#    records differ by design; everything demo and import write must be identical;
#  - with HITS=1 (search --json), hits of equal rank may come in either order (their order
#    follows the index's internal document numbers, which depend on when its segments were
#    merged), so the hits are compared as a sorted list; total and query must match.
STDIN=""
HITS=0
STORE=""
# LOGIN: the account every step logs in as (--user, $PASSWORD on stdin), "" for none. A login
# writes its own event and system-log lines (random ids, the time), dropped before comparing.
LOGIN=""
TIMES=0
BASE=0
normalise() { # side file
  local side="$1" f="$2" d1 d2
  if [ "$side" = lin ]; then d1="$lin_home/data/Dataskydd"; d2="$work/lin-$STORE"; else d1='C:\users\'"$winuser"'\AppData\Roaming\Dataskydd'; d2="$(winpath "$work/win-$STORE")"; fi
  if [ "$BASE" = 1 ] && [ -s "$work/$side-base$STORE.jsonl" ]; then
    grep -vxF -f "$work/$side-base$STORE.jsonl" "$f" >"$f.tmp" || true
    mv "$f.tmp" "$f"
  fi
  perl -ni -e 'print unless /^\{"type":"event",(?=.*"action":"cli\.)/ || /^\{"type":"system_log",(?=.*"kind":"login")(?=.*"username":"(?:admin|admin2)")/' "$f"
  D1="$d1" D2="$d2" T="$TIMES" perl -pi -e '
    s/\Q$ENV{D2}\E/<DATA>/g if $ENV{D2} ne "" && $ENV{D2} !~ /-$/;
    s/\Q$ENV{D1}\E/<DATA>/g;
    if ($ENV{T}) {
      s/\b\d+(?:\.\d+)?(?:ns|µs|us|ms|s|m|h)(?:\d+(?:\.\d+)?(?:ms|s|m))*\b/<T>/g;
      s/\b\d+(?:\.\d+)? records\/s\b/<T> records\/s/g;
    }' "$f"
  if [ "$HITS" = 1 ]; then
    perl -MJSON::PP -0777 -i -e '
      my $j = JSON::PP->new->canonical->pretty; my $in = <>;
      my $d = eval { $j->decode($in) }; if (!$d) { print $in; exit }
      $d->{hits} = [sort { join("\t", @$a{qw(area location type id field snippet)}) cmp join("\t", @$b{qw(area location type id field snippet)}) } @{$d->{hits}}];
      print $j->encode($d);' "$f"
  fi
}
step() {
  local name="$1" cmd="$2"
  shift 2
  local la=() wa=() a args=("$cmd" "$@") in="$STDIN"
  [ -z "$LOGIN" ] || { args=(--user "$LOGIN" "${args[@]}"); in="$PASSWORD"$'\n'; }
  [ -z "$STORE" ] || args=(--data-dir "@$STORE" "${args[@]}")
  for a in "${args[@]}"; do
    case "$a" in
      @*) la+=("$work/lin-${a#@}"); wa+=("$(winpath "$work/win-${a#@}")") ;;
      *) la+=("$a"); wa+=("$a") ;;
    esac
  done
  local lrc=0 wrc=0
  printf '%s' "$in" | lin "${la[@]}" >"$work/$name.lin.out" 2>"$work/$name.lin.err" || lrc=$?
  printf '%s' "$in" | win "${wa[@]}" >"$work/$name.win.out" 2>"$work/$name.win.err" || wrc=$?
  normalise lin "$work/$name.lin.out"
  normalise win "$work/$name.win.out"
  same "$name" "$cmd" "$lrc" "$wrc" "$work/$name.lin.out" "$work/$name.win.out"
}
# same NAME CMD LINUX_RC WINDOWS_RC LINUX_FILE WINDOWS_FILE: the comparison and its report.
same() {
  local name="$1" cmd="$2" lrc="$3" wrc="$4" lf="$5" wf="$6"
  local ok=1 why=""
  if [ "$lrc" != "$wrc" ]; then ok=0; why="exit code linux=$lrc windows=$wrc"; fi
  if [ $ok = 1 ] && ! cmp -s "$lf" "$wf"; then ok=0; why="output differs"; fi
  if [ $ok = 1 ] && listed "$cmd" && [ "$lrc" != 0 ]; then
    ok=0; why="'$cmd' is listed by --help but failed (exit $lrc)"
  fi
  local shown="$cmd"
  listed "$cmd" || shown="$cmd (not in --help yet)"
  if [ $ok = 1 ]; then
    echo "ok   $name: $shown, exit $lrc, $(wc -c <"$lf") bytes identical" >&2
    passed=$((passed + 1))
  else
    echo "FAIL $name: $shown: $why" >&2
    for side in lin win; do
      [ -f "$work/$name.$side.err" ] || continue
      echo "  --- $side stderr:" >&2; head -c 1500 "$work/$name.$side.err" >&2
    done
    diff <(head -c 200000 "$lf") <(head -c 200000 "$wf") | head -c 3000 >&2 || true
    echo >&2
    failed=$((failed + 1))
  fi
  return 0
}
# baseline: what init alone wrote, per side (see BASE above).
baseline() {
  local st=() ws=()
  [ -z "$STORE" ] || { st=(--data-dir "$work/lin-$STORE"); ws=(--data-dir "$(winpath "$work/win-$STORE")"); }
  [ -z "$LOGIN" ] || { st+=(--user "$LOGIN"); ws+=(--user "$LOGIN"); }
  printf '%s\n' "$PASSWORD" | lin "${st[@]}" export - >"$work/lin-base$STORE.jsonl" 2>/dev/null || true
  printf '%s\n' "$PASSWORD" | win "${ws[@]}" export - >"$work/win-base$STORE.jsonl" 2>/dev/null || true
}

# The resources: version information (UTF-16 in the .rsrc section) and the manifest.
if VER="$VERSION" perl -0777 -MEncode -ne 'my $n = encode("UTF-16LE", "ProductVersion"); my $v = encode("UTF-16LE", $ENV{VER});
    exit(!(/\Q$n\E\0\0(?:\0\0)*\Q$v\E/ && /se\.dataskydd\.app/ && /asInvoker/))' "$WIN_BIN"; then
  echo "ok   resources: ProductVersion $VERSION and the manifest are in dataskydd.exe" >&2; passed=$((passed + 1))
else
  echo "FAIL resources: no ProductVersion $VERSION or no manifest in dataskydd.exe" >&2; failed=$((failed + 1))
fi

# --version: the Windows build reports the release it was linked with.
wv="$(win --version 2>&1 | tr -d '\r' || true)"
if grep -q "^Dataskydd $VERSION .*windows/amd64" <<<"$wv"; then
  echo "ok   --version: $wv" >&2; passed=$((passed + 1))
else
  echo "FAIL --version: got '$wv', want 'Dataskydd $VERSION (... windows/amd64)'" >&2; failed=$((failed + 1))
fi

# The console: started by `start /wait` from cmd.exe in a terminal, a GUI-subsystem
# program inherits no standard handles, so its output shows only if attachConsole
# (console_windows.go) attaches to cmd's console. `script` gives cmd a terminal.
console_run() { # ARGS...: prints what the console showed; returns the program's exit code
  local cmdline rc=0
  cmdline="wine cmd /c start /wait '$(winpath "$WIN_BIN")' $*"
  timeout 120 script -qec "$cmdline" /dev/null >"$work/console.raw" 2>&1 </dev/null || rc=$?
  tr -d '\r' <"$work/console.raw" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
  return $rc
}
cv_rc=0
cv="$(console_run --version)" || cv_rc=$?
cb_rc=0
cb="$(console_run no-such-command)" || cb_rc=$?
if [ $cv_rc = 0 ] && grep -q "^Dataskydd $VERSION .*windows/amd64" <<<"$cv" && [ $cb_rc = 2 ] && grep -q 'unknown command' <<<"$cb"; then
  echo "ok   console: under cmd.exe's start /wait, --version and an error print on the console, exit codes 0 and 2" >&2; passed=$((passed + 1))
else
  echo "FAIL console: start /wait --version gave exit $cv_rc and '$cv'; a bad command gave exit $cb_rc and '$(head -c 300 <<<"$cb")'" >&2; failed=$((failed + 1))
fi

STDIN="$PASSWORD"$'\n'
step init init --admin admin --lang sv
STDIN=""
LOGIN=admin # import, export, search, demo, retention set and anonymise --now need a login
baseline
TIMES=1
step demo demo --customers 5 --seed 1 --now "$NOW"
TIMES=0
# After init + demo, each side has its default data folder where paths.DataDir says.
if listed init; then
  if [ -d "$appdata_unix/Dataskydd" ]; then
    echo "ok   the Windows store is in %APPDATA%\\Dataskydd" >&2; passed=$((passed + 1))
  else
    echo "FAIL no %APPDATA%\\Dataskydd after init: $(ls "$appdata_unix")" >&2; failed=$((failed + 1))
  fi
fi
BASE=1
step export export -
BASE=0
step export-file export @export.jsonl
for side in lin win; do
  [ -f "$work/$side-export.jsonl" ] || : >"$work/$side-export.jsonl"
  cp "$work/$side-export.jsonl" "$work/$side-export.cmp"
  BASE=1 normalise "$side" "$work/$side-export.cmp"
done
same export-file-content export 0 0 "$work/lin-export.cmp" "$work/win-export.cmp"
HITS=1 step search search --json "${QUERY:-Andersson}"
step search-limit search --json --limit 3 "${QUERY:-Andersson}"
step anonymise-dry anonymise --dry-run --json --now "$NOW"
step check check --json

# A second store, from the Linux export, on both sides: the Windows binary reads a file
# written on Linux (and the Linux binary the same file), then both export it again.
cp "$work/lin-export.jsonl" "$work/win-import.jsonl"
cp "$work/lin-export.jsonl" "$work/lin-import.jsonl"
STORE=store2
# Another administrator: the first store's "admin" arrives as an employee without a login
# (an import never brings login accounts, docs/security.md).
LOGIN=""
STDIN="$PASSWORD"$'\n'
step init2 init --admin admin2 --lang sv
STDIN=""
LOGIN=admin2
baseline
TIMES=1
step import2 import @import.jsonl
TIMES=0
BASE=1
step export2 export -
BASE=0
HITS=1 step search2 search --json "${QUERY:-Andersson}"
STORE=""
LOGIN=admin

# A real retention run on the first store: settings, the run, and what is left.
step retention-set-case retention set case --enabled true --days 365
step retention-set-customer retention set customer --enabled true --days 30
step retention-list retention list --json
step anonymise-dry2 anonymise --dry-run --json --now "$NOW"
step anonymise anonymise --json --now "$NOW"
BASE=1
step export-after export -
BASE=0
HITS=1 step search-after search --json "${QUERY:-Andersson}"
step check-after check --json

# Erasure on disk: fragments (10 bytes) of every value the run erased (in the export
# before it, in no record after it) must be nowhere in either side's data folder
# (database, WAL, search index). Under Wine this runs Windows' file semantics:
# a segment file still open is not deleted, and the index must still come out clean.
cat >"$work/erased.pl" <<'PERL'
# erased.pl BEFORE.jsonl AFTER.jsonl: prints distinctive fragments (10 bytes) of string
# values that were in BEFORE and are in no record of AFTER: the values anonymisation erased.
use strict; use warnings; use JSON::PP;
my ($before, $after) = @ARGV;
sub strings { my ($v, $out) = @_;
  if (ref $v eq 'HASH') { strings($_, $out) for values %$v }
  elsif (ref $v eq 'ARRAY') { strings($_, $out) for @$v }
  elsif (defined $v && !ref $v) { $out->{$v} = 1 } }
sub load { my ($f) = @_; my %s; open my $fh, '<:raw', $f or die "$f: $!";
  while (<$fh>) { next unless /\S/; strings(JSON::PP->new->decode($_), \%s) } return \%s }
my $b = load($before); my $a = load($after);
my $all_after = join "\n", keys %$a;
for my $v (sort keys %$b) {
  next if $a->{$v} || length($v) < 12 || $v =~ /^\d{4}-\d\d-\d\dT/ || $v !~ /[a-z]/i;
  my $frag = substr($v, 0, 10);
  next if index($all_after, $frag) >= 0;
  print "$frag\n";
}
PERL
for side in lin win; do
  perl "$work/erased.pl" "$work/$side-export.cmp" "$work/export-after.$side.out" >"$work/$side-erased.txt"
done
if [ ! -s "$work/lin-erased.txt" ]; then
  echo "FAIL erasure: the retention run erased nothing to look for" >&2; failed=$((failed + 1))
elif ! cmp -s "$work/lin-erased.txt" "$work/win-erased.txt"; then
  echo "FAIL erasure: the two runs erased different values" >&2; failed=$((failed + 1))
else
  left_lin="$(grep -r -a -l -F -f "$work/lin-erased.txt" "$lin_home/data/Dataskydd" || true)"
  left_win="$(grep -r -a -l -F -f "$work/win-erased.txt" "$appdata_unix/Dataskydd" || true)"
  if [ -z "$left_lin$left_win" ]; then
    echo "ok   erasure: $(wc -l <"$work/lin-erased.txt") erased values, no fragment left in either data folder" >&2; passed=$((passed + 1))
  else
    echo "FAIL erasure: erased values still on disk in: ${left_lin} ${left_win}" >&2; failed=$((failed + 1))
  fi
fi

# --- 3. The installer ----------------------------------------------------------------
# The uninstaller copies itself to %TEMP% and returns at once (so that it can delete
# its own folder): wait for the effect, at most 60 s.
wait_until() { local _; for _ in $(seq 120); do if eval "$1"; then return 0; fi; sleep 0.5; done; return 1; }
programs="$WINEPREFIX/drive_c/users/$winuser/AppData/Local/Programs/Dataskydd"
startmenu="$WINEPREFIX/drive_c/users/$winuser/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Dataskydd.lnk"
inst_ok=1
mkdir -p "$appdata_unix/Dataskydd"
: >"$appdata_unix/Dataskydd/keep-me"
tasks="$WINEPREFIX/drive_c/windows/system32/tasks/Dataskydd"
timeout 60 wine "$SETUP" /S /SCHEDULE || inst_ok=0
# Wine's Task Scheduler checks the XML (it refuses malformed or unknown elements) and
# registers the task, though it does not keep the <Exec> details.
[ -f "$tasks/Anonymise" ] || { echo "  installer /SCHEDULE: no \\Dataskydd\\Anonymise task" >&2; inst_ok=0; }
[ -f "$programs/dataskydd.exe" ] || { echo "  installer: no dataskydd.exe in $programs" >&2; inst_ok=0; }
[ -f "$programs/uninstall.exe" ] || { echo "  installer: no uninstall.exe" >&2; inst_ok=0; }
[ -f "$startmenu" ] || { echo "  installer: no Start menu entry" >&2; inst_ok=0; }
iv="$(wine "$programs/dataskydd.exe" --version 2>&1 | tr -d '\r' || true)"
grep -q "^Dataskydd $VERSION" <<<"$iv" || { echo "  installer: installed binary says '$iv'" >&2; inst_ok=0; }
if [ $inst_ok = 1 ]; then echo "ok   installer: silent install, Start menu entry, scheduled task, installed binary runs" >&2; passed=$((passed + 1)); else echo "FAIL installer" >&2; failed=$((failed + 1)); fi

un_ok=1
timeout 60 wine "$programs/uninstall.exe" /S || un_ok=0
wait_until '[ ! -e "$programs/uninstall.exe" ]' || true
[ ! -e "$programs/dataskydd.exe" ] || { echo "  uninstaller: dataskydd.exe still there" >&2; un_ok=0; }
[ ! -e "$startmenu" ] || { echo "  uninstaller: Start menu entry still there" >&2; un_ok=0; }
[ ! -e "$tasks/Anonymise" ] || { echo "  uninstaller: scheduled task still there" >&2; un_ok=0; }
[ -f "$appdata_unix/Dataskydd/keep-me" ] || { echo "  uninstaller: deleted the data folder without being asked" >&2; un_ok=0; }
if [ $un_ok = 1 ]; then echo "ok   uninstaller: program, Start menu entry and task removed, data folder kept" >&2; passed=$((passed + 1)); else echo "FAIL uninstaller" >&2; failed=$((failed + 1)); fi

del_ok=1
timeout 60 wine "$SETUP" /S || del_ok=0
[ -f "$programs/uninstall.exe" ] || del_ok=0
timeout 60 wine "$programs/uninstall.exe" /S /DELETEDATA || del_ok=0
wait_until '[ ! -e "$programs/uninstall.exe" ] && [ ! -e "$appdata_unix/Dataskydd" ]' || true
[ ! -e "$appdata_unix/Dataskydd" ] || { echo "  uninstaller /DELETEDATA: data folder still there" >&2; del_ok=0; }
[ ! -e "$programs/dataskydd.exe" ] || { echo "  uninstaller /DELETEDATA: program still there" >&2; del_ok=0; }
if [ $del_ok = 1 ]; then echo "ok   uninstaller /S /DELETEDATA: program and data folder removed" >&2; passed=$((passed + 1)); else echo "FAIL uninstaller /DELETEDATA" >&2; failed=$((failed + 1)); fi

echo "test-windows: $(( $(date +%s) - start )) s under Wine"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
