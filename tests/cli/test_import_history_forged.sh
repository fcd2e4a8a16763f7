# Review of 919d6ef (db/016): the office's own row of what an import did
# is left out when the sender's history already says it. A signed package
# carries whatever history its sender wrote, so "already says it" must
# mean the history, read to its last row, ends with the values the import
# left here: a new unit, form or recognition the package's history names
# otherwise (another name, another parent, a form still registered,
# another decision), a history row that is no JSON, a rename the history
# undoes after saying it, each keeps the office's rows, after the history.
# Steps 1a-1d, 3, 4 and 5 fail on 919d6ef (the office's row was dropped:
# the history said only the forged values); on its parent the office's
# row was there but before the copied history, which ended with the
# forged values (1a-1d, 3, 5). Step 6, the same for a new answer (db/014
# wrote its row only when the package had no history of it), fails on
# 919d6ef and before. Step 7, a genuine package whose approval the office
# does not take on a form it has, fails on 919d6ef and before: the import
# changed nothing, so no trigger wrote, and the history ended "approved".
# A refused or tried import leaves nothing in import_trace.
. "$(dirname "$0")/lib.sh"

A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
C() { $QT "$ANTT" --db "$T/commune.db" "$@"; }   # the commune's admin
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
LD="env ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1"
QT="env ANTT_USER=qt ANTT_PASSWORD=quantri1"
uuid_of() { sqlite3 "$T/$1" "SELECT uuid FROM units WHERE code = '$2'"; }
form_of() { sqlite3 "$T/$1" "SELECT a.uuid FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$2' AND a.year = $3"; }
# forge NAME FROM SQL: the commune's package FROM, edited, signed again with
# its own key
forge() {
	cp "$T/$2.antt" "$T/$1.antt"
	sqlite3 "$T/$1.antt" "$3"
	R "$T/$1.antt" --key-from "$T/commune.db" > /dev/null
}
# rows left in import_trace and sync_origin at the office
left_over() { sqlite3 "$T/office.db" "SELECT (SELECT count(*) FROM import_trace), (SELECT count(*) FROM sync_origin)"; }
# said DB TABLE ROW KEY: what the history, read to its last row, says the
# row's KEY is (each insert and update row gives the keys it names; a row
# that is no JSON names none)
said() {
	sqlite3 "$T/$1" "SELECT coalesce((SELECT json_extract(new_value, '\$.$4') FROM audit WHERE tbl = '$2' AND row_uuid = '$3'
		AND action IN ('insert', 'update') AND iif(json_valid(new_value), json_type(new_value, '\$.$4'), NULL) IS NOT NULL
		ORDER BY id DESC LIMIT 1), '-')"
}

# the office and a commune set up from it (trusted_commune); accounts on
# both, the commune enrolled again with the right to approve
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-K2,X1,khu dân cư,Thôn Hai"
A office.db answer set X1-K1 2024 '*' đạt > /dev/null   # the criteria set known here
leaders "$T/office.db" || not_ok "office accounts"
leaders "$T/commune.db" || not_ok "commune accounts"
A commune.db settings office_name "Công an xã Hòa Bình" > /dev/null
$QT "$ANTT" --db "$T/office.db" trust add "$T/c1.antt" --under X1 --may-approve > /dev/null || not_ok "enrol the commune"
DB="$T/office.db"

# the commune adds two villages and answers their forms; K9's is sent for
# approval
C unit add X1-K9 "khu dân cư" "Thôn Chín" --parent X1 > /dev/null
C unit add X1-K8 "khu dân cư" "Thôn Tám" --parent X1 > /dev/null
C answer set X1-K9 2024 '*' đạt > /dev/null
C answer set X1-K8 2024 '*' đạt > /dev/null
C submit X1-K9 2024 > /dev/null
k9=$(uuid_of commune.db X1-K9); k8=$(uuid_of commune.db X1-K8); k1=$(uuid_of commune.db X1-K1)
f9=$(form_of commune.db X1-K9 2024); f8=$(form_of commune.db X1-K8 2024)
A commune.db export --under X1 -o "$T/p1.antt" > /dev/null

