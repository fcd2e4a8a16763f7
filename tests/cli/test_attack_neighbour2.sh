# Commune X1 against commune X2 through the office's package import: a
# reviewer's attacks of 1/12 on the day's changes (1fbf0fa, 4136e97,
# 9456b94, f5799cb): a decision's signer, legacy answer uuids, the
# recompute that skips approved forms, the answer history JSON, the
# history of one unit. The attacker is commune X1, enrolled at the office
# for X1 only with --may-approve, signing with its own key (resign.py).
# An "ok" means the attack was refused or changed nothing of X2's; a
# "not ok" means it worked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_neighbour.sh"
neighbours_set_up
k1=$(uuid_of office.db X1-K1); x2k1=$(uuid_of office.db X2-K1); x1=$(uuid_of office.db X1); x2=$(uuid_of office.db X2)
f11=$(form_of office.db X1-K1); f21=$(form_of office.db X2-K1)
k2=$(uuid_of office.db X1-K2); x2k2=$(uuid_of office.db X2-K2)
# the signer of the decision X2-K1 is recognised under at the office ('-': none in force)
signer() { sqlite3 "$T/$OFFICE" "SELECT coalesce(max(quote(d.signer)), '-') FROM recognitions r JOIN assessments a ON a.id = r.assessment_id
	JOIN units u ON u.id = a.unit_id JOIN decisions d ON d.id = r.decision_id WHERE u.code = '$1' AND r.withdrawn_at IS NULL"; }
REAL="Chủ tịch UBND xã An Phú"
# recognise_7 DB UNIT SIGNER: on a copy DBr of commune DB, its chairman
# recognises UNIT under 7/QĐ-UBND of 01/12/2024 of X2's chairman (SIGNER,
# none when empty), and the copy's package DBr.antt is written
recognise_7() {
	cp "$T/$1.db" "$T/$1r.db"
	$LD "$ANTT" --db "$T/$1r.db" recognise --decision 7/QĐ-UBND --date 01/12/2024 --by "$REAL" \
		${3:+--signer "$3"} 2024 "$2" > /dev/null || not_ok "$1's chairman records 7/QĐ-UBND"
	rm -f "$T/$1r.antt"   # export does not write over a file
	A "$1r.db" export --under "${2%%-*}" -o "$T/$1r.antt" > /dev/null
}
# X2's chairman recognises X2-K1 under that decision (signer $1)
x2_recognises() { recognise_7 c2 X2-K1 "$1"; }
# X1's chairman "recognises" X1-K1 under that coming decision (signer $1); the office copy $2 takes it
x1_squats() {
	recognise_7 c1 X1-K1 "$1"
	cp "$T/office.db" "$T/$2"
	OFFICE=$2
	office_import "$T/c1r.antt"
	expect_rc 0 "  X1's package with its recognition of X1-K1 under 7/QĐ-UBND goes in (its own unit)"
}

# ---------------------------------------------------------------------------
# 1. One decision, one signer (1fbf0fa). The check is "signer <> '' AND
# coalesce(?5, '') <> '' AND signer <> ?5": an empty signer on either side
# matches any. X1 squats X2's coming decision number with ordinary commands.
# 1a. X1 leaves the signer empty: X2's genuine recognition, signed "Nguyễn
# Văn Thật", is hung on X1's row and the office holds X2-K1 recognised
# under a decision with no signer (X2's own decision row never recorded)
x2_recognises "Nguyễn Văn Thật"
x1_squats "" office1a.db
s0=$(x2_state)
office_import "$T/c2r.antt"
if [ "$rc" -eq 0 ]; then
	expect_eq "$(signer X2-K1)" "'Nguyễn Văn Thật'" "1a. X2's genuine recognition after X1 squatted its decision with an empty signer: X2-K1's signer is X2's"
	expect_eq "$(sqlite3 "$T/office1a.db" "SELECT count(*) FROM decisions WHERE uuid = (SELECT uuid FROM decisions WHERE signer = 'Nguyễn Văn Thật')")" "1" \
		"  X2's decision (its uuid, its signer) is recorded at the office"
else
	expect_eq "$(x2_state)" "$s0" "1a. X2's genuine recognition after X1 squatted its decision with an empty signer: refused, nothing of X2's changed"
fi
# 1b. the other way round: X1 names a signer of its choosing, X2's chairman
# typed the decision without one (--signer is optional, and the CSV's
# signer column too): the office prints X1's signer for X2-K1
x2_recognises ""
x1_squats "Kẻ Giả Mạo" office1b.db
s0=$(x2_state)
office_import "$T/c2r.antt"
expect_eq "$(signer X2-K1 | grep -c 'Kẻ Giả Mạo')" "0" "1b. X2's recognition typed without a signer after X1 squatted the decision with one: X2-K1 not under X1's signer"
# 1c. (regression) both signers given and different: refused, nothing written
x2_recognises "Nguyễn Văn Thật"
x1_squats "Kẻ Giả Mạo" office1c.db
refused c2r.antt "1c. X2's recognition under the decision X1 squatted with another signer"
expect_err "Kẻ Giả Mạo" "  the refusal names the signer recorded here"
# 1d. the squat through a withdrawn recognition of X1's (take_withdrawal
# records the decision too, with no approval needed), signer made up
x2_recognises "Nguyễn Văn Thật"
cp "$T/office.db" "$T/office1d.db"; OFFICE=office1d.db
forge s1d.antt c1-1.antt "INSERT INTO decisions VALUES ('$(new_uuid)', '7/QĐ-UBND', '2024-12-01', '$REAL', 'Kẻ Giả Mạo', 'x', '2024-12-01T00:00:00Z');
	INSERT INTO recognitions SELECT '$(new_uuid)', '$k1', 2024, (SELECT uuid FROM decisions WHERE number = '7/QĐ-UBND'),
	 '2024-12-02T00:00:00Z', 'x', 'rút', 'x', '2024-12-02T00:00:00Z'"
office_import "$T/s1d.antt"
expect_rc 0 "  X1's withdrawn recognition of X1-K1 under 7/QĐ-UBND goes in"
refused c2r.antt "1d. X2's recognition after X1 recorded the decision through a withdrawn row with another signer"
# 1e. X1 names X2's decision by its uuid (seen on a shared stick), another signer
x2_recognises "Nguyễn Văn Thật"
d2=$(sqlite3 "$T/c2r.antt" "SELECT uuid FROM decisions")
cp "$T/office.db" "$T/office1e.db"; OFFICE=office1e.db
forge s1e.antt c1-1.antt "INSERT INTO decisions VALUES ('$d2', '7/QĐ-UBND', '2024-12-01', '$REAL', 'Kẻ Giả Mạo', 'x', '2024-12-01T00:00:00Z');
	INSERT INTO recognitions SELECT '$(new_uuid)', '$k1', 2024, '$d2', '2024-12-02T00:00:00Z', 'x', 'rút', 'x', '2024-12-02T00:00:00Z'"
office_import "$T/s1e.antt"
refused c2r.antt "1e. X2's recognition after X1 took its decision's uuid with another signer"
# 1f. the same signer in other letters (case, a space more): another signer, refused
x2_recognises "Nguyễn Văn Thật"
x1_squats "nguyễn văn thật " office1f.db
refused c2r.antt "1f. X2's recognition after X1 squatted the decision with a look-alike signer"
OFFICE=office.db

# ---------------------------------------------------------------------------
# 2. uuids as antt writes them (852d8b8), the old 32-hex form taken again
# for answers (1fbf0fa: antt_uuid_ok(x, legacy)).
A c1.db answer set X1-K2 2024 '*' đạt > /dev/null
A c1.db export --under X1 -o "$T/c1-2.antt" > /dev/null
fk2() { sqlite3 "$T/c1-2.antt" "SELECT uuid FROM assessments WHERE unit_uuid = '$k2'"; }
f12=$(fk2)
hex() { echo "$1" | tr -d -; }
# 2a. the legacy form anywhere but an answer's uuid (or an answers history row's) is refused
for edit in "UPDATE units SET uuid = '$(hex "$(new_uuid)")' WHERE code = 'X1-K3'" \
	"UPDATE assessments SET uuid = '$(hex "$f12")' WHERE unit_uuid = '$k2'" \
	"UPDATE answers SET unit_uuid = '$(hex "$k2")' WHERE unit_uuid = '$k2'" \
	"UPDATE audit SET row_uuid = '$(hex "$f12")' WHERE tbl = 'assessments' AND row_uuid = '$f12'" \
	"UPDATE audit SET scope = '$(hex "$f12")' WHERE scope = '$f12'" \
	"UPDATE audit SET tbl = 'Answers' WHERE tbl = 'answers'; UPDATE audit SET row_uuid = '$(hex "$(new_uuid)")' WHERE tbl = 'Answers'"; do
	forge s2a.antt c1-2.antt "$edit"
	refused s2a.antt "2a. $edit"
done
# 2b. a legacy answer uuid that is X2-K1's answer's uuid without its
# dashes, and a history row of answers naming X2-K1's form: nothing of X2's
a21=$(sqlite3 "$T/office.db" "SELECT x.uuid FROM answers x JOIN assessments a ON a.id = x.assessment_id WHERE a.uuid = '$f21' AND x.criterion = '1.1'")
s0=$(x2_state)
forge s2b.antt c1-2.antt "UPDATE answers SET uuid = '$(hex "$a21")' WHERE unit_uuid = '$k2' AND criterion = '1.1';
	UPDATE audit SET row_uuid = '$(hex "$a21")' WHERE tbl = 'answers' AND new_value LIKE '%\"1.1\"%' AND scope = '$f12';
	INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value)
	 VALUES ('2024-12-03T00:00:00Z', 'x', 'answers', '$(hex "$a21")', '$f21', 'update', '{\"criterion\":\"1.1\",\"value\":1}', '{\"criterion\":\"1.1\",\"value\":0}')"
