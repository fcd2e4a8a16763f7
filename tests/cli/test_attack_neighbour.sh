# Commune X1 against commune X2 through the office's package import (a
# reviewer's attacks of 1/12, after the holes closed on 30/11: 3738e96,
# 852d8b8). The attacker is commune X1: enrolled at the
# office for X1 only, with --may-approve (its leaders approve, its chairman
# recognises), signing with its own key (the CLI, or a package edited with
# sqlite3 and signed again: resign.py). Its target is commune X2, enrolled
# for X2. An "ok" means the attack was refused or changed nothing of X2's;
# a "not ok" means it worked. Sections 1 and 2 were holes, closed 1/12;
# section 3 is a hold-up still open (X2 refused, loudly, nothing changed).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_neighbour.sh"
# the office (district H), its two communes, each commune machine set up
# from the office's package and enrolled for its commune with --may-approve;
# both communes' K1 đạt, approved, taken by the office
neighbours_set_up
expect_eq "$(sqlite3 "$T/office.db" "SELECT group_concat(u.code || '=' || a.status || '/' || a.verdict, ' ') FROM assessments a
	JOIN units u ON u.id = a.unit_id ORDER BY u.code")" "X1-K1=approved/pass X2-K1=approved/pass" "both K1 approved đạt at the office"

# ---------------------------------------------------------------------------
# 1. A decision squatted by number, date and authority (closed 1/12). X1's
# chairman "recognises" X1-K1 under the decision X2's chairman is about to
# sign (7/QĐ-UBND of 01/12/2024, "Chủ tịch UBND xã An Phú"; numbers run in
# order, so it is guessed), naming a signer of X1's choosing: only the
# ordinary commands. The office takes it (X1-K1 is X1's). Before, when X2's
# genuine recognition of X2-K1 under the real decision arrived, the office
# found the decision by number, date and authority and hung X2-K1's
# recognition on X1's row, with X1's signer. Now one decision has one
# signer at the office as in `recognise`: X2's package is refused, saying
# both signers and which unit holds the other, and nothing is written; the
# office's own chairman is told the same. (X1 can still hold X2's package
# up this way until someone checks the paper decision: noted, not fixed.)
# On copies (office1, c1s): the rest of the file goes on without the squat.
cp "$T/office.db" "$T/office1.db"
cp "$T/c1.db" "$T/c1s.db"
$LD "$ANTT" --db "$T/c1s.db" recognise --decision 7/QĐ-UBND --date 01/12/2024 --by "Chủ tịch UBND xã An Phú" \
	--signer "Kẻ Giả Mạo" 2024 X1-K1 > /dev/null || not_ok "X1's chairman records the squatting decision"
A c1s.db export --under X1 -o "$T/c1s-2.antt" > /dev/null
OFFICE=office1.db
office_import "$T/c1s-2.antt"
expect_rc 0 "1. X1's package with its recognition of X1-K1 goes in (its own unit)"
# the office itself approves X2-K2 and its chairman records the real
# decision for it (the same decision as X2-K1's): told who signed the row
$QT "$ANTT" --db "$T/office1.db" answer set X2-K2 2024 '*' đạt > /dev/null
$QT "$ANTT" --db "$T/office1.db" submit X2-K2 2024 > /dev/null
$LD "$ANTT" --db "$T/office1.db" approve X2-K2 2024 > /dev/null || not_ok "the office approves X2-K2"
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 DB="$T/office1.db" run recognise --decision 7/QĐ-UBND --date 01/12/2024 \
	--by "Chủ tịch UBND xã An Phú" --signer "Nguyễn Văn Thật" 2024 X2-K2
expect_rc 1 "1a. the office's chairman is not let record X2-K2 under a decision of another signer"
expect_err "Kẻ Giả Mạo" "  and is told the signer recorded"
# X2's chairman signs the real decision; X2's package arrives
$LD "$ANTT" --db "$T/c2.db" recognise --decision 7/QĐ-UBND --date 01/12/2024 --by "Chủ tịch UBND xã An Phú" \
	--signer "Nguyễn Văn Thật" 2024 X2-K1 > /dev/null || not_ok "X2's chairman records the real decision"
A c2.db export --under X2 -o "$T/c2-2.antt" > /dev/null
refused c2-2.antt "1b. X2's genuine recognition under the decision X1 recorded with another signer"
expect_err "người ký \"Nguyễn Văn Thật\", nhưng quyết định đó đã được ghi ở máy này với người ký \"Kẻ Giả Mạo\" (công nhận cho X1-K1" \
	"  the refusal says both signers and which unit holds the other"
