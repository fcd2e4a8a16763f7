#!/bin/sh
# N provinces in a row into one national database (issue 19: "30 of them
# ≤ 5 minutes"): what a national machine does on the day every province
# sends its package. N province-size demos (each its own uuids; codes
# prefixed T01-…, T02-…), each exported once as a package and kept in
# BENCH_DIR/many (184 MB a package: 5.5 GB for 30). Then, on a new
# database holding only the national root: each sender enrolled under it
# with the right to approve (`trust add`), the day's backup, and the N
# packages imported one after another, each a whole process from exec
# (bench/measure.py). Printed: each import's time, CPU and peak memory,
# the units after it, and the sum; the database's size at the end.
#   bench/import_many.sh [N [ANTT]]   (KEEP=1: leave the database;
#   PACKAGES_ONLY=1: make the packages and stop, to time later on a quiet machine)
set -eu
cd "$(dirname "$0")/.."
N=${1:-30}
ANTT=${2:-$PWD/antt}
D=${BENCH_DIR:-build/bench}/many
mkdir -p "$D"
export ANTT_FORMS="$PWD/forms"
unset ANTT_USER ANTT_PASSWORD
M="/usr/bin/python3 bench/measure.py"

# the packages, made once: a demo, its codes renamed, exported
for i in $(seq -w 1 "$N"); do
	[ -f "$D/t$i.antt" ] && continue
	rm -f "$D/t$i.db" "$D/t$i.db-wal" "$D/t$i.db-shm"
	ANTT_USER=bench "$ANTT" --db "$D/t$i.db" demo --size province > /dev/null
	sqlite3 "$D/t$i.db" "UPDATE units SET code = 'T$i-' || code, name = name || ' ($i)', name_key = name_key || ' ($i)'"
	ANTT_USER=bench "$ANTT" --db "$D/t$i.db" export -o "$D/t$i.tmp" > /dev/null
	mv "$D/t$i.tmp" "$D/t$i.antt"
	rm -f "$D/t$i.db" "$D/t$i.db-wal" "$D/t$i.db-shm" "$D"/antt-backups/t$i-* "$D/antt-backups/.t$i.moc"
done
[ -z "${PACKAGES_ONLY:-}" ] || exit 0

# the national database: its root, an admin, every sender enrolled
db=$D/nat.db
rm -f "$db" "$db-wal" "$db-shm" "$D"/antt-backups/nat-* "$D/antt-backups/.nat.moc"
ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "$db" user add qt "Quản trị" --role admin > /dev/null
export ANTT_USER=qt ANTT_PASSWORD=quantri1
"$ANTT" --db "$db" settings login_required 0 > /dev/null
"$ANTT" --db "$db" unit add TQ tinh "Toàn quốc" > /dev/null
for i in $(seq -w 1 "$N"); do
	"$ANTT" --db "$db" trust add "$D/t$i.antt" --under TQ --may-approve > /dev/null
done
"$ANTT" --db "$db" backup > /dev/null   # the day's backup, before the first package

printf '%s tỉnh liền nhau vào một cơ sở dữ liệu toàn quốc (mỗi lần nhập là một tiến trình; tải lúc bắt đầu: %s)\n' \
	"$N" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %9s %9s %9s %10s\n' "gói" "giây" "CPU" "MiB" "đơn vị"
: > "$D/times"
for i in $(seq -w 1 "$N"); do
	set -- $($M 1 "$ANTT" --db "$db" import "$D/t$i.antt" --under TQ)
	echo "$1 $5 $4" >> "$D/times"
	printf '%-5s %9.2f %9.2f %9.1f %10s\n' "$i" "$1" "$5" "$4" "$(sqlite3 "$db" 'SELECT count(*) FROM units')"
done
/usr/bin/python3 - "$D/times" <<'EOF'
import statistics, sys
rows = [[float(x) for x in l.split()] for l in open(sys.argv[1])]
wall = [r[0] for r in rows]
print(f"cộng {sum(wall):.1f} s ({sum(wall) / 60:.1f} phút; CPU {sum(r[1] for r in rows):.1f} s); "
      f"mỗi gói trung vị {statistics.median(wall):.2f} s ({min(wall):.2f}-{max(wall):.2f}), "
      f"bộ nhớ lớn nhất {max(r[2] for r in rows):.1f} MiB")
EOF
printf 'cơ sở dữ liệu toàn quốc sau cùng: %s MB\n' "$(( $(stat -c %s "$db") / 1048576 ))"
# the copies each import keeps (the packages, 184 MB each) go with the
# database, unless asked to stay
[ -n "${KEEP:-}" ] || rm -f "$db" "$db-wal" "$db-shm" "$D"/antt-backups/nat-*