cp "$T/office.db" "$T/office2b.db"; OFFICE=office2b.db
office_import "$T/s2b.antt"
expect_eq "$(x2_state)" "$s0" "2b. X1's answer under X2-K1's answer's uuid in the legacy form, its history naming X2-K1's form: nothing of X2's changed"
expect_eq "$(sqlite3 "$T/office2b.db" "SELECT count(*) FROM sync_base WHERE key LIKE '%$(hex "$a21")%' OR key NOT LIKE '________-____-____-____-____________%'")" "0" \
	"  no merge base is keyed by an answer's uuid"
OFFICE=office.db
# 2c. uuids stored as BLOBs: db_uuid_valid reads the bytes, but the value
# is no text (the type was checked first until 1fbf0fa; uuid_ok now calls
# sqlite3_value_text before sqlite3_value_type, which then says TEXT: a
# BLOB's flags become Blob|Str, type 0x12 = TEXT). A form of X1's whose
# uuid is X2-K1's form's uuid as a BLOB goes in: SQL holds the two apart,
# but the office now has two forms whose uuids read the same, BLOB scopes
# in its history, and its packages carry them on (a receiver on the new
# build takes them too; one on 606cd60, or once the check is mended,
# refuses every package of the office's: a hold-up like the legacy one)
s0=$(x2_state)
forge s2c.antt c1-2.antt "UPDATE audit SET scope = CAST('$f21' AS BLOB) WHERE scope = '$f12';
	UPDATE assessments SET uuid = CAST('$f21' AS BLOB) WHERE unit_uuid = '$k2'"
