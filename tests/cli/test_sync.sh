# End to end: three commune machines, an office and a province exchanging
# packages in different orders, some twice: all end in the same state (each
# receiver has enrolled its senders; the attacks are in test_trust.sh). A
# conflict made on purpose is listed, settled and audited; an approved
# assessment is not changed by a late package; bad packages are refused
# with the database unchanged; kill -9 during an import leaves it as before.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }

# the office's units
{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	for c in 1 2 3; do
		echo "X$c,H,xã,Xã số $c"
		for k in 1 2 3; do echo "X$c-K$k,X$c,khu dân cư,Thôn $k xã $c"; done
	done
} > "$T/units.csv"
A office.db unit import "$T/units.csv" > /dev/null
A office.db settings office_name "Công an huyện Sông Lam" > /dev/null

# each commune laptop starts from the office's package of its commune
for c in 1 2 3; do
	A office.db export --under X$c -o "$T/seed$c.antt" > /dev/null
	A commune$c.db import "$T/seed$c.antt" > /dev/null
	for k in 1 2 3; do A commune$c.db answer set X$c-K$k 2024 '*' đạt > /dev/null; done
	A commune$c.db answer set X$c-K2 2024 4b không --note "Vụ trộm tại xã $c" > /dev/null
	A commune$c.db answer set X$c 2024 '*' đạt > /dev/null
	A commune$c.db export --under X$c -o "$T/c$c.antt" > /dev/null
	expect_eq "$?" "0" "commune $c exports its package"
done
# the office enrols each commune machine (the fingerprint is compared by phone)
for c in 1 2 3; do A office.db trust add "$T/c$c.antt" --under X$c > /dev/null || not_ok "office enrols commune $c"; done
cp "$T/office.db" "$T/officeB.db"

# canonical state: every unit, assessment and answer, as text
state() {
	sqlite3 "$T/$1" "SELECT group_concat(x, '|') FROM (
		SELECT u.uuid || ':' || u.code || ':' || u.name || ':' || coalesce(p.uuid, '') AS x FROM units u LEFT JOIN units p ON p.id = u.parent_id
		UNION ALL SELECT u.uuid || ':' || a.year || ':' || a.status || ':' || a.verdict FROM assessments a JOIN units u ON u.id = a.unit_id
		UNION ALL SELECT u.uuid || ':' || a.year || ':' || x.criterion || ':' || quote(x.value) || ':' || x.exception || ':' || x.note
		 FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id
		ORDER BY 1)" | md5sum
}

for p in c1 c2 c3 c2; do A office.db import "$T/$p.antt" > /dev/null || not_ok "office imports $p"; done
for p in c3 c1 c1 c2; do A officeB.db import "$T/$p.antt" > /dev/null || not_ok "officeB imports $p"; done
expect_eq "$(state office.db)" "$(state officeB.db)" "any order, some twice: the same state"
run import "$T/c1.antt"
DB_SAVE=$DB; DB="$T/office.db"
history=$(sql "SELECT count(*) FROM audit")
run import "$T/c1.antt"
expect_out "gói này đã được nhập trước đây" "a package seen before is recognised"
expect_eq "$(sql "SELECT count(*) FROM audit")" "$history" "  it adds no row to the history: each of the sender's rows is here once"
expect_eq "$(sql "SELECT count(*) FROM (SELECT 1 FROM audit WHERE origin IS NOT NULL
	GROUP BY at, who, tbl, row_uuid, action, old_value, new_value HAVING count(*) > 1)")" "0" \
	"  nor did c2, imported twice before"
# when it was made, as the screens show times: this machine's day and hour
printf '%s\n' "$out" | grep -Eq "tạo lúc [0-3][0-9]/[01][0-9]/20[0-9]{2} [0-2][0-9]:[0-5][0-9]( |$)" &&
	ok "the package's time is shown as dd/mm/yyyy hh:mm" || not_ok "package time: $(printf '%s\n' "$out" | head -1)"
expect_out "câu trả lời  thêm 0, cập nhật 0" "importing it again changes nothing"
run summary 2024
expect_eq "$(printf '%s\n' "$out" | grep '^Khu dân cư' | tr -s ' ')" "Khu dân cư 9 0 9 9 6 0 0 0,0" \
	"the office counts every commune's answers (none approved or recognised yet)"
# no commune here has a leader, so none approves or recognises (decisions
# travel in packages from a sender enrolled --may-approve:
# test_recognise_sync.sh): the commune's criterion 4 sees the arriving
# registrations and verdicts, and waits for decisions
run assess show X2 2024
expect_out "3/3 đơn vị đã đăng ký, 0 được công nhận" "commune's computed criterion sees the arriving units"
expect_out "Kết luận: CHƯA ĐỦ THÔNG TIN — còn thiếu 1 tiêu chí: 4" "2 đạt of 3 khu dân cư, none decided: the commune waits"

