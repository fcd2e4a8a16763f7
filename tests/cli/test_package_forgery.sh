# End to end, a second attacker's look at signed packages (after
# test_trust.sh): a genuine package whose tables are made views that show
# the signed rows to the check and other rows to the merge; an old genuine
# package replayed after a newer one; a unit "merged into" a unit outside
# the sender's scope; years no antt can write; uuids not as antt writes
# them. Each is refused or kept
# visible as a conflict, and a refusal changes nothing.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
note_of() { # db unit criterion
	sqlite3 "$T/$1" "SELECT x.note FROM answers x JOIN assessments a ON a.id = x.assessment_id
		JOIN units u ON u.id = a.unit_id WHERE u.code = '$2' AND a.year = 2024 AND x.criterion = '$3'"
}
state() {
	sqlite3 "$T/$1" "SELECT group_concat(x, '|') FROM (
		SELECT u.uuid || ':' || u.code || ':' || coalesce(u.merged_into, '') AS x FROM units u
		UNION ALL SELECT a.unit_id || ':' || a.year || ':' || a.status FROM assessments a
		UNION ALL SELECT x.assessment_id || ':' || x.criterion || ':' || quote(x.value) || ':' || x.note FROM answers x
		UNION ALL SELECT 'audit:' || count(*) FROM audit UNION ALL SELECT 'conflicts:' || count(*) FROM conflicts
		ORDER BY 1)" | md5sum
}

{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	echo "X1,H,xã,Xã Hòa Bình"
	echo "X1-K1,X1,khu dân cư,Thôn Một"
	echo "X2,H,xã,Xã An Phú"
} > "$T/units.csv"
A office.db unit import "$T/units.csv" > /dev/null
A office.db settings office_name "Công an huyện Sông Lam" > /dev/null
A office.db export --under X1 -o "$T/seed.antt" > /dev/null
A commune.db import "$T/seed.antt" > /dev/null
A commune.db answer set X1-K1 2024 '*' đạt > /dev/null
A commune.db answer set X1-K1 2024 2 không --note "bản 1 (sai)" > /dev/null
A commune.db export --under X1 -o "$T/v1.antt" > /dev/null
A office.db trust add "$T/v1.antt" --under X1 > /dev/null
A office.db import "$T/v1.antt" > /dev/null
A commune.db answer set X1-K1 2024 2 đạt --note "bản 2 (đã sửa)" > /dev/null
A commune.db export --under X1 -o "$T/v2.antt" > /dev/null
DB="$T/office.db"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE tbl = 'criteria_sets'")" "0" \
	"a criteria set this machine's forms/ has is not audited as accepted by someone here"

# 0. a positive control: a new unit and a new unit under it, both in scope
A commune.db unit add X1-T1 "khu dân cư" "Tổ Một" --parent X1 > /dev/null
A commune.db unit add X1-T1A "khu dân cư" "Tổ Một A" --parent X1-T1 > /dev/null
A commune.db export --under X1 -o "$T/two.antt" > /dev/null
run import "$T/two.antt"
expect_rc 0 "a new unit with a new unit under it is taken"
expect_eq "$(sqlite3 "$T/office.db" "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'X1-T1A'")" \
	"X1-T1" "under its new parent"

# 1. views: the check reads the signed rows, the merge other ones
# (total_changes() is 0 on the connection that checks, not on the importer's)
cp "$T/v2.antt" "$T/view.antt"
sqlite3 "$T/view.antt" "ALTER TABLE answers RENAME TO signed;
	CREATE TABLE forged AS SELECT * FROM signed; UPDATE forged SET value = 'không', note = 'giả mạo';
	CREATE VIEW answers AS SELECT * FROM signed WHERE total_changes() = 0
	 UNION ALL SELECT * FROM forged WHERE total_changes() > 0"
