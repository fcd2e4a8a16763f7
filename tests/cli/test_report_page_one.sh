# The signed page as PV05 prints it (review 10b): an issuing unit a little
# too wide at 13 pt in 12 pt, a long one
# (the province demo's "Phòng PV05 - Công an tỉnh Bình Giang") on lines
# of its own, not cut at both ends; the note on the sheets left out wrapped
# inside the table's width, not cut at the right margin; "Số: /BC" and the
# appendices' "Kèm theo Báo cáo số /BC…" the same number, with no dash
# hanging when there is no prefix; a warning when no signer is set; the
# paragraph's change in points the difference of the rates it prints. Read back with openpyxl and measured
# with the font's own widths (tests/report/fontwidth.py).
. "$(dirname "$0")/lib.sh"
FW="$(cd "$(dirname "$0")/../report" && pwd)"

run demo
expect_rc 0 "demo data"
# the paragraph's change is the difference of the two rates it prints:
# the demo's 2024 said "so với năm 2023 (87,1 %), giảm 39,5 điểm phần
# trăm" beside "tỷ lệ chung 47,7 %" (87,1 - 47,7 = 39,4)
for y in 2024 2023; do
	run report --year $y --text
	got=$(printf '%s\n' "$out" | /usr/bin/python3 -c "
import re, sys
t = sys.stdin.read()
now = re.search(r'tỷ lệ chung ([0-9.,]+) %', t)
was = re.search(r'so với năm \d+ \(([0-9.,]+) %\), (tăng|giảm) ([0-9.,]+) điểm phần trăm', t)
same = re.search(r'so với năm \d+ \(([0-9.,]+) %\), tỷ lệ không đổi', t)
num = lambda s: float(s.replace('.', '').replace(',', '.'))
if was:
    d = num(now.group(1)) - num(was.group(1))
    print('ok' if abs(abs(d) - num(was.group(3))) < 1e-9 and (d > 0) == (was.group(2) == 'tăng') else
          'differ: %s vs %s' % (was.group(0), now.group(0)))
else:
    print('ok' if not now or not same or same.group(1) == now.group(1) else 'no change said: ' + t)")
	expect_eq "$got" "ok" "$y: the change in percentage points is the printed rates' difference"
done

# a report --under a commune names it: "toàn xã có 20/21 khu dân cư" left
# PV05 to guess which commune
x=$(sql "SELECT code FROM units WHERE type = 'xa' ORDER BY code LIMIT 1")
xname=$(sql "SELECT name FROM units WHERE code = '$x'")
run report --year 2024 --under "$x" --text
expect_out "Năm 2024, toàn xã ${xname#Xã } có " "--under $x: the paragraph names the commune (toàn xã ${xname#Xã })"
# a name as long as a unit's may be (80 letters of 3 bytes) after a long
# type's name: whole, not cut in the middle of a letter
e=$(sql "SELECT code FROM units WHERE type = 'co-so-giao-duc' ORDER BY code LIMIT 1")
long=$(/usr/bin/python3 -c "print('ữ' * 80)")
run unit rename "$e" "$long"
expect_rc 0 "a school renamed to 80 letters of 3 bytes"
run report --year 2024 --under "$e" --text
expect_out "Năm 2024, toàn cơ sở giáo dục $long có " "--under $e: the whole long name in the paragraph"

# "CÔNG AN HUYỆN SÔNG LAM" on one line (Nghị định 30: 12 to 13 pt), not
# "SÔNG" and "LAM" apart
run report --year 2024 -o "$T/d.xlsx" --date 20/11/2024
got=$(/usr/bin/python3 -c "
import openpyxl, sys
c = openpyxl.load_workbook(sys.argv[1])['Tổng hợp']['A2']
print(c.value, c.font.sz in (12, 13), c.font.b, bool(c.alignment.wrap_text))" "$T/d.xlsx")
expect_eq "$got" "CÔNG AN HUYỆN SÔNG LAM True True False" "the district's name on one line, bold, 12 or 13 pt"
"$ANTT" --db "$DB" settings office_name "Phòng PV05 - Công an tỉnh Bình Giang" > /dev/null
"$ANTT" --db "$DB" settings report_prefix "" > /dev/null
run report --year 2024 -o "$T/r.xlsx" --date 20/11/2024
expect_rc 0 "the report with a long issuing unit and no number prefix"

/usr/bin/python3 - "$T/r.xlsx" "$FW" << 'EOF' || failed=1
import sys, re
sys.path.insert(0, sys.argv[2])
import openpyxl
from fontwidth import lines
b = openpyxl.load_workbook(sys.argv[1])
ws = b["Tổng hợp"]

def width_pt(rng):
    """A merged range's width in points, as LibreOffice draws columns: the
    file's width (libxlsxwriter's, padding included) at 7 px a character,
    some 6 % wider (report_summary.c), 96 dpi, less the cell's padding."""
    c0, c1 = rng.min_col, rng.max_col
    px = 0
    for c in range(c0, c1 + 1):
        w = ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
        px += int(w * 7 + 0.5)
    return px * 1.06 * 0.75 - 4

def merged(cell):
    for rng in ws.merged_cells.ranges:
        if cell in rng:
            return rng
    return None

def fits(cell, what):
    c = ws[cell]
    rng = merged(cell)
    need = lines(str(c.value), width_pt(rng), c.font.sz, bold=c.font.b)
    h = ws.row_dimensions[c.row].height or 15
    ok = need == 1 or (c.alignment.wrap_text and h >= need * c.font.sz * 1.1)
    print(("ok" if ok else "not ok") + f" - {what}: {need} line(s) at {c.font.sz:g} pt in {width_pt(rng):.0f} pt, "
          f"wrap {c.alignment.wrap_text}, row {h} pt")

fits("A2", "the issuing unit fits its half of the header")
fits("D1", "the nation's name fits its half")
note = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "chưa có số liệu" in c.value]
if note:
    fits(note[0].coordinate, "the note on the sheets left out fits the table's width")
else:
    print("not ok - the note on the sheets left out is on the signed page")

number = ws["A4"].value
m = re.match(r"Số:\s+(/\S+)$", number or "")
print(("ok" if m and not m.group(1).endswith("-") else "not ok") + f" - the report's number: {number!r}")
annex = b["Theo xã"]["A1"].value
a = re.search(r"Báo cáo số\s+(/\S*) ngày", annex or "")
print(("ok" if m and a and a.group(1) == m.group(1) else "not ok") +
      f" - the appendix names the same number: {a.group(1) if a else annex!r} and {m.group(1) if m else number!r}")
EOF

# with a prefix, both carry it
"$ANTT" --db "$DB" settings report_prefix "PV05" > /dev/null
run report --year 2024 -o "$T/p.xlsx" --date 20/11/2024
got=$(/usr/bin/python3 -c "
import openpyxl, sys
b = openpyxl.load_workbook(sys.argv[1])
print(b['Tổng hợp']['A4'].value.split()[-1], b['Theo xã']['A1'].value.split('Báo cáo số')[1].split()[0])" "$T/p.xlsx")
expect_eq "$got" "/BC-PV05 /BC-PV05" "with a prefix the report and its appendix say /BC-PV05"
# and the appendix's "(Kèm theo …)" then takes a third line: its row holds it
/usr/bin/python3 - "$T/p.xlsx" "$FW" << 'EOF2' || failed=1
import sys
sys.path.insert(0, sys.argv[2])
import openpyxl
from openpyxl.utils import get_column_letter
from fontwidth import lines
b = openpyxl.load_workbook(sys.argv[1])
def col_width(ws, c):
    """A column's width; openpyxl keeps a run of columns set together
    (C:J) under its first letter, with min and max."""
    for d in ws.column_dimensions.values():
        if d.min and d.max and d.min <= c <= d.max:
            return d.width
    return ws.column_dimensions[get_column_letter(c)].width
for name in ("Theo xã", "Khu dân cư", "Chưa đạt"):
    ws = b[name]
    rng = [r for r in ws.merged_cells.ranges if "A1" in r][0]
    px = sum(int(col_width(ws, c) * 7 + 0.5) for c in range(rng.min_col, rng.max_col + 1))
    room = px * 1.06 * 0.75 - 5.7
    need = sum(lines(t, room, 12, italic=True) for t in ws["A1"].value.split("\n"))
    h = ws.row_dimensions[1].height
    print(("ok" if h >= need * 12 * 1.1 else "not ok") + f" - {name}: the appendix's first row holds its {need} lines ({h} pt)")
EOF2

# no signer in the settings (the province demo had none): the signature
# block is blank, and the report says so rather than print it unnoticed
expect_no_err() { case "$err" in *"$1"*) not_ok "$2: stderr has '$1'";; *) ok "$2";; esac; }
expect_no_err "người ký" "with a signer set, no word about the signature"
"$ANTT" --db "$DB" settings signer_name "" > /dev/null
run report --year 2024 -o "$T/u.xlsx" --date 20/11/2024
expect_rc 0 "the report without a signer's name"
expect_err "chưa đặt chức vụ hoặc họ tên người ký" "it warns that the signature block is blank"
expect_err "antt settings signer_name" "and says how to set it"
finish
