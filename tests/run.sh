#!/bin/sh
# Run every test: the cmocka unit tests (also under ASan + UBSan when built)
# and the end-to-end tests of the antt binary. Ends with "N passed, N failed,
# N skipped": a check that cannot run here prints "ok - ... # SKIP why".
cd "$(dirname "$0")/.." || exit 2
export ANTT_FORMS="$PWD/forms"
export CMOCKA_MESSAGE_OUTPUT=TAP
log=build/test.log
: > "$log"
pass=0
fail=0
skip=0

# count TAP lines of one program's output; a crash with no "not ok" counts
# as one failure
tally() { # name rc output-file
	# cmocka's skip() writes "not ok N # SKIP": a skip all the same
	k=$(grep -cE '^(not )?ok .*# SKIP' "$3")
	p=$(( $(grep -c '^ok ' "$3") - $(grep -c '^ok .*# SKIP' "$3") ))
	f=$(grep '^not ok ' "$3" | grep -vc '# SKIP')
	skip=$((skip + k))
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $1 exited with status $2" >> "$3"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		printf '  FAIL   %s (%d passed, %d failed)\n' "$1" "$p" "$f"
		grep -E -A8 '^not ok|^#|ERROR|LINE|Sanitizer|runtime error' "$3" | sed 's/^/         /' | head -40
	else
		printf '  PASS   %s (%d%s)\n' "$1" "$p" "$([ "$k" -gt 0 ] && echo ", $k skipped")"
		grep -E '^(not )?ok .*# SKIP' "$3" | sed 's/^/         /'
	fi
	cat "$3" >> "$log"
}

out=$(mktemp)
for t in build/tests/test_* build/san/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" > "$out" 2>&1
	tally "$t" $? "$out"
done
for t in tests/cli/test_*.sh tests/ui/test_*.sh; do
	ANTT="$PWD/antt" sh "$t" > "$out" 2>&1
	tally "$t" $? "$out"
	if [ -x build/san/antt ]; then
		ANTT="$PWD/build/san/antt" sh "$t" > "$out" 2>&1
		tally "$t (ASan+UBSan)" $? "$out"
	fi
done
rm -f "$out"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
