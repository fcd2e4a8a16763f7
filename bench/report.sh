#!/bin/sh
# The Excel report at 1×, 3× and 30× a province (antt demo --scale N):
# antt's whole workbook against the Python peer (bench/report.py: sqlite3 +
# python3-xlsxwriter) writing the same workbook, whose cell values are
# checked equal to antt's (bench/cells.py, openpyxl). Whole processes from
# exec (bench/measure.py): median, min and max of RUNS runs, peak RSS; the
# two in turn, and the ratio the median of each round's.
# The first command on a database each day makes its backup: one run before
# the timed ones. Large databases go to BENCH_DIR (default build/bench);
# BENCH_SCALES="1 3" leaves out 30× (7 GB, minutes to build); ANTT: the
# binary to time (default ./antt: a build of another commit can be paired
# against it in the same minutes). CPU: user + system seconds (median), the
# figure a busy machine disturbs least.
set -eu
cd "$(dirname "$0")/.."
B=build/bench
D=${BENCH_DIR:-$B}
RUNS=${BENCH_RUNS:-7}
mkdir -p "$B" "$D"
export ANTT_USER=bench ANTT_FORMS="$PWD/forms"
M="/usr/bin/python3 bench/measure.py"
A=${ANTT:-./antt}
DATE=2025-11-20

printf 'Báo cáo Excel (mọi trang) theo quy mô; trung vị (nhỏ nhất-lớn nhất) của %s lần chạy trọn tiến trình.\n' "$RUNS"
printf 'Tải máy lúc bắt đầu: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-36s %-36s %-24s %s\n' "" "antt report" "Python + XlsxWriter" "nhanh: trung vị các vòng" "ô giống nhau"
for n in ${BENCH_SCALES:-1 3 30}; do
	db=$D/scale-$n.db
	[ "$n" = 1 ] && db=$B/province.db
	if [ ! -f "$db" ]; then
		if [ "$n" = 1 ]; then set -- --size province; else set -- --scale "$n"; fi
		r=$($M 1 "$A" --db "$db" demo "$@") || exit 1
		set -- $r
		printf '%-5s demo: %s s, %s MiB RSS\n' "$n×" "$1" "$4"
	fi
	"$A" --db "$db" report --year 2025 -o "$B/antt-$n.xlsx" --force --date $DATE > /dev/null   # the day's backup
	runs=$RUNS
	[ "$n" -ge 10 ] && runs=$(( RUNS < 5 ? RUNS : 5 ))
	# `set -- $(…)` alone would go on with nothing when the command fails
	# antt and Python in turn, a run of each a round: a machine whose
	# speed drifts over the minutes (a shared host) slows both alike, and
	# each round's ratio is one sample of the ratio
	: > "$B/times-antt"
	: > "$B/times-python"
	for i in $(seq "$runs"); do
		$M 1 "$A" --db "$db" report --year 2025 -o "$B/antt-$n.xlsx" --force --date $DATE >> "$B/times-antt" || exit 1
		$M 1 /usr/bin/python3 bench/report.py "$db" 2025 "$B/python-$n.xlsx" $DATE >> "$B/times-python" || exit 1
	done
	set -- $(/usr/bin/python3 - "$B/times-antt" "$B/times-python" <<'PY'
import statistics, sys
a, p = ([l.split() for l in open(f)] for f in sys.argv[1:3])
def line(rows):
    w = [float(r[0]) for r in rows]
    return "%.3f (%.3f-%.3f) s %.1f MiB CPU %.3f" % (statistics.median(w), min(w), max(w),
        max(float(r[3]) for r in rows), statistics.median(float(r[4]) for r in rows))
ratios = sorted(float(q[0]) / float(r[0]) for r, q in zip(a, p))
print(line(a).replace(" ", "_"), line(p).replace(" ", "_"), "%.1f" % statistics.median(ratios),
      "%.1f-%.1f" % (ratios[0], ratios[-1]),
      "%.1f" % (statistics.median(float(q[4]) for q in p) / statistics.median(float(r[4]) for r in a)))
PY
)
	a=$(echo "$1" | tr _ ' ') p=$(echo "$2" | tr _ ' ') ratio="$3 × ($4; CPU $5 ×)"
	rm -f "$B/times-antt" "$B/times-python"
	/usr/bin/python3 bench/cells.py "$B/antt-$n.xlsx" --values > "$B/antt-$n.cells"
	/usr/bin/python3 bench/cells.py "$B/python-$n.xlsx" --values > "$B/python-$n.cells"
	if cmp -s "$B/antt-$n.cells" "$B/python-$n.cells"; then same="có ($(wc -l < "$B/antt-$n.cells") ô)"; else same="KHÔNG: diff $B/antt-$n.cells $B/python-$n.cells"; fi
	printf '%-5s %-36s %-36s %-24s %s\n' "$n×" "$a" "$p" "$ratio" "$same"
done
# the floor: libxlsxwriter alone writing antt's cells (bench/xlsx_floor.c),
# nothing read from a database, on one core and with the sheets shared by
# two threads; median (min-max) of 3 runs of each, interleaved
for n in ${BENCH_SCALES:-1 3 30}; do
	[ -x build/bench/xlsx_floor ] && [ -f "$B/antt-$n.cells" ] || continue
	: > "$B/floor-times"
	for i in 1 2 3; do
		for j in 1 2; do
			# a failed run stops here: in the pipe below its time would pass
			t=$(build/bench/xlsx_floor $([ $j = 2 ] && echo -j2) "$B/antt-$n.cells" "$B/floor-$n.xlsx") || exit 1
			echo "$j $t" >> "$B/floor-times"
		done
	done
	for j in 1 2; do
		grep "^$j " "$B/floor-times" | sort -k2 -n | awk -v n="$n" -v j="$j" '{ t[NR] = $2; c = $3 }
			END { printf "%-5s sàn: libxlsxwriter một mình ghi %s ô của antt, %s: %.2f s (%.2f-%.2f)\n",
				n "×", c, j == 1 ? "một luồng" : "hai luồng (-j2)", t[2], t[1], t[3] }'
	done
	rm -f "$B/floor-times"
done
printf 'Tải máy lúc kết thúc: %s (trên 2 là máy đang bận: số đo nhiễu)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'Mục tiêu: ở 30×, antt report ≤ 1,0 s và ≤ 24 MiB; nhanh hơn Python ≥ 5 × từ 3× trở lên.\n'
