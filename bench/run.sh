#!/bin/sh
# make bench: speed and memory of antt on a province-size database (about
# 3,000 units and 10 years of answers, made by `antt demo --size province`).
# Prints the best of 5 runs per command and the peak memory (RSS).
set -eu
cd "$(dirname "$0")/.."
B=build/bench
DB=$B/province.db
mkdir -p "$B"
export ANTT_USER=bench ANTT_FORMS="$PWD/forms"

# measure LABEL RUNS ARGS...: best wall time and peak RSS of RUNS runs
measure() {
	label=$1 runs=$2
	shift 2
	best="" peak=0
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$B/time" ./antt --db "$DB" "$@" > /dev/null
		read -r t m < "$B/time"
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" -eq 1 ]; then best=$t; fi
		[ "$m" -gt "$peak" ] && peak=$m
		i=$((i + 1))
	done
	printf '%8s s %7.1f MiB   %s\n' "$best" "$(echo "$peak / 1024" | bc -l)" "$label"
}

if [ ! -f "$DB" ]; then
	rm -f "$DB" "$DB-wal" "$DB-shm"
	measure "demo --size province (3.000 đơn vị, 10 năm)" 1 demo --size province
fi
printf '%s: %s đơn vị, %s câu trả lời, %s KiB\n\n' "$DB" \
	"$(sqlite3 "$DB" 'SELECT count(*) FROM units')" \
	"$(sqlite3 "$DB" 'SELECT count(*) FROM answers')" \
	"$(( $(stat -c %s "$DB") / 1024 ))"

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