signer() { sqlite3 "$T/$OFFICE" "SELECT coalesce(max(d.signer), '-') FROM recognitions r JOIN assessments a ON a.id = r.assessment_id
	JOIN units u ON u.id = a.unit_id JOIN decisions d ON d.id = r.decision_id WHERE u.code = '$1' AND r.withdrawn_at IS NULL"; }
expect_eq "$(signer X2-K1)" "-" "1c. X2-K1 is not recognised at the office under X1's signer"
DB="$T/office1.db" run recognise list 2024
expect_no_out "X2-K1" "1d. the office's list does not show X2-K1 under the decision signed by X1's made-up signer"
# the same decision number with the same signer (the office and the
# commune both typed the real decision) is one decision, as before
cp "$T/office.db" "$T/office1b.db"
OFFICE=office1b.db
$QT "$ANTT" --db "$T/office1b.db" answer set X2-K2 2024 '*' đạt > /dev/null
$QT "$ANTT" --db "$T/office1b.db" submit X2-K2 2024 > /dev/null
$LD "$ANTT" --db "$T/office1b.db" approve X2-K2 2024 > /dev/null
$LD "$ANTT" --db "$T/office1b.db" recognise --decision 7/QĐ-UBND --date 01/12/2024 --by "Chủ tịch UBND xã An Phú" \
	--signer "Nguyễn Văn Thật" 2024 X2-K2 > /dev/null || not_ok "the office records the real decision for X2-K2"
office_import "$T/c2-2.antt"
expect_rc 0 "1e. X2's package naming the decision the office typed too, same signer, goes in"
expect_eq "$(sqlite3 "$T/office1b.db" "SELECT count(*) || ':' || group_concat(DISTINCT d.signer) FROM recognitions r
	JOIN decisions d ON d.id = r.decision_id WHERE d.number = '7/QĐ-UBND'")" "2:Nguyễn Văn Thật" "  one decision, both units under it"
OFFICE=office.db
# the main line: X2's genuine package, and X1's (no squat), go in
office_import "$T/c2-2.antt"
expect_rc 0 "X2's genuine package with its recognition goes in"
A c1.db export --under X1 -o "$T/c1-2.antt" > /dev/null
office_import "$T/c1-2.antt"
expect_rc 0 "X1's genuine package goes in"

# ---------------------------------------------------------------------------
# 2. A conflict resolved into a uuid antt does not write (closed 1/12). X1's
# package (signed by X1) brings an answer new in X1-K1's form, approved at
# the office: a conflict. The office's leader takes the package's version;
# sync_resolve (conflicts.c) inserts the answer with
# lower(hex(randomblob(16))), 32 hex digits without dashes. Since 852d8b8
# every receiver refused any package carrying it: the office's package to
# the province (and back to X1) was refused from then on. Now the answer
# gets a uuid from db_uuid; and one written so before (an office that
# resolved a conflict before 1/12) is still taken, for answers only
# (db_uuid_legacy: no key is built from an answer's uuid).
k1=$(uuid_of office.db X1-K1)
forge c1-9.antt c1-2.antt "INSERT INTO answers SELECT unit_uuid, year, '9.9', '$(new_uuid)', 1, 1, 0, '', updated_by, updated_at
	FROM answers WHERE unit_uuid = '$k1' AND criterion = '1.1'"
office_import "$T/c1-9.antt"
expect_rc 0 "2. X1's package with a new answer in its approved form goes in, as a conflict"
n=$(sqlite3 "$T/office.db" "SELECT id FROM conflicts WHERE resolution IS NULL AND key = '$k1/2024/9.9'")
[ -n "$n" ] && ok "  the conflict is listed" || not_ok "  the conflict is listed"
$LD "$ANTT" --db "$T/office.db" conflicts resolve "${n:-0}" incoming > /dev/null || not_ok "the leader takes the package's version"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM answers WHERE uuid NOT GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-*-*-*-*'
	OR length(uuid) <> 36")" "0" "2a. every answer uuid at the office is as antt writes them"
$QT "$ANTT" --db "$T/office.db" export -o "$T/office-all.antt" > /dev/null || not_ok "the office exports everything"
DB="$T/province.db" run import "$T/office-all.antt"
expect_rc 0 "2b. the office's package (after a resolved conflict) is taken by the province"
# an answer resolved before 1/12: 32 hex digits, and its history row
legacy=$(sqlite3 "$T/office.db" "SELECT lower(hex(randomblob(16)))")
sqlite3 "$T/office.db" "UPDATE answers SET uuid = '$legacy' WHERE criterion = '9.9'"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE row_uuid = '$legacy' AND tbl = 'answers'")" "1" \
	"  the legacy uuid is in the office's history too"
$QT "$ANTT" --db "$T/office.db" export -o "$T/office-legacy.antt" > /dev/null || not_ok "the office exports everything"
DB="$T/province2.db" run import "$T/office-legacy.antt"
expect_rc 0 "2c. a package with an answer uuid written the old way (32 hex digits) is still taken"
expect_eq "$(sqlite3 "$T/province2.db" "SELECT count(*) FROM answers WHERE uuid = '$legacy'")" "1" "  the answer keeps its uuid"
# the old form is an answer's only: a unit, form or recognition in it is refused
k1p=$(uuid_of office.db X1-K1)
cp "$T/office-legacy.antt" "$T/legacy-unit.antt"
sqlite3 "$T/legacy-unit.antt" "UPDATE units SET uuid = replace(uuid, '-', '') WHERE code = 'X1-K3';
	UPDATE units SET parent_uuid = replace(parent_uuid, '-', '') WHERE parent_uuid = (SELECT replace(uuid, '', '') FROM units WHERE code = 'X1-K3')"
R "$T/legacy-unit.antt" --key-from "$T/office.db" > /dev/null
DB="$T/province3.db" run import "$T/legacy-unit.antt"
expect_rc 1 "2d. a unit's uuid in the old answers' form is refused"
expect_err "không đúng dạng" "  saying the uuid is malformed"

# ---------------------------------------------------------------------------
# 3. uuids squatted ahead of X2 (open: a hold-up, not a change). X2's next package (its K3's form and
# answers, new at the office) passes the attacker's hands before the
# office's (a shared stick, the office's desk). X1 gives its own new form
# and answers (X1-K3's) the uuids of X2-K3's and its package goes in first:
# the uuids were free. X2's genuine package is then refused for ever
# ("máy này đã dùng mã đó"), and X2's figures at the office stay as X1
# left them. The same with a recognition: X1 keeps a withdrawn row of its
# own under the uuid of X2's coming recognition, and the check added
# yesterday (same_form) refuses X2's package. Nothing of X2's changes and
# the refusal names X1's unit, so the office can see who: asserted here;
# giving X2's rows uuids of their own here instead is not built.
$QT "$ANTT" --db "$T/c2.db" answer set X2-K3 2024 '*' đạt > /dev/null
A c2.db export --under X2 -o "$T/c2-3.antt" > /dev/null
$QT "$ANTT" --db "$T/c1.db" answer set X1-K3 2024 '*' đạt > /dev/null
A c1.db export --under X1 -o "$T/c1-3.antt" > /dev/null
# held_up PKG WHAT HOLDER CONTROL: X2's package PKG refused at the office
# ($OFFICE), nothing written, the refusal naming X1's unit HOLDER that
# holds the uuid (X1 holds X2 up: noted, not fixed); the office copy
# CONTROL, which X1's package never reached, takes it
held_up() {
	refused "$1" "$2 (X1 holds X2 up: noted, not fixed)"
	expect_err "$3" "  the refusal names the unit of X1's that holds the uuid here"
	OFFICE=$4
	office_import "$T/$1"
	expect_rc 0 "  control: without X1's package before it, X2's package goes in"
	OFFICE=office.db
}
x13=$(uuid_of office.db X1-K3); x23=$(uuid_of office.db X2-K3)
cp "$T/office.db" "$T/office-3r.db"
cp "$T/office.db" "$T/office-3a.db"
forge c1-3s.antt c1-3.antt "ATTACH '$T/c2-3.antt' AS v;
	UPDATE answers SET uuid = (SELECT o.uuid FROM v.answers o WHERE o.unit_uuid = '$x23' AND o.year = answers.year
	 AND o.criterion = answers.criterion) WHERE unit_uuid = '$x13';
	UPDATE assessments SET uuid = (SELECT o.uuid FROM v.assessments o WHERE o.unit_uuid = '$x23' AND o.year = 2024)
	 WHERE unit_uuid = '$x13'"
office_import "$T/c1-3s.antt"
expect_rc 0 "3. X1's package, its new form and answers under X2-K3's coming uuids, goes in"
held_up c2-3.antt "3a. X2's genuine package after X1 took its form's uuid first" X1-K3 office-3a.db
# the recognition, on the office as it was before the forms were squatted:
# X2's leader approves X2-K3 and its chairman recognises it under a new
# decision; X1 keeps a withdrawn recognition of X1-K1 under the uuid of
# that recognition, and its package goes in first
A c2.db submit X2-K3 2024 > /dev/null
$LD "$ANTT" --db "$T/c2.db" approve X2-K3 2024 > /dev/null || not_ok "X2 approves X2-K3"
$LD "$ANTT" --db "$T/c2.db" recognise --decision 9/QĐ-UBND --date 05/12/2024 --by "Chủ tịch UBND xã An Phú" \
	--signer "Nguyễn Văn Thật" 2024 X2-K3 > /dev/null || not_ok "X2's chairman recognises X2-K3"
A c2.db export --under X2 -o "$T/c2-4.antt" > /dev/null
r23=$(sqlite3 "$T/c2-4.antt" "SELECT uuid FROM recognitions WHERE unit_uuid = '$x23'")
forge c1-4s.antt c1-2.antt "INSERT INTO decisions VALUES ('$(new_uuid)', '3/QĐ-UBND', '2024-12-02', 'Chủ tịch UBND xã Hòa Bình', 'X', 'x', '2024-12-02T00:00:00Z');
	INSERT INTO recognitions SELECT '$r23', '$k1', 2024, (SELECT uuid FROM decisions WHERE number = '3/QĐ-UBND'),
	 '2024-12-03T00:00:00Z', 'x', 'rút', 'x', '2024-12-03T00:00:00Z'"
cp "$T/office-3r.db" "$T/office-3c.db"
OFFICE=office-3r.db
office_import "$T/c1-4s.antt"
expect_rc 0 "3b. X1's package with a withdrawn recognition of X1-K1 under X2-K3's coming uuid goes in"
held_up c2-4.antt "3c. X2's recognition of X2-K3 after X1 took its uuid first" X1-K1 office-3c.db

# ---------------------------------------------------------------------------
# 4. Attacks that must be (and are) refused or change nothing of X2's:
# regression tests. Each from X1's genuine package c1-2, edited and signed
# with X1's key.
A c1.db export --under X1 -o "$T/c1-5.antt" > /dev/null
office_import "$T/c1-5.antt"
expect_rc 0 "X1's current genuine package goes in (the base for what follows)"
x2k1=$(uuid_of office.db X2-K1); f21=$(form_of office.db X2-K1); f11=$(form_of office.db X1-K1)
x2=$(uuid_of office.db X2)
s0=$(x2_state)

# 4a. STATUS_KEPT matches forms by uuid with no scope: X1-K1's form sent
# under X2-K1's form uuid, in another status than X2-K1's
forge s4a.antt c1-5.antt "UPDATE assessments SET uuid = '$f21', status = 'submitted' WHERE unit_uuid = '$k1'"
office_import "$T/s4a.antt"
expect_eq "$(x2_state)" "$s0" "4a. X1-K1's form named by X2-K1's form uuid, another status: nothing of X2's changes (history included)"

# 4b. a history row under X1-K1's form that names X2-K1's form as its row
forge s4b.antt c1-5.antt "INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value)
	VALUES ('2024-12-01T00:00:00Z', 'x', 'assessments', '$f21', '$f11', 'update', '{\"status\":\"approved\"}', '{\"status\":\"returned\"}')"
office_import "$T/s4b.antt"
expect_eq "$(x2_state)" "$s0" "4b. a history row of X1-K1's form naming X2-K1's form: X2's history unchanged"
DB="$T/office.db" run audit --unit X2-K1
expect_no_out "trả lại" "  X2-K1's history shows no return"

# 4c. moving X1-K2 under X2, and X2-K2 under X1
forge s4c.antt c1-5.antt "UPDATE units SET parent_uuid = '$x2', rev = rev + 1 WHERE code = 'X1-K2'"
refused s4c.antt "4c. X1's unit moved under X2"
sqlite3 "$T/office.db" "SELECT uuid, rev + 1, code, name, type, valid_from, valid_to, excluded, updated_by, updated_at, managed_above
	FROM units WHERE code = 'X2-K2'" | while IFS='|' read -r u rv c nm ty vf vt ex ub ua ma; do
	forge s4d.antt c1-5.antt "INSERT INTO units VALUES ('$u', $rv, '$c', '$nm', '$ty', '$(uuid_of office.db X1)', NULLIF('$vf', ''),
		NULLIF('$vt', ''), $ex, NULL, '$ub', '$ua', $ma)"
