# A trusted commune's signed package whose new form or answer carries a
# uuid already used here for another unit's form or answer, or twice in
# the package: refused, nothing changed, and the refusal says why in
# Vietnamese and names the two units (it printed SQLite's "UNIQUE
# constraint failed: assessments.uuid").
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
dump() { sqlite3 "$T/office.db" .dump | md5sum; }
uuid_of() { sqlite3 "$T/office.db" "SELECT uuid FROM units WHERE code = '$1'"; }

trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X2,H,xã,Xã An Phú" "X2-K1,X2,khu dân cư,Thôn Ba"
A office.db answer set X2-K1 2024 '*' đạt > /dev/null
A commune.db answer set X1-K1 2023 '*' đạt > /dev/null
A commune.db answer set X1 2023 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/p.antt" > /dev/null
k1=$(uuid_of X1-K1) x1=$(uuid_of X1)
form=$(sqlite3 "$T/office.db" "SELECT a.uuid FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X2-K1'")
answer=$(sqlite3 "$T/office.db" "SELECT x.uuid FROM answers x JOIN assessments a ON a.id = x.assessment_id
	JOIN units u ON u.id = a.unit_id WHERE u.code = 'X2-K1' ORDER BY x.criterion LIMIT 1")
DB="$T/office.db"
before=$(dump)

# forged NAME SQL: p.antt edited with SQL, signed again with the commune's key
forged() {
	cp "$T/p.antt" "$T/$1.antt"
	sqlite3 "$T/$1.antt" "$2"
	R "$T/$1.antt" --key-from "$T/commune.db" > /dev/null
	run import "$T/$1.antt"
}

# 1. the commune's new form given the uuid of the neighbour's form here
forged form "UPDATE assessments SET uuid = '$form' WHERE unit_uuid = '$k1' AND year = 2023"
expect_rc 1 "1. a new form with the uuid of another unit's form here is refused"
expect_err "gói ghi phiếu năm 2023 của đơn vị X1-K1 (Thôn Một) với mã \"$form\", nhưng máy này đã dùng mã đó cho phiếu năm 2024 của đơn vị X2-K1 (Thôn Ba)" \
	"1. the refusal names both forms"
expect_err "Không nhập gì từ gói này; cơ sở dữ liệu không bị thay đổi." "1. and says nothing was taken"
expect_eq "$(dump)" "$before" "1. nothing changed"
case "$err" in *constraint*|*UNIQUE*) not_ok "1. SQLite's English message reaches the officer";; *) ok "1. no SQLite message";; esac

# 2. two new forms of the package with one uuid
forged twice "UPDATE assessments SET uuid = (SELECT uuid FROM assessments WHERE unit_uuid = '$x1' AND year = 2023)
	WHERE unit_uuid = '$k1' AND year = 2023"
expect_rc 1 "2. two new forms with one uuid are refused"
expect_err "nhưng gói cũng ghi mã đó cho phiếu năm 2023 của đơn vị X1" "2. the refusal names the other form of the package"
expect_eq "$(dump)" "$before" "2. nothing changed"

# 3. a new answer given the uuid of an answer of the neighbour's form here
forged answer "UPDATE answers SET uuid = '$answer' WHERE rowid = (SELECT min(rowid) FROM answers WHERE unit_uuid = '$k1' AND year = 2023)"
expect_rc 1 "3. a new answer with the uuid of another unit's answer here is refused"
expect_err "gói ghi một câu trả lời của phiếu năm 2023 của đơn vị X1-K1 (Thôn Một) với mã \"$answer\", nhưng máy này đã dùng mã đó cho một câu trả lời của phiếu năm 2024 của đơn vị X2-K1 (Thôn Ba)" \
	"3. the refusal names both forms"
expect_eq "$(dump)" "$before" "3. nothing changed"
case "$err" in *constraint*|*UNIQUE*) not_ok "3. SQLite's English message reaches the officer";; *) ok "3. no SQLite message";; esac

# 4. two new answers of the package with one uuid
forged answers "UPDATE answers SET uuid = (SELECT min(uuid) FROM answers WHERE unit_uuid = '$x1' AND year = 2023)
	WHERE rowid = (SELECT min(rowid) FROM answers WHERE unit_uuid = '$k1' AND year = 2023)"
expect_rc 1 "4. two new answers with one uuid are refused"
expect_err "nhưng gói cũng ghi mã đó cho một câu trả lời của phiếu năm 2023 của đơn vị X1" "4. the refusal names the other answer's form"
expect_eq "$(dump)" "$before" "4. nothing changed"

# 5. the package as sent is taken
run import "$T/p.antt"
expect_rc 0 "5. the package as the commune sent it is taken"
exit $failed
