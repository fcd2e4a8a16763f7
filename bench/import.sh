#!/bin/sh
# Importing one province's package (3,000 units, 10 years) into a national
# database: median (min-max) of whole `antt import` processes from exec,
# each on a fresh copy of the target (an import is not repeatable on the
# same file), and the peak memory. The package comes from a province-size
# demo whose codes are renamed (Q31-...) so they meet no unit of the
# target; the target is TARGET (default: a copy of bench/run.sh's province
# database, 1x; the issue 19 figures use /work/bench-db/scale-3.db and
# scale-30.db), with the sender enrolled under its root and the day's
# backup made, as on the national machine after its first command of the
# day. Three cases: nothing changed since that backup (no copy before the
# import, backup.h); an answer typed first (the import copies the
# database before it); the same package a second time, as the province's
# next package (its history all here already).
#   bench/import.sh [TARGET [RUNS [ANTT]]]   (ONLY_FIRST=1: the first case only)
# Last, the floor under the first case: bench/import_floor.sh.
set -eu
cd "$(dirname "$0")/.."
B=build/bench
TARGET=${1:-$B/province.db}
RUNS=${2:-5}
ANTT=${3:-$PWD/antt}
mkdir -p "$B/import"
W=$B/import
export ANTT_FORMS="$PWD/forms"
unset ANTT_USER ANTT_PASSWORD

# the package: a province of its own, codes renamed, exported once
if [ ! -f "$W/q31.antt" ]; then
	rm -f "$W/q31.db" "$W/q31.db-wal" "$W/q31.db-shm"
	ANTT_USER=bench ./antt --db "$W/q31.db" demo --size province > /dev/null
	sqlite3 "$W/q31.db" "UPDATE units SET code = 'Q31-' || code, name = name || ' (31)', name_key = name_key || ' (31)'"
	ANTT_USER=bench ./antt --db "$W/q31.db" export -o "$W/q31.antt" > /dev/null
fi
[ -f "$TARGET" ] || { echo "bench/import.sh: no target $TARGET (run bench/run.sh first)" >&2; exit 1; }

# the target, once: an admin (enrolling with the right to approve needs
# one; login left off), the sender enrolled under the root, a backup
base=$W/base.db
rm -f "$base" "$base-wal" "$base-shm" "$W/antt-backups/.base.moc"
cp "$TARGET" "$base"
root=$(sqlite3 "$base" "SELECT code FROM units WHERE parent_id IS NULL LIMIT 1")
ANTT_NEW_PASSWORD=quantri1 ./antt --db "$base" user add qt "Quản trị" --role admin > /dev/null
export ANTT_USER=qt ANTT_PASSWORD=quantri1
./antt --db "$base" settings login_required 0 > /dev/null
./antt --db "$base" trust add "$W/q31.antt" --under "$root" --may-approve > /dev/null
rm -f "$W"/antt-backups/nat-* "$W/antt-backups/.nat.moc"
cp "$base" "$W/nat.db"
./antt --db "$W/nat.db" backup > /dev/null   # the day's backup, and its mark
cp "$W/nat.db" "$base"
cp "$W/antt-backups/.nat.moc" "$W/base.moc"
printf '%s: %s đơn vị, %s MB; gói %s MB\n' "$TARGET" "$(sqlite3 "$base" 'SELECT count(*) FROM units')" \
	"$(( $(stat -c %s "$base") / 1048576 ))" "$(( $(stat -c %s "$W/q31.antt") / 1048576 ))"

# one case: RUNS imports, each on a fresh copy (and the mark that goes
# with it); PREP runs on the copy first
case_() {
	label=$1 prep=$2
	: > "$W/times"
	for i in $(seq "$RUNS"); do
		# the copies an import keeps (the database before it, the package:
		# 185 MB a run) go too, or a bench leaves gigabytes behind
		rm -f "$W/nat.db-wal" "$W/nat.db-shm" "$W"/antt-backups/nat-*-truoc-nhap-goi.db "$W"/antt-backups/nat-goi-*.antt
		cp "$base" "$W/nat.db"
		cp "$W/base.moc" "$W/antt-backups/.nat.moc"
		[ -z "$prep" ] || ./antt --db "$W/nat.db" $prep > /dev/null
		/usr/bin/python3 bench/measure.py 1 "$ANTT" --db "$W/nat.db" import "$W/q31.antt" --under "$root" >> "$W/times"
	done
	/usr/bin/python3 - "$W/times" "$label" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
wall = [float(r[0]) for r in rows]
cpu = [float(r[4]) for r in rows]
rss = max(float(r[3]) for r in rows)
print(f"{statistics.median(wall):8.2f} s ({min(wall):.2f}-{max(wall):.2f}) CPU {statistics.median(cpu):.2f} s"
      f" {rss:7.1f} MiB   {sys.argv[2]}")
EOF
}
case_ "import một tỉnh, không đổi gì từ lần sao lưu (không chép trước)" ""
[ -n "${ONLY_FIRST:-}" ] ||
	case_ "import một tỉnh sau một thay đổi gõ ở máy này (chép trước)" "settings office_name Cục_Cảnh_sát_QLHC"
# the province's next package carries its whole history again: every row
# is looked for among its form's rows (db/015), none added
[ -n "${ONLY_FIRST:-}" ] ||
	case_ "import lại gói của cùng tỉnh (mọi dòng lịch sử đã có)" "import $W/q31.antt --under $root"
# the floor: SQLite alone putting the same rows into the same target,
# with none of antt's checks (bench/import_floor.sh)
sh bench/import_floor.sh "$base" "$W/q31.antt" "$RUNS"
# what the runs left: the last copy and its backups (base.db stays: the
# floor can be run again on it alone)
rm -f "$W/nat.db" "$W/nat.db-wal" "$W/nat.db-shm" "$W"/antt-backups/nat-*
