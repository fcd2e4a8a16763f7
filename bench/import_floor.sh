#!/bin/sh
# The floor under `antt import` (issue 19): what SQLite alone takes to put
# one province's package into the target database, with none of antt's
# checks or decisions. On a fresh copy of the target, in Debian's sqlite3:
# the package's checksum read and its integrity_check (what any reader of
# a file from another machine must do before believing it, sync_verify;
# a result other than "ok" stops the run before COMMIT), then one
# transaction of plain INSERT … SELECT of its units, assessments,
# answers, history rows and merge bases into the target's own tables and
# indexes, with the audit triggers dropped and foreign keys off (fewer
# writes than antt's), the same page cache as antt's import. Two ways:
#   wal      antt's log today (WAL, synchronous=FULL), the package checked
#            first. Its COMMIT holds the copy of the log back into the
#            database too (SQLite's checkpoint at commit: the log is past
#            1,000 pages), so every new page is written twice.
#   journal  a rollback journal with synchronous=EXTRA (the journal's
#            removal synced too: a committed import survives a power cut,
#            an interrupted one rolls back), pages past the old end of the
#            file are written once; the package is checked by a second
#            process on the other core while the rows are copied, and the
#            COMMIT waits for its "ok". Changing a WAL database to another
#            journal needs no other connection open on it (readers wait).
# Whole processes from exec, median (min-max) of RUNS, each part's time shown.
#   bench/import_floor.sh BASE PACKAGE [RUNS [MODES]]   (MODES: "wal journal")
set -eu
cd "$(dirname "$0")/.."
BASE=$1 PKG=$2 RUNS=${3:-3} MODES=${4:-wal journal}
W=build/bench/import-floor
mkdir -p "$W"
# the copy of the target (hundreds of MB) goes however the script ends
trap 'rm -f "$W/t.db" "$W/t.db-wal" "$W/t.db-shm" "$W/t.db-journal"' EXIT
trap 'exit 130' INT TERM

# the package read in its checksum's order and checked; the result of the
# check into $W/check
checks() {
	cat <<EOF
ATTACH 'file:$PKG?immutable=1' AS pkg;
.timer on
SELECT 'read', count(*) FROM (SELECT * FROM pkg.units ORDER BY uuid);
SELECT 'read', count(*) FROM (SELECT * FROM pkg.assessments ORDER BY unit_uuid, year);
SELECT 'read', count(*), sum(length(value)) FROM (SELECT * FROM pkg.answers ORDER BY unit_uuid, year, criterion);
SELECT 'read', count(*), sum(length(new_value)) FROM (SELECT * FROM pkg.audit ORDER BY id);
.once $W/check
PRAGMA pkg.integrity_check;
.timer off
EOF
}

# no COMMIT unless the file FILE says "ok" (with -bail the shell stops, the
# transaction is rolled back; no file, NULL, is not "ok" either)
believe() {
	cat <<EOF
CREATE TEMP TABLE verdict (v TEXT CHECK (v IS 'ok'));
INSERT INTO temp.verdict VALUES (trim(CAST(readfile('$1') AS TEXT), char(10)));
EOF
}

writes() {
	cat <<EOF
.timer on
BEGIN;
DROP TRIGGER units_ai;
DROP TRIGGER assessments_ai;
DROP TRIGGER answers_ai;
DROP TRIGGER recognitions_ai;
INSERT INTO units (uuid, rev, code, name, name_key, type, excluded, updated_by, managed_above)
 SELECT uuid, rev, code, name, lower(name), type, excluded, coalesce(updated_by, ''), managed_above FROM pkg.units;
UPDATE units SET parent_id = (SELECT id FROM units p WHERE p.uuid = (SELECT parent_uuid FROM pkg.units q WHERE q.uuid = units.uuid))
 WHERE uuid IN (SELECT uuid FROM pkg.units);
INSERT INTO assessments (uuid, rev, unit_id, year, criteria_set_id, status, verdict, detail, reason, updated_by)
 SELECT p.uuid, p.rev, u.id, p.year, (SELECT min(id) FROM criteria_sets), p.status, p.verdict, coalesce(p.detail, ''),
  coalesce(p.reason, ''), coalesce(p.updated_by, '') FROM pkg.assessments p JOIN units u ON u.uuid = p.unit_uuid;
INSERT INTO answers (uuid, rev, assessment_id, criterion, value, exception, note, updated_by)
 SELECT p.uuid, p.rev, a.id, p.criterion, p.value, p.exception, p.note, coalesce(p.updated_by, '')
 FROM pkg.answers p JOIN units u ON u.uuid = p.unit_uuid JOIN assessments a ON a.unit_id = u.id AND a.year = p.year;
INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value, origin)
 SELECT at, who, tbl, row_uuid, scope, action, old_value, new_value, 'floor' FROM pkg.audit ORDER BY id;
