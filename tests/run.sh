#!/bin/sh
# Run every test: the cmocka unit tests (also under ASan + UBSan when built)
# and the end-to-end tests of the antt binary. Ends with "N passed, N failed,
# N skipped": a check that cannot run here prints "ok - ... # SKIP why"
# (TAP's directive, any case: "# skipped" counts too; cmocka's skip() prints
# "not ok N # SKIP"), and a whole file that cannot run exits with 77.
# ANTT_RUN_ONLY="a.sh b.sh" runs just those scripts (tests/cli/test_runner.sh
# tests the runner so), logging to ANTT_TEST_LOG. They run side by side
# (tests/jobs.sh: ANTT_TEST_JOBS at once, each stopped after
# ANTT_TEST_TIMEOUT seconds); the time each took is in build/test-times.log.
cd "$(dirname "$0")/.." || exit 2
export ANTT_FORMS="$PWD/forms"
export CMOCKA_MESSAGE_OUTPUT=TAP
log=${ANTT_TEST_LOG:-build/test.log}
: > "$log"
pass=0
fail=0
skip=0

# count TAP lines of one program's output; a crash with no "not ok" counts
# as one failure
skipped='^(not )?ok .*#[[:space:]]*skip'
tally() { # name rc output-file
	k=$(grep -ciE "$skipped" "$3")
	p=$(( $(grep -c '^ok ' "$3") - $(grep -ciE '^ok .*#[[:space:]]*skip' "$3") ))
	f=$(( $(grep -c '^not ok ' "$3") - $(grep -ciE '^not ok .*#[[:space:]]*skip' "$3") ))
	rc=$2
	# 77: the whole file cannot run here (automake's convention)
	if [ "$rc" -eq 77 ] && [ "$f" -eq 0 ]; then
		rc=0
		if [ "$k" -eq 0 ]; then
			k=1
			echo "ok - $1 # SKIP exited with status 77" >> "$3"
		fi
	fi
	skip=$((skip + k))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $1 exited with status $rc" >> "$3"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		printf '  FAIL   %s (%d passed, %d failed)\n' "$1" "$p" "$f"
		grep -E -A8 '^not ok|^#|ERROR|LINE|Sanitizer|runtime error' "$3" | sed 's/^/         /' | head -40
	else
		printf '  PASS   %s (%d%s)\n' "$1" "$p" "$([ "$k" -gt 0 ] && echo ", $k skipped")"
		grep -iE "$skipped" "$3" | sed 's/^/         /'
	fi
	cat "$3" >> "$log"
}

units="build/tests/test_* build/san/tests/test_*"
scripts="tests/cli/test_*.sh tests/ui/test_*.sh"
[ -n "${ANTT_RUN_ONLY:-}" ] && units= && scripts=$ANTT_RUN_ONLY
. tests/jobs.sh
# the binaries by name in the commands: a checkout path with a quote in it
# is in no command's text
export ANTT_PLAIN="$PWD/antt" ANTT_SAN="$PWD/build/san/antt"
for t in $units; do
	[ -x "$t" ] && job_add "$t" - 5 "exec $t"
done
for t in $scripts; do
	case $t in */ui/*) guess=60 ;; *) guess=20 ;; esac
	job_add "$t" - $guess "ANTT=\"\$ANTT_PLAIN\" exec sh $t"
	if [ -x build/san/antt ] && [ -z "${ANTT_RUN_ONLY:-}" ]; then
		job_add "$t (ASan+UBSan)" - $((guess * 2)) "ANTT=\"\$ANTT_SAN\" exec sh $t"
	fi
done
jobs_start "${log%.log}-times.log"
for i in $(cat "$jobs_dir/order"); do
	job_wait "$i"
	tally "$(cat "$jobs_dir/$i.name")" "$job_rc" "$job_out"
done
jobs_end
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
