#!/bin/sh
# make bench: speed and memory of antt on a province-size database (about
# 3,000 units and 10 years of answers, made by `antt demo --size province`).
# Prints the median (min-max) of 5 whole runs per command from exec, and
# the peak memory (RSS): bench/measure.py.
set -eu
cd "$(dirname "$0")/.."
B=build/bench
DB=$B/province.db
mkdir -p "$B"
export ANTT_USER=bench ANTT_FORMS="$PWD/forms"

# measure LABEL RUNS ARGS...: median (min-max) wall time and peak RSS of RUNS runs
measure() {
	label=$1 runs=$2
	shift 2
	set -- $(/usr/bin/python3 bench/measure.py "$runs" ./antt --db "$DB" "$@")
	printf '%8s s (%s-%s) %7s MiB   %s\n' "$1" "$2" "$3" "$4" "$label"
}

if [ ! -f "$DB" ]; then
	rm -f "$DB" "$DB-wal" "$DB-shm"
	measure "demo --size province (3.000 đơn vị, 10 năm)" 1 demo --size province
fi
printf '%s: %s đơn vị, %s câu trả lời, %s KiB\n\n' "$DB" \
	"$(sqlite3 "$DB" 'SELECT count(*) FROM units')" \
	"$(sqlite3 "$DB" 'SELECT count(*) FROM answers')" \
	"$(( $(stat -c %s "$DB") / 1024 ))"
./bench/dbsize.sh "$DB" 4
echo

measure "summary 2025 (cả tỉnh)" 5 summary 2025
measure "summary 2019 --under X050 (một xã)" 5 summary 2019 --under X050
measure "assess show X050 2025 (xã, tiêu chí tính)" 5 assess show X050 2025
measure "assess show X050-K01 2025 (khu dân cư)" 5 assess show X050-K01 2025
measure "unit list (cả cây)" 5 unit list
measure "unit list --search \"dong\" (không dấu)" 5 unit list --search dong
measure "answer set (một câu trả lời, ghi FULL)" 5 answer set X050-K01 2025 2 có
measure "forms check (mọi bộ tiêu chí)" 5 forms check
./bench/ui.sh
./bench/report.sh
./bench/import.sh "$DB"
