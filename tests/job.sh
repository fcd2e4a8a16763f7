#!/bin/sh
# One test of a run side by side (tests/jobs.sh): job I of folder DIR runs
# DIR/I.cmd (holding the lock DIR/I.lock names, if any), its output to
# DIR/I.out; then its status and milliseconds to
# DIR/I.rc, written under another name and moved there, so that the runner
# waiting for it reads it whole. After LIMIT seconds it is stopped (TERM,
# then KILL) and fails with a line that says so.
dir=$1 limit=$2 i=$3
t0=$(date +%s%N)
lock=
[ -f "$dir/$i.lock" ] && lock="flock $(cat "$dir/$i.lock")"
# timed from when it holds its lock: the wait for another is not its time
timeout -k 10 "$limit" $lock sh -c 'date +%s%N > "$1.t0"; exec sh "$1.cmd"' - "$dir/$i" \
	> "$dir/$i.out" 2>&1 < /dev/null
rc=$?
[ -s "$dir/$i.t0" ] && t0=$(cat "$dir/$i.t0")
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "not ok - $(cat "$dir/$i.name") stopped after $limit s (ANTT_TEST_TIMEOUT)" >> "$dir/$i.out"
fi
t1=$(date +%s%N)
echo "$rc $(( (t1 - t0) / 1000000 ))" > "$dir/$i.rc.part" && mv "$dir/$i.rc.part" "$dir/$i.rc"
