# End to end, as an attacker would try it: packages prove who sent them.
# A package edited and signed again (with antt's own checksum and a foreign
# key), stripped of its signature, or sent by a machine nobody enrolled is
# refused; an enrolled commune may change only its own units, cannot
# approve without the right, cannot plant history as the office's, cannot
# bring a criteria set nobody accepted, and cannot close a cycle in the
# unit tree. Every refusal leaves the database as it was.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
FP='[0-9A-F]\{4\}\(-[0-9A-F]\{4\}\)\{5\}'
state() {
	sqlite3 "$T/$1" "SELECT group_concat(x, '|') FROM (
		SELECT u.uuid || ':' || u.code || ':' || u.name || ':' || coalesce(p.uuid, '') AS x FROM units u LEFT JOIN units p ON p.id = u.parent_id
		UNION ALL SELECT u.uuid || ':' || a.year || ':' || a.status || ':' || a.verdict FROM assessments a JOIN units u ON u.id = a.unit_id
		UNION ALL SELECT u.uuid || ':' || a.year || ':' || x.criterion || ':' || quote(x.value) || ':' || x.exception || ':' || x.note
		 FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id
		UNION ALL SELECT 'set:' || sha256 FROM criteria_sets UNION ALL SELECT 'audit:' || count(*) FROM audit
		ORDER BY 1)" | md5sum
}
note_of() { # db unit criterion
	sqlite3 "$T/$1" "SELECT x.note FROM answers x JOIN assessments a ON a.id = x.assessment_id
		JOIN units u ON u.id = a.unit_id WHERE u.code = '$2' AND a.year = 2024 AND x.criterion = '$3'"
}
status_of() { sqlite3 "$T/$1" "SELECT a.status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$2' AND a.year = 2024"; }

{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	echo "X1,H,xã,Xã Hòa Bình"
	echo "X1-K1,X1,khu dân cư,Thôn Một"
	echo "X1-K2,X1,khu dân cư,Thôn Hai"
	echo "X2,H,xã,Xã An Phú"
	echo "X2-K1,X2,khu dân cư,Thôn Ba"
} > "$T/units.csv"
A office.db unit import "$T/units.csv" > /dev/null
A office.db settings office_name "Công an huyện Sông Lam" > /dev/null

# 1. a commune machine set up from the office's package enrols the office
A office.db export --under X1 -o "$T/seed.antt" > /dev/null
DB="$T/commune.db"
run import "$T/seed.antt"
expect_rc 0 "a new commune machine is set up from the office's package"
office_fp=$(A office.db key | grep -o "$FP" | head -1)
[ -n "$office_fp" ] && ok "antt key prints this machine's fingerprint" || not_ok "antt key: no fingerprint"
expect_out "$office_fp" "the set-up says which machine it now trusts"
run trust list
expect_out "$office_fp" "the office is enrolled on the commune side"
expect_out "Công an huyện Sông Lam" "by its name"
for k in 1 2; do A commune.db answer set X1-K$k 2024 '*' đạt > /dev/null; done
A commune.db answer set X1-K1 2024 2 không --note "xã ghi" > /dev/null
A commune.db export --under X1 -o "$T/c1.antt" > /dev/null
commune_fp=$(A commune.db key | grep -o "$FP" | head -1)

# 2. the office does not take a package from a machine it never enrolled
DB="$T/office.db"
before=$(state office.db)
run import "$T/c1.antt"
expect_rc 1 "a package from a sender not enrolled is refused"
expect_err "$commune_fp" "the refusal names the sender's fingerprint"
expect_eq "$(state office.db)" "$before" "refused: nothing changed"
run trust add "$T/c1.antt" --under X1
expect_rc 0 "the admin enrols the commune for X1"
expect_out "$commune_fp" "enrolment shows the fingerprint to compare by phone"
run trust list
expect_out "X1" "the list shows the scope"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE tbl = 'trusted_senders' AND action = 'insert'")" "1" "enrolment is audited"
run audit
expect_rc 0 "antt audit without --unit"
expect_out "ghi nhận máy gửi \"Xã Hòa Bình\" (mã nhận dạng $commune_fp): được sửa X1" "antt audit tells the enrolment in words"
run import "$T/c1.antt"
expect_rc 0 "the enrolled commune's package is taken"
expect_eq "$(note_of office.db X1-K1 2)" "xã ghi" "its answers arrived"
A office.db answer set X1-K2 2024 3a không --note "huyện ghi" > /dev/null
A office.db export --under X1 -o "$T/back.antt" > /dev/null
A commune.db import "$T/back.antt" > /dev/null
expect_eq "$?" "0" "the first package back to the commune needs no extra step"
expect_eq "$(note_of commune.db X1-K2 3a)" "huyện ghi" "the office's answer arrived at the commune"