INSERT OR REPLACE INTO sync_base (key, rev, content)
 SELECT unit_uuid || '/' || year || '/' || criterion, rev, json_object('value', value, 'exception', exception, 'note', note)
 FROM pkg.answers;
INSERT OR REPLACE INTO sync_base (key, rev, content)
 SELECT unit_uuid || '/' || year, rev, json_object('status', status, 'set', set_sha) FROM pkg.assessments;
.timer off
EOF
}

# the script of one run: $W/run.sh, timed whole
script() {
	opts="PRAGMA foreign_keys = OFF; PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY;"
	if [ "$1" = wal ]; then
		cat <<EOF
sqlite3 -bail "$W/t.db" > "$W/parts" <<'SQL'
PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; $opts
$(checks)
$(believe "$W/check")
$(writes)
.timer on
COMMIT;
SQL
EOF
	else
		# the writer waits for the checker's mark, made however the check
		# ended, and reads its result (a fifo would hang whichever side
		# stopped first)
		cat <<EOF
( sqlite3 -bail > "$W/parts-check" <<'SQL' || :
$(checks)
SQL
  touch "$W/check.done" ) &
sqlite3 -bail "$W/t.db" > "$W/parts" <<'SQL'
PRAGMA journal_mode = DELETE; PRAGMA synchronous = EXTRA; $opts
ATTACH 'file:$PKG?immutable=1' AS pkg;
$(writes)
.shell while [ ! -e "$W/check.done" ]; do sleep 0.01; done
$(believe "$W/check")
.timer on
COMMIT;
SQL
rc=\$?
wait
exit \$rc
EOF
	fi
}

# the modes interleaved, run after run, so that a busy minute falls on both
for mode in $MODES; do : > "$W/times-$mode"; done
for i in $(seq "$RUNS"); do
	for mode in $MODES; do
		rm -f "$W/t.db" "$W/t.db-wal" "$W/t.db-shm" "$W/t.db-journal" "$W/check" "$W/check.done"
		cp "$BASE" "$W/t.db"
		script "$mode" > "$W/run.sh"
		sync
		/usr/bin/time -f '%e %U %S %M' -o "$W/time" sh "$W/run.sh"
		[ "$(sqlite3 "$W/t.db" 'SELECT origin FROM audit ORDER BY id DESC LIMIT 1')" = floor ] ||
			{ echo "bench/import_floor.sh: $mode: nothing committed" >&2; exit 1; }
		cp "$W/parts" "$W/parts-$mode"
		set -- $(cat "$W/time")
		echo "$1 $2 $3 $4" >> "$W/times-$mode"
	done
done
for mode in $MODES; do
	/usr/bin/python3 - "$W/times-$mode" "$W/parts-$mode" "$mode" <<'PY'
import statistics, sys
rows = [[float(x) for x in l.split()] for l in open(sys.argv[1])]
wall = [r[0] for r in rows]
mode = sys.argv[3]
how = {"wal": "WAL, kiểm tra gói trước", "journal": "nhật ký rollback, kiểm tra gói song song"}[mode]
print(f"{statistics.median(wall):8.2f} s ({min(wall):.2f}-{max(wall):.2f}) CPU {statistics.median(r[1] + r[2] for r in rows):.2f} s"
      f" {max(r[3] for r in rows) / 1024:7.1f} MiB   sàn ({how}): SQLite chép các dòng của gói, không kiểm tra gì của antt")
t = [float(l.split()[3]) for l in open(sys.argv[2]) if l.startswith("Run Time")]
# wal: 4 reads, integrity_check, BEGIN, 4 drops, 7 writes, COMMIT;
# journal (the reads and the check in the other process): BEGIN, 4 drops, 7 writes, COMMIT
if mode == "wal" and len(t) == 18:
    print(f"           (lần chạy cuối: đọc và kiểm tra gói {sum(t[0:5]):.2f} s, chép các dòng {sum(t[10:17]):.2f} s,"
          f" COMMIT kèm ghi nhật ký WAL về tệp {t[17]:.2f} s; phần còn lại là mở và đóng)")
elif mode == "journal" and len(t) == 13:
    print(f"           (lần chạy cuối: chép các dòng {sum(t[5:12]):.2f} s, COMMIT {t[12]:.2f} s;"
          f" đọc và kiểm tra gói cùng lúc ở tiến trình kia)")
PY
done
