#!/usr/bin/python3
"""Read a report written by `antt report` with openpyxl and check its cells,
merged header ranges, fonts, number formats and print settings against what
the test built. Prints TAP lines; exits 1 on any failure.

usage: check_report.py FILE.xlsx EXPECTED.json
EXPECTED holds the summary numbers (from `antt summary`), the rows and the
settings the test used."""
import json
import sys

import openpyxl

import tap
from tap import check

path, expected_path = sys.argv[1], sys.argv[2]
exp = json.load(open(expected_path, encoding="utf-8"))


wb = openpyxl.load_workbook(path)                   # formulas
wv = openpyxl.load_workbook(path, data_only=True)   # the values stored with them
check(wb.sheetnames == exp["sheets"], f"sheets {wb.sheetnames}")
ws, vs = wb["Tổng hợp"], wv["Tổng hợp"]


def find(text, sheet=ws):
    for row in sheet.iter_rows():
        for c in row:
            if isinstance(c.value, str) and text in c.value:
                return c
    return None


def merged_of(cell):
    for r in ws.merged_cells.ranges:
        if cell.coordinate in r:
            return str(r)
    return None


# Nghị định 30 header
c = find("CÔNG AN TỈNH BÌNH GIANG")
check(c is not None and c.row == 1 and c.column == 1 and merged_of(c), "parent agency top left, merged, capitals")
c = find("CÔNG AN HUYỆN SÔNG LAM")
check(c is not None and c.row == 2 and c.font.b, "issuing unit below it, bold capitals")
c = find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
check(c is not None and c.row == 1 and c.column > 3 and c.font.b, "nation top right, bold")
c = find("Độc lập - Tự do - Hạnh phúc")
check(c is not None and c.row == 2 and c.font.b and c.font.u == "single", "motto bold and underlined")
c = find("Số:")
check(c is not None and "/BC-CAH" in c.value, "report number with the office's prefix")
c = find("ngày 20 tháng 11 năm 2024")
check(c is not None and c.font.i and c.value.startswith("Sông Lam,"), "italic place-and-date line")
c = find("BÁO CÁO")
check(c is not None and c.font.b and c.font.name == "Times New Roman" and c.font.sz == 14, "title bold, Times New Roman")
c = find("đạt tiêu chuẩn \"An toàn về an ninh, trật tự\" năm 2024")
check(c is not None and c.font.b, "subject names the year")

# the signed page: one row per unit type (the layout's groups), columns
# Tổng số | Đăng ký | Được công nhận | Tỷ lệ | last year's rate | Chỉ tiêu
COLS = ["Tổng số", "Đăng ký", "Được công nhận", "Tỷ lệ", "Tỷ lệ năm 2023", "Chỉ tiêu"]
tt = next(c for c in ws["A"] if c.value == "TT")
hr = tt.row
labels = [ws.cell(row=hr, column=3 + k).value for k in range(6)]
check(labels == COLS, f"column labels {labels}")
check(ws.cell(row=hr, column=2).value == "Loại đơn vị", "rows are unit types")
types = {}
r = hr + 1
while isinstance(ws.cell(row=r, column=1).value, int):
    types[ws.cell(row=r, column=2).value] = r
    r += 1
check(list(types) == ["Khu dân cư", "Xã", "Phường", "Thị trấn", "Đặc khu", "Cơ quan", "Doanh nghiệp", "Cơ sở giáo dục"],
      f"one row per type, separately {list(types)}")
tr = r
check(ws.cell(row=tr, column=1).value == "Tổng cộng" and ws.cell(row=tr, column=1).font.b, "totals row, bold")
for label, (total, registered, passed) in exp["types"].items():
    row = types[label]
    got = [vs.cell(row=row, column=3 + k).value for k in range(4)]
    if total == 0 and registered == 0:
        check(got == ["–"] * 4, f"{label}: no units: – ({got})")
        continue
    check(got[:3] == [total, registered, passed], f"{label}: {got[:3]} match antt summary")
    check(isinstance(got[0], (int, float)), f"{label}: numbers are numbers")
    rf = ws.cell(row=row, column=6)
    check(isinstance(rf.value, str) and rf.value.startswith("=IF(") and abs(got[3] - passed / total) < 1e-9,
          f"{label}: rate is a formula, {got[3]}")
    check("0.0" in rf.number_format and "%" in rf.number_format and "42A" in rf.number_format,
          f"{label}: Vietnamese percent format {rf.number_format}")
    check(ws.cell(row=row, column=3).number_format.endswith("#,##0"), f"{label}: integer format")
for label, want in exp.get("previous", {}).items():
    got = vs.cell(row=types[label], column=7).value
    check(got == want if isinstance(want, str) else abs(got - want) < 1e-9, f"{label}: last year {got}")
