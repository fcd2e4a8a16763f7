#!/bin/sh
# The floor under `antt import` (issue 19): what SQLite alone takes to put
# one province's package into the target database, with none of antt's
# checks or decisions. On a fresh copy of the target, in Debian's sqlite3:
# the package's checksum read and its integrity_check (what any reader of
# a file from another machine must do before believing it, sync_verify),
# then one transaction of plain INSERT … SELECT of its units, forms,
# answers, history rows and merge bases into the target's own tables and
# indexes, with the audit triggers dropped and foreign keys off (fewer
# writes than antt's), the same page cache and log (WAL, synchronous=FULL)
# as antt's import, then the close that writes the log back. Whole
# processes from exec, median (min-max) of RUNS, each part's time shown.
#   bench/import_floor.sh BASE PACKAGE [RUNS]
set -eu
cd "$(dirname "$0")/.."
BASE=$1 PKG=$2 RUNS=${3:-3}
W=build/bench/import-floor
mkdir -p "$W"
: > "$W/times"
for i in $(seq "$RUNS"); do
	rm -f "$W/t.db" "$W/t.db-wal" "$W/t.db-shm"
	cp "$BASE" "$W/t.db"
	sync
	/usr/bin/time -f '%e %U %S %M' -o "$W/time" sqlite3 "$W/t.db" > "$W/parts" <<EOF
PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY;
ATTACH 'file:$PKG?immutable=1' AS pkg;
.timer on
SELECT 'read', count(*) FROM (SELECT * FROM pkg.units ORDER BY uuid);
SELECT 'read', count(*) FROM (SELECT * FROM pkg.assessments ORDER BY unit_uuid, year);
SELECT 'read', count(*), sum(length(value)) FROM (SELECT * FROM pkg.answers ORDER BY unit_uuid, year, criterion);
SELECT 'read', count(*), sum(length(new_value)) FROM (SELECT * FROM pkg.audit ORDER BY id);
PRAGMA pkg.integrity_check;
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
COMMIT;
EOF
	set -- $(cat "$W/time")
	echo "$1 $2 $3 $4" >> "$W/times"
done
/usr/bin/python3 - "$W/times" "$W/parts" <<'PY'
import statistics, sys
rows = [[float(x) for x in l.split()] for l in open(sys.argv[1])]
wall = [r[0] for r in rows]
print(f"{statistics.median(wall):8.2f} s ({min(wall):.2f}-{max(wall):.2f}) CPU {statistics.median(r[1] + r[2] for r in rows):.2f} s"
      f" {max(r[3] for r in rows) / 1024:7.1f} MiB   sàn: SQLite chép các dòng của gói, không kiểm tra gì của antt")
t = [float(l.split()[3]) for l in open(sys.argv[2]) if l.startswith("Run Time")]
# the statements in the order above: 4 reads, integrity_check, BEGIN, 4 drops, 7 writes, COMMIT
if len(t) == 18:
    print(f"           (lần chạy cuối: đọc và kiểm tra gói {sum(t[0:5]):.2f} s, chép các dòng {sum(t[10:17]):.2f} s,"
          f" COMMIT {t[17]:.2f} s; phần còn lại là mở, đóng và ghi nhật ký WAL về tệp)")
PY
rm -f "$W/t.db" "$W/t.db-wal" "$W/t.db-shm"
