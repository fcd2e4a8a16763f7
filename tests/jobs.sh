# Sourced by tests/run.sh and tests/windows/run.sh: the tests run side by
# side, ANTT_TEST_JOBS at a time (twice the cores by default: an end-to-end
# test spends most of its time waiting for a screen or for wine, and one at
# a time make check outgrew CI's 90 minutes), and are reported one by one
# in the order they were started (jobs_dir/order), as each ends. Every test
# has its own folder, database and tmux server (cli/lib.sh), so none waits
# on another; those that share something outside (wine's Documents folder)
# name a lock.
# A test still running after ANTT_TEST_TIMEOUT seconds is stopped and
# fails, so that one hung screen cannot hold the whole run.
# The time each took, slowest first, goes to TIMES; the next run starts the
# slowest first, so that the last to end is a short one.
jobs_dir=$(mktemp -d)
jobs_n=0
# stopped (Ctrl-C): each test is in a process group of its own (timeout's),
# out of the terminal's reach: its timeout (or the flock before it) is
# told, and passes it on
trap 'rm -rf "$jobs_dir"' EXIT
trap 'pkill -TERM -f -- "$jobs_dir/"; exit 130' INT TERM

# job_add NAME LOCK GUESS COMMAND: LOCK a file name, or - for none; GUESS
# the seconds it may take, for the order of a first run
job_add() {
	jobs_n=$((jobs_n + 1))
	printf '%s\n' "$1" > "$jobs_dir/$jobs_n.name"
	printf '%s\t%s\t%s\n' "$jobs_n" "$3" "$1" >> "$jobs_dir/list"
	printf '%s\n' "$4" > "$jobs_dir/$jobs_n.cmd"
	[ "$2" = - ] || printf '%s\n' "$jobs_dir/$2.lock" > "$jobs_dir/$jobs_n.lock"
}

# jobs_start TIMES: start them all, the slowest of the last run first
# (one it did not see by its guess)
jobs_start() {
	jobs_times=$1
	touch "$jobs_dir/list" "$jobs_dir/times"
	[ -f "$jobs_times" ] || jobs_times_seen=/dev/null
	# one pass: the times seen ("ms name"), then the list ("i guess name")
	awk -F '\t' -v seen="${jobs_times_seen:-$jobs_times}" '
		FILENAME == seen { t = $0; sub(/ .*/, "", t); sub(/^[0-9]+ /, ""); ms[$0] = t; next }
		{ print ($3 in ms ? ms[$3] : $2 * 1000), $1 }' "${jobs_times_seen:-$jobs_times}" "$jobs_dir/list" |
		sort -k1,1nr -k2,2n | cut -d' ' -f2 > "$jobs_dir/order"
	xargs -r -P "${ANTT_TEST_JOBS:-$(( $(nproc) * 2 ))}" -n 1 sh "$PWD/tests/job.sh" "$jobs_dir" \
		"${ANTT_TEST_TIMEOUT:-1200}" < "$jobs_dir/order" &
	jobs_pid=$!
}

# job_wait I: wait for job I to end; sets $job_rc, $job_out (its output)
job_wait() {
	while [ ! -f "$jobs_dir/$1.rc" ]; do
		if ! kill -0 "$jobs_pid" 2> /dev/null && [ ! -f "$jobs_dir/$1.rc" ]; then
			echo "not ok - $(cat "$jobs_dir/$1.name") never ran" > "$jobs_dir/$1.out"
			echo "1 0" > "$jobs_dir/$1.rc"
		fi
		sleep 0.2
	done
	read -r job_rc job_ms < "$jobs_dir/$1.rc"
	job_out=$jobs_dir/$1.out
	printf '%s %s\n' "$job_ms" "$(cat "$jobs_dir/$1.name")" >> "$jobs_dir/times"
}

# jobs_end: the times, slowest first, into TIMES (those of tests not run
# this time kept); the folder removed
jobs_end() {
	wait "$jobs_pid" 2> /dev/null
	awk -v now="$jobs_dir/times" 'FILENAME == now { print; t = $1; $1 = ""; run[$0] = 1; next }
		{ t = $1; $1 = ""; if (!run[$0]) print t $0 }' \
		"$jobs_dir/times" "${jobs_times_seen:-$jobs_times}" | sort -k1,1nr > "$jobs_dir/merged"
	mv "$jobs_dir/merged" "$jobs_times"
	rm -rf "$jobs_dir"
}