# up the chain: the office's whole database goes to the province
printf 'code,parent_code,type,name\nT,,tỉnh,Tỉnh Bình Giang\n' > "$T/prov.csv"
A province.db unit import "$T/prov.csv" > /dev/null
A office.db export -o "$T/office.antt" > /dev/null
A province.db trust add "$T/office.antt" --under T > /dev/null
A province.db import "$T/office.antt" --under T > /dev/null
A province.db trust add "$T/c3.antt" --under X3 > /dev/null
A province.db import "$T/c3.antt" > /dev/null
expect_eq "$(sqlite3 "$T/province.db" "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'H'")" "T" \
	"the office's units sit under the province"
cp "$T/office.db" "$T/officeC.db"
A officeC.db import "$T/c3.antt" > /dev/null
expect_eq "$(sqlite3 "$T/province.db" "SELECT count(*) FROM answers")" "$(sqlite3 "$T/office.db" "SELECT count(*) FROM answers")" \
	"the province has every answer the office has"
# the answers get ids in the package's order: a form's answers side by
# side in the table, as they are read
expect_eq "$(sqlite3 "$T/province.db" "SELECT count(*) FROM (SELECT assessment_id FROM answers GROUP BY assessment_id
	HAVING max(id) - min(id) + 1 <> count(*))")" "0" "each form's answers have ids side by side"
A province.db report --year 2024 -o "$T/prov.xlsx" --date 2024-11-20 > /dev/null
expect_eq "$?" "0" "the province's report"
rows=$(/usr/bin/python3 -c "
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['Theo xã']   # a row per commune (or office)
tt = next(c.row for c in ws['A'] if c.value == 'TT')   # the table's head, two rows
print([ws.cell(row=tt + 2, column=2).value, ws.cell(row=tt + 3, column=1).value])" "$T/prov.xlsx")
expect_eq "$rows" "['Huyện Sông Lam', 'Tổng cộng']" "the province's report groups by office"

# a conflict made on purpose: both sides change the same answer
A office.db answer set X1-K1 2024 2 không --note "huyện sửa" > /dev/null
A commune1.db answer set X1-K1 2024 2 không --note "xã sửa" > /dev/null
A commune1.db export --under X1 -o "$T/c1b.antt" > /dev/null
run import "$T/c1b.antt"
expect_out "xung đột 1" "the conflict is detected"
expect_eq "$(sqlite3 "$T/office.db" "SELECT x.note FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1-K1' AND x.criterion = '2'")" \
	"huyện sửa" "nothing overwritten silently"
run conflicts
expect_out "X1-K1 năm 2024, tiêu chí 2 — hai bên cùng sửa" "the conflict is listed"
expect_no_out "(0)" "no raw numbers in the listed versions"
id=$(sqlite3 "$T/office.db" "SELECT id FROM conflicts WHERE resolution IS NULL")
DB="$T/office.db" leaders
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run conflicts resolve "$id" incoming
expect_rc 0 "a person chooses the package's version"
expect_eq "$(sqlite3 "$T/office.db" "SELECT x.note FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1-K1' AND x.criterion = '2'")" \
	"xã sửa" "the chosen version is applied"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit WHERE tbl = 'conflicts' AND who = 'lanhdao' AND json_extract(new_value, '$.chosen') = 'incoming'")" \
	"1" "the choice is audited"
run import "$T/c1b.antt"
expect_out "xung đột 0" "the settled package brings no new conflict"

# an assessment approved at the office is not changed by a late package
A office.db submit X2-K1 2024 > /dev/null
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 A office.db approve X2-K1 2024 > /dev/null
A commune2.db answer set X2-K1 2024 3a không --note "phát hiện muộn" > /dev/null
A commune2.db export --under X2 -o "$T/c2b.antt" > /dev/null
run import "$T/c2b.antt"
expect_out "xung đột 1" "a late change to an approved assessment is a conflict"
run conflicts
expect_out "phiếu ở máy này đã được duyệt" "listed with the reason"
expect_out "trả lời có" "a yes/no answer is shown as the checklist shows it"
expect_out "trả lời không; ghi chú: phát hiện muộn" "the package's answer in words"
expect_eq "$(sqlite3 "$T/office.db" "SELECT quote(x.value) FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id WHERE u.code = 'X2-K1' AND x.criterion = '3a'")" \
	"1" "the approved answer is unchanged"

# bad packages: refused, database unchanged
before=$(state office.db)
audit_before=$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit")
head -c 20000 "$T/c3.antt" > "$T/truncated.antt"
cp "$T/c3.antt" "$T/tampered.antt"; sqlite3 "$T/tampered.antt" "UPDATE answers SET note = 'sửa lén' WHERE rowid = 1"
cp "$T/c3.antt" "$T/schema.antt"; sqlite3 "$T/schema.antt" "UPDATE manifest SET value = '99' WHERE key = 'schema_version'"
cp "$T/c3.antt" "$T/noset.antt"; sqlite3 "$T/noset.antt" "DELETE FROM criteria_sets"
printf 'không phải gói\n' > "$T/text.antt"
for bad in truncated:"hỏng hay chép thiếu" tampered:"SHA-256 không khớp" schema:"cấu trúc số 99" noset:"bộ tiêu chí không rõ" \
	text:"không phải gói antt" "commune1.db":"không phải gói antt"; do
	f=${bad%%:*} why=${bad#*:}
	case "$f" in *.db) path="$T/$f";; *) path="$T/$f.antt";; esac
	run import "$path"
	expect_rc 1 "refused: $f"
	expect_err "$why" "message for $f: $why"
