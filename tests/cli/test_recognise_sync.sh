# End to end: recognitions (công nhận) travel in packages, believed only
# with proof. Attacks first, each refused with the database unchanged: a
# sender without --may-approve, a unit outside the sender's scope, a unit
# not approved or not đạt, an escape sequence or an oversized decision
# number or authority, a decision row altered after signing; an older
# package replayed after a withdrawal does not resurrect it, a recognition
# known here named under another unit. Then the happy path: commune → office
# → province, in any order, twice, each summary counting the commune's
# recognised units, the audit naming where they came from.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
LD="env ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1"
QT="env ANTT_USER=qt ANTT_PASSWORD=quantri1"
uuid_of() { sqlite3 "$T/$1" "SELECT uuid FROM units WHERE code = '$2'"; }
# canonical state: units, assessments, answers, decisions, recognitions,
# audit and conflicts
state() {
	sqlite3 "$T/$1" "SELECT group_concat(x, '|') FROM (
		SELECT u.uuid || ':' || u.code || ':' || u.name || ':' || coalesce(p.uuid, '') AS x FROM units u LEFT JOIN units p ON p.id = u.parent_id
		UNION ALL SELECT u.uuid || ':' || a.year || ':' || a.status || ':' || a.verdict FROM assessments a JOIN units u ON u.id = a.unit_id
		UNION ALL SELECT u.uuid || ':' || a.year || ':' || x.criterion || ':' || quote(x.value) || ':' || x.note
		 FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id
		UNION ALL SELECT 'd:' || number || ':' || date || ':' || authority || ':' || signer FROM decisions
		UNION ALL SELECT 'r:' || r.uuid || ':' || u.uuid || ':' || a.year || ':' || d.number || ':'
		 || (r.withdrawn_at IS NULL) || ':' || r.reason FROM recognitions r JOIN assessments a ON a.id = r.assessment_id
		 JOIN units u ON u.id = a.unit_id JOIN decisions d ON d.id = r.decision_id
		ORDER BY 1)" | md5sum
}
# the audit and conflicts too, for refusals (nothing may be written at all)
whole() { echo "$(state "$1") $(sqlite3 "$T/$1" "SELECT count(*) FROM audit") $(sqlite3 "$T/$1" "SELECT count(*) FROM conflicts")"; }
recognised() { # db: codes recognised in 2024, in force
	sqlite3 "$T/$1" "SELECT coalesce(group_concat(code, ' '), '-') FROM (SELECT u.code FROM recognitions r
		JOIN assessments a ON a.id = r.assessment_id JOIN units u ON u.id = a.unit_id
		WHERE r.withdrawn_at IS NULL AND a.year = 2024 ORDER BY u.code)"
}
forge() { # name sql: the commune's package c1, edited and signed again with
	# the commune's own key (a sender forging inside its enrolment)
	cp "$T/c1.antt" "$T/$1.antt"
	sqlite3 "$T/$1.antt" "$2"
	R "$T/$1.antt" --key-from "$T/commune.db" > /dev/null
}
refused() { # db package what: the import is refused and changes nothing
	before=$(whole "$1")
	DB="$T/$1" run import "$T/$2"
	expect_rc 1 "$3: refused"
	expect_eq "$(whole "$1")" "$before" "$3: nothing changed"
}

# the office, its accounts, and the commune machine set up from it
{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	echo "X1,H,xã,Xã Hòa Bình"
	for k in 1 2 3; do echo "X1-K$k,X1,khu dân cư,Thôn $k Hòa Bình"; done
	echo "X2,H,xã,Xã An Phú"
	echo "X2-K1,X2,khu dân cư,Thôn 1 An Phú"
} > "$T/units.csv"
A office.db unit import "$T/units.csv" > /dev/null
A office.db settings office_name "Công an huyện Sông Lam" > /dev/null
leaders "$T/office.db" || not_ok "office accounts"
A office.db export --under X1 -o "$T/seed.antt" > /dev/null
A commune.db import "$T/seed.antt" > /dev/null || not_ok "commune set-up"
A commune.db settings office_name "Công an xã Hòa Bình" > /dev/null

