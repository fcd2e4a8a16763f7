#!/bin/sh
# One test of a run side by side (tests/jobs.sh): job I of folder DIR runs
# DIR/I.cmd, once it holds the lock DIR/I.lock names (if any), its output
# to DIR/I.out; then its status and milliseconds to DIR/I.rc, written under
# another name and moved there, so that the runner waiting for it reads it
# whole. After LIMIT seconds of its own (the wait for the lock not counted)
# it is stopped, TERM then KILL, and fails with a line that says so.
# Its tmux server (a daemon: out of reach of timeout's signals) is in a
# folder of the job's own (ANTT_JOB_TMUX, which cli/lib.sh uses), ended
# after it, so that a test stopped midway leaves no screen and no lock
# behind. flock -o: the lock is held by flock alone, not by what the test
# starts.
dir=$1 limit=$2 i=$3
ANTT_JOB_TMUX=$(mktemp -d) || exit 1
export ANTT_JOB_TMUX
set -- timeout -k 10 "$limit" sh -c 'date +%s%N > "$1.t0"; exec sh "$1.cmd"' - "$dir/$i"
[ -f "$dir/$i.lock" ] && set -- flock -o "$(cat "$dir/$i.lock")" "$@"
"$@" > "$dir/$i.out" 2>&1 < /dev/null
rc=$?
t1=$(date +%s%N)
TMUX_TMPDIR=$ANTT_JOB_TMUX tmux kill-server 2> /dev/null
rm -rf "$ANTT_JOB_TMUX"
t0=$(cat "$dir/$i.t0" 2> /dev/null) || t0=$t1
ms=$(( (t1 - t0) / 1000000 ))
# 124: timeout's TERM; 137 its KILL 10 s after, or one from elsewhere (OOM)
if [ "$rc" -eq 124 ] || { [ "$rc" -eq 137 ] && [ "$ms" -ge $((limit * 1000)) ]; }; then
	echo "not ok - $(cat "$dir/$i.name") stopped after $limit s (ANTT_TEST_TIMEOUT)" >> "$dir/$i.out"
fi
{ echo "$rc $ms" > "$dir/$i.rc.part" && mv "$dir/$i.rc.part" "$dir/$i.rc"; } 2> /dev/null   # gone: the run was stopped