cp "$T/office.db" "$T/office-fp.db"
A office-fp.db trust remove "$commune_fp" > /dev/null
A office-fp.db trust add "$T/c1.antt" --under X1 --fingerprint "$office_fp" > /dev/null 2>&1
expect_eq "$?" "1" "enrolment with the fingerprint read by phone: a different one is refused"
expect_eq "$(sqlite3 "$T/office-fp.db" "SELECT count(*) FROM trusted_senders")" "0" "and nothing is enrolled"
lower=$(printf '%s' "$commune_fp" | tr 'A-F-' 'a-f ')
A office-fp.db trust add "$T/c1.antt" --under X1 --fingerprint "$lower" > /dev/null 2>&1
expect_eq "$?" "0" "the same one, typed in lower case with spaces, enrols"
cp "$T/c1.antt" "$T/esc.antt"
sqlite3 "$T/esc.antt" "UPDATE manifest SET value = 'Xã' || char(27) || '[2J' || char(10) || 'giả' WHERE key = 'sender'"
R "$T/esc.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/esc.antt" --dry-run
case "$out$err" in *"$(printf '')"*) not_ok "an escape sequence in the sender's name reached the terminal";;
	*) ok "no control character from the package reaches the terminal";; esac
DB="$T/commune.db"; run trust list; DB="$T/office.db"
expect_out "được sửa: toàn bộ dữ liệu" "the set-up enrols the office for the whole tree it sent"
run import "$T/c1.antt" --dry-run
expect_rc 0 "a dry run of an enrolled sender's package"
A office.db export --under X2 -o "$T/own.antt" > /dev/null
run trust add "$T/own.antt" --under X2
expect_rc 1 "a machine does not enrol its own key"
run trust remove "3F2A-91C0"
expect_rc 1 "a fingerprint too short is refused"
A commune.db unit add X1-K3 "khu dân cư" "Thôn Mới" --parent X1 > /dev/null
A commune.db export --under X1 -o "$T/new.antt" > /dev/null
run import "$T/new.antt"
expect_rc 0 "a new unit inside the commune's scope is taken"
expect_eq "$(sqlite3 "$T/office.db" "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'X1-K3'")" "X1" \
	"under the commune"

# 3. edited with sqlite3, checksum recomputed, signed again: refused
before=$(state office.db)
cp "$T/c1.antt" "$T/edited.antt"
sqlite3 "$T/edited.antt" "UPDATE answers SET note = 'sửa lén' WHERE criterion = '2'"
R "$T/edited.antt" --foreign > /dev/null
run import "$T/edited.antt"
expect_rc 1 "an edited package signed again with a foreign key is refused"
expect_err "chữ ký" "the refusal says the signature does not match"
cp "$T/c1.antt" "$T/imp.antt"
sqlite3 "$T/imp.antt" "UPDATE answers SET note = 'sửa lén' WHERE criterion = '2'"
foreign_fp=$(R "$T/imp.antt" --impersonate)
run import "$T/imp.antt"
expect_rc 1 "an edited package naming a foreign key is refused"
expect_err "$foreign_fp" "the refusal names the unknown fingerprint"
cp "$T/c1.antt" "$T/strip.antt"
sqlite3 "$T/strip.antt" "UPDATE answers SET note = 'sửa lén' WHERE criterion = '2'"
R "$T/strip.antt" --strip > /dev/null
run import "$T/strip.antt"
expect_rc 1 "a package without signature is refused"
expect_err "không có chữ ký" "the refusal says it is not signed"
expect_eq "$(state office.db)" "$before" "forged packages changed nothing"

# 4. the commune (it holds its own key) approves its own assessment: not taken
cp "$T/c1.antt" "$T/approve.antt"
sqlite3 "$T/approve.antt" "UPDATE assessments SET status = 'approved' WHERE unit_uuid = (SELECT uuid FROM units WHERE code = 'X1-K1');
	UPDATE answers SET note = 'xã sửa tiếp' WHERE criterion = '2'"
R "$T/approve.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/approve.antt"
expect_rc 0 "a package with an approval from a sender without the right: the answers are taken"
expect_out "không nhận" "the import says the approval was not taken"
[ "$(status_of office.db X1-K1)" != "approved" ] && ok "the approval is not taken" || not_ok "the commune approved itself"
expect_eq "$(note_of office.db X1-K1 2)" "xã sửa tiếp" "the answers in it are taken"
# 4a. the same with forms new at the office (another year): they arrive as
# sent for approval, not approved, and the import counts them
A commune.db answer set X1-K1 2023 '*' đạt > /dev/null
A commune.db answer set X1-K2 2023 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/new-year.antt" --force > /dev/null
sqlite3 "$T/new-year.antt" "UPDATE assessments SET status = 'approved' WHERE year = 2023"
R "$T/new-year.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/new-year.antt"
expect_rc 0 "new forms approved by a sender without the right: the forms are taken"
expect_out "không nhận trạng thái duyệt hay trả lại của 2 phiếu" "  the import counts the two approvals not taken"
expect_eq "$(sqlite3 "$T/office.db" "SELECT group_concat(a.status) FROM assessments a JOIN units u ON u.id = a.unit_id
	WHERE a.year = 2023 AND u.code IN ('X1-K1', 'X1-K2')")" "submitted,submitted" "  they arrive as sent for approval"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM answers x JOIN assessments a ON a.id = x.assessment_id
	WHERE a.year = 2023")" "$(sqlite3 "$T/commune.db" "SELECT count(*) FROM answers x JOIN assessments a ON a.id = x.assessment_id
	WHERE a.year = 2023")" "  with their answers"
