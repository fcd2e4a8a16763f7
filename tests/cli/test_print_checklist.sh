# antt print checklist: the blank checklist to fill in at the meeting — one
# sheet per unit of a commune in one command, the criteria in the order the
# entry screen shows them (antt assess show lists them the same way), có /
# không boxes, the computed criteria as what the office fills in, the
# meeting's signatures; read back (openpyxl) and as LibreOffice prints it.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"

# every unit of commune X001 (itself included), one sheet each, in tree order
run print checklist --under X001 --year 2024 -o "$T/c.xlsx" --date 20/11/2024
expect_rc 0 "checklists of a commune and its units"
n=$("$ANTT" --db "$DB" unit list --under X001 --year 2024 | wc -l)
expect_out "($n đơn vị, $n trang tính)" "one sheet per unit ($n)"
want=$("$ANTT" --db "$DB" unit list --under X001 --year 2024 | awk '{ print $1 }' | tr '\n' ' ')
got=$(/usr/bin/python3 -c "import openpyxl, sys; print(' '.join(openpyxl.load_workbook(sys.argv[1]).sheetnames) + ' ')" "$T/c.xlsx")
expect_eq "$got" "$want" "sheets named by unit code, in the unit list's order"
# each unit's paper numbered from 1, also when the whole book is printed at once
# (useFirstPageNumber; firstPageNumber 1 is the default, left out)
got=$(/usr/bin/python3 -c "import openpyxl, sys
print(sorted({(w.page_setup.firstPageNumber or 1, w.page_setup.useFirstPageNumber) for w in openpyxl.load_workbook(sys.argv[1])}))" "$T/c.xlsx")
expect_eq "$got" "[(1, True)]" "every sheet's pages numbered from 1"

# the paper's order is the screen's: the ids of X001-K01's and X001's sheets
# are those antt assess show lists, in its order (the head written again
# on each page left out)
ids() { # SHEET: column A below the head "Mã"
	/usr/bin/python3 - "$T/c.xlsx" "$1" << 'EOF'
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
col = [c.value for c in ws["A"]]
start = col.index("Mã") + 1
out = []
for v in col[start:]:
    if v is None:
        break
    if v != "Mã":
        out.append(v)
print(" ".join(out))
EOF
}
for u in X001-K01 X001; do
	want=$("$ANTT" --db "$DB" assess show "$u" 2024 | awk '/^ [0-9]/ { printf "%s ", $1 }' | sed 's/ $//')
	expect_eq "$(ids "$u")" "$want" "$u: the criteria in the screen's order"
done

# the boxes, the figures' room, the computed criteria, the blanks
/usr/bin/python3 - "$T/c.xlsx" > "$T/cells" << 'EOF'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["X001-K01"]
row = next(c.row for c in ws["A"] if c.value == "1.1")
yes, no = ws.cell(row, 4), ws.cell(row, 5)
print("boxes", yes.value is None and no.value is None and yes.border.left.style == "thin" and no.border.right.style == "thin")
row = next(c.row for c in ws["A"] if c.value == "1.2")
print("percent", ws.cell(row, 4).value)
x = wb["X001"]
print("computed", any(isinstance(c.value, str) and c.value.startswith("Cơ quan Công an điền") for r in x.iter_rows() for c in r))
EOF
expect_eq "$(sed -n 1p "$T/cells")" "boxes True" "1.1: two empty bordered boxes for có / không"
expect_eq "$(sed -n 2p "$T/cells")" "percent Tỷ lệ: …… %" "1.2: room for the percentage"
expect_eq "$(sed -n 3p "$T/cells")" "computed True" "the commune's computed criteria: what the office fills in"

run print checklist X001-K01 --year 2024 -o "$T/k.xlsx" --date 20/11/2024
expect_rc 0 "one unit's checklist"
expect_eq "$(/usr/bin/python3 -c 'import sys, openpyxl; print(openpyxl.load_workbook(sys.argv[1]).active.oddHeader.center.text)' "$T/k.xlsx")" \
	"&P" "two pages: the page number at the top centre"
print_check "$T/k.xlsx" --pages 2 --together "Kết luận của cuộc họp" "CHỦ TRÌ CUỘC HỌP" --head-on-each "Tiêu chí" "Không có thành viên bị xử lý kỷ luật" \
	--title "PHIẾU ĐÁNH GIÁ" --merged "PHIẾU ĐÁNH GIÁ" \
	--text "XÃ HÒA BÌNH" --text "THÔN ĐÔNG HÒA BÌNH" --text "Đơn vị: Thôn Đông Hòa Bình" --text "Mã: X001-K01" \
	--text "(Điều 4, khoản 3, điểm a)" --text "Kết luận của cuộc họp" --text "THƯ KÝ CUỘC HỌP" \
	--text "CHỦ TRÌ CUỘC HỌP" --text "(Ký, ghi rõ họ tên)" --text "Kết quả thực hiện tiêu chuẩn \"An toàn về an ninh, trật tự\" năm 2024"

# a company's long name takes two lines in the head, and still fits
run print checklist X002-DN01 --year 2024 -o "$T/dn.xlsx" --date 20/11/2024
expect_rc 0 "a company's checklist"
print_check "$T/dn.xlsx" --title "PHIẾU ĐÁNH GIÁ" --text "CÔNG TY CỔ PHẦN XÂY DỰNG AN PHÚ"

# only the khu dân cư of the commune
run print checklist --under X001 --type "khu dân cư" --year 2024 -o "$T/kdc.xlsx"
expect_rc 0 "the commune's khu dân cư only"
expect_out "(7 đơn vị, 7 trang tính)" "seven khu dân cư"

# a blank one for a unit type, names left to fill in
run print checklist --type xa --year 2024 -o "$T/xa.xlsx" --date 20/11/2024
expect_rc 0 "a blank checklist of a type"
expect_out "(1 trang tính)" "one sheet"
print_check "$T/xa.xlsx" --title "PHIẾU ĐÁNH GIÁ" --text "Đơn vị: ……" --text "Loại đơn vị: Xã        Thuộc:" \
	--text "Cơ quan Công an điền"
finish