# 1. its package, its history forged and signed again with its own key: K9
# added under another name, K8 under the district, K9's form never sent
# (its status rows left out), K8's form as K1's
forge f1 p1 "UPDATE audit SET new_value = json_set(new_value, '\$.name', 'Thôn Giả')
		WHERE tbl = 'units' AND row_uuid = '$k9' AND action = 'insert';
	UPDATE audit SET new_value = json_set(new_value, '\$.parent', '$(uuid_of commune.db H)')
		WHERE tbl = 'units' AND row_uuid = '$k8' AND action = 'insert';
	DELETE FROM audit WHERE tbl = 'assessments' AND row_uuid = '$f9' AND action = 'update'
		AND json_type(new_value, '\$.status') IS NOT NULL;
	UPDATE audit SET new_value = json_set(new_value, '\$.unit', '$k1')
		WHERE tbl = 'assessments' AND row_uuid = '$f8' AND action = 'insert'"
run import "$T/f1.antt"
expect_rc 0 "a package whose history names its new rows otherwise is taken (its data is in scope)"
expect_eq "$(sqlite3 "$T/office.db" "SELECT name FROM units WHERE uuid = '$k9'")" "Thôn Chín" "  K9 is here as Thôn Chín"
expect_eq "$(said office.db units "$k9" name)" "Thôn Chín" "1a. the office's history says K9 is Thôn Chín"
expect_eq "$(said office.db units "$k8" parent)" "$(uuid_of office.db X1)" "1b. and that K8 is under X1"
expect_eq "$(sqlite3 "$T/office.db" "SELECT status FROM assessments WHERE uuid = '$f9'")" "submitted" "  K9's form is here sent for approval"
expect_eq "$(said office.db assessments "$f9" status)" "submitted" "1c. the history says K9's form is sent for approval"
expect_eq "$(said office.db assessments "$f8" unit)" "$k8" "1d. the history says K8's form is K8's"
run audit --unit X1-K9
expect_out "Thôn Chín" "   antt audit of X1-K9 names Thôn Chín"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM import_trace")" "0" "   import_trace is empty after it"

# 2. the genuine package after it: nothing said twice for what is the same
run import "$T/p1.antt"
expect_rc 0 "the genuine package after the forged one"
expect_eq "$(said office.db units "$k9" name)" "Thôn Chín" "   the history still says Thôn Chín"

# 3. a recognition whose history names another decision
$LD "$ANTT" --db "$T/commune.db" approve X1-K9 2024 > /dev/null || not_ok "the commune approves K9"
$LD "$ANTT" --db "$T/commune.db" recognise --decision 45/QĐ-UBND --date 10/11/2024 --by "Chủ tịch UBND xã Hòa Bình" \
	--signer "Trần Thị Lan" 2024 X1-K9 > /dev/null || not_ok "the commune's chairman recognises K9"
A commune.db export --under X1 -o "$T/p2.antt" > /dev/null
r9=$(sqlite3 "$T/p2.antt" "SELECT uuid FROM recognitions")
forge f2 p2 "UPDATE audit SET new_value = json_set(new_value, '\$.number', '99/QĐ-UBND')
	WHERE tbl = 'recognitions' AND action = 'insert'"
run import "$T/f2.antt"
expect_rc 0 "a package whose recognition's history names another decision is taken"
expect_eq "$(sqlite3 "$T/office.db" "SELECT d.number FROM recognitions r JOIN decisions d ON d.id = r.decision_id
	WHERE r.uuid = '$r9'")" "45/QĐ-UBND" "  the recognition is here with decision 45/QĐ-UBND"
expect_eq "$(said office.db recognitions "$r9" number)" "45/QĐ-UBND" "3. the history says decision 45/QĐ-UBND"

# a package refused after its merge began (a village renamed, then a new
# recognition, of a form not approved here), and one only tried (--dry-run): nothing stays in
# import_trace, and the audit is as it was
forge r2 p2 "UPDATE recognitions SET unit_uuid = '$k1', uuid = '0c4b1d2e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
	UPDATE units SET name = 'Thôn Một Khác', rev = rev + 1 WHERE uuid = '$k1'"
rows=$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit")
run import "$T/r2.antt"
expect_rc 1 "a package recognising a unit not approved here is refused"
expect_eq "$(left_over)" "0|0" \
	"   import_trace and sync_origin are empty after it"
run import --dry-run "$T/f1.antt"
expect_rc 0 "a package only tried (--dry-run)"
expect_eq "$(left_over)" "0|0" \
	"   import_trace and sync_origin are empty after it"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit")" "$rows" "   the audit has no row more"