for label, want in exp.get("targets", {}).items():
    got = vs.cell(row=types[label], column=8).value
    check(got == want if isinstance(want, str) else abs(got - want) < 1e-9, f"{label}: target {got}")
sums = [exp["types"][k] for k in exp["types"]]
for k, what in enumerate(["Tổng số", "Đăng ký", "Được công nhận"]):
    f = ws.cell(row=tr, column=3 + k).value
    check(isinstance(f, str) and f.startswith("=SUM(") and vs.cell(row=tr, column=3 + k).value == sum(x[k] for x in sums),
          f"total {what}: a formula, {vs.cell(row=tr, column=3 + k).value}")

# the appendix "Theo xã": a row per commune, a block of columns per group
# that is not itself communes (a commune is not counted in its own group)
an, av = wb["Theo xã"], wv["Theo xã"]
parts = [n for n in wb.sheetnames if n.startswith("Theo xã")]
blocks = {}
for name in parts:
    sh = wb[name]
    hr2 = next(c.row for c in sh["A"] if c.value == "TT")
    for c in range(3, sh.max_column + 1, 4):
        if sh.cell(row=hr2, column=c).value:
            blocks[sh.cell(row=hr2, column=c).value] = (name, hr2, c)
    check([sh.cell(row=hr2 + 1, column=3 + k).value for k in range(4)] == COLS[:4], f"{name}: column labels")
    check(sh.page_setup.orientation == "landscape" and sh.print_title_rows == f"${hr2}:${hr2 + 1}",
          f"{name}: landscape, its head repeated")
check(not any(k in blocks for k in ("Xã", "Phường", "Thị trấn", "Đặc khu")),
      f"no commune group in the per-commune tables {list(blocks)}")
for name, groups in exp["rows"].items():
    for label, (total, registered, passed) in groups.items():
        sheet, hr2, gc = blocks[label]
        sh = wv[sheet]
        row = next(r for r in range(hr2 + 2, sh.max_row + 1) if sh.cell(row=r, column=2).value == name)
        got = [sh.cell(row=row, column=gc + k).value for k in range(4)]
        if total == 0 and registered == 0:
            check(got == ["–"] * 4, f"{name} / {label}: a group with no units shows – ({got})")
            continue
        check(got[:3] == [total, registered, passed] and abs(got[3] - passed / total) < 1e-9, f"{name} / {label}: {got}")
for label, (sheet, hr2, gc) in blocks.items():
    sh, sf = wv[sheet], wb[sheet]
    row = next(r for r in range(hr2 + 2, sh.max_row + 1) if sh.cell(row=r, column=1).value == "Tổng cộng")
    want = exp["types"][label]
    got = [sh.cell(row=row, column=gc + k).value for k in range(3)]
    check(got == want if want != [0, 0, 0] else got == ["–"] * 3, f"Theo xã / {label}: totals {got} = the signed page's")
    if want != [0, 0, 0]:
        check(str(sf.cell(row=row, column=gc).value).startswith("=SUM("), f"Theo xã / {label}: totals are formulas")

# sheets with no data are left out, and the summary says so in one line
if "left_out" in exp:
    check(find(exp["left_out"]) is not None, "the summary names the sheets left out")

# signature and recipients
check(find("NGƯỜI LẬP BIỂU", wb[parts[-1]]) is not None, "the preparer signs the last per-commune table")
c = find("TRƯỞNG CÔNG AN HUYỆN")
check(c is not None and c.font.b, "signer's title, bold capitals")
check(find("Thượng tá Nguyễn Văn Bình") is not None, "signer's name")
c = find("Nơi nhận:")
st = find("TRƯỞNG CÔNG AN HUYỆN")
check(c is not None and c.font.b and c.font.i, "Nơi nhận bold italic")
check(c is not None and st is not None and c.row == st.row and c.column == 1, "Nơi nhận on the left, level with the signer's title")
sn = find("Thượng tá Nguyễn Văn Bình")
check(sn is not None and st is not None and sn.row - st.row >= 5, "four blank rows or more to sign and stamp")

# print settings
ps = ws.page_setup
check(str(ps.paperSize) == "9", f"A4 (paper {ps.paperSize})")
check(ps.orientation == "portrait", "the signed page is portrait")
# fitToWidth is left out of the file when it is 1, the default of the format
check(ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth in (None, 1) and ps.fitToHeight == 0,
      "fit to one page wide, any number of pages tall")