cp "$T/office.db" "$T/office2c.db"; OFFICE=office2c.db
refused s2c.antt "2c. a form's uuid stored as a BLOB (X2-K1's form's uuid in bytes)"
expect_eq "$(sqlite3 "$T/office2c.db" "SELECT count(*) FROM assessments WHERE uuid = CAST('$f21' AS TEXT) OR CAST(uuid AS TEXT) = '$f21'")" "1" \
	"  the office holds one form whose uuid reads as X2-K1's form's"
expect_eq "$(sqlite3 "$T/office2c.db" "SELECT count(*) FROM (SELECT uuid FROM units UNION ALL SELECT uuid FROM assessments
	UNION ALL SELECT uuid FROM answers UNION ALL SELECT scope FROM audit WHERE scope IS NOT NULL) WHERE typeof(uuid) <> 'text'")" "0" \
	"  every uuid and history scope at the office is text"
# 2d. a unit's uuid as a BLOB: X2-K1's, or a new one
forge s2d.antt c1-2.antt "INSERT INTO units SELECT CAST('$x2k1' AS BLOB), 999999999, 'X1-K9', 'Thôn Chín', type, parent_uuid, NULL, NULL, 0,
	NULL, updated_by, updated_at, 0 FROM units WHERE code = 'X1-K1'"
refused s2d.antt "2d. a new unit of X1's whose uuid is X2-K1's as a BLOB"
OFFICE=office.db