# 4. a history row that is no JSON names nothing, and fails nothing
C unit add X1-K7 "khu dân cư" "Thôn Bảy" --parent X1 > /dev/null
k7=$(uuid_of commune.db X1-K7)
A commune.db export --under X1 -o "$T/p3.antt" > /dev/null
forge f3 p3 "UPDATE audit SET new_value = '{\"name\": không' WHERE tbl = 'units' AND row_uuid = '$k7'"
run import "$T/f3.antt"
expect_rc 0 "a package whose history of a new village is no JSON is taken"
expect_eq "$(said office.db units "$k7" name)" "Thôn Bảy" "4. the office's history says the village is Thôn Bảy"

# 5. a rename said in the history, then undone there by a row of its own:
# the office's row of the rename it made ends the history
C unit rename X1-K2 "Thôn Hai Mới" > /dev/null
k2=$(uuid_of commune.db X1-K2)
A commune.db export --under X1 -o "$T/p4.antt" > /dev/null
forge f4 p4 "INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value)
	SELECT at, who, tbl, row_uuid, scope, 'update', new_value, json_set(new_value, '\$.name', 'Thôn Giả')
	FROM audit WHERE tbl = 'units' AND row_uuid = '$k2' AND action = 'update' ORDER BY id DESC LIMIT 1"
run import "$T/f4.antt"
expect_rc 0 "a package renaming a village, its history undoing the rename after"
expect_eq "$(sqlite3 "$T/office.db" "SELECT name FROM units WHERE uuid = '$k2'")" "Thôn Hai Mới" "  the village is here Thôn Hai Mới"
expect_eq "$(said office.db units "$k2" name)" "Thôn Hai Mới" "5. the office's history ends saying Thôn Hai Mới"

# 6. a new answer whose history in the package says another value (db/014
# writes the office's row only for an answer with no history at all)
C answer set X1-K7 2024 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/p5.antt" > /dev/null
f7=$(form_of commune.db X1-K7 2024)
a7=$(sqlite3 "$T/commune.db" "SELECT x.uuid FROM answers x JOIN assessments a ON a.id = x.assessment_id
	WHERE a.uuid = '$f7' AND x.criterion = '2'")
v7=$(sqlite3 "$T/commune.db" "SELECT value FROM answers WHERE uuid = '$a7'")
forge f5 p5 "UPDATE audit SET new_value = json_set(new_value, '\$.value', 0) WHERE tbl = 'answers' AND row_uuid = '$a7'"
run import "$T/f5.antt"
expect_rc 0 "a package whose history gives a new answer another value"
expect_eq "$(sqlite3 "$T/office.db" "SELECT value FROM answers WHERE uuid = '$a7'")" "$v7" "  the answer is here as sent"
expect_eq "$(said office.db answers "$a7" value)" "$v7" "6. the office's history says its value"

# 7. an approval not taken on a form the office has (merge_rows; a new
# form's is step 4 of test_import_history_rows): the commune, enrolled
# again without the right to approve, sends K8's form approved by its
# leader; the form keeps its state here, and the history, which has the
# commune's approval, ends with the state kept
$QT "$ANTT" --db "$T/office.db" trust add "$T/c1.antt" --under X1 > /dev/null || not_ok "enrol the commune again"
f8=$(form_of commune.db X1-K8 2024)
C submit X1-K8 2024 > /dev/null
$LD "$ANTT" --db "$T/commune.db" approve X1-K8 2024 > /dev/null || not_ok "the commune's leader approves K8"
A commune.db export --under X1 -o "$T/p6.antt" > /dev/null
kept=$(sqlite3 "$T/office.db" "SELECT status FROM assessments WHERE uuid = '$f8'")
run import "$T/p6.antt"
expect_rc 0 "the commune's package approving K8's form, from a sender without the right"
expect_out "không nhận" "  the import says the approval was not taken"
expect_eq "$(sqlite3 "$T/office.db" "SELECT status FROM assessments WHERE uuid = '$f8'")" "$kept" "  the form keeps its state here"
expect_eq "$(said office.db assessments "$f8" status)" "$kept" "7. the history ends with the state kept here"
run audit --unit X1-K8 --year 2024
expect_out "đã duyệt" "   antt audit shows the commune's approval"
expect_out "không theo gói" "   and the office's row saying the state was kept"

# 8. the genuine rows still say each change once (test_import_history_rows)
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE tbl = 'units' AND row_uuid = '$k1' AND action = 'insert'")" \
	"1" "8. a unit the packages did not change has one insert row"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM import_trace")" "0" "   import_trace is empty"
finish
