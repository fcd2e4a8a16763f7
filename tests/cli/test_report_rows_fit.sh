# The appendices' rows as they print (review 10b): a commune's name that
# wraps in "Theo xã" gets a row tall enough for its second line (the
# province demo printed "Phường Xuân Trường" for "Phường Xuân Trường 3",
# the "3" hidden under the next row); a four-digit STT ("1.490") fits its
# column on "Chưa đạt" and the per-type sheets. Measured with the font's
# own widths (tests/report/fontwidth.py), as LibreOffice draws columns
# (the file's width at 7 px a character, some 6 % wider, less 1 mm a
# side of padding).
. "$(dirname "$0")/lib.sh"
FW="$(cd "$(dirname "$0")/../report" && pwd)"

run demo
expect_rc 0 "demo data"
x=$(sql "SELECT code FROM units WHERE type = 'xa' ORDER BY code LIMIT 1")
run unit rename "$x" "Phường Xuân Trường 3"
expect_rc 0 "a commune renamed to a name longer than its column"
run report --year 2024 -o "$T/r.xlsx" --date 20/11/2024
expect_rc 0 "the report"

/usr/bin/python3 - "$T/r.xlsx" "$FW" << 'EOF' || failed=1
import sys
sys.path.insert(0, sys.argv[2])
import openpyxl
from openpyxl.utils import get_column_letter
from fontwidth import font, lines
b = openpyxl.load_workbook(sys.argv[1])


def inner_pt(ws, col):
    w = ws.column_dimensions[get_column_letter(col)].width
    # LibreOffice's cell padding: about 1 mm a side
    return int(w * 7 + 0.5) * 1.06 * 0.75 - 5.7


def short_rows(ws, col, first):
    bad = []
    for r in range(first, ws.max_row + 1):
        c = ws.cell(r, col)
        if not isinstance(c.value, str) or not c.value:
            continue
        need = lines(c.value, inner_pt(ws, col), c.font.sz or 12, bold=c.font.b)
        h = ws.row_dimensions[r].height or 15
        if h < need * (c.font.sz or 12) * 1.1:
            bad.append((r, c.value, need, h))
    return bad


ws = b["Theo xã"]
bad = short_rows(ws, 2, 5)
print(("ok" if not bad else "not ok") + f" - Theo xã: every commune's name has the lines it wraps to {bad[:3]}")
print(("ok" if any(ws.cell(r, 2).value == "Phường Xuân Trường 3" for r in range(5, ws.max_row + 1))
       else "not ok") + " - and the renamed commune is listed")

# the STT column holds four digits with their dot
stt = font().width("1.490", 12)
for name in ("Chưa đạt", "Khu dân cư"):
    ws = b[name]
    room = inner_pt(ws, 1)
    print(("ok" if stt <= room else "not ok") + f" - {name}: STT \"1.490\" ({stt:.1f} pt) fits its column ({room:.1f} pt)")
EOF
finish