# the commune: K1 and K2 đạt, K3 not; all approved; K1, K2 recognised
for k in 1 2 3; do A commune.db answer set X1-K$k 2024 '*' đạt > /dev/null; done
A commune.db answer set X1-K3 2024 4b không --note "Vụ trộm" > /dev/null
A commune.db export --under X1 -o "$T/c0.antt" > /dev/null
leaders "$T/commune.db" || not_ok "commune accounts"
# the office: one copy enrols the commune with the right to approve, one
# without; both take its first package (drafts, before any approval)
cp "$T/office.db" "$T/office-na.db"
cp "$T/office.db" "$T/office-new.db"
$QT "$ANTT" --db "$T/office.db" trust add "$T/c0.antt" --under X1 --may-approve > /dev/null || not_ok "enrol with --may-approve"
$QT "$ANTT" --db "$T/office-na.db" trust add "$T/c0.antt" --under X1 > /dev/null || not_ok "enrol without --may-approve"
for o in office office-na; do $QT "$ANTT" --db "$T/$o.db" import "$T/c0.antt" > /dev/null || not_ok "$o imports the drafts"; done
A commune.db submit --under X1 2024 > /dev/null
$LD "$ANTT" --db "$T/commune.db" approve --under X1 2024 > /dev/null
A commune.db submit X1-K3 2024 > /dev/null 2>&1
$LD "$ANTT" --db "$T/commune.db" approve X1-K3 2024 > /dev/null 2>&1
expect_eq "$(sqlite3 "$T/commune.db" "SELECT group_concat(u.code || '=' || a.status || '/' || a.verdict, ' ') FROM assessments a
	JOIN units u ON u.id = a.unit_id WHERE u.code LIKE 'X1-K%' ORDER BY u.code")" \
	"X1-K1=approved/pass X1-K2=approved/pass X1-K3=approved/fail" "the commune approved its three units"
$LD "$ANTT" --db "$T/commune.db" recognise --decision 45/QĐ-UBND --date 10/11/2024 --by "Chủ tịch UBND xã Hòa Bình" \
	--signer "Trần Thị Lan" 2024 X1-K1 X1-K2 > /dev/null
expect_eq "$(recognised commune.db)" "X1-K1 X1-K2" "the commune's chairman recognised K1 and K2"
A commune.db export --under X1 -o "$T/c1.antt" > /dev/null
expect_eq "$(sqlite3 "$T/c1.antt" "SELECT count(*) FROM recognitions")/$(sqlite3 "$T/c1.antt" "SELECT count(*) FROM decisions")" \
	"2/1" "the package holds the recognitions and their decision"

# 1. a sender without --may-approve sends recognitions
refused office-na.db c1.antt "recognitions from a sender without --may-approve"
expect_err "quyết định công nhận" "the message speaks of the recognition"
expect_err "X1-K1" "and names the unit"
expect_eq "$(recognised office-na.db)" "-" "nothing recognised"

# 2. a recognition for a unit outside the sender's scope (X2-K1, approved
# and đạt at the office, so only the scope can refuse it)
$QT "$ANTT" --db "$T/office.db" answer set X2-K1 2024 '*' đạt > /dev/null
A office.db submit X2-K1 2024 > /dev/null
$LD "$ANTT" --db "$T/office.db" approve X2-K1 2024 > /dev/null
forge scope "UPDATE recognitions SET unit_uuid = '$(uuid_of office.db X2-K1)'
	WHERE unit_uuid = '$(uuid_of office.db X1-K2)'"
refused office.db scope.antt "a recognition outside the sender's scope"
expect_err "X2-K1" "the message names the unit outside"
expect_err "ngoài phạm vi" "and says it is outside the sender's scope"

# 3. a unit not registered (X1 itself), not approved after the merge (K2
# sent back as submitted with its recognition) and not đạt (K3)
forge noreg "UPDATE recognitions SET unit_uuid = '$(uuid_of office.db X1)'
	WHERE unit_uuid = '$(uuid_of office.db X1-K2)'"
