# Issue 19: an import writes the history of units, forms and recognitions
# once, as db/014 did for answers. The package brings the sender's history
# (with the time each change was made there); the rows the office's own
# audit triggers wrote for the same changes at the import said them again:
# "thêm đơn vị" twice, "đăng ký" twice, a rename twice, on every machine a
# package passes. Now each change has one row; a change the history does
# not say (an approval the office did not take) keeps the office's own.
. "$(dirname "$0")/lib.sh"

A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
# the groups of identical history rows (same table, row, action, values)
dups() {
	sqlite3 "$T/$1" "SELECT count(*) FROM (SELECT 1 FROM audit WHERE tbl IN ('units', 'assessments', 'answers', 'recognitions')
		GROUP BY tbl, row_uuid, action, old_value, new_value HAVING count(*) > 1)"
}
inserts_of() { # db table uuid
	sqlite3 "$T/$1" "SELECT count(*) FROM audit WHERE tbl = '$2' AND row_uuid = '$3' AND action = 'insert'"
}
unit_uuid() { sqlite3 "$T/$1" "SELECT uuid FROM units WHERE code = '$2'"; }
form_uuid() { sqlite3 "$T/$1" "SELECT a.uuid FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$2' AND a.year = $3"; }
# units and forms with no insert row at all
untraced() {
	sqlite3 "$T/$1" "SELECT count(*) FROM (SELECT uuid, 'units' AS t FROM units UNION ALL SELECT uuid, 'assessments' FROM assessments) x
		WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.scope = x.uuid AND a.tbl = x.t AND a.row_uuid = x.uuid AND a.action = 'insert')"
}

trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-K2,X1,khu dân cư,Thôn Hai"
DB="$T/office.db"

# 1. the commune took the office's units (the seed package): each once
expect_eq "$(dups commune.db)" "0" "the commune's history says each change of the seed once"
expect_eq "$(inserts_of commune.db units "$(unit_uuid commune.db X1-K1)")" "1" "  one 'thêm đơn vị' for X1-K1"
expect_eq "$(untraced commune.db)" "0" "  every unit there has its insert row"

# 2. the commune renames a village, adds one, answers two forms; the office
# takes the package
A commune.db unit rename X1-K1 "Thôn Một Mới" > /dev/null
A commune.db unit add X1-K9 "khu dân cư" "Thôn Chín" --parent X1 > /dev/null
A commune.db answer set X1-K9 2024 '*' đạt > /dev/null
A commune.db answer set X1-K2 2024 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c2.antt" --force > /dev/null
run import "$T/c2.antt"
expect_rc 0 "the office takes the commune's package"
expect_eq "$(dups office.db)" "0" "the office's history says each change once"
k9=$(unit_uuid office.db X1-K9)
expect_eq "$(inserts_of office.db units "$k9")" "1" "  one 'thêm đơn vị' for the new village"
expect_eq "$(inserts_of office.db assessments "$(form_uuid office.db X1-K9 2024)")" "1" "  one 'đăng ký' for its form"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE tbl = 'units' AND action = 'update'
	AND json_extract(new_value, '$.name') = 'Thôn Một Mới'")" "1" "  the rename once"
expect_eq "$(sqlite3 "$T/office.db" "SELECT at || who FROM audit WHERE row_uuid = '$k9' AND action = 'insert'")" \
	"$(sqlite3 "$T/commune.db" "SELECT at || who FROM audit WHERE row_uuid = '$k9' AND action = 'insert'")" \
	"  the row is the sender's: when and by whom it was done there"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE row_uuid = '$k9' AND origin IS NULL")" "0" \
	"  marked as the sender's, not as the office's accounts'"
expect_eq "$(untraced office.db)" "0" "  every unit and form has its insert row"
out=$(A office.db audit --unit X1-K9 2>&1)
expect_eq "$(printf '%s\n' "$out" | grep -c 'thêm "Thôn Chín"')" "1" "  'antt audit' shows the new village added once"

# 3. the same package again, and the office's next package back to the
# commune: still once on both sides
run import "$T/c2.antt"
expect_rc 0 "the same package a second time"
expect_eq "$(dups office.db)" "0" "  adds no row said twice"
run export --under X1 -o "$T/o2.antt" --force
expect_rc 0 "the office writes a package for the commune"
A commune.db import "$T/o2.antt" > /dev/null
expect_eq "$?" "0" "the commune takes it"
expect_eq "$(dups commune.db)" "0" "  the commune's history still says each change once"

# 4. an approval the office does not take (the commune may not approve):
# the form is kept as sent for approval, and its history has the office's
# own row saying so beside the sender's
A commune.db answer set X1-K1 2023 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c3.antt" --force > /dev/null
sqlite3 "$T/c3.antt" "UPDATE assessments SET status = 'approved' WHERE year = 2023"
R "$T/c3.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/c3.antt"
expect_rc 0 "a package approving a form, from a sender without the right"
f=$(form_uuid office.db X1-K1 2023)
expect_eq "$(sqlite3 "$T/office.db" "SELECT status FROM assessments WHERE uuid = '$f'")" "submitted" "  the form is kept as sent"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE row_uuid = '$f' AND action = 'insert'
	AND json_extract(new_value, '$.status') = 'submitted'")" "1" "  its history has the office's row with the state kept here"
expect_eq "$(untraced office.db)" "0" "  every unit and form still has its insert row"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM import_trace")" "0" "nothing is left in import_trace after an import"

# 5. outside an import the triggers write the audit as before
run unit rename X1-K2 "Thôn Hai Mới"
expect_rc 0 "the office renames a village"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE tbl = 'units' AND action = 'update' AND origin IS NULL
	AND json_extract(new_value, '$.name') = 'Thôn Hai Mới'")" "1" "  one row, the office's own"

# 6. a form whose history is here but whose row is not (taken out with
# sqlite3 behind antt's back): the package puts it back, and its history,
# read to its last row from before this import too, says it: no second
# 'đăng ký' (import.c: TRACE_KEEP reads the history from before the import too)
f9=$(form_uuid office.db X1-K9 2024)
sqlite3 "$T/office.db" "DELETE FROM answers WHERE assessment_id = (SELECT id FROM assessments WHERE uuid = '$f9');
	DELETE FROM assessments WHERE uuid = '$f9'"
expect_eq "$(form_uuid office.db X1-K9 2024)" "" "the office lost a form (its history kept)"
run import "$T/c2.antt"
expect_rc 0 "the package again"
expect_eq "$(form_uuid office.db X1-K9 2024)" "$f9" "  puts the form back"
expect_eq "$(inserts_of office.db assessments "$f9")" "1" "  with its one 'đăng ký', from before this import"
finish
