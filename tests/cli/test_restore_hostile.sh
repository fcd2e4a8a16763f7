# End to end: restore given a file that is not this version's backup — a
# package (.antt) taken for a backup, a database from a newer antt, a plain
# SQLite file with antt's table names, a backup carrying a trigger antt
# never made or the mark of an import under way. Each is refused with what
# it is and what to do, and the database stays as it was (and keeps
# working).
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
state() { sql "SELECT count(*) FROM units" ; sql "SELECT group_concat(name) FROM sqlite_master" | md5sum; }
before=$(state)

# 1. a package file, which has tables named units, assessments and answers
"$ANTT" --db "$DB" export -o "$T/goi.antt" > /dev/null
run restore "$T/goi.antt" --yes
expect_rc 1 "a package given to restore is refused"
expect_err "gói trao đổi" "the message says the file is an exchange package"
expect_eq "$(state)" "$before" "the database is unchanged"
run summary 2024
expect_rc 0 "and still opens"

# 2. a database from a newer antt
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
run restore "$T/newer.db" --yes
expect_rc 1 "a backup from a newer antt is refused"
expect_err "cập nhật antt" "the message says to update antt"
expect_eq "$(state)" "$before" "the database is unchanged"

# 3. a plain SQLite file with antt's table names and no version
sqlite3 "$T/plain.db" "CREATE TABLE units (x); CREATE TABLE assessments (x); CREATE TABLE answers (x)"
run restore "$T/plain.db" --yes
expect_rc 1 "a SQLite file that is not an antt database is refused"
expect_err "không phải bản sao lưu" "the message says it is not a backup"
expect_eq "$(state)" "$before" "the database is unchanged"
run summary 2024
expect_rc 0 "and still opens"

# 4. a backup with a trigger antt never made (approves whatever is edited)
"$ANTT" --db "$DB" backup > /dev/null
good=$(ls -t "$T/antt-backups"/*.db | head -1)
cp "$good" "$T/trigger.db"
sqlite3 "$T/trigger.db" "CREATE TRIGGER zz AFTER UPDATE ON answers BEGIN
	UPDATE assessments SET status = 'approved' WHERE id = NEW.assessment_id; END"
run restore "$T/trigger.db" --yes
expect_rc 1 "a backup carrying a trigger antt never made is refused"
expect_err "zz" "the message names it"
expect_eq "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'zz'")" "0" "the trigger did not arrive"
cp "$good" "$T/view.db"
sqlite3 "$T/view.db" "DROP TRIGGER units_au; CREATE TRIGGER units_au AFTER UPDATE ON units BEGIN SELECT 1; END"
run restore "$T/view.db" --yes
expect_rc 1 "a backup whose audit trigger was rewritten is refused"
expect_eq "$(state)" "$before" "the database is unchanged"
cp "$good" "$T/vtab.db"
sqlite3 "$T/vtab.db" "CREATE VIRTUAL TABLE zz USING fts5(a); INSERT INTO zz VALUES ('x')"
run restore "$T/vtab.db" --yes
expect_rc 1 "a backup with a virtual table is refused"
expect_err "bảng ảo" "the message says what it has"
expect_eq "$(state)" "$before" "the database is unchanged"
# a backup holding the mark of an import under way (sync_origin, which an
# import fills only inside its transaction): restored, the audit triggers
# would write every later change into import_trace, not the audit (db/016),
# and answers_ai nothing (db/014): the history silent from then on
cp "$good" "$T/origin.db"
sqlite3 "$T/origin.db" "INSERT INTO sync_origin VALUES ('Công an xã Giả')"
run restore "$T/origin.db" --yes
expect_rc 1 "a backup marked as inside an import (sync_origin) is refused"
expect_err "ở giữa một lần nhập gói" "the message says what it holds"
expect_eq "$(state)" "$before" "the database is unchanged"
expect_eq "$(sql "SELECT count(*) FROM sync_origin")" "0" "no import's mark arrived"
rows=$(sql "SELECT count(*) FROM audit")
run unit rename X001 "Xã Đổi Tên"
expect_eq "$(sql "SELECT count(*) FROM audit")" "$((rows + 1))" "a change after it is in the audit"
cp "$good" "$T/trace.db"
sqlite3 "$T/trace.db" "INSERT INTO import_trace (who, tbl, row_uuid, scope, action, new_value)
	VALUES ('kẻ giả', 'units', 'x', 'x', 'insert', '{}')"
run restore "$T/trace.db" --yes
expect_rc 1 "a backup with rows in import_trace is refused"
expect_eq "$(state)" "$before" "the database is unchanged"
run restore "$good" --yes
expect_rc 0 "the genuine backup restores"
expect_no_out "máy khác" "this machine's own backup: no word about another machine"

# 5. another machine's backup (a colleague's, taken for ours): said plainly
"$ANTT" --db "$DB" key > /dev/null
"$ANTT" --db "$DB" backup > /dev/null
own=$(ls -t "$T/antt-backups"/test-*.db | head -1)
"$ANTT" --db "$T/other.db" demo > /dev/null
"$ANTT" --db "$T/other.db" key > /dev/null
"$ANTT" --db "$T/other.db" backup > /dev/null
run restore "$(ls -t "$T/antt-backups"/other-*.db | head -1)" --yes
expect_rc 0 "another machine's backup restores"
expect_out "của một máy khác" "and the restore says it was another machine's"
expect_out "khôi phục lại từ" "and how to undo it"
run restore "$own" --yes
expect_rc 0 "restored back"

# 6. a database that no longer takes this version's structure (as a package
# restored by an older antt left it) can still be restored over
cp "$T/goi.antt" "$DB"
rm -f "$DB-wal" "$DB-shm"
run summary 2024
expect_rc 1 "a package in place of the database does not open"
run restore "$good" --yes
expect_rc 0 "it is restored from a good backup"
expect_out "Dữ liệu trước đó được giữ ở" "and what was there is kept"
run summary 2024
expect_rc 0 "the database opens again"

exit $failed
