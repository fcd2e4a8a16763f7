#!/bin/sh
# The screens as an officer meets them, at 1×, 3× and 30× a province
# (issue 19): whole processes from exec to the first screen, the first
# start of the day on its own, the peak memory of a working session, and
# every key's time (p50, p99, max). Driven in tmux at 80×24.
#
#   bench/ui.sh [SCALE...]        default: 1 3 30
#
# Databases: build/bench/province.db for 1×, build/bench/scale-N.db for N×
# (made with `antt demo --scale N` when missing); UI_DB_N=PATH uses another.
# The sessions write a few answers into them, as an officer would.
#
# How it measures, and what it leaves out:
# - first screen: ANTT_T0 is the real clock just before the shell execs
#   antt; antt writes the time when its first screen is drawn (ANTT_TIMING),
#   so process start, linking, opening and migrating the database are in.
# - first start of the day: the same with no backup of today (today's
#   backups moved aside for the run); Esc on quit gives the copy up.
# - memory: VmHWM of the running antt (/proc/PID/status) just before q.
# - keys: antt times each key from reading it to the screen drawn after it;
#   the bench sends the next key only once that line is written, so no key
#   waits behind another. A key that came while antt did a piece of work
#   between keys (a slice of the day's backup, or of the work it does
#   ahead: the criteria sets parsed, Progress's figures) counts from that
#   piece's start, an upper bound of its wait. Left out: the terminal's
#   own time to show the screen. A session's first key is sent once the
#   first work ahead is done, as an officer reads the screen first; the
#   time that takes and its longest piece are shown.
# - on a large database the first screen shows its own rows first
#   (tree_preview) and the whole tree is read right after, before any key:
#   when that was done is shown too.
# The machine may be shared: medians over several runs, and min/max shown.
set -eu
cd "$(dirname "$0")/.."
B=build/bench
S=antt-bench-$$
TM=$B/ui-timing
export LANG=C.UTF-8 ANTT_FORMS="$PWD/forms"
mkdir -p "$B"
SCALES=${*:-1 3 30}
RUNS=${UI_RUNS:-7}           # starts per measure
SESSIONS=${UI_SESSIONS:-3}   # working sessions per scale
trap 'tmux kill-session -t "$S" 2>/dev/null || true' EXIT

db_of() { # db_of N: the database for scale N
	eval "p=\${UI_DB_$1:-}"
	if [ -n "$p" ]; then echo "$p"; elif [ "$1" = 1 ]; then echo "$B/province.db"; else echo "$B/scale-$1.db"; fi
}

# stats FILE: "median min max" of the numbers in FILE
stats() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (!NR) { print "- - -"; exit }
	m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'; }
