#!/usr/bin/python3
"""The same summary sheet as `antt report` (rows per commune, four columns per
unit-type group, "Đạt" = units recognised by a decision, totals as formulas),
written with Debian's python3-xlsxwriter
from the same database, for `make bench` to compare against antt.

usage: report.py DB YEAR OUT.xlsx"""
import sqlite3
import sys

import xlsxwriter

db, year, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
GROUPS = [("Khu dân cư", ["khu-dan-cu"]), ("Xã, phường, thị trấn", ["xa", "phuong", "thi-tran", "dac-khu"]),
          ("Cơ quan", ["co-quan"]), ("Doanh nghiệp", ["doanh-nghiep"]), ("Cơ sở giáo dục", ["co-so-giao-duc"])]
IN_YEAR = ("(u.valid_from IS NULL OR CAST(substr(u.valid_from, 1, 4) AS INTEGER) <= :y) AND "
           "(u.valid_to IS NULL OR CAST(substr(u.valid_to, 1, 4) AS INTEGER) > :y)")

con = sqlite3.connect(db)
root = con.execute("SELECT id, name FROM units WHERE parent_id IS NULL").fetchone()
rows = con.execute("SELECT u.id, u.name FROM units u WHERE u.parent_id = ? ORDER BY u.code", (root[0],)).fetchall()
counts = {}
for top, typ, n, excl, reg, passed in con.execute(
        "WITH RECURSIVE walk(id, top) AS (SELECT id, id FROM units WHERE parent_id = :r "
        " UNION ALL SELECT u.id, w.top FROM units u JOIN walk w ON u.parent_id = w.id) "
        "SELECT w.top, u.type, count(*), total(u.excluded), total(a.id IS NOT NULL AND NOT u.excluded), "
        " total(r.id IS NOT NULL AND NOT u.excluded) FROM walk w JOIN units u ON u.id = w.id "
        "LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = :y "
        "LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL WHERE " + IN_YEAR +
        " GROUP BY w.top, u.type", {"r": root[0], "y": year}):
    counts[(top, typ)] = (int(n - excl), int(reg), int(passed))

wb = xlsxwriter.Workbook(out)
ws = wb.add_worksheet("Tổng hợp")
base = {"font_name": "Times New Roman", "font_size": 12, "border": 1, "align": "center", "valign": "vcenter"}
f_head = wb.add_format(dict(base, bold=True, text_wrap=True, font_size=11))
f_text = wb.add_format(dict(base, align="left"))
f_int = wb.add_format(dict(base, num_format="[$-42A]#,##0"))
f_pct = wb.add_format(dict(base, num_format="[$-42A]0.0 %"))
f_title = wb.add_format({"font_name": "Times New Roman", "font_size": 14, "bold": True, "align": "center"})
last = 1 + 4 * len(GROUPS)
ws.merge_range(0, 0, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f_title)
ws.merge_range(5, 0, 5, last, "BÁO CÁO", f_title)
ws.merge_range(8, 0, 9, 0, "TT", f_head)
ws.merge_range(8, 1, 9, 1, "Đơn vị", f_head)
for g, (label, _) in enumerate(GROUPS):
    ws.merge_range(8, 2 + 4 * g, 8, 5 + 4 * g, label, f_head)
    for k, name in enumerate(["Tổng số", "Đăng ký", "Đạt", "Tỷ lệ %"]):
        ws.write(9, 2 + 4 * g + k, name, f_head)
r = 10
for i, (uid, name) in enumerate(rows):
    ws.write_number(r, 0, i + 1, f_int)
    ws.write(r, 1, name, f_text)
    for g, (_, types) in enumerate(GROUPS):
        t = [sum(counts.get((uid, ty), (0, 0, 0))[k] for ty in types) for k in range(3)]
        if t[0] == 0 and t[1] == 0:   # no unit to assess: "–", as antt writes
            for k in range(4):
                ws.write_string(r, 2 + 4 * g + k, "–", f_int)
            continue
        for k in range(3):
            ws.write_number(r, 2 + 4 * g + k, t[k], f_int)
        ws.write_number(r, 5 + 4 * g, t[2] / t[0] if t[0] else 0, f_pct)
    r += 1
for c in range(2, last + 1):
    col = xlsxwriter.utility.xl_col_to_name(c)
    ws.write_formula(r, c, f"=SUM({col}11:{col}{r})", f_int)
ws.set_landscape()
ws.set_paper(9)
ws.fit_to_pages(1, 0)
ws.repeat_rows(8, 9)
wb.close()
