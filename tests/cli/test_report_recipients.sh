# Nơi nhận of the signed page: the office's own list (the setting
# "recipients", names apart by ";") in place of the layout's — a province's
# PV05 listed itself ("Phòng PV05 - Công an tỉnh (để báo cáo)") as where
# its own report goes; each name but the last ends with ";"; a name wider
# than the left half goes on in the rows below, a line a row, instead of
# running under the signature (or, on one taller row, stretching the room
# to sign until the signer's name went to page 2). A setting's value is
# bounded: 401 characters are refused with the old value kept, never cut
# (a 1,100-character name was stored cut to 1,023 bytes and "Đã đặt"
# printed the cut one).
. "$(dirname "$0")/lib.sh"
FW="$(cd "$(dirname "$0")/../report" && pwd)"

run demo
expect_rc 0 "demo data"

# the bound
long=$(/usr/bin/python3 -c "print('ữ' * 401)")
run settings office_name "$long"
expect_rc 1 "a 401-character value refused"
expect_err "401 ký tự" "the refusal says how long it is"
expect_err "400 ký tự" "and the most a setting holds"
expect_err "hãy rút gọn" "and what to do: shorten it (the officer cannot act on a length alone)"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'office_name'")" "Công an huyện Sông Lam" "the old value kept"
ok400=$(/usr/bin/python3 -c "print('ữ' * 400)")
run settings place "$ok400"
expect_rc 0 "400 characters of 3 bytes taken"
expect_eq "$(sql "SELECT length(value) FROM settings WHERE key = 'place'")" "400" "stored whole"
run settings place
expect_eq "$out" "$ok400" "and read back whole"
run settings place "Sông Lam"

# the layout's list when the setting is not set
run report --year 2024 -o "$T/a.xlsx" --date 20/11/2024
expect_rc 0 "the report with the layout's recipients"
# the office's own
run settings recipients " Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc - Bộ Công an (để báo cáo) ;;Ban Giám đốc (để báo cáo);Lưu: VT, PV05. "
expect_rc 0 "recipients set"
run report --year 2024 -o "$T/b.xlsx" --date 20/11/2024
expect_rc 0 "the report with the office's recipients"

/usr/bin/python3 - "$T/a.xlsx" "$T/b.xlsx" "$FW" << 'EOF' || failed=1
import sys
sys.path.insert(0, sys.argv[3])
import openpyxl
from fontwidth import lines

def nhan(path):
    """The recipients as printed: a line "- …" begins one, a line "  …"
    goes on with it (report_wrap: a line a row)."""
    ws = openpyxl.load_workbook(path)["Tổng hợp"]
    label = [c for row in ws.iter_rows() for c in row if c.value == "Nơi nhận:"][0]
    cells, names, r = [], [], label.row + 1
    while isinstance(ws.cell(row=r, column=1).value, str) and ws.cell(row=r, column=1).value.startswith(("- ", "  ")):
        c = ws.cell(row=r, column=1)
        cells.append(c)
        if c.value.startswith("- "):
            names.append(c.value)
        else:
            names[-1] += " " + c.value[2:]
        r += 1
    return ws, label, cells, names

ws, label, cells, a = nhan(sys.argv[1])
print(("ok" if a == ["- Phòng PV05 - Công an tỉnh (để báo cáo);", "- Lưu: VT."] else "not ok")
      + f" - the layout's list without the setting {a}")
ws, label, cells, b = nhan(sys.argv[2])
want = ["- Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc - Bộ Công an (để báo cáo);", "- Ban Giám đốc (để báo cáo);",
        "- Lưu: VT, PV05."]
print(("ok" if b == want else "not ok") + f" - the office's list, \";\" but after the last {b}")
print(("ok" if len(cells) > len(b) else "not ok") + f" - the long name goes on in the rows below ({len(cells)} rows)")
# the signer's column: where the title over the signature starts; its name six rows under it
title = [c for row in ws.iter_rows() for c in row if c.value == "TRƯỞNG CÔNG AN HUYỆN"][0]
name = [c for row in ws.iter_rows() for c in row if c.value == "Thượng tá Nguyễn Văn Bình"][0]
tall = [r for r in range(title.row, name.row + 1) if (ws.row_dimensions[r].height or 15) > 16]
print(("ok" if name.row - title.row == 6 and not tall else "not ok")
      + f" - the room to sign as it was: the name {name.row - title.row} rows under the title, rows made taller {tall}")
px = sum(int(ws.column_dimensions[openpyxl.utils.get_column_letter(k)].width * 7 + 0.5) for k in range(1, title.column))
for c in cells:
    merged = [r for r in ws.merged_cells.ranges if c.coordinate in r]
    need = lines(c.value, px * 1.06 * 0.75 - 4, c.font.sz)
    print(("ok" if need == 1 and not merged else "not ok") + f" - {c.value[:30]!r}: one line in the left half "
          f"(before column {title.column}): {need}")
EOF
finish
