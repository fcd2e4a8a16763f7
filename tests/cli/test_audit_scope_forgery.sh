# A signed package's history stays the history of what its sender may
# report. Each audit row names its unit or form (scope); the import copies
# the sender's rows as they are, so a trusted commune's package (its own
# key, believed as signed) could name a neighbour's form, a form of its own
# unit given the neighbour's uuid, or the district above it, and the office
# showed the forged rows in that unit's history as the commune's. Rows
# about units outside the sender's scope are not taken; the package's own
# rows are, once each.
. "$(dirname "$0")/lib.sh"

A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X2,H,xã,Xã Bình Minh" "X2-K1,X2,khu dân cư,Thôn Ba"
DB="$T/office.db"
A office.db answer set X2-K1 2024 '*' đạt > /dev/null
A commune.db answer set X1-K1 2024 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c2.antt" --force > /dev/null
run import "$T/c2.antt"
expect_rc 0 "the commune's genuine package is taken"
neighbour=$(sql "SELECT a.uuid FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X2-K1' AND a.year = 2024")
district=$(sql "SELECT uuid FROM units WHERE code = 'H'")
own=$(sqlite3 "$T/c2.antt" "SELECT uuid FROM assessments")
[ -n "$neighbour" ] && [ -n "$district" ] && [ -n "$own" ] && ok "the office has X2-K1's form of 2024" ||
	not_ok "setup: neighbour '$neighbour' district '$district' own '$own'"
# rows in scope X, brought by the commune (its sender's name as origin)
brought() { sql "SELECT count(*) FROM audit WHERE scope = '$1' AND origin IS NOT NULL"; }
expect_eq "$(brought "$neighbour")" "0" "no row of X2-K1's history came from the commune"
district_rows=$(brought "$district")

# forged PACKAGE SQL...: the genuine package, edited, signed again by the commune
forged() {
	f=$1; shift
	cp "$T/c2.antt" "$T/$f.antt"
	sqlite3 "$T/$f.antt" "$@"
	R "$T/$f.antt" --key-from "$T/commune.db" > /dev/null
}
row="INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value)"

# 1. a row naming the neighbour's form
forged f1 "$row VALUES ('2024-11-02T08:00:00Z', 'kẻ giả', 'answers', 'x', '$neighbour', 'update',
	'{\"criterion\":\"2\",\"value\":1}', '{\"criterion\":\"2\",\"value\":0}')"
run import "$T/f1.antt"
expect_eq "$(brought "$neighbour")" "0" "1. a row naming the neighbour's form is not in its history"
run audit --unit X2-K1
expect_no_out "kẻ giả" "   antt audit of X2-K1 does not show it"

# 2. the commune's own form given the neighbour's uuid, its history with it
forged f2 "UPDATE assessments SET uuid = '$neighbour'; UPDATE audit SET scope = '$neighbour' WHERE scope = '$own';
	$row VALUES ('2024-11-03T08:00:00Z', 'kẻ giả', 'assessments', '$neighbour', '$neighbour', 'update',
	'{\"status\":\"draft\"}', '{\"status\":\"submitted\"}')"
run import "$T/f2.antt"
expect_eq "$(brought "$neighbour")" "0" "2. nor rows of its own form renamed to the neighbour's uuid"

# 3. a row about the district above the commune
forged f3 "$row VALUES ('2024-11-04T08:00:00Z', 'kẻ giả', 'units', '$district', '$district', 'update',
	'{\"code\":\"H\",\"name\":\"Huyện Sông Lam\"}', '{\"code\":\"H\",\"name\":\"Huyện Giả\"}')"
run import "$T/f3.antt"
expect_eq "$(brought "$district")" "$district_rows" "3. nor a row about the district above it"
run audit --unit H
expect_no_out "Huyện Giả" "   antt audit of H does not show it"

# 4. the commune's own rows are taken, once each
A commune.db answer set X1-K1 2024 2 'không đạt' > /dev/null
A commune.db export --under X1 -o "$T/c3.antt" --force > /dev/null
sqlite3 "$T/c3.antt" "UPDATE audit SET at = '2024-11-05T08:00:00Z' WHERE at = (SELECT max(at) FROM audit)"
R "$T/c3.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/c3.antt"
expect_rc 0 "4. the commune's next package is taken"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE scope = '$own' AND at = '2024-11-05T08:00:00Z'")" \
	"$(sqlite3 "$T/c3.antt" "SELECT count(*) FROM audit WHERE scope = '$own' AND at = '2024-11-05T08:00:00Z'")" \
	"   with its form's new rows"
n=$(sql "SELECT count(*) FROM audit")
A office.db import "$T/c3.antt" > /dev/null
expect_eq "$(sql "SELECT count(*) FROM audit")" "$n" "   imported again, it adds no row"

# 5. a form registered on both machines has two uuids: the office keeps its
# own, and the commune's rows name the other. The answers the office takes
# into its form still each have a trace in that form's history
A office.db register X1-K1 2025 > /dev/null
A commune.db register X1-K1 2025 > /dev/null
A commune.db answer set X1-K1 2025 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c4.antt" --force > /dev/null
run import "$T/c4.antt"
expect_rc 0 "5. the commune's package with its own form of X1-K1 2025 is taken"
expect_eq "$(sql "SELECT count(*) FROM answers x JOIN assessments s ON s.id = x.assessment_id JOIN units u ON u.id = s.unit_id
	WHERE u.code = 'X1-K1' AND s.year = 2025")" "$(sqlite3 "$T/commune.db" "SELECT count(*) FROM answers x
	JOIN assessments s ON s.id = x.assessment_id JOIN units u ON u.id = s.unit_id WHERE u.code = 'X1-K1' AND s.year = 2025")" \
	"   its answers are in the office's form"
expect_eq "$(sql "SELECT count(*) FROM answers x JOIN assessments s ON s.id = x.assessment_id JOIN units u ON u.id = s.unit_id
	WHERE u.code = 'X1-K1' AND s.year = 2025 AND NOT EXISTS (SELECT 1 FROM audit h WHERE h.scope = s.uuid AND h.row_uuid = x.uuid)")" \
	"0" "   each with a row in that form's history"

# 6. a new form whose history the package gives to the neighbour's form:
# the rows are not taken, and its answers still arrive with a trace
A commune.db answer set X1-K1 2026 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c5.antt" --force > /dev/null
new=$(sqlite3 "$T/c5.antt" "SELECT uuid FROM assessments WHERE year = 2026")
cp "$T/c5.antt" "$T/f6.antt"
sqlite3 "$T/f6.antt" "UPDATE audit SET scope = '$neighbour' WHERE scope = '$new'"
R "$T/f6.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/f6.antt"
expect_rc 0 "6. a package giving a new form's history to the neighbour's form is taken"
expect_eq "$(brought "$neighbour")" "0" "   its rows are not in the neighbour's history"
expect_eq "$(sql "SELECT count(*) FROM answers x JOIN assessments s ON s.id = x.assessment_id WHERE s.uuid = '$new'
	AND NOT EXISTS (SELECT 1 FROM audit h WHERE h.scope = s.uuid AND h.row_uuid = x.uuid)")" "0" \
	"   each answer of the new form has a row in its history"
expect_eq "$(sql "SELECT count(*) FROM answers x JOIN assessments s ON s.id = x.assessment_id WHERE s.uuid = '$new'")" \
	"$(sqlite3 "$T/c5.antt" "SELECT count(*) FROM answers WHERE year = 2026")" "   and every answer arrived"
exit $failed
