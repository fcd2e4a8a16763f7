#!/bin/sh
# make check-windows: the CLI tests on build/windows/antt.exe under wine
# (tests/windows/antt-wine.sh stands in for ./antt).  A test that cannot
# apply to Windows is listed in tests/windows/skip.txt with the reason and
# counted as skipped, not passed.  Ends with "N passed, N failed, N skipped".
cd "$(dirname "$0")/../.." || exit 2
export ANTT_FORMS="$PWD/forms"
export ANTT="$PWD/tests/windows/antt-wine.sh"
export ANTT_WINDOWS=1 # for the few checks that differ on Windows by design
export WINEPREFIX="$PWD/build/windows/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
log=build/windows/test.log
mkdir -p build/windows && : > "$log"
pass=0 fail=0 skip=0
[ -d "$WINEPREFIX" ] || wineboot -i > /dev/null 2>&1
wineserver -p 60 # one server for all the runs, gone 60 s after the last

out=$(mktemp)
for t in ${TESTS:-tests/cli/test_*.sh tests/windows/test_*.sh}; do
	name=$(basename "$t" .sh)
	why=$(sed -n "s/^$name[[:space:]][[:space:]]*//p" tests/windows/skip.txt)
	if [ -n "$why" ]; then
		printf '  SKIP   %s: %s\n' "$t" "$why"
		echo "ok - $t # SKIP $why" >> "$log"
		skip=$((skip + 1))
		continue
	fi
	sh "$t" > "$out" 2>&1
	rc=$?
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
rm -f "$out"
echo "windows: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
