# Nơi nhận of the signed page: the office's own list (the setting
# "recipients", names apart by ";") in place of the layout's — a province's
# PV05 listed itself ("Phòng PV05 - Công an tỉnh (để báo cáo)") as where
# its own report goes; each name but the last ends with ";"; a name wider
# than the left half wraps there on a taller row instead of running under
# the signature. A setting's value is bounded: 301 characters are refused
# with the old value kept, never cut (a 1,100-character name was stored cut
# to 1,023 bytes and "Đã đặt" printed the cut one).
. "$(dirname "$0")/lib.sh"
FW="$(cd "$(dirname "$0")/../report" && pwd)"

run demo
expect_rc 0 "demo data"

# the bound
long=$(/usr/bin/python3 -c "print('ữ' * 301)")
run settings office_name "$long"
expect_rc 1 "a 301-character value refused"
expect_err "301 ký tự" "the refusal says how long it is"
expect_err "300 ký tự" "and the most a setting holds"
expect_err "hãy rút gọn" "and what to do: shorten it (the officer cannot act on a length alone)"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'office_name'")" "Công an huyện Sông Lam" "the old value kept"
ok300=$(/usr/bin/python3 -c "print('ữ' * 300)")
run settings place "$ok300"
expect_rc 0 "300 characters of 3 bytes taken"
expect_eq "$(sql "SELECT length(value) FROM settings WHERE key = 'place'")" "300" "stored whole"
run settings place
expect_eq "$out" "$ok300" "and read back whole"
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
    ws = openpyxl.load_workbook(path)["Tổng hợp"]
    label = [c for row in ws.iter_rows() for c in row if c.value == "Nơi nhận:"][0]
    out, r = [], label.row + 1
    while isinstance(ws.cell(row=r, column=1).value, str) and ws.cell(row=r, column=1).value.startswith("- "):
        out.append(ws.cell(row=r, column=1))
        r += 1
    return ws, out

ws, a = nhan(sys.argv[1])
print(("ok" if [c.value for c in a] == ["- Phòng PV05 - Công an tỉnh (để báo cáo);", "- Lưu: VT."] else "not ok")
      + f" - the layout's list without the setting {[c.value for c in a]}")
ws, b = nhan(sys.argv[2])
want = ["- Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc - Bộ Công an (để báo cáo);", "- Ban Giám đốc (để báo cáo);",
        "- Lưu: VT, PV05."]
print(("ok" if [c.value for c in b] == want else "not ok") + f" - the office's list, \";\" but after the last {[c.value for c in b]}")
# the signer's column: where the title over the signature starts
title = [c for row in ws.iter_rows() for c in row if c.value == "TRƯỞNG CÔNG AN HUYỆN"][0]
for c in b:
    # merged over the left half, or alone in column A and running on over
    # the empty cells beside it: either way no further than the left half
    rng = next((r for r in ws.merged_cells.ranges if c.coordinate in r), None)
    end = rng.max_col if rng else title.column - 1
    px = sum(int(ws.column_dimensions[openpyxl.utils.get_column_letter(k)].width * 7 + 0.5) for k in range(1, end + 1))
    need = lines(c.value, px * 1.06 * 0.75 - 4, c.font.sz)
    h = ws.row_dimensions[c.row].height or 15
    ok = end < title.column and (need == 1 or (rng and c.alignment.wrap_text and h >= need * c.font.sz * 1.1))
    print(("ok" if ok else "not ok") + f" - {c.value[:30]}…: in the left half (to column {end}, the signer's from "
          f"{title.column}), {need} line(s), wrap {c.alignment.wrap_text}, row {h} pt")
EOF
finish