check(ws.print_title_rows == f"${hr}:${hr}", f"header row repeated ({ws.print_title_rows})")
m = ws.page_margins
check(abs(m.left - 30 / 25.4) < 0.01 and abs(m.right - 15 / 25.4) < 0.01 and abs(m.top - 20 / 25.4) < 0.01,
      "margins per Nghị định 30")
check(not ws.sheet_view.showGridLines, "gridlines off")
check(ws.print_area is not None, f"print area {ws.print_area}")
check(not (ws.oddHeader.center.text or "") and not (ws.oddFooter.center.text or ""), "no number on the first page")
for name in wb.sheetnames[1:]:
    h = wb[name].oddHeader.center
    if not ("&P" in (h.text or "") and not wb[name].oddFooter.center.text):
        check(False, f"{name}: the page number at the top centre ({h.text!r})")
        break
else:
    check(True, "every other sheet numbers its pages at the top centre")
data_cell = ws.cell(row=hr + 1, column=2)
check(data_cell.font.name == "Times New Roman" and data_cell.font.sz == 12, "table in Times New Roman 12")

# a sheet per unit type and the units that did not pass
kdc = wv["Khu dân cư"]
names = [kdc.cell(row=r, column=3).value for r in range(4, kdc.max_row + 1)]
check(len([n for n in names if n]) == exp["kdc_units"], f"every khu dân cư listed ({len(names)})")
check(kdc.page_setup.orientation == "landscape" and kdc.print_title_rows == "$3:$3", "type sheet: landscape, header repeated")
# the chart: recognised rate per type this year (= Đạt / Tổng số of the
# totals), last year and the target, and a column chart drawn from them
if "Biểu đồ" in exp["sheets"]:
    import zipfile
    ch = wv["Biểu đồ"]
    rates = {ch.cell(row=r, column=1).value: ch.cell(row=r, column=2).value for r in range(5, ch.max_row + 1)}
    for label, (total, registered, passed) in exp["types"].items():
        if label in rates and total:
            check(abs(rates[label] - passed / total) < 1e-9, f"chart: {label} at {rates[label]} = {passed}/{total}")
    check(abs(ch.cell(row=5 + list(rates).index("Khu dân cư"), column=4).value - 0.95) < 1e-9, "chart: the target beside it")
    xml = zipfile.ZipFile(path).read("xl/charts/chart1.xml").decode()
    check(xml.count("<c:ser>") == 3 and "Biểu đồ" in xml, "a column chart of this year, last year and the target")
    check(ch.page_setup.orientation == "landscape" and ch.print_area is not None, "the chart sheet prints on A4 landscape")

if "Biểu đồ" in exp["sheets"]:
    # the chart's types in the order page 1 lists them
    summary = wv[exp["sheets"][0]]
    page_one = [summary.cell(row=r, column=2).value for r in range(1, summary.max_row + 1)]
    charted = [c for c in rates if c]
    check(charted == [t for t in page_one if t in charted], f"chart: the types in page 1's order {charted}")
for name in exp["sheets"][1:]:
    a1 = wv[name]["A1"].value or ""
    check(a1.startswith("Phụ lục ") and "Kèm theo Báo cáo số" in a1 and "/BC-CAH" in a1,
          f"{name}: an appendix of the report ({a1[:40]!r})")
    check(bool(wv[name]["A2"].value), f"{name}: its own title")
xa = wv["Xã"]
own = [(xa.cell(row=r, column=3).value, xa.cell(row=r, column=4).value) for r in range(4, xa.max_row + 1)]
check(own and all(n != c for n, c in own if n), f"a commune is not listed as its own commune {own[:2]}")
fail = wv["Chưa đạt"]
failed_rows = [(fail.cell(row=r, column=3).value, fail.cell(row=r, column=5).value) for r in range(4, fail.max_row + 1)]
for unit, words in exp["failed"].items():
    hit = [w for n, w in failed_rows if n == unit]
    check(hit and words in hit[0], f"{unit} listed as not passed with \"{words}\"")
communes = [fail.cell(row=r, column=2).value for r in range(4, fail.max_row + 1)]
check(communes == sorted(communes), "units that did not pass are grouped by commune")
# the sheet reconciles with the summary: every unit to assess that is not
# recognised (total less Đạt) is listed, each with its reason
types = [fail.cell(row=r, column=4).value for r in range(4, fail.max_row + 1)]
for label, (total, registered, passed) in exp["types"].items():
    listed = sum(1 for t in types if t == label)
    check(listed == total - passed, f"{label}: {listed} listed as not đạt, the summary says {total} - {passed}")
reasons = [fail.cell(row=r, column=5).value for r in range(4, fail.max_row + 1) if fail.cell(row=r, column=3).value]
check(all(reasons), "every unit not đạt has its reason")
sys.exit(tap.failed())