before=$(state office.db)
run import "$T/view.antt"
expect_rc 1 "a genuine package whose table is made a view is refused"
expect_err "không bị thay đổi" "the refusal says nothing changed"
expect_eq "$(state office.db)" "$before" "nothing from the view was taken"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM answers WHERE note = 'giả mạo'")" "0" "no forged answer"
cp "$T/v2.antt" "$T/trigger.antt"
sqlite3 "$T/trigger.antt" "CREATE TABLE t (x); CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END"
run import "$T/trigger.antt" --dry-run
expect_rc 1 "a package with tables or triggers antt never writes is refused"
expect_err "cấu trúc" "and the message says its structure is not a package's"
cp "$T/v2.antt" "$T/vtab.antt"
sqlite3 "$T/vtab.antt" "CREATE VIRTUAL TABLE zz USING fts5(a); INSERT INTO zz VALUES ('x')"
run import "$T/vtab.antt" --dry-run
expect_rc 1 "a package with a virtual table is refused"
expect_err "cấu trúc" "by its structure, before anything reads it"
cp "$T/office.db" "$T/office-t.db"
A office-t.db trust add "$T/view.antt" --under X2 > /dev/null 2>&1
expect_eq "$?" "1" "nor is its sender enrolled from it"

# 2. an old genuine package after a newer one: the newer answers stay
run import "$T/v2.antt"
expect_rc 0 "the newer package is taken"
expect_eq "$(note_of office.db X1-K1 2)" "bản 2 (đã sửa)" "its answer arrived"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE tbl = 'assessments' AND origin IS NULL")" "0" \
	"the verdict the package's answers changed is audited as from the package, not as this machine's"
run import "$T/v1.antt"
expect_eq "$(note_of office.db X1-K1 2)" "bản 2 (đã sửa)" "an older package imported again does not bring the old answer back"
expect_out "xung đột 1" "the older answer is shown as a conflict, not taken silently"
run conflicts
expect_out "cũ hơn" "the conflict says the package's version is older"
A office.db import "$T/v2.antt" > /dev/null
expect_eq "$(note_of office.db X1-K1 2)" "bản 2 (đã sửa)" "the newer package again: still the newer answer"

# 3. "merged into" a unit outside the sender's scope
cp "$T/v2.antt" "$T/merged.antt"
sqlite3 "$T/merged.antt" "UPDATE units SET merged_uuid = (SELECT uuid FROM units WHERE code = 'H'), rev = rev + 1
	WHERE code = 'X1-K1'"
R "$T/merged.antt" --key-from "$T/commune.db" > /dev/null
before=$(state office.db)
run import "$T/merged.antt"
expect_rc 1 "a unit merged into a unit outside the sender's scope is refused"
expect_err "H (Huyện Sông Lam)" "the refusal names the unit outside"
expect_eq "$(state office.db)" "$before" "nothing changed"

# 4. years no antt database can hold
cp "$T/v2.antt" "$T/year.antt"
sqlite3 "$T/year.antt" "UPDATE assessments SET year = 2101; UPDATE answers SET year = 2101"
R "$T/year.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/year.antt"
expect_rc 1 "a year out of range is refused"
expect_err "năm 2101" "the refusal names the year"
expect_eq "$(state office.db)" "$before" "nothing changed"
cp "$T/v2.antt" "$T/status.antt"
sqlite3 "$T/status.antt" "UPDATE assessments SET status = 'đã duyệt', rev = rev + 1"
R "$T/status.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/status.antt"
expect_rc 1 "a status antt does not have is refused"
expect_err "trạng thái 'đã duyệt' mà antt không có" "the refusal names it (not a CHECK constraint)"
expect_eq "$(state office.db)" "$before" "nothing changed"
n=0
for q in "UPDATE units SET type = 'xyz' WHERE code = 'X1-K1'|loại \"xyz\"" \
	"UPDATE units SET excluded = 5 WHERE code = 'X1-K1'|loại khỏi đánh giá 5" \
	"UPDATE answers SET exception = 7 WHERE criterion = '2'|ngoại lệ 7" \
	"UPDATE audit SET action = 'approve' WHERE id = 1|'approve'" \
	"UPDATE audit SET scope = NULL WHERE id = 1|nhật ký không thuộc đơn vị hay phiếu nào" \
	"UPDATE units SET name = '' WHERE code = 'X1-K1'|không có tên"; do
	n=$((n + 1))
	cp "$T/v2.antt" "$T/bad$n.antt"
	sqlite3 "$T/bad$n.antt" "${q%%|*}"
	R "$T/bad$n.antt" --key-from "$T/commune.db" > /dev/null
	run import "$T/bad$n.antt"
	expect_rc 1 "a value antt never writes is refused ($n)"
	expect_err "${q#*|}" "named in words, not as a constraint of the database ($n)"
