# antt print giay-cong-nhan: a landscape A4 page per recognised unit, from
# the recognition records of the demo database. Refusals (an existing file,
# an unknown unit, a bad year, a unit approved but not recognised, a commune
# with no decision recorded), then a commune's batch read back unit by unit
# against the records (name, year, decision number and date, the issuer,
# the signer and the title), the page set-up (landscape, 100 %, a break after
# each certificate), one unit alone, the same bytes for the same data, and
# the LibreOffice PDF: one page per unit, each with its own unit.
. "$(dirname "$0")/lib.sh"
REPORT="$(cd "$(dirname "$0")/../report" && pwd)"

"$ANTT" --db "$DB" demo > /dev/null

echo "cũ" > "$T/old.xlsx"
run print giay-cong-nhan --under X010 --year 2024 -o "$T/old.xlsx"
expect_rc 1 "an existing file without --force: refused"
expect_err "tệp đã có, chưa ghi gì" "existing file message"
expect_eq "$(cat "$T/old.xlsx")" "cũ" "the existing file is left as it was"
run print giay-cong-nhan KHONGCO --year 2024 -o "$T/x.xlsx"
expect_rc 1 "an unknown unit: refused"
expect_err "không có đơn vị mã \"KHONGCO\"" "unknown unit message"
run print giay-cong-nhan --under X010 --year hai -o "$T/x.xlsx"
expect_rc 2 "a bad year: refused"
expect_err "năm \"hai\" không hợp lệ" "bad year message"
# X008's units are approved, their decision not recorded (demo.c)
run print giay-cong-nhan X008-K01 --year 2024 -o "$T/x.xlsx"
expect_rc 1 "a unit with no recognition record: refused"
expect_err "X008-K01 năm 2024 chưa có quyết định công nhận nào: chưa có gì để in giấy công nhận" "no record message"
expect_err "ghi quyết định công nhận trước bằng lệnh antt recognise (xem antt help), rồi in lại (X008-K01, năm 2024)" \
	"no record: what to do"
run print giay-cong-nhan --under X008 --year 2024 -o "$T/x.xlsx"
expect_rc 1 "a commune with no decision recorded: refused"
expect_err "năm 2024 chưa có đơn vị nào dưới X008 được công nhận theo quyết định" "no decision message"
[ ! -e "$T/x.xlsx" ] && ok "no file written by the refusals" || not_ok "a refusal wrote a file"

n=$(sql "SELECT count(*) FROM recognitions r JOIN assessments a ON a.id = r.assessment_id JOIN units u ON u.id = a.unit_id
	WHERE r.withdrawn_at IS NULL AND a.year = 2024 AND u.parent_id = (SELECT id FROM units WHERE code = 'X010')")
[ "$n" -gt 2 ] && ok "the demo recognised $n units under X010 in 2024" || not_ok "only $n recognitions under X010"
run print giay-cong-nhan --under X010 --year 2024 -o "$T/g.xlsx" --date 25/11/2024
expect_rc 0 "X010's certificates"
expect_out "Đã ghi giấy công nhận năm 2024 vào $T/g.xlsx ($n đơn vị, 1 trang tính)." "what was written"
names=$(sql "SELECT u.name FROM recognitions r JOIN assessments a ON a.id = r.assessment_id
	JOIN units u ON u.id = a.unit_id JOIN decisions d ON d.id = r.decision_id WHERE r.withdrawn_at IS NULL
	AND a.year = 2024 AND u.parent_id = (SELECT id FROM units WHERE code = 'X010') ORDER BY d.date, d.number, u.code")

# each certificate against its record, and the page set-up
/usr/bin/python3 "$REPORT/check_certificates.py" "$T/g.xlsx" "$DB" X010 2024 || failed=1

run print giay-cong-nhan X010-K01 --year 2024 -o "$T/one.xlsx" --date 25/11/2024
expect_rc 0 "one unit's certificate"
expect_out "(1 đơn vị, 1 trang tính)" "one unit, one page"
run print giay-cong-nhan --under X010 --type khu-dan-cu --year 2024 -o "$T/kdc.xlsx" --date 25/11/2024
k=$(sql "SELECT count(*) FROM recognitions r JOIN assessments a ON a.id = r.assessment_id JOIN units u ON u.id = a.unit_id
	WHERE r.withdrawn_at IS NULL AND a.year = 2024 AND u.type = 'khu-dan-cu'
	AND u.parent_id = (SELECT id FROM units WHERE code = 'X010')")
expect_out "($k đơn vị, 1 trang tính)" "--type: only the khu dân cư"

run print giay-cong-nhan --under X010 --year 2024 -o "$T/g2.xlsx" --date 25/11/2024
cmp -s "$T/g.xlsx" "$T/g2.xlsx" && ok "same data and date: the same bytes" || not_ok "two runs differ"

# a withdrawn recognition (a revoked decision) prints no certificate
leaders
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 "$ANTT" --db "$DB" recognise withdraw X010-K01 2024 \
	--reason "Quyết định bị thu hồi" > /dev/null || not_ok "could not withdraw X010-K01's recognition"
run print giay-cong-nhan X010-K01 --year 2024 -o "$T/w.xlsx"
expect_rc 1 "a withdrawn recognition: refused"
expect_err "X010-K01 năm 2024 chưa có quyết định công nhận nào" "withdrawn recognition message"
run print giay-cong-nhan --under X010 --year 2024 -o "$T/w.xlsx"
expect_out "($((n - 1)) đơn vị, 1 trang tính)" "the batch leaves the withdrawn unit out"

if ! command -v libreoffice > /dev/null || ! command -v pdftotext > /dev/null; then
	echo "ok - the printed certificates # SKIP LibreOffice or pdftotext is not installed (scripts/deps.sh)"
	finish
fi
HOME="$T/lo" timeout 300 libreoffice --headless --convert-to pdf --outdir "$T" "$T/g.xlsx" > "$T/lo.log" 2>&1
[ -s "$T/g.pdf" ] && ok "LibreOffice prints them to PDF" || not_ok "no PDF: $(cat "$T/lo.log")"
if [ -s "$T/g.pdf" ]; then
	/usr/bin/python3 "$REPORT/check_doc.py" "$T/g.xlsx" "$T/g.pdf" --pages "$n" --landscape --breaks --largest 30 \
		--text "CÔNG NHẬN" || failed=1
	# page k holds the k-th unit of the records' order, in capitals
	k=0 wrong=""
	while IFS= read -r name; do
		k=$((k + 1))
		up=$(printf '%s' "$name" | /usr/bin/python3 -c 'import sys; print(sys.stdin.read().upper())')
		pdftotext -f $k -l $k "$T/g.pdf" - | tr -s ' \n' '  ' | grep -qF "$up" || wrong="$wrong $k"
	done <<EOF
$names
EOF
	expect_eq "$wrong" "" "page k of the PDF is the k-th unit's certificate"
fi
finish