refused office.db noreg.antt "a recognition of a unit not registered"
expect_err "X1 (Xã Hòa Bình)" "the message names the unit"
expect_err "chưa đăng ký" "and says it is not registered here"
forge draft "UPDATE assessments SET status = 'submitted' WHERE unit_uuid = '$(uuid_of office.db X1-K2)'"
refused office.db draft.antt "a recognition of a unit not approved"
expect_err "X1-K2" "the message names the unit"
expect_err "chưa được duyệt" "and says it is not approved here"
forge fail "UPDATE recognitions SET unit_uuid = '$(uuid_of office.db X1-K3)'
	WHERE unit_uuid = '$(uuid_of office.db X1-K2)'"
refused office.db fail.antt "a recognition of a unit not đạt"
expect_err "X1-K3" "the message names the unit"
expect_err "chưa đạt" "and says its verdict"

# 4. text: an escape sequence, an oversized number, an oversized authority,
# a malformed date
forge esc "UPDATE decisions SET number = '45/QĐ' || char(27) || '[2J-UBND'"
refused office.db esc.antt "a decision number with an escape sequence"
case "$err" in *"$(printf '\033')"*) not_ok "the escape reached the terminal";; *) ok "no escape character printed";; esac
forge big "UPDATE decisions SET number = replace(hex(zeroblob(150)), '0', '9') || '/QĐ-UBND'"
refused office.db big.antt "an oversized decision number"
expect_err "số quyết định" "the message names the field"
[ "$(printf '%s' "$err" | wc -c)" -lt 1000 ] && ok "the message does not echo 300 digits" || not_ok "message length $(printf '%s' "$err" | wc -c)"
forge auth "UPDATE decisions SET authority = 'Chủ tịch ' || replace(hex(zeroblob(150)), '0', 'A')"
refused office.db auth.antt "an oversized issuing authority"
forge date "UPDATE decisions SET date = '2024-13-45'"
refused office.db date.antt "a decision dated 2024-13-45"
forge nodec "DELETE FROM decisions"
refused office.db nodec.antt "recognitions whose decision is not in the package"

# 5. a decision row altered after signing: the signature fails
cp "$T/c1.antt" "$T/alt.antt"
sqlite3 "$T/alt.antt" "UPDATE decisions SET number = '46/QĐ-UBND'"
refused office.db alt.antt "a decision altered after signing (checksum)"
R "$T/alt.antt" --foreign > /dev/null
refused office.db alt.antt "a decision altered and re-signed with another key"
expect_err "chữ ký không khớp" "the signature does not match"
expect_eq "$(recognised office.db)" "-" "after every attack: nothing recognised at the office"

# 6. the happy path: the office takes the commune's recognitions
DB="$T/office.db" run import "$T/c1.antt"
expect_rc 0 "the office imports the commune's package"
expect_out "công nhận" "the import says what it did with recognitions"
expect_eq "$(recognised office.db)" "X1-K1 X1-K2" "the office sees the chairman's decision for K1 and K2"
expect_eq "$(sqlite3 "$T/office.db" "SELECT number || ' ' || date || ' ' || authority || ' / ' || signer FROM decisions")" \
	"45/QĐ-UBND 2024-11-10 Chủ tịch UBND xã Hòa Bình / Trần Thị Lan" "with its decision"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit_named WHERE tbl = 'recognitions' AND action = 'insert'
	AND origin LIKE 'Công an xã Hòa Bình%' AND who = 'lanhdao'")" "2" \
	"the audit keeps them once, as the commune's (its history; the merge adds no second row, db/016)"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE tbl IN ('recognitions', 'decisions') AND origin IS NULL")" \
	"0" "no recognition reads as an action of the office's accounts"
DB="$T/office.db" run summary 2024 --under X1
expect_eq "$(printf '%s\n' "$out" | grep '^Khu dân cư' | tr -s ' ')" "Khu dân cư 3 0 3 3 2 2 2 66,7" \
	"the office's summary counts the commune's recognised units"
DB="$T/office.db" run report --year 2024 --under X1 --text
expect_out "2/3 khu dân cư" "the report's text counts them too"
s1=$(state office.db)
DB="$T/office.db" run import "$T/c1.antt"
expect_rc 0 "the same package again"
expect_eq "$(state office.db)" "$s1" "a package seen twice changes nothing"
# an office that first hears of the commune with its approved forms: the
# answers come with them (not conflicts, as if approved here before)
$QT "$ANTT" --db "$T/office-new.db" trust add "$T/c1.antt" --under X1 --may-approve > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 DB="$T/office-new.db" run import "$T/c1.antt"
expect_rc 0 "an office new to the commune imports its approved package"
expect_eq "$(sqlite3 "$T/office-new.db" "SELECT count(*) FROM conflicts")" "0" "no conflicts"
expect_eq "$(sqlite3 "$T/office-new.db" "SELECT count(*) FROM answers")" "$(sqlite3 "$T/commune.db" "SELECT count(*) FROM answers")" \
	"every answer taken"
