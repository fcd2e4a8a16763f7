# Issue 19: an import writes each answer's history once. The package
# brings the sender's history of every answer it carries; the office keeps
# it (marked with the sender's name) and adds no second row of its own for
# the same insert (db/014). An answer that comes with no history at all
# (a package whose history was cut, signed by a trusted commune) still gets
# one row, the sender's, so nothing arrives without a trace; an answer typed
# at the office is recorded as before.
. "$(dirname "$0")/lib.sh"

A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-K2,X1,khu dân cư,Thôn Hai"
A commune.db answer set X1-K1 2024 '*' đạt > /dev/null
A commune.db answer set X1-K2 2024 '*' đạt > /dev/null
DB="$T/office.db"
n=$(sqlite3 "$T/commune.db" "SELECT count(*) FROM answers")
[ "$n" -gt 10 ] && ok "the commune answered $n criteria" || not_ok "the commune has $n answers"

# a package whose history of one answer of X1-K2 was cut, signed again by
# the commune's own key (a trusted machine's package, believed as signed)
A commune.db export --under X1 -o "$T/c2.antt" --force > /dev/null
cut=$(sqlite3 "$T/c2.antt" "SELECT uuid FROM answers WHERE unit_uuid = (SELECT uuid FROM units WHERE code = 'X1-K2') ORDER BY criterion LIMIT 1")
# (typed at the commune days before, as in life: rows of the same second
# would be taken for one)
sqlite3 "$T/c2.antt" "DELETE FROM audit WHERE row_uuid = '$cut'; UPDATE audit SET at = '2024-11-01T08:00:00Z'"
R "$T/c2.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/c2.antt"
expect_rc 0 "the package is imported"
expect_eq "$(sql "SELECT count(*) FROM answers")" "$n" "every answer arrived"

# each answer's insert recorded once: the sender's row, none of the office's own
expect_eq "$(sql "SELECT count(*) FROM answers x WHERE (SELECT count(*) FROM audit h WHERE h.row_uuid = x.uuid AND h.action = 'insert') <> 1")" \
	"0" "every answer has exactly one insert row in the history"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'answers' AND (origin IS NULL OR origin = '')")" "0" \
	"no answer's row reads as something the office's accounts did"
origin=$(sql "SELECT origin FROM audit WHERE row_uuid = '$cut'")
[ -n "$origin" ] && ok "the answer without history has a row, the sender's ($origin)" || not_ok "no row for the answer without history"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE row_uuid = '$cut' AND action = 'insert' AND json_extract(new_value, '$.value') IS NOT NULL")" \
	"1" "  with the value it arrived with"
expect_eq "$(sql "SELECT count(DISTINCT origin) FROM audit WHERE tbl = 'answers'")" "1" "all imported rows name the one sender"

# an answer typed at the office afterwards is recorded as the office's
run answer set X1-K1 2025 '*' đạt
expect_rc 0 "the office answers for 2025"
expect_eq "$(sql "SELECT count(*) FROM audit a JOIN answers x ON x.uuid = a.row_uuid JOIN assessments s ON s.id = x.assessment_id
	WHERE s.year = 2025 AND a.action = 'insert' AND a.origin IS NULL")" "$(sql "SELECT count(*) FROM answers x JOIN assessments s ON s.id = x.assessment_id WHERE s.year = 2025")" \
	"each answer typed here has its own insert row, not marked as a sender's"

# a package is written in the structure a receiver needs to read it (14,
# SYNC_PACKAGE_WRITTEN), not this machine's: db/015 dropped an index only,
# db/017 keeps senders' names once but packages carry them as before,
# db/018 gives new rows' uuids another layout of the same 8-4-4-4-12 hex
# digits (db_uuid_valid), so an office not updated to them still takes the
# packages of one that is
A commune.db export --under X1 -o "$T/now.antt" --force > /dev/null
expect_eq "$(sqlite3 "$T/now.antt" "SELECT value FROM manifest WHERE key = 'schema_version'")" "14" \
	"a package says structure 14"
expect_eq "$(sqlite3 "$T/commune.db" "PRAGMA user_version")" "18" "  written by a database of structure 18"

# packages of a machine not updated yet: the structure before db/014 (13)
# reads the same (only the office's trigger changed), an older one does not,
# nor a newer one (SYNC_PACKAGE_SAME_SINCE, sync_int.h)
ours=$(sql "PRAGMA user_version")
A commune.db answer set X1-K2 2025 '*' đạt > /dev/null
for v in 13 12 $((ours + 1)); do
	A commune.db export --under X1 -o "$T/v$v.antt" --force > /dev/null
	sqlite3 "$T/v$v.antt" "UPDATE manifest SET value = '$v' WHERE key = 'schema_version'"
	R "$T/v$v.antt" --key-from "$T/commune.db" > /dev/null
done
before=$(sqlite3 "$DB" .dump | md5sum)
run import "$T/v12.antt"
expect_rc 1 "a package of structure 12 is refused"
expect_err "hãy cập nhật antt ở máy gửi gói" "  the message says to update the sender"
run import "$T/v$((ours + 1)).antt"
expect_rc 1 "a package of a newer antt ($((ours + 1))) is refused"
expect_err "hãy cập nhật antt ở máy này (máy nhận gói)" "  the message says to update this machine"
expect_eq "$(sqlite3 "$DB" .dump | md5sum)" "$before" "  the refused packages changed nothing"
run import "$T/v13.antt"
expect_rc 0 "a package of structure 13 (before the office's update) is taken"
expect_eq "$(sql "SELECT count(*) FROM answers x JOIN assessments s ON s.id = x.assessment_id JOIN units u ON u.id = s.unit_id
	WHERE u.code = 'X1-K2' AND s.year = 2025")" "$(sqlite3 "$T/commune.db" "SELECT count(*) FROM answers x JOIN assessments s ON s.id = x.assessment_id JOIN units u ON u.id = s.unit_id
	WHERE u.code = 'X1-K2' AND s.year = 2025")" "  its answers arrived"
exit $failed