# pct FILE P: the P-th percentile (nearest rank) of the numbers in FILE
pct() { sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { if (!NR) { print "-"; exit }
	r = int(p / 100 * NR + 0.999999); if (r < 1) r = 1; print v[r] }'; }

# launch DB: antt in a fresh pane, timing to $TM; waits for the first screen
launch() {
	rm -f "$TM"
	tmux kill-session -t "$S" 2>/dev/null || true
	tmux new-session -d -s "$S" -x 80 -y 24 \
		"ANTT_TIMING=$TM ANTT_USER=bench ANTT_T0=\$(date +%s%N) exec ./antt --db $1"
	i=0
	while ! grep -q '^first_screen_ms' "$TM" 2>/dev/null; do
		sleep 0.01
		i=$((i + 1))
		[ $i -lt 6000 ] || { echo "bench/ui.sh: no first screen from $1" >&2; exit 1; }
	done
}
first_ms() { awk '$1 == "first_screen_ms" { print $2 }' "$TM"; }
first_cpu() { awk '$1 == "first_screen_cpu_ms" { print $2 }' "$TM"; }
# leave: q (Esc too, when a backup is being finished), until the pane is gone
leave() {
	tmux send-keys -t "$S" q
	sleep 0.1
	tmux send-keys -t "$S" Escape 2>/dev/null || true
	i=0
	while tmux has-session -t "$S" 2>/dev/null && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
}
# key K: send one key and wait until antt has drawn the screen after it
key() {
	n=$(grep -c '^key ' "$TM" || true)
	tmux send-keys -t "$S" "$1"
	i=0
	while [ "$(grep -c '^key ' "$TM" || true)" -le "$n" ] && [ $i -lt 3000 ]; do sleep 0.005; i=$((i + 1)); done
}
typed() { # typed TEXT: each character as a key
	printf '%s' "$1" | fold -w1 | while IFS= read -r c; do key "$c"; done
}
today_aside() { # move today's backups of DB aside (to $2), or back
	d=$(dirname "$1")/antt-backups
	mkdir -p "$2"
	if [ "$3" = away ]; then
		find "$d" -maxdepth 1 -name "*-$(date +%Y%m%d)-*.db" -exec mv {} "$2"/ \; 2>/dev/null || true
	else
		find "$2" -maxdepth 1 -name '*.db' -exec mv {} "$d"/ \; 2>/dev/null || true
	fi
}

for N in $SCALES; do
	DB=$(db_of "$N")
	if [ ! -f "$DB" ]; then
		if [ "$N" = 1 ]; then
			ANTT_USER=bench ./antt --db "$DB" demo --size province > /dev/null
		else
			ANTT_USER=bench ./antt --db "$DB" demo --scale "$N" > /dev/null
		fi
	fi
	ANTT_USER=bench ./antt --db "$DB" settings > /dev/null   # migrated, and today's backup made
	sqlite3 "$DB" "DELETE FROM ui_state"
	printf '\n%s× — %s: %s đơn vị, %s câu trả lời, %s MiB\n' "$N" "$DB" \
		"$(sqlite3 "$DB" 'SELECT count(*) FROM units')" "$(sqlite3 "$DB" 'SELECT count(*) FROM answers')" \
		"$(( $(stat -c %s "$DB") / 1048576 ))"

	# first screen, a backup of today existing
	: > "$B/ui-first"
	: > "$B/ui-first-cpu"
	r=0
	while [ $r -lt "$RUNS" ]; do
		launch "$DB"; first_ms >> "$B/ui-first"; first_cpu >> "$B/ui-first-cpu"; leave; r=$((r + 1))
	done
	set -- $(stats "$B/ui-first")
	printf '%9s ms  first screen from exec, median of %s (min %s, max %s); target 30 ms\n' "$1" "$RUNS" "$2" "$3"
	set -- $(stats "$B/ui-first-cpu")
	printf '%9s ms  ... of which CPU time of antt (min %s, max %s)\n' "$1" "$2" "$3"

	# the first start of the day: no backup of today
	: > "$B/ui-first-day"
	r=0
	while [ $r -lt 3 ]; do
		today_aside "$DB" "$B/ui-aside" away
		launch "$DB"; first_ms >> "$B/ui-first-day"; leave
		today_aside "$DB" "$B/ui-aside" back
		r=$((r + 1))
	done
	set -- $(stats "$B/ui-first-day")
	printf '%9s ms  first screen of the day (backup copied afterwards), median of 3 (min %s, max %s)\n' "$1" "$2" "$3"

	# working sessions: search, open, answer, move, filters, progress,
	# years, help, next unit, open again
	: > "$B/ui-keys"
	: > "$B/ui-rss"
	: > "$B/ui-ahead"
	: > "$B/ui-piece"
	: > "$B/ui-whole"
	r=0
	while [ $r -lt "$SESSIONS" ]; do
		sqlite3 "$DB" "DELETE FROM ui_state"
		launch "$DB"
		i=0
		while ! grep -q '^idle_done_ms' "$TM" && [ $i -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
		awk '$1 == "idle_done_ms" { print $2 }' "$TM" >> "$B/ui-ahead"
		awk '$1 == "idle_piece_max_ms" { print $2 }' "$TM" >> "$B/ui-piece"
		awk '$1 == "tree_done_ms" { print $2 }' "$TM" >> "$B/ui-whole"
		for k in / ; do key "$k"; done
		typed "thon"; key Space; typed "dong"; key Enter
		for k in Enter Down Down Down k c Down Down Escape \
		         Down Down Enter Escape n Enter Escape \
		         p Down Down PageDown Escape p Escape \
		         '[' ']' '[' ']' t t s s Escape PageDown PageDown PageUp End Home \
		         F1 Escape v Enter Escape ']' '[' p ']' Escape; do
			key "$k"
		done
		pid=$(tmux list-panes -t "$S" -F '#{pane_pid}')
		awk '/^VmHWM/ { print $2 / 1024 }' "/proc/$pid/status" >> "$B/ui-rss"
		awk '$1 == "key" { print $2, $3, $4 }' "$TM" >> "$B/ui-keys"
		leave
		r=$((r + 1))
	done
	set -- $(stats "$B/ui-rss")
	printf '%9.1f MiB peak memory of a working session, median of %s (min %.1f, max %.1f); target 16 MiB\n' \
		"$1" "$SESSIONS" "$2" "$3"
	set -- $(stats "$B/ui-ahead")
	a=$1
	set -- $(stats "$B/ui-piece")
	printf '%9s ms  work ahead done after exec, median (its longest piece: max %s ms)\n' "$a" "$3"
	if [ -s "$B/ui-whole" ]; then   # a large database: the first screen showed its own rows first
		set -- $(stats "$B/ui-whole")
		printf '%9s ms  whole tree read after exec (the first screen had its rows only), median (min %s, max %s)\n' \
			"$1" "$2" "$3"
	fi
	awk '{ print $2 }' "$B/ui-keys" > "$B/ui-keys-ms"
	awk '{ print $3 }' "$B/ui-keys" > "$B/ui-keys-cpu"
	target=5; [ "$N" -ge 30 ] && target=16
	printf '%9s ms  p99 of %s keys (p50 %s, max %s); target %s ms\n' "$(pct "$B/ui-keys-ms" 99)" \
		"$(wc -l < "$B/ui-keys-ms")" "$(pct "$B/ui-keys-ms" 50)" "$(pct "$B/ui-keys-ms" 100)" "$target"
	printf '%9s ms  ... CPU time of antt: p99 (p50 %s, max %s)\n' "$(pct "$B/ui-keys-cpu" 99)" \
		"$(pct "$B/ui-keys-cpu" 50)" "$(pct "$B/ui-keys-cpu" 100)"
	# the named keys: p (Progress), [ ] (year), Enter, and the slowest others
	awk '{ n[$1]++; if ($2 > m[$1]) { m[$1] = $2; c[$1] = $3 } } END { for (k in n) printf "%s %d %.2f %.2f\n", k, n[k], m[k], c[k] }' \
		"$B/ui-keys" | sort -k3 -rn | head -8 |
		awk '{ printf "             max %7.2f ms (CPU %6.2f)  key %-10s (%d times)\n", $3, $4, $1, $2 }'
done

# assessing a unit whose criteria all hold, from the list with the cursor
# on it: Enter, *, Esc (and n first to get there from the unit before it).
# A khu dân cư registered with nothing typed: n from the top of the list
# goes to a commune, whose criterion 4 * cannot fill (it counts the
# recognitions below it), so the bench puts the cursor on the unit.
DB=$(db_of "$(echo $SCALES | cut -d' ' -f1)")
unit=$(sqlite3 "$DB" "SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = 2025
	AND u.type = 'khu-dan-cu' AND a.status = 'registered' ORDER BY u.code LIMIT 1")
if [ -n "$unit" ]; then
	sqlite3 "$DB" "DELETE FROM ui_state; INSERT INTO ui_state (key, value) VALUES ('unit', '$unit'), ('screen', 'units')"
	before=$(sqlite3 "$DB" "SELECT count(*) FROM assessments WHERE year = 2025 AND verdict = 'pass'")
	launch "$DB"
	for k in Enter '*' Escape; do key "$k"; done
	leave
	after=$(sqlite3 "$DB" "SELECT count(*) FROM assessments WHERE year = 2025 AND verdict = 'pass'")
	printf '%9s     keystrokes to assess a unit where everything holds (%s: Enter * Esc, +1 for n; target 4): %s more đạt\n' \
		3 "$unit" "$((after - before))"
else
	printf '          keystrokes to assess a unit: skipped (no khu dân cư registered with nothing typed in 2025)\n'
fi