# ---------------------------------------------------------------------------
# 3. Recompute skips approved forms and units with none (4136e97)
# 3a. X1-K2 new at the office, approved in the package with verdict đạt and
# its 1.1 answered "không" (X1 may approve: a status flip in one import).
# The office keeps the package's verdict, as 606cd60 did (not today's change)
forge s3a.antt c1-2.antt "UPDATE answers SET value = 0 WHERE unit_uuid = '$k2' AND criterion = '1.1';
	UPDATE assessments SET status = 'approved', verdict = 'pass' WHERE unit_uuid = '$k2'"
cp "$T/office.db" "$T/office3a.db"
OFFICE=office3a.db
office_import "$T/s3a.antt"
# (606cd60 kept the same: the verdict an approved form came with)
expect_eq "$(sqlite3 "$T/office3a.db" "SELECT status || '/' || verdict FROM assessments WHERE uuid = '$f12'")" "approved/pass" \
	"3a. an approved form whose answers fail, in one import: the verdict it came with is kept, as before"
# 3b. X1-K2 approved here by the office's leader, the package brings it
# submitted with another answer: a conflict, nothing taken, verdict kept
cp "$T/office.db" "$T/office3b.db"; OFFICE=office3b.db
office_import "$T/c1-2.antt"
A office3b.db submit X1-K2 2024 > /dev/null
$LD "$ANTT" --db "$T/office3b.db" approve X1-K2 2024 > /dev/null || not_ok "the office approves X1-K2"
v0=$(sqlite3 "$T/office3b.db" "SELECT a.status || '/' || a.verdict || '/' || group_concat(quote(x.value)) FROM assessments a JOIN answers x ON x.assessment_id = a.id WHERE a.uuid = '$f12'")
forge s3b.antt c1-2.antt "UPDATE answers SET value = 0, rev = rev + 5 WHERE unit_uuid = '$k2' AND criterion = '1.1';
	UPDATE assessments SET status = 'submitted', rev = rev + 5 WHERE unit_uuid = '$k2'"
office_import "$T/s3b.antt"
expect_eq "$(sqlite3 "$T/office3b.db" "SELECT a.status || '/' || a.verdict || '/' || group_concat(quote(x.value)) FROM assessments a JOIN answers x ON x.assessment_id = a.id WHERE a.uuid = '$f12'")" \
	"$v0" "3b. a form approved here, the package's answer changed and status flipped: the office's form unchanged"
# 3c. X1's package touching the communes' district (H): X2's approved
# and open forms keep their verdicts
cp "$T/office.db" "$T/office3c.db"; OFFICE=office3c.db
$QT "$ANTT" --db "$T/office3c.db" answer set X2-K2 2024 '*' đạt > /dev/null
$QT "$ANTT" --db "$T/office3c.db" answer set X2-K2 2024 1.1 không > /dev/null
s0=$(x2_state)
forge s3c.antt c1-2.antt "UPDATE units SET rev = rev + 1 WHERE code = 'X1'"
office_import "$T/s3c.antt"
expect_eq "$(x2_state)" "$s0" "3c. X1's package walking up through X1 and H: nothing of X2's changed (open form X2-K2 included)"
OFFICE=office.db

# ---------------------------------------------------------------------------
# 4. The history of a new answer (9456b94: ANSWER_AUDIT_JSON, json_object
# straight out, where the trigger and the old import used json_patch)
# 4a. a REAL of infinity (9e999) as X1-K2's 1.2 (a percentage, 100 % asked).
# json_object writes {"value":Inf}, which is no JSON; json_patch refused it
# ("malformed JSON": the import failed, as it still does for an update). Now
# it goes in: the answer holds Inf, passes "at least 100 %", and its history
# reads "trả lời 100 %" (X1's own row) then "tiêu chí ?: trả lời (trống)"
for inf in 9e999 -9e999; do
	cp "$T/office.db" "$T/office4a.db"; OFFICE=office4a.db
	forge s4a.antt c1-2.antt "UPDATE answers SET value = $inf WHERE unit_uuid = '$k2' AND criterion = '1.2'"
	refused s4a.antt "4a. X1-K2's new answer 1.2 = $inf (no number an officer types; no JSON either)"
	A office4a.db audit --unit X1-K2 > "$T/out"
	v=$(sqlite3 "$T/office4a.db" "SELECT quote(x.value) FROM answers x JOIN assessments a ON a.id = x.assessment_id WHERE a.uuid = '$f12' AND x.criterion = '1.2'")
	case "$v" in *Inf*) grep -q "1.2: trả lời .*Inf\|1.2: trả lời .*inf\|1.2: trả lời .*∞" "$T/out" && ok "  the history says what the answer holds ($v)" ||
		not_ok "  the history says what the answer holds ($v): it says '$(grep '1.2: trả lời\|tiêu chí ?' "$T/out" | sed 's/.*tiêu chí/tiêu chí/' | tr '\n' ';')'";;
	*) ok "  no Inf answer at the office";; esac