cp "$T/office.db" "$T/office-ma.db"
A office-ma.db trust add "$T/c1.antt" --under X1 --may-approve > /dev/null 2> "$T/err-ma"
expect_eq "$?" "1" "a sender whose approvals count is enrolled only by a proven admin (none here)"
grep -q "cần quản trị đăng nhập" "$T/err-ma" && ok "and the refusal says so" || not_ok "message: $(cat "$T/err-ma")"
leaders "$T/office-ma.db"
A office-ma.db trust add "$T/c1.antt" --under X1 --may-approve > /dev/null 2>&1
expect_eq "$?" "1" "login off is not enough to enrol a sender whose approvals count"
ANTT_USER=qt ANTT_PASSWORD=quantri1 A office-ma.db trust add "$T/c1.antt" --under X1 --may-approve > /dev/null
expect_eq "$?" "0" "the proven admin enrols it"
A office-ma.db import "$T/approve.antt" > /dev/null
expect_eq "$(status_of office-ma.db X1-K1)" "approved" "with --may-approve the same approval is taken"

# 5. history planted in a package stays the sender's history
cp "$T/c1.antt" "$T/history.antt"
sqlite3 "$T/history.antt" "INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value)
	SELECT '2020-01-02T03:04:05Z', 'lanhdao', 'assessments', uuid, uuid, 'update', '{\"status\":\"submitted\"}',
	'{\"status\":\"approved\"}' FROM assessments WHERE unit_uuid = (SELECT uuid FROM units WHERE code = 'X1-K2')"
R "$T/history.antt" --key-from "$T/commune.db" > /dev/null
run import "$T/history.antt"
expect_rc 0 "a package with back-dated audit rows is taken"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE who = 'lanhdao' AND origin IS NULL")" "0" \
	"no planted row reads as an action of this machine"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit_named WHERE who = 'lanhdao' AND origin LIKE '%$commune_fp%'")" "1" \
	"the planted row is kept as the sender's history"
run audit --unit X1-K2
line=$(printf '%s\n' "$out" | grep lanhdao)
case "$line" in *"từ gói của"*) ok "antt audit shows it as from the package";; *) not_ok "audit line: $line";; esac
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) > 0 AND count(*) = count(origin) FROM audit
	WHERE tbl = 'answers' AND json_extract(new_value, '$.note') = 'xã sửa tiếp'")" "1" \
	"the changes the merge made are marked as the sender's too"

# 6. a criteria set the office does not have stops the import
cp -r "${ANTT_FORMS:-forms}" "$T/forms2"
find "$T/forms2" -name '*.yaml' -exec sh -c 'echo "# bản sửa ở xã" >> "$1"' _ {} \;
ANTT_FORMS="$T/forms2" A commune.db answer set X1-K2 2025 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/set.antt" > /dev/null
sha=$(sqlite3 "$T/set.antt" "SELECT sha256 FROM criteria_sets" | while read s; do
	[ "$(sqlite3 "$T/office.db" "SELECT count(*) FROM criteria_sets WHERE sha256 = '$s'")" = 0 ] && echo "$s"; done | head -1)
[ -n "$sha" ] && ok "the package brings a set the office does not have" || not_ok "no new set in the package"
before=$(state office.db)
run import "$T/set.antt"
expect_rc 1 "an unknown criteria set stops the import"
expect_err "$sha" "the message names the set"
expect_eq "$(state office.db)" "$before" "nothing changed"
run import "$T/set.antt" --accept-set "$sha"
expect_rc 0 "accepted explicitly by the admin, the set is used"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM criteria_sets WHERE sha256 = '$sha'")" "1" "the set is stored"

