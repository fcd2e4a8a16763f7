#!/usr/bin/python3
"""The same sheets as `antt report` writes first, from the same database,
with Debian's python3-xlsxwriter, for `make bench` to compare against antt
(and tests/cli/test_report.sh to compare figure by figure):
- "Tổng hợp": one row per unit type (Tổng số, Đăng ký, Được công nhận = units
  recognised by a decision, Tỷ lệ as a formula, last year's rate, target),
  totals as formulas, A4 portrait at full size;
- "Theo xã", "Theo xã (2)" …: one row per commune, a block of four columns per
  type that is not a commune type, at most three blocks a sheet, spread
  evenly (A4 landscape).

usage: report.py DB YEAR OUT.xlsx [--summary-only]
--summary-only: the signed page alone, as `antt report --summary-only`."""
import sqlite3
import sys

import xlsxwriter

db, year, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
summary_only = sys.argv[4:] == ["--summary-only"]
TYPES = [("Khu dân cư", "khu-dan-cu"), ("Xã", "xa"), ("Phường", "phuong"), ("Thị trấn", "thi-tran"),
         ("Đặc khu", "dac-khu"), ("Cơ quan", "co-quan"), ("Doanh nghiệp", "doanh-nghiep"),
         ("Cơ sở giáo dục", "co-so-giao-duc")]
COMMUNE = {"xa", "phuong", "thi-tran", "dac-khu"}
COLS = ["Tổng số", "Đăng ký", "Được công nhận", "Tỷ lệ"]
IN_YEAR = ("(u.valid_from IS NULL OR CAST(substr(u.valid_from, 1, 4) AS INTEGER) <= :y) AND "
           "(u.valid_to IS NULL OR CAST(substr(u.valid_to, 1, 4) AS INTEGER) > :y)")

con = sqlite3.connect(db)
root = con.execute("SELECT id, name FROM units WHERE parent_id IS NULL").fetchone()
rows = con.execute("SELECT u.id, u.name FROM units u WHERE u.parent_id = ? ORDER BY u.code", (root[0],)).fetchall()
settings = dict(con.execute("SELECT key, value FROM settings"))


def count(y):
    """(top, type) -> (to assess, registered, recognised)"""
    got = {}
    for top, typ, n, excl, reg, passed in con.execute(
            "WITH RECURSIVE walk(id, top) AS (SELECT id, id FROM units WHERE parent_id = :r "
            " UNION ALL SELECT u.id, w.top FROM units u JOIN walk w ON u.parent_id = w.id) "
            "SELECT w.top, u.type, count(*), total(u.excluded), total(a.id IS NOT NULL AND NOT u.excluded), "
            " total(r.id IS NOT NULL AND NOT u.excluded) FROM walk w JOIN units u ON u.id = w.id "
            "LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = :y "
            "LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL WHERE " + IN_YEAR +
            " GROUP BY w.top, u.type", {"r": root[0], "y": y}):
        got[(top, typ)] = (int(n - excl), int(reg), int(passed))
    return got


now, before = count(year), count(year - 1)


def total(counts, typ):
    return [sum(v[k] for (top, t), v in counts.items() if t == typ) for k in range(3)]


wb = xlsxwriter.Workbook(out)
base = {"font_name": "Times New Roman", "font_size": 12, "border": 1, "align": "center", "valign": "vcenter"}
f_head = wb.add_format(dict(base, bold=True, text_wrap=True, font_size=11))
f_text = wb.add_format(dict(base, align="left"))
f_int = wb.add_format(dict(base, num_format="[$-42A]#,##0"))
f_pct = wb.add_format(dict(base, num_format="[$-42A]0.0 %"))
f_tint = wb.add_format(dict(base, bold=True, num_format="[$-42A]#,##0"))
f_tpct = wb.add_format(dict(base, bold=True, num_format="[$-42A]0.0 %"))
f_title = wb.add_format({"font_name": "Times New Roman", "font_size": 14, "bold": True, "align": "center"})


