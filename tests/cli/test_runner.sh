# tests/run.sh itself: what its last line says of passed, failed and skipped
# checks. A check that cannot run here is counted as skipped, never as
# passed: TAP's "# SKIP" in any case ("# skipped" too), cmocka's skip()
# ("not ok N # SKIP"), a file that exits with 77, and the full-disk test
# where a tmpfs cannot be mounted.
. "$(dirname "$0")/lib.sh"
RUN="$(cd "$(dirname "$0")/../.." && pwd)/tests/run.sh"
F="$T/fake"
mkdir -p "$F"
printf 'echo "ok 1 - a"; echo "ok 2 - b"\n' > "$F/pass.sh"
printf 'echo "ok - x # SKIP cannot mount a tmpfs here"\n' > "$F/tap_skip.sh"
printf 'echo "ok - x # skipped, no tmpfs"\n' > "$F/lower_skip.sh"
printf 'echo 1..2; echo "not ok 1 # SKIP a"; echo "ok 2 - b"; echo "# ok - t"\n' > "$F/cmocka_skip.sh"
printf 'echo "# nothing to test here"; exit 77\n' > "$F/exit77.sh"
printf 'echo "ok 1 - a"; exit 3\n' > "$F/crash.sh"
printf 'echo "not ok 1 - a"; exit 77\n' > "$F/fail77.sh"

# runner LOG FILES...: run.sh on just these; sets $rc, $out
runner() {
	log=$1; shift
	ANTT_RUN_ONLY="$*" ANTT_TEST_LOG="$log" sh "$RUN" > "$T/out" 2> "$T/err"
	rc=$?
	out=$(tail -1 "$T/out")
	err=$(cat "$T/err")
}

runner "$T/1.log" "$F/pass.sh"
expect_eq "$out" "2 passed, 0 failed, 0 skipped" "two passing checks are counted as passed"
expect_rc 0 "and the runner succeeds"

runner "$T/2.log" "$F/tap_skip.sh" "$F/lower_skip.sh" "$F/cmocka_skip.sh" "$F/exit77.sh"
expect_eq "$out" "1 passed, 0 failed, 4 skipped" "the skip directive in any case, cmocka's skip and exit 77 are counted as skipped"
expect_rc 0 "skipped checks do not fail the run"
grep -q 'exit77.sh # SKIP exited with status 77' "$T/2.log" && ok "the log says why a whole file was skipped" ||
	not_ok "the log lacks the exit-77 skip"

runner "$T/3.log" "$F/crash.sh" "$F/fail77.sh" "$F/pass.sh"
expect_eq "$out" "3 passed, 2 failed, 0 skipped" "a crash and a failure are failures, even with status 77"
expect_rc 1 "and the runner fails"

# side by side: reported in the order started (as given, when their times
# are not known), each with its time; one that hangs is stopped and fails,
# and the others still count
printf 'sleep 2; echo "ok 1 - slow"\n' > "$F/slow.sh"
printf 'echo "ok 1 - hung"; sleep 60\n' > "$F/hung.sh"
ANTT_TEST_TIMEOUT=4 runner "$T/5.log" "$F/slow.sh" "$F/hung.sh" "$F/pass.sh"
expect_eq "$out" "4 passed, 1 failed, 0 skipped" "a test that hangs is stopped and counted as failed, the rest as they ended"
expect_rc 1 "and the runner fails"
grep -q "hung.sh stopped after 4 s (ANTT_TEST_TIMEOUT)" "$T/5.log" && ok "the log says the test was stopped" ||
	not_ok "the log does not say the hung test was stopped"
order=$(grep -E '^  (PASS|FAIL) ' "$T/out" | awk '{ sub(/.*\//, "", $2); printf "%s ", $2 }')
expect_eq "$order" "slow.sh hung.sh pass.sh " "the results come in the order the tests were given, not as they ended"
expect_eq "$(wc -l < "$T/5-times.log" | tr -d ' ')" "3" "the time of each is kept"
expect_eq "$(head -1 "$T/5-times.log" | sed 's/^[0-9]* //' | sed 's|.*/||')" "hung.sh" "slowest first"
ANTT_TEST_TIMEOUT=4 runner "$T/5.log" "$F/slow.sh" "$F/hung.sh" "$F/pass.sh"
order=$(grep -E '^  (PASS|FAIL) ' "$T/out" | awk '{ sub(/.*\//, "", $2); printf "%s ", $2 }')
expect_eq "$order" "hung.sh slow.sh pass.sh " "the next run starts the slowest of the last first"

# a test stopped by the timeout still removes its scratch folder (the
# helpers' EXIT trap runs on TERM too)
printf '. "%s/lib.sh"\necho "$T" > "%s/hung_dir"\necho "ok 1 - started"\nsleep 60\n' \
	"$(cd "$(dirname "$0")" && pwd)" "$F" > "$F/hung_lib.sh"
ANTT_TEST_TIMEOUT=3 runner "$T/6.log" "$F/hung_lib.sh"
expect_eq "$out" "1 passed, 1 failed, 0 skipped" "a test using the helpers that hangs is stopped"
left=$(cat "$F/hung_dir" 2>/dev/null)
[ -n "$left" ] && [ ! -e "$left" ] && ok "and its scratch folder is gone" ||
	not_ok "the stopped test left its folder ${left:-(none said)}"

# two jobs that name one lock (the Documents folder under wine) run one
# after the other, even with room for both
ROOT=$(dirname "$(dirname "$RUN")")
for j in a b; do
	printf 'echo %s-in >> "%s"; sleep 1; echo %s-out >> "%s"\n' $j "$T/seq" $j "$T/seq" > "$F/lock_$j.sh"
done
(cd "$ROOT" && . tests/jobs.sh && job_add a docs 1 "sh $F/lock_a.sh" && job_add b docs 1 "sh $F/lock_b.sh" &&
	ANTT_TEST_JOBS=2 jobs_start "$T/lock-times.log" && job_wait 1 && job_wait 2 && jobs_end)
case $(tr '\n' ' ' < "$T/seq") in
"a-in a-out b-in b-out " | "b-in b-out a-in a-out ") ok "jobs that share a lock run one at a time" ;;
*) not_ok "jobs that share a lock overlapped: $(tr '\n' ' ' < "$T/seq")" ;;
esac

# the real full-disk test where mounting is refused (as for a user who is not root)
mkdir -p "$T/bin"
printf '#!/bin/sh\nexit 32\n' > "$T/bin/mount"
chmod +x "$T/bin/mount"
PATH="$T/bin:$PATH" runner "$T/4.log" tests/cli/test_full_disk.sh
expect_eq "$out" "0 passed, 0 failed, 1 skipped" "the full-disk test without a tmpfs is counted as skipped"
expect_rc 0 "and does not fail the run"
finish
