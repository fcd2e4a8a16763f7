#!/bin/sh
# The Excel report on the province-size database: antt's whole workbook
# against a Python script (sqlite3 + python3-xlsxwriter) writing only the
# summary sheet from the same database. Best of 3 each.
set -eu
cd "$(dirname "$0")/.."
B=build/bench
DB=$B/province.db
export ANTT_FORMS="$PWD/forms"

best() { # best CMD...: best wall time of 5 runs (ns clock), and peak RSS
	b="" peak=0
	for i in 1 2 3 4 5; do
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$B/time" "$@" > /dev/null
		t=$(echo "($(date +%s%N) - $t0) / 1000000000" | bc -l)
		read -r m < "$B/time"
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" -eq 1 ]; then b=$t; fi
		[ "$m" -gt "$peak" ] && peak=$m
	done
	printf '%.3f %s\n' "$b" "$peak"
}
set -- $(best ./antt --db "$DB" report --year 2025 -o "$B/antt.xlsx" --force --date 2025-11-20)
antt_t=$1 antt_m=$2
set -- $(best ./antt --db "$DB" report --year 2025 -o "$B/antt-summary.xlsx" --force --date 2025-11-20 --summary-only)
sum_t=$1 sum_m=$2
set -- $(best /usr/bin/python3 bench/report.py "$DB" 2025 "$B/python.xlsx" --summary-only)
py_t=$1 py_m=$2
printf '%8s s %7.1f MiB   antt report: the whole workbook (target 0.2 s, 20 MiB)\n' "$antt_t" "$(echo "$antt_m / 1024" | bc -l)"
printf '%8s s %7.1f MiB   antt report --summary-only: the summary sheet\n' "$sum_t" "$(echo "$sum_m / 1024" | bc -l)"
printf '%8s s %7.1f MiB   Python + xlsxwriter: the same summary sheet\n' "$py_t" "$(echo "$py_m / 1024" | bc -l)"
printf '%8.1f ×            antt faster on the same sheet (target 5 ×)\n' "$(echo "$py_t / ($sum_t + 0.0001)" | bc -l)"
printf '%8.1f ×            Python (one sheet) against antt (whole workbook)\n' "$(echo "$py_t / ($antt_t + 0.0001)" | bc -l)"
