#!/bin/sh
# make check-windows: the CLI and UI tests on build/windows/antt.exe under
# wine (tests/windows/antt-wine.sh stands in for ./antt).  A test that
# cannot apply to Windows is listed in tests/windows/skip.txt with the
# reason, a single check in skip-checks.txt; both are counted as skipped,
# not passed.  Ends with "N passed, N failed, N skipped".
#
# The prefix has no Z: drive (a real Windows has no /dev/urandom, /dev/tty
# or /etc): its only drive besides C: is D:, a folder into which /tmp and
# this checkout are bound in a mount namespace of the run's own, so the
# tests' Unix paths (/tmp/antt-cli-x/test.db) read as D:\tmp\antt-cli-x\
# test.db name the same files, and nothing else of the machine is
# reachable.  Without unshare (it needs
# root) the run falls back to a prefix with Z: and says so.
cd "$(dirname "$0")/../.." || exit 2
W=$PWD/build/windows
if [ -z "${ANTT_WINE_NS:-}" ] && [ -z "${ANTT_WINE_Z:-}" ]; then
	if unshare -m true 2> /dev/null; then
		R=$W/noz-root
		mkdir -p "$R/tmp"
		# a checkout under /tmp is in D: with /tmp; one elsewhere is bound
		# beside it (binding it again inside /tmp's copy would hide it)
		case $PWD/ in /tmp/*) bind=: ;; *) bind="mount --bind" ; mkdir -p "$R$PWD" ;; esac
		# the namespace's own tmux server, so the panes are inside it too
		mkdir -p "$W/tmux"
		# /tmp shared with its copy in D:, so that a disk a test mounts
		# under /tmp (test_full_disk) is in D: too
		exec env ANTT_WINE_NS="$R" TMPDIR=/tmp TMUX_TMPDIR="$W/tmux" unshare -m sh -c \
			'mount --make-rprivate / && mount --bind /tmp /tmp && mount --make-shared /tmp &&
			 mount --bind /tmp "$1/tmp" && $3 "$2" "$1$2" && exec sh tests/windows/run.sh' - "$R" "$PWD" "$bind"
	fi
	echo "windows: no mount namespace here (unshare needs root): the prefix with Z: is used"
	export ANTT_WINE_Z=1
fi
export ANTT_FORMS="$PWD/forms"
export ANTT="$PWD/tests/windows/antt-wine.sh"
export ANTT_WINDOWS=1 # for the few checks that differ on Windows by design
export ANTT_TEST_SLOW=${ANTT_TEST_SLOW:-5} # wine starts slowly on a busy machine: waits end when the screen is there, so only a failure waits longer (at 3, a machine running make check beside it failed test_officer, test_checklist_keys: a setting typed in words was stored after 9 s)
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
log=build/windows/test.log
mkdir -p build/windows && : > "$log"
: > build/windows/wine-restarts.log   # antt-wine.sh: a run wine did not start, run again
pass=0 fail=0 skip=0
if [ -n "${ANTT_WINE_Z:-}" ]; then
	export WINEPREFIX="$PWD/build/windows/wineprefix"
	[ -d "$WINEPREFIX" ] || wineboot -i > /dev/null 2>&1
else
	export WINEPREFIX="$PWD/build/windows/wineprefix-noz"
	[ -d "$WINEPREFIX" ] || wineboot -i > /dev/null 2>&1
	wineserver -w
	rm -f "$WINEPREFIX/dosdevices/z:"
	# the folder itself, not its copy seen through the bound checkout
	ln -sfn "$ANTT_WINE_NS" "$WINEPREFIX/dosdevices/d:"
fi
# the Documents folder (where the report and the printed checklists go when
# no path is given) as a folder of the prefix, not wine's link to $HOME:
# the tests look for the files there and remove them
docs="$WINEPREFIX/drive_c/users/$(id -un)/Documents"
[ -L "$docs" ] && rm -f "$docs"
mkdir -p "$docs"
export ANTT_WINE_DOCS="$docs"
wineserver -p 60 < /dev/null > /dev/null 2>&1 # one server for all the runs

# the tests side by side (tests/jobs.sh); those that use the prefix's one
# Documents folder one at a time
. tests/jobs.sh
for t in ${TESTS:-tests/cli/test_*.sh tests/ui/test_*.sh tests/windows/test_*.sh}; do
	name=$(basename "$t" .sh)
	why=$(sed -n "s/^$name[[:space:]][[:space:]]*//p" tests/windows/skip.txt)
	if [ -n "$why" ]; then
		printf '  SKIP   %s: %s\n' "$t" "$why"
		echo "ok - $t # SKIP $why" >> "$log"
		skip=$((skip + 1))
		continue
	fi
	lock=-
	grep -q 'WINE_DOCS\|Documents' "$t" && lock=documents
	case $t in */cli/*) guess=60 ;; *) guess=120 ;; esac
	job_add "$t" "$lock" $guess "exec sh $t"
done
jobs_start build/windows/test-times.log
out=$(mktemp)
for i in $(cat "$jobs_dir/order"); do
	job_wait "$i"
	t=$(cat "$jobs_dir/$i.name")
	name=$(basename "$t" .sh)
	rc=$job_rc
	# single checks that cannot apply (skip-checks.txt: test, text of the
	# check, reason, and which of the checks with that text if not all):
	# skipped whatever their result, counted neither passed nor failed
	awk -F '\t' -v name="$name" '
		NR == FNR { if ($1 == name) { pat[++n] = $2; why[n] = $3; nth[n] = $4 } next }
		/^(not )?ok / { for (i = 1; i <= n; i++) if (index($0, pat[i]) && (!nth[i] || ++seen[i] == nth[i])) {
			sub(/^(not )?ok - /, ""); sub(/ # SKIP.*/, "")
			print "ok - " $0 " # SKIP " why[i]; next } }
		{ print }' tests/windows/skip-checks.txt "$job_out" > "$out"
	# a test that failed only in skipped checks has not failed
	[ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$out" && grep -q '^not ok ' "$job_out" && rc=0
	k=$(grep -c '^ok .*# SKIP' "$out")
	p=$(( $(grep -c '^ok ' "$out") - k ))
	f=$(grep -c '^not ok ' "$out")
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1 && echo "not ok - $t exited with status $rc" >> "$out"
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + k))
	if [ "$f" -gt 0 ]; then
		printf '  FAIL   %s (%d passed, %d failed)\n' "$t" "$p" "$f"
		grep -E -A4 '^not ok' "$out" | sed 's/^/         /' | head -30
	else
		printf '  PASS   %s (%d%s)\n' "$t" "$p" "$([ "$k" -gt 0 ] && echo ", $k skipped")"
	fi
	cat "$out" >> "$log"
done
jobs_end
rm -f "$out"
wineserver -k # its services would keep it (and the namespace) alive
restarts=$(wc -l < build/windows/wine-restarts.log)
[ "$restarts" -eq 0 ] || echo "windows: $restarts time(s) wine did not start antt.exe (it ended with no word, or left its pane blank); each was run again (build/windows/wine-restarts.log)"
echo "windows: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