done
OFFICE=office.db
# 4b. odd answers, each new at the office with a history row of X1's that
# says another thing: every answer's history ends with what it holds (the
# trigger's JSON, json_patch, of the answer as stored)
cp "$T/office.db" "$T/office4b.db"; OFFICE=office4b.db
forge s4b.antt c1-2.antt "UPDATE answers SET value = NULL WHERE unit_uuid = '$k2' AND criterion = '2';
	UPDATE answers SET value = '1', note = 'ghi \"chú\" {\"value\":1}' WHERE unit_uuid = '$k2' AND criterion = '3a';
	UPDATE answers SET value = 1.0, exception = 1 WHERE unit_uuid = '$k2' AND criterion = '3b';
	UPDATE answers SET value = 99.99999999999999 WHERE unit_uuid = '$k2' AND criterion = '1.2';
	UPDATE answers SET value = '{\"value\":1}', exception = 1, note = ' ' WHERE unit_uuid = '$k2' AND criterion = '3c';
	UPDATE answers SET value = 1, exception = '1' WHERE unit_uuid = '$k2' AND criterion = '3d';
	UPDATE answers SET value = 'a' || char(0) || 'b' WHERE unit_uuid = '$k2' AND criterion = '3e';
	INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value)
	 SELECT '2024-12-05T00:00:00Z', 'x', 'answers', uuid, '$f12', 'update', NULL, json_object('criterion', criterion, 'value', 1)
	 FROM answers WHERE unit_uuid = '$k2'"
office_import "$T/s4b.antt"
expect_rc 0 "4b. X1's package with odd answers goes in"
expect_eq "$(sqlite3 "$T/office4b.db" "SELECT group_concat(x.criterion) FROM answers x JOIN assessments a ON a.id = x.assessment_id
	WHERE a.uuid = '$f12' AND (SELECT h.new_value FROM audit h WHERE h.row_uuid = x.uuid AND h.tbl = 'answers' ORDER BY h.id DESC LIMIT 1)
	IS NOT json_patch(json_object('criterion', x.criterion, 'value', x.value), json_patch(iif(x.exception, json_object('exception', x.exception), '{}'),
	iif(x.note <> '', json_object('note', x.note), '{}')))")" "" "  every answer's history ends with what it holds"
OFFICE=office.db
# 4c. (before today too) an Inf answer in X1-K1's approved form: a
# conflict whose JSON is no JSON, and the office's conflict list, X2's
# conflicts with it, can no longer be read
cp "$T/office.db" "$T/office4c.db"; OFFICE=office4c.db
forge s4c.antt c1-1.antt "UPDATE answers SET value = 9e999, rev = rev + 1 WHERE unit_uuid = '$k1' AND criterion = '1.2'"
refused s4c.antt "4c. an Inf answer in X1's approved form (no conflict made of it)"
expect_err "không phải số hay chữ antt ghi được" "  saying the value is none antt writes"
DB="$T/office4c.db" run conflicts
expect_rc 0 "  the office still reads its conflict list (not today's change)"
OFFICE=office.db

# ---------------------------------------------------------------------------
# 5. The history of one unit through the scope index (f5799cb): on the
# offices above (BLOB scopes, NULL scopes, legacy row uuids, history rows
# of X1 naming X2's forms), every unit's history is the rows whose scope is
# the unit or one of its forms, as 606cd60 printed them
n=0; bad=""
for db in office.db office2b.db office2c.db office4a.db office4b.db office1a.db; do
	[ -f "$T/$db" ] || continue
	for u in H X1 X1-K1 X1-K2 X2 X2-K1 X2-K2; do
		got=$("$ANTT" --db "$T/$db" audit --unit $u | grep -c '^[0-9][0-9][0-9][0-9]-')
		want=$(sqlite3 "$T/$db" "SELECT count(*) FROM audit WHERE scope IN (SELECT uuid FROM units WHERE code = '$u'
			UNION ALL SELECT a.uuid FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$u')")
		[ "$got" = "$want" ] || bad="$bad $db:$u($got/$want)"
		n=$((n + 1))
	done
done
expect_eq "$bad" "" "5a. $n histories of one unit: each shows every row of its scopes"
finish
