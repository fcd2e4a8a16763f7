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
/usr/bin/python3 - "$T/g.xlsx" "$DB" X010 2024 <<'EOF'
import re
import sqlite3
import sys
import zipfile

import openpyxl

path, db, under, year = sys.argv[1:5]
failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = 1


recs = sqlite3.connect(db).execute(
    "SELECT u.code, u.name, d.number, strftime('%d/%m/%Y', d.date), d.authority, d.signer FROM recognitions r"
    " JOIN assessments a ON a.id = r.assessment_id JOIN units u ON u.id = a.unit_id JOIN decisions d ON d.id = r.decision_id"
    " WHERE r.withdrawn_at IS NULL AND a.year = ? AND u.parent_id = (SELECT id FROM units WHERE code = ?)"
    " ORDER BY d.date, d.number, d.authority, u.code", (int(year), under)).fetchall()
wb = openpyxl.load_workbook(path)
ws = wb["Giấy công nhận"]
rows = [[" ".join(str(c.value).split()) for c in row if c.value is not None and str(c.value).strip()]
        for row in ws.iter_rows(max_row=len(recs) * 16)]
pages = [[c for r in rows[k * 16:(k + 1) * 16] for c in r] for k in range(len(recs))]
bad = []
for (code, name, number, date, authority, signer), page in zip(recs, pages):
    where = authority.split("UBND ", 1)[1]
    d, m, y = date.split("/")
    want = ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", where.upper(), "Độc lập - Tự do - Hạnh phúc",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN " + where.upper(), "CÔNG NHẬN", name.upper(),
            f'Đạt tiêu chuẩn "An toàn về an ninh, trật tự" năm {year}', f"Quyết định số {number} ngày {date}",
            f"{where.split(' ', 1)[1]}, ngày {d} tháng {m} năm {y}", "Số vào sổ: ……", "CHỦ TỊCH", signer]
    if page != want:
        bad.append((code, page, want))
check(not bad, f"every certificate says its unit, year, decision, issuer, title and signer ({bad[:1]})")
check(len(ws.row_breaks.brk) == len(recs) - 1 and [b.id for b in ws.row_breaks.brk] == [16 * k for k in range(1, len(recs))],
      f"a page break after each certificate ({len(ws.row_breaks.brk)} for {len(recs)})")
ps = ws.page_setup
check(str(ps.paperSize) == "9" and ps.orientation == "landscape", "A4 landscape")
fit = ws.sheet_properties.pageSetUpPr
check(not (fit and fit.fitToPage), "printed at 100 %, not fitted (Excel drops the breaks of a fitted sheet)")
widths = sum(int(ws.column_dimensions[c].width * 7 + 0.5) + 5 for c in "ABCDEF")
check(widths * 25.4 / 96 <= 297 - 30 - 15, f"the six columns fit the page's width ({widths * 25.4 / 96:.0f} mm of 252)")
area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
check(area and area.replace("$", "").endswith(f"A1:F{16 * len(recs)}"), f"print area {area}")
fonts = {(c.font.name, c.font.sz) for row in ws.iter_rows() for c in row if c.value}
check(all(f == "Times New Roman" and s >= 12 for f, s in fonts), f"Times New Roman, 12 pt or more ({sorted(fonts)})")
sys.exit(failed)
EOF
[ $? -eq 0 ] || failed=1

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