done
refused s4d.antt "4d. X2's unit X2-K2 moved under X1"

# 4e. X2-K1's answers, changed, at a huge revision; and at a low one
for r in 999999999 0; do
	forge s4e.antt c1-5.antt "ATTACH '$T/c2-2.antt' AS v; INSERT INTO answers SELECT unit_uuid, year, criterion, uuid, $r,
		'không', exception, 'X1 viết', updated_by, updated_at FROM v.answers WHERE unit_uuid = '$x2k1'"
	refused s4e.antt "4e. X2-K1's answers changed, at rev $r"
done

# 4f. X2-K1's recognition withdrawn, named under X2-K1 or under X1-K1
r21=$(sqlite3 "$T/office.db" "SELECT r.uuid FROM recognitions r JOIN assessments a ON a.id = r.assessment_id WHERE a.uuid = '$f21'
	AND r.withdrawn_at IS NULL")
for u in "$x2k1" "$k1"; do
	forge s4f.antt c1-5.antt "ATTACH '$T/c2-2.antt' AS v; INSERT INTO decisions SELECT * FROM v.decisions WHERE uuid NOT IN (SELECT uuid FROM decisions);
		INSERT OR REPLACE INTO recognitions SELECT uuid, '$u', year, decision_uuid, '2024-12-09T00:00:00Z', 'x', 'rút', 'x', updated_at
		FROM v.recognitions WHERE uuid = '$r21'"
	refused s4f.antt "4f. X2-K1's recognition withdrawn by a row under $( [ "$u" = "$k1" ] && echo X1-K1 || echo X2-K1)"
done

# 4g. X2's genuine package signed again with X1's key
cp "$T/c2-4.antt" "$T/s4g.antt"
R "$T/s4g.antt" --key-from "$T/c1.db" > /dev/null
office_import "$T/s4g.antt"
expect_eq "$(x2_state)" "$s0" "4g. X2's package re-signed by X1: nothing of X2's changes"

# 4h. X1-K2 "merged into" X2-K1; X1-K2 marked in both ways at once
forge s4h.antt c1-5.antt "UPDATE units SET merged_uuid = '$x2k1', valid_to = '2024-12-31', rev = rev + 1 WHERE code = 'X1-K2'"
refused s4h.antt "4h. X1-K2 merged into X2-K1"

# 4i. a conflict about X1-K2 whose package version moves it under X2 (the
# office changed X1-K2's name meanwhile: both changed)
$QT "$ANTT" --db "$T/office.db" unit rename X1-K2 "Thôn Hai Hòa Bình" > /dev/null || not_ok "the office renames X1-K2"
forge s4i.antt c1-5.antt "UPDATE units SET parent_uuid = '$x2', name = 'Thôn Hai (X1)', rev = rev + 1 WHERE code = 'X1-K2'"
refused s4i.antt "4i. a both-sides change of X1-K2 whose package version is under X2 (no conflict to take)"

# 4j. the package says it is X2's (under_uuid), or a unit new in it
forge s4j.antt c1-5.antt "UPDATE manifest SET value = '$x2' WHERE key = 'under_uuid'"
refused s4j.antt "4j. a package of X1's that says it is X2's"

expect_eq "$(x2_state)" "$s0" "after section 4, nothing of X2's changed"

# 5. a unit the office moved out of X1's scope (X1-K2 now under X2): X1's
# next package still places it under X1 and brings a form for it, with its
# history. Refused: the form is X2's now; and a package where X1-K2 comes
# unchanged changes nothing of X2's
$QT "$ANTT" --db "$T/office.db" unit move X1-K2 X2 > /dev/null || not_ok "the office moves X1-K2 under X2"
s5=$(x2_state)
A c1.db export --under X1 -o "$T/c1-6.antt" > /dev/null
office_import "$T/c1-6.antt"
expect_eq "$(x2_state)" "$s5" "5. X1's package with X1-K2 as it was (before the move): nothing of X2's changes"
$QT "$ANTT" --db "$T/c1.db" answer set X1-K2 2024 '*' đạt > /dev/null
A c1.db export --under X1 -o "$T/c1-7.antt" > /dev/null
refused c1-7.antt "5a. X1's package with a form for X1-K2, moved under X2 at the office"
expect_eq "$(x2_state)" "$s5" "  nothing of X2's changed"
finish