done
expect_eq "$(state office.db)" "$before" "bad packages left the database unchanged"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM audit")" "$audit_before" "not even the audit changed"

# byte flips anywhere in a package: refused or, if harmless, the same result
clean=$(cp "$T/officeB.db" "$T/flip-base.db" && A flip-base.db import "$T/c1b.antt" > /dev/null && state flip-base.db)
size=$(stat -c %s "$T/c1b.antt")
crashed=0 wrong=0 i=0
while [ $i -lt 40 ]; do
	cp "$T/officeB.db" "$T/flip.db"; rm -f "$T/flip.db-wal" "$T/flip.db-shm"
	cp "$T/c1b.antt" "$T/flip.antt"
	off=$(( ($(od -An -N4 -tu4 /dev/urandom) % size) ))
	printf "\\$(printf %o $(( ($(od -An -N1 -tu1 /dev/urandom) | 1) )))" | dd of="$T/flip.antt" bs=1 seek="$off" conv=notrunc 2>/dev/null
	A flip.db import "$T/flip.antt" > /dev/null 2>&1
	rc=$?
	[ $rc -gt 1 ] && crashed=$((crashed + 1))
	[ $rc -eq 0 ] && [ "$(state flip.db)" != "$clean" ] && wrong=$((wrong + 1))
	i=$((i + 1))
done
expect_eq "$crashed" "0" "40 byte-flipped packages: no crash"
expect_eq "$wrong" "0" "40 byte-flipped packages: none imported wrongly"

# kill -9 in the middle of an import: the database is as before
"$ANTT" --db "$T/big.db" demo > /dev/null
A big.db export -o "$T/big.antt" > /dev/null
partial=0 k=0
while [ $k -lt 5 ]; do
	rm -f "$T/kill.db" "$T/kill.db-wal" "$T/kill.db-shm" "$T/kill.db-journal"
	A kill.db settings office_name "Tỉnh" > /dev/null
	"$ANTT" --db "$T/kill.db" import "$T/big.antt" > /dev/null 2>&1 &
	pid=$!   # antt itself, not a subshell
	sleep "0.$(( $(od -An -N1 -tu1 /dev/urandom) % 30 + 2 ))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	n=$(sqlite3 "$T/kill.db" "SELECT count(*) FROM units")
	ic=$(sqlite3 "$T/kill.db" "PRAGMA integrity_check")
	[ "$ic" = "ok" ] || partial=$((partial + 100))
	[ "$n" = "0" ] || [ "$n" = "$(sqlite3 "$T/big.db" "SELECT count(*) FROM units")" ] || partial=$((partial + 1))
	k=$((k + 1))
done
expect_eq "$partial" "0" "kill -9 during 5 imports: all or nothing, integrity ok"
DB=$DB_SAVE

# a refused export leaves no machine key behind: the key is made inside
# the export's transaction (a folder that does not exist, on a database
# that never exported)
A keyless.db unit import "$T/units.csv" > /dev/null
A keyless.db export -o "$T/no/such/folder/x.antt" > /dev/null 2>&1
expect_eq "$?" "1" "an export into a folder that does not exist is refused"
expect_eq "$(sqlite3 "$T/keyless.db" "SELECT count(*) FROM machine_key")" "0" "and leaves no machine key behind"
A keyless.db export -o "$T/keyless.antt" > /dev/null || not_ok "the export that follows"
expect_eq "$(sqlite3 "$T/keyless.db" "SELECT count(*) FROM machine_key")" "1" "a written export keeps the key it was signed with"
finish