def figures(ws, r, c, t, fi=f_int, fp=f_pct):
    """Tổng số, Đăng ký, Được công nhận and the rate formula; "–" with no units"""
    if t[0] == 0 and t[1] == 0:
        for k in range(4):
            ws.write_string(r, c + k, "–", fi)
        return
    for k in range(3):
        ws.write_number(r, c + k, t[k], fi)
    a, b = xlsxwriter.utility.xl_rowcol_to_cell(r, c + 2), xlsxwriter.utility.xl_rowcol_to_cell(r, c)
    ws.write_formula(r, c + 3, f"=IF({b}>0,{a}/{b},0)", fp, t[2] / t[0] if t[0] else 0)


def sums(ws, r, first, c, t):
    figures(ws, r, c, t, f_tint, f_tpct)
    if t[0] or t[1]:
        for k in range(3):
            col = xlsxwriter.utility.xl_col_to_name(c + k)
            ws.write_formula(r, c + k, f"=SUM({col}{first + 1}:{col}{r})", f_tint, t[k])


# the signed page
ws = wb.add_worksheet("Tổng hợp")
ws.set_column(0, 0, 4)
ws.set_column(1, 1, 18)
ws.set_column(2, 7, 9)
ws.merge_range(0, 3, 0, 7, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f_title)
ws.merge_range(5, 0, 5, 7, "BÁO CÁO", f_title)
hr = 10
for c, name in enumerate(["TT", "Loại đơn vị"] + COLS + [f"Tỷ lệ năm {year - 1}", "Chỉ tiêu"]):
    ws.write(hr, c, name, f_head)
r = hr + 1
grand = [0, 0, 0]
prev = [0, 0, 0]
for i, (label, typ) in enumerate(TYPES):
    t, p = total(now, typ), total(before, typ)
    ws.write_number(r, 0, i + 1, f_int)
    ws.write(r, 1, label, f_text)
    figures(ws, r, 2, t)
    if p[1] and p[0]:
        ws.write_number(r, 6, p[2] / p[0], f_pct)
    else:
        ws.write_string(r, 6, "–", f_int)
    if (t[0] or t[1]) and f"target_{typ}" in settings:
        ws.write_number(r, 7, float(settings[f"target_{typ}"]) / 100, f_pct)
    else:
        ws.write_string(r, 7, "–", f_int)
    grand = [a + b for a, b in zip(grand, t)]
    prev = [a + b for a, b in zip(prev, p)]
    r += 1
ws.merge_range(r, 0, r, 1, "Tổng cộng", f_text)
sums(ws, r, hr + 1, 2, grand)
if prev[1] and prev[0]:
    ws.write_number(r, 6, prev[2] / prev[0], f_tpct)
else:
    ws.write_string(r, 6, "–", f_tint)
ws.set_portrait()
ws.set_paper(9)
ws.fit_to_pages(1, 0)
ws.repeat_rows(hr, hr)

# the per-commune appendix, at most three blocks a sheet, spread evenly
blocks = [] if summary_only else [(label, typ) for label, typ in TYPES if typ not in COMMUNE]
per = -(-len(blocks) // -(-len(blocks) // 3)) if blocks else 1   # three fit; spread evenly
for part in range(0, len(blocks), per):
    ws = wb.add_worksheet("Theo xã" if part == 0 else f"Theo xã ({part // per + 1})")
    group = blocks[part:part + per]
    ws.set_column(0, 0, 4)
    ws.set_column(1, 1, 20)
    ws.set_column(2, 1 + 4 * len(group), 7.5)
    ws.merge_range(2, 0, 3, 0, "TT", f_head)
    ws.merge_range(2, 1, 3, 1, "Xã, phường, thị trấn", f_head)
    for g, (label, _) in enumerate(group):
        ws.merge_range(2, 2 + 4 * g, 2, 5 + 4 * g, label, f_head)
        for k, name in enumerate(COLS):
            ws.write(3, 2 + 4 * g + k, name, f_head)
    r = 4
    for i, (uid, name) in enumerate(rows):
        ws.write_number(r, 0, i + 1, f_int)
        ws.write(r, 1, name, f_text)
        for g, (_, typ) in enumerate(group):
            figures(ws, r, 2 + 4 * g, now.get((uid, typ), (0, 0, 0)))
        r += 1
    ws.merge_range(r, 0, r, 1, "Tổng cộng", f_text)
    for g, (_, typ) in enumerate(group):
        sums(ws, r, 4, 2 + 4 * g, total(now, typ))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2, 3)
wb.close()