expect_eq "$(recognised office-new.db)" "X1-K1 X1-K2" "and the recognitions"

# 7. a withdrawal travels and wins over the older recognition, in any order
$LD "$ANTT" --db "$T/commune.db" recognise withdraw X1-K2 2024 --reason "Quyết định bị thu hồi" > /dev/null
A commune.db export --under X1 -o "$T/c2.antt" > /dev/null
DB="$T/office.db" run import "$T/c2.antt"
expect_rc 0 "the office imports the withdrawal"
expect_eq "$(recognised office.db)" "X1-K1" "K2's recognition withdrawn at the office"
expect_eq "$(sqlite3 "$T/office.db" "SELECT reason FROM recognitions WHERE withdrawn_at IS NOT NULL")" \
	"Quyết định bị thu hồi" "with the commune's reason"
s2=$(whole office.db)
DB="$T/office.db" run import "$T/c1.antt"
expect_eq "$(whole office.db)" "$s2" "the older package replayed after the withdrawal changes nothing"
expect_out "đã rút" "the import says the recognition stays withdrawn"
expect_eq "$(recognised office.db)" "X1-K1" "the withdrawn recognition is not resurrected"
cp "$T/office-na.db" "$T/officeB.db"
$QT "$ANTT" --db "$T/officeB.db" trust add "$T/c1.antt" --under X1 --may-approve > /dev/null
A officeB.db import "$T/c2.antt" > /dev/null || not_ok "officeB imports the newer package first"
A officeB.db import "$T/c1.antt" > /dev/null 2>&1
expect_eq "$(recognised officeB.db)" "X1-K1" "newer first, older after: K2 stays withdrawn"
expect_eq "$(sqlite3 "$T/officeB.db" "SELECT count(*) FROM recognitions WHERE withdrawn_at IS NOT NULL")" "1" \
	"a withdrawal of a recognition never in force here is kept, withdrawn"
