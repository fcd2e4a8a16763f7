#!/usr/bin/python3
"""Check the certificates antt print giay-cong-nhan wrote against the
recognition records in the database: page k (rows 16k+1 .. 16k+16) says
its unit, the year, the decision's number and date, the issuer, the
signer's title and name, in the records' order; a page break after each;
A4 landscape at 100 % (Excel drops the breaks of a fitted sheet), the
columns within the page; Times New Roman. Prints TAP lines; exits 1 on any
failure.

usage: check_certificates.py FILE.xlsx DATABASE UNDER YEAR"""
import sqlite3
import sys

import openpyxl

import tap
from tap import check

path, db, under, year = sys.argv[1:5]
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
sys.exit(tap.failed())