done
expect_eq "$(state office.db)" "$before" "nothing changed"

# 4b. a package that says it is another commune's (the progress screen
# would show X2 as having sent its package)
cp "$T/v2.antt" "$T/scope.antt"
sqlite3 "$T/scope.antt" "UPDATE manifest SET value = '$(sqlite3 "$T/office.db" "SELECT uuid FROM units WHERE code = 'X2'")'
	WHERE key = 'under_uuid'; UPDATE manifest SET value = 'X2' WHERE key = 'under_code'"
R "$T/scope.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/scope.antt"
expect_rc 1 "a package claiming to be for a unit outside the sender's scope is refused"
expect_err "X2 (Xã An Phú)" "the refusal names that unit"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM packages p JOIN units u ON u.uuid = p.under_uuid WHERE u.code = 'X2'")" \
	"0" "X2 is not recorded as having sent a package"

# forged SQL: the commune's package v2 edited by SQL, signed again with the
# commune's own key (a sender forging inside its enrolment), imported
forged() {
	cp "$T/v2.antt" "$T/forged.antt"
	sqlite3 "$T/forged.antt" "$1"
	R "$T/forged.antt" --key-from "$T/commune.db" > /dev/null
	run import "$T/forged.antt"
}

# 4c. a new unit whose code looks like another's (a Cyrillic Х)
forged "INSERT INTO units SELECT '$(new_uuid)', 1, 'Х2', 'Xã An Phú', type, uuid, NULL, NULL, 0,
	NULL, updated_by, updated_at, 0 FROM units WHERE code = 'X1'"
expect_rc 1 "a unit code that only looks like X2 is refused"
expect_err "không hợp lệ" "the refusal says the code is not valid"
expect_eq "$(state office.db)" "$before" "nothing changed"

# 4d. a new unit of the sender's own whose uuid is not one: merge bases and
# conflicts are keyed "uuid/year/criterion", so a unit named
# "<X2's uuid>/2024" reached X2's form's keys (a reviewer's attack). Any
# uuid not as antt writes it (upper case, no dashes, other lengths) is refused
x2=$(sqlite3 "$T/office.db" "SELECT uuid FROM units WHERE code = 'X2'")
for bad in "$x2/2024" "$x2/2024/1.1" "$(new_uuid | tr a-f A-F)" "$(new_uuid | tr -d -)" "$(new_uuid)x"; do
	forged "INSERT INTO units SELECT '$bad', 1, 'X1-K9', 'Thôn Chín', type, uuid, NULL, NULL, 0,
		NULL, updated_by, updated_at, 0 FROM units WHERE code = 'X1'"
	expect_rc 1 "a unit whose uuid is '$bad' is refused"
	expect_err "không đúng dạng" "  the refusal says the uuid is not one"
	expect_eq "$(state office.db)" "$before" "  nothing changed"
