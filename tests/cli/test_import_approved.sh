# Issue 19: the forms approved here before an import are now looked up
# only among those the package's answers name (merge.c: every approved
# form of a national machine was read at each import). The attack this
# must still stop: a commune's signed package changing an answer of a
# form the office approved, with the form's own row taken out of the
# package (so nothing in it says "this form"): the office's approved
# answer stays, the change is a conflict, as when the form is carried.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-K2,X1,khu dân cư,Thôn Hai"
DB="$T/office.db"
for k in K1 K2; do A commune.db answer set X1-$k 2024 '*' đạt > /dev/null; done
A commune.db export --under X1 -o "$T/c2.antt" --force > /dev/null
run import "$T/c2.antt"
expect_rc 0 "the office takes the commune's answers"
# the accounts after the first import: under ASan or wine antt reads its
# forms from ANTT_FORMS or ./forms, and once accounts exist a criteria set
# from there is taken only by an admin (form_store.c may_store)
leaders "$T/office.db"
A office.db submit X1-K1 2024 > /dev/null
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 A office.db approve X1-K1 2024 > /dev/null
expect_eq "$(sql "SELECT a.status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1-K1'")" "approved" \
	"the office's leader approves X1-K1's form"
value() { sqlite3 "$T/$1" "SELECT x.value FROM answers x JOIN assessments a ON a.id = x.assessment_id
	JOIN units u ON u.id = a.unit_id WHERE u.code = '$2' AND a.year = 2024 AND x.criterion = '1.1'"; }
was=$(value office.db X1-K1)

# the commune changes 1.1 of both forms afterwards
A commune.db answer set X1-K1 2024 1.1 không --note "đổi sau khi đã duyệt" > /dev/null
A commune.db answer set X1-K2 2024 1.1 không --note "đổi, phiếu chưa duyệt" > /dev/null
A commune.db export --under X1 -o "$T/c3.antt" --force > /dev/null
cp "$T/office.db" "$T/office2.db"

# carried with its form: a conflict, the approved answer kept
run import "$T/c3.antt"
expect_rc 0 "the commune's package with the change"
expect_eq "$(value office.db X1-K1)" "$was" "  the approved form's answer is unchanged"
expect_eq "$(sql "SELECT count(*) FROM conflicts WHERE kind = 'answer' AND label LIKE 'X1-K1%'")" "1" "  its change is a conflict"
expect_eq "$(value office.db X1-K2)" "0" "  the open form's answer changes"

# the same change with the form's row taken out of the package, signed
# again with the commune's own key
cp "$T/c3.antt" "$T/evil.antt"
k1=$(sqlite3 "$T/commune.db" "SELECT uuid FROM units WHERE code = 'X1-K1'")
sqlite3 "$T/evil.antt" "DELETE FROM assessments WHERE unit_uuid = '$k1' AND year = 2024"
expect_eq "$(sqlite3 "$T/evil.antt" "SELECT count(*) FROM assessments WHERE unit_uuid = '$k1'") $(sqlite3 "$T/evil.antt" \
	"SELECT count(*) > 0 FROM answers WHERE unit_uuid = '$k1'")" "0 1" "a package whose answers name a form it does not carry"
R "$T/evil.antt" --key-from "$T/commune.db" > /dev/null
DB="$T/office2.db" run import "$T/evil.antt"
if [ "$rc" -eq 0 ]; then
	expect_eq "$(value office2.db X1-K1)" "$was" "  taken: the approved form's answer is unchanged"
	expect_eq "$(sqlite3 "$T/office2.db" "SELECT count(*) FROM conflicts WHERE kind = 'answer' AND label LIKE 'X1-K1%'")" "1" "  its change is a conflict"
else
	expect_eq "$(value office2.db X1-K1)" "$was" "  refused (exit $rc): the approved form's answer is unchanged"
	ok "  (refused: $(printf '%s' "$err" | head -c 200))"
fi
expect_eq "$(sqlite3 "$T/office2.db" "SELECT status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1-K1'")" \
	"approved" "  and the form stays approved"
finish