# 7. a cycle through two machines becomes a conflict
A office.db unit move X1-K1 X1-K2 > /dev/null
A commune.db unit move X1-K2 X1-K1 > /dev/null
A commune.db export --under X1 -o "$T/cycle.antt" > /dev/null
run import "$T/cycle.antt"
expect_rc 0 "the package with the opposite move is imported"
expect_out "đơn vị       thêm 0, cập nhật 0, giữ nguyên 4, xung đột 1" "the move that would close a cycle is a conflict"
timeout 10 "$ANTT" --db "$T/office.db" unit list --under X1 > "$T/list" 2>&1
expect_eq "$?" "0" "unit list --under terminates"
grep -q "X1-K2" "$T/list" && ok "both units still show" || not_ok "units vanished: $(cat "$T/list")"
run conflicts
expect_out "đơn vị X1-K2 — chuyển đơn vị như trong gói sẽ tạo vòng lặp" "the conflict says why"
expect_out "trong gói: mã X1-K2, tên Thôn Hai, thuộc X1-K1" "and shows the move"
id=$(sqlite3 "$T/office.db" "SELECT id FROM conflicts WHERE kind = 'unit' AND resolution IS NULL")
leaders "$T/office.db"
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run conflicts resolve "$id" incoming
expect_rc 1 "taking the move that closes a cycle is refused, even by a leader"
expect_err "vòng" "and says why"

# 8. units outside the scope: renaming the district, adding under it
cp "$T/commune.db" "$T/evil.db"
A evil.db unit rename H "Huyện Giả" > /dev/null
A evil.db export --under X1 -o "$T/rename.antt" > /dev/null
before=$(state office.db)
run import "$T/rename.antt"
expect_rc 1 "renaming a unit outside the sender's scope is refused"
expect_err "H (Huyện Sông Lam)" "the message names the unit"
cp "$T/commune.db" "$T/evil2.db"
A evil2.db unit add X9 xã "Xã Giả" --parent H > /dev/null
A evil2.db export -o "$T/add.antt" > /dev/null
run import "$T/add.antt"
expect_rc 1 "adding a unit under the district root is refused"
expect_err "X9" "the message names the new unit"
expect_eq "$(state office.db)" "$before" "out of scope: nothing changed"

# 9. only an admin enrols; removal is audited and takes effect
cp "$T/office.db" "$T/acc.db"      # its admin qt and leader lanhdao came with leaders above
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=matkhau-cb A acc.db user add cb "Cán bộ" --role entry > /dev/null 2>&1
ANTT_USER=qt ANTT_PASSWORD=quantri1 A acc.db settings login_required 1 > /dev/null 2>&1
expect_eq "$(sqlite3 "$T/acc.db" "SELECT group_concat(login || ':' || role) FROM (SELECT * FROM users ORDER BY login)")" \
	"cb:entry,lanhdao:reviewer,qt:admin" "accounts: an admin, a leader and an officer"
ANTT_USER=cb ANTT_PASSWORD=matkhau-cb A acc.db trust remove "$commune_fp" > /dev/null 2> "$T/err9"
expect_eq "$?" "1" "an officer who is not admin cannot remove an enrolment"
grep -q "quản trị" "$T/err9" && ok "and is told who can" || not_ok "message: $(cat "$T/err9")"
cp -r "$T/forms2" "$T/forms3"
find "$T/forms3" -name '*.yaml' -exec sh -c 'echo "# bản sửa lần hai" >> "$1"' _ {} \;
ANTT_FORMS="$T/forms3" A commune.db answer set X1-K1 2026 '*' đạt > /dev/null
A commune.db export --under X1 --year 2026 -o "$T/set3.antt" > /dev/null
sha3=$(sqlite3 "$T/set3.antt" "SELECT sha256 FROM criteria_sets" | head -1)
ANTT_USER=cb ANTT_PASSWORD=matkhau-cb A acc.db import "$T/set3.antt" --accept-set "$sha3" > /dev/null 2> "$T/err3"
expect_eq "$?" "1" "an officer who is not admin cannot accept a new criteria set"
grep -q "quản trị" "$T/err3" && ok "and is told who can" || not_ok "message: $(cat "$T/err3")"
ANTT_USER=qt ANTT_PASSWORD=quantri1 A acc.db import "$T/set3.antt" --accept-set "$sha3" > /dev/null 2>&1
expect_eq "$?" "0" "the admin can"
expect_eq "$(sqlite3 "$T/acc.db" "SELECT who FROM audit WHERE tbl = 'criteria_sets' AND row_uuid = '$sha3'")" "qt" \
	"the acceptance is audited as the admin's"
ANTT_USER=qt ANTT_PASSWORD=quantri1 A acc.db trust remove "$commune_fp" > /dev/null 2>&1
expect_eq "$?" "0" "the admin removes it"
expect_eq "$(sqlite3 "$T/acc.db" "SELECT who FROM audit WHERE tbl = 'trusted_senders' AND action = 'delete'")" "qt" "removal is audited"
ANTT_USER=qt ANTT_PASSWORD=quantri1 A acc.db import "$T/c1.antt" > /dev/null 2>&1
expect_eq "$?" "1" "a removed sender's package is refused"
finish