done
# and every other uuid a package carries: a form's, an answer's, a history row's
for edit in "UPDATE assessments SET uuid = upper(uuid)" "UPDATE answers SET uuid = uuid || '/x' WHERE rowid = 1" \
	"UPDATE audit SET scope = upper(scope) WHERE id = (SELECT max(id) FROM audit)" "UPDATE audit SET row_uuid = 'x' WHERE id = 1"; do
	forged "$edit"
	expect_rc 1 "a package where $edit is refused"
	expect_err "không đúng dạng" "  says which uuid"
	expect_eq "$(state office.db)" "$before" "  nothing changed"
done

# 5. an assessment switched to another criteria set the office knows (an
# older regulation's, for years up to 2021): refused
old_set="${ANTT_FORMS:-forms}/tt23-2012/khu-dan-cu.yaml"
cp "$T/v2.antt" "$T/set.antt"
/usr/bin/python3 -c '
import hashlib, sqlite3, sys
body = open(sys.argv[2], encoding="utf-8").read()
sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO criteria_sets VALUES (?, ?, ?, ?, ?)", (sha, "Thông tư 23/2012/TT-BCA", "2012", "x", body))
db.execute("UPDATE assessments SET set_sha = ?, rev = rev + 1", (sha,))
db.commit()' "$T/set.antt" "$old_set"
R "$T/set.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/set.antt"
expect_rc 1 "an assessment switched to a set not used for its unit type and year is refused"
expect_err "không dùng cho loại đơn vị đó trong năm 2024" "the refusal says why"
expect_eq "$(state office.db)" "$before" "nothing changed"

# 6. an officer (not admin) points ANTT_FORMS at an edited copy of the
# forms (a rule that passes everyone) that a colluding commune also used:
# the set is not "known here" for that, only an admin accepts it
cp "$T/office.db" "$T/acc.db"
leaders "$T/acc.db"
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=matkhau-cb A acc.db user add cb "Cán bộ" --role entry > /dev/null
cp -r "${ANTT_FORMS:-forms}" "$T/lenient"
find "$T/lenient" -name '*.yaml' -exec sh -c 'echo "# bản sửa" >> "$1"' _ {} \;
ANTT_FORMS="$T/lenient" A commune.db answer set X1-K1 2026 '*' đạt > /dev/null
A commune.db export --under X1 --year 2026 -o "$T/lenient.antt" > /dev/null
sha=$(sqlite3 "$T/lenient.antt" "SELECT sha256 FROM criteria_sets" | head -1)
ANTT_USER=cb ANTT_PASSWORD=matkhau-cb ANTT_FORMS="$T/lenient" A acc.db import "$T/lenient.antt" > /dev/null 2> "$T/err6"
expect_eq "$?" "1" "an officer's own forms folder does not make a package's new set known"
expect_eq "$(sqlite3 "$T/acc.db" "SELECT count(*) FROM criteria_sets WHERE sha256 = '$sha'")" "0" "the set is not stored"
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_FORMS="$T/lenient" A acc.db import "$T/lenient.antt" > /dev/null 2>&1
expect_eq "$?" "0" "for a proven admin that folder counts, as it does for using a set"

# 7. a hostile commune (it holds its own key) names a unit with a bidi
# override, so the name prints reversed in the report the office signs,
# and puts an escape sequence in a note
before=$(state office.db)
cp "$T/v2.antt" "$T/bidi.antt"
sqlite3 "$T/bidi.antt" "UPDATE units SET name = 'Thôn ' || char(8238) || 'tộM' WHERE code = 'X1-K1'"
R "$T/bidi.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/bidi.antt"
expect_rc 1 "a unit name with a bidi override is refused"
expect_err "tên đơn vị X1-K1" "  the refusal names the unit"
cp "$T/v2.antt" "$T/esc.antt"
sqlite3 "$T/esc.antt" "UPDATE answers SET note = 'x' || char(27) || '[2J' WHERE criterion = '2'"
R "$T/esc.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/esc.antt"
expect_rc 1 "a note with an escape sequence is refused"
expect_err "ghi chú tiêu chí 2" "  the refusal names the note"
expect_eq "$(state office.db)" "$before" "nothing changed"

exit $failed