rec_rows() { sqlite3 "$T/$1" "SELECT r.uuid, r.withdrawn_at, r.reason, d.uuid FROM recognitions r
	JOIN decisions d ON d.id = r.decision_id ORDER BY r.uuid"; }
expect_eq "$(rec_rows officeB.db)" "$(rec_rows office.db)" "both orders end with the same recognitions"

# a recognition cannot be hung on another decision known here by naming
# its uuid: the office's own decision for X2-K1 (the district's chairman)
$LD "$ANTT" --db "$T/office.db" recognise --decision 50/QĐ-UBND --date 15/11/2024 --by "Chủ tịch UBND huyện Sông Lam" \
	2024 X2-K1 > /dev/null || not_ok "the office records its own decision"
theirs=$(sqlite3 "$T/office.db" "SELECT uuid FROM decisions WHERE number = '50/QĐ-UBND'")
forge hang "UPDATE decisions SET uuid = '$theirs'; UPDATE recognitions SET decision_uuid = '$theirs',
	uuid = 'f0000000-0000-4000-8000-00000000000' || rowid"
refused office.db hang.antt "a recognition naming the uuid of another decision known here"
expect_err "50/QĐ-UBND" "the message names the decision it would be hung on"

# a withdrawal never undoes this machine's own decision: officeC (enrolled
# with the right) recorded K2's recognition itself; a package that names it
# withdrawn is not taken for it, and the import says so
cp "$T/office-na.db" "$T/officeC.db"
$QT "$ANTT" --db "$T/officeC.db" trust add "$T/c0.antt" --under X1 --may-approve > /dev/null
A officeC.db submit X1-K2 2024 > /dev/null
$LD "$ANTT" --db "$T/officeC.db" approve X1-K2 2024 > /dev/null
$LD "$ANTT" --db "$T/officeC.db" recognise --decision 46/QĐ-UBND --date 12/11/2024 --by "Chủ tịch UBND xã Hòa Bình" \
	2024 X1-K2 > /dev/null || not_ok "officeC recognises K2 itself"
own=$(sqlite3 "$T/officeC.db" "SELECT uuid FROM recognitions")
cp "$T/c2.antt" "$T/own.antt"
sqlite3 "$T/own.antt" "UPDATE recognitions SET uuid = '$own' WHERE withdrawn_at IS NOT NULL"
R "$T/own.antt" --key-from "$T/commune.db" > /dev/null
DB="$T/officeC.db" run import "$T/own.antt"
expect_rc 0 "officeC imports a package withdrawing its own recognition"
expect_eq "$(sqlite3 "$T/officeC.db" "SELECT withdrawn_at IS NULL FROM recognitions WHERE uuid = '$own'")" "1" \
	"its own recognition stays in force"
expect_out "do chính máy này ghi" "the import says it kept it"
expect_eq "$(recognised officeC.db)" "X1-K1 X1-K2" "and takes the rest of the package (K1)"

# 8. up the chain: the office's whole database goes to the province
printf 'code,parent_code,type,name\nT,,tỉnh,Tỉnh Bình Giang\n' > "$T/prov.csv"
A province.db unit import "$T/prov.csv" > /dev/null
leaders "$T/province.db" || not_ok "province accounts"
A office.db export -o "$T/office.antt" > /dev/null
$QT "$ANTT" --db "$T/province.db" trust add "$T/office.antt" --under T --may-approve > /dev/null || not_ok "province enrols the office"
ANTT_USER=qt ANTT_PASSWORD=quantri1 DB="$T/province.db" run import "$T/office.antt" --under T
expect_rc 0 "the province imports the office's package"
expect_eq "$(recognised province.db)" "X1-K1 X2-K1" "the province sees the commune's recognition and the office's own, not the withdrawn one"
DB="$T/province.db" run summary 2024 --under X1
expect_eq "$(printf '%s\n' "$out" | grep '^Khu dân cư' | tr -s ' ')" "Khu dân cư 3 0 3 3 2 2 1 33,3" \
	"the province's summary counts it"
p1=$(state province.db)
DB="$T/province.db" run import "$T/office.antt" --under T
expect_eq "$(state province.db)" "$p1" "the province imports it twice: nothing changes"

# 9. a known recognition named under another unit: the commune, enrolled at
# the province for X1 only, gives a row of its own (X1-K1) the uuid of the
# province's recognition of X2-K1 (outside X1), signed with its own key.
# The scope is checked on the unit the package names, so this withdrew
# X2-K1's recognition (found by a reviewer); now refused, nothing written
$QT "$ANTT" --db "$T/province.db" trust add "$T/c1.antt" --under X1 --may-approve > /dev/null ||
	not_ok "the province enrols the commune under X1"
victim=$(sqlite3 "$T/province.db" "SELECT r.uuid FROM recognitions r JOIN assessments a ON a.id = r.assessment_id
	JOIN units u ON u.id = a.unit_id WHERE u.code = 'X2-K1' AND r.withdrawn_at IS NULL")
[ -n "$victim" ] || not_ok "X2-K1 has a recognition in force at the province"
p2=$(whole province.db)
for how in "withdrawn_at = '2024-12-01T00:00:00Z', withdrawn_by = 'x', reason = 'rút'" "withdrawn_at = NULL"; do
	cp "$T/c1.antt" "$T/other.antt"
	sqlite3 "$T/other.antt" "UPDATE recognitions SET uuid = '$victim', $how WHERE unit_uuid = '$(uuid_of office.db X1-K1)'"
	R "$T/other.antt" --key-from "$T/commune.db" > /dev/null
	DB="$T/province.db" run import "$T/other.antt"
	expect_rc 1 "another unit's recognition named under X1-K1 ($how): refused"
	expect_err "là công nhận của X2-K1 (Thôn 1 An Phú) năm 2024" "  says the uuid is another unit's"
	expect_eq "$(whole province.db)" "$p2" "  nothing written"
	expect_eq "$(recognised province.db)" "X1-K1 X2-K1" "  X2-K1 still recognised"
done

[ "$failed" -eq 0 ]
