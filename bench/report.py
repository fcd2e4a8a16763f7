#!/usr/bin/python3
"""The whole workbook `antt report` writes, from the same database, with
Debian's python3-xlsxwriter: the independent peer `make bench` times antt
against. It writes every sheet cell for cell (bench/cells.py --values reads
both books back and must print the same lines), from the same SQL and
forms/reports/tong-hop.yaml, the way a maintainer would write it in Python:
- "Tổng hợp": the Nghị định 30 header, the results paragraph, one row per
  group with its figures, last year's rate and the target, the signature;
- "Theo xã", "Theo xã (2)" …: one row per commune, a block of columns per
  group that is not made of communes only, as many blocks a table as fit;
- "Biểu đồ": the recognised rate per type (the chart's data) and the chart;
- one sheet per assessed type listing its units, and "Chưa đạt" with the
  reason of every unit not recognised.
The movement's sheets (Xếp loại, Danh sách chấm điểm, Phong trào, Đề nghị điển hình) are left
out and named in the note, as antt does when they hold nothing; a database
where they do hold something is refused (the demo's have nothing).

usage: report.py DB YEAR OUT.xlsx [YYYY-MM-DD] [--summary-only]
(the date written on the report, as antt report --date; today without it)"""
import datetime
import json
import os
import sqlite3
import sys
import unicodedata

import xlsxwriter
import yaml
from xlsxwriter.utility import xl_rowcol_to_cell

db, year, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
date = next((a for a in sys.argv[4:] if not a.startswith("--")), datetime.date.today().isoformat())
summary_only = "--summary-only" in sys.argv[4:]
forms = os.environ.get("ANTT_FORMS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "forms"))
L = yaml.safe_load(open(os.path.join(forms, "reports", "tong-hop.yaml"), encoding="utf-8"))
dd, mm, yyyy = date[8:10], date[5:7], date[0:4]
IN_YEAR = ("((u.valid_from IS NULL OR CAST(substr(u.valid_from, 1, 4) AS INTEGER) <= :y) AND "
           "(u.valid_to IS NULL OR CAST(substr(u.valid_to, 1, 4) AS INTEGER) > :y))")

con = sqlite3.connect(db)
S = dict(con.execute("SELECT key, value FROM settings"))
if con.execute("SELECT EXISTS (SELECT 1 FROM scores WHERE year = ?1) OR EXISTS (SELECT 1 FROM activities WHERE year = ?1)"
               " OR EXISTS (SELECT 1 FROM models) OR EXISTS (SELECT 1 FROM tipoffs WHERE year = ?1)"
               " OR EXISTS (SELECT 1 FROM commendations WHERE year = ?1)", (year,)).fetchone()[0]:
    sys.exit("report.py: the movement's sheets are not written here; use a database without registers (the demo)")
TYPES = {c: (n, a, k, s) for c, n, a, k, s in con.execute("SELECT code, name, assessed, commune, sort FROM unit_types")}
roots = con.execute("SELECT id, name FROM units u WHERE parent_id IS NULL AND " + IN_YEAR, {"y": year}).fetchall()
office, office_name = (roots[0] if len(roots) == 1 else (0, ""))
FIELDS = ("total", "excluded", "registered", "assessed", "passed", "approved", "recognised")


def count(y, seeds):
    """{(seed index, type): [total, excluded, registered, assessed, passed, approved, recognised]}"""
    got = {}
    for top, typ, *v in con.execute(
            "WITH RECURSIVE walk(id, top) AS (SELECT value, key FROM json_each(:s)"
            " UNION ALL SELECT u.id, w.top FROM units u JOIN walk w ON u.parent_id = w.id)"
            " SELECT w.top, u.type, count(*), total(u.excluded), total(NOT u.excluded AND a.id IS NOT NULL),"
            "  total(NOT u.excluded AND a.verdict IN ('pass', 'fail')), total(NOT u.excluded AND a.verdict = 'pass'),"
            "  total(NOT u.excluded AND a.verdict = 'pass' AND a.status = 'approved'),"
            "  total(NOT u.excluded AND r.id IS NOT NULL)"
            " FROM walk w JOIN units u ON u.id = w.id JOIN unit_types t ON t.code = u.type AND t.assessed"
            " LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = :y"
            " LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL"
            " WHERE " + IN_YEAR + " GROUP BY w.top, u.type", {"s": json.dumps(seeds), "y": y}):
        got[(top, typ)] = [int(x) for x in v]
    return got


def add(a, b):
    return [x + y for x, y in zip(a, b)]


ZERO = [0] * 7
in_scope = lambda c: c[0] - c[1]
rate = lambda c: 100.0 * c[6] / in_scope(c) if in_scope(c) > 0 else -1.0
no_units = lambda c: in_scope(c) == 0 and c[2] == 0

# the rows: the office's children (communes, or units holding units); the
# others directly under it share one row, last
rows, seeds, orphan = [], [], None
for uid, code, name, container in con.execute(
        "SELECT u.id, u.code, u.name, t.commune OR EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id)"
        " FROM units u JOIN unit_types t ON t.code = u.type WHERE " +
        ("u.parent_id = :o" if office else "u.parent_id IS NULL") + " AND " + IN_YEAR + " ORDER BY u.code",
        {"o": office, "y": year}):
    if not container:
        if orphan is None:
            orphan = {"name": f"Trực thuộc {office_name}", "seeds": []}
        orphan["seeds"].append(len(seeds))
    else:
        rows.append({"name": name, "seeds": [len(seeds)]})
    seeds.append(uid)
if orphan:
    rows.append(orphan)
now, before = count(year, seeds), count(year - 1, seeds)
groups = L["groups"]


def cell(counts, seed_list, types):
    c = ZERO
    for s in seed_list:
        for t in types:
            c = add(c, counts.get((s, t), ZERO))
    return c


for r in rows:
    r["cells"] = [cell(now, r["seeds"], g["types"]) for g in groups]
totals = [cell(now, range(len(seeds)), g["types"]) for g in groups]
prevs = [cell(before, range(len(seeds)), g["types"]) for g in groups]
by_type_now = {t: cell(now, range(len(seeds)), [t]) for t in TYPES}
by_type_prev = {t: cell(before, range(len(seeds)), [t]) for t in TYPES}
if not sum(t[2] for t in totals):
    sys.exit(f"năm {year} chưa có đơn vị nào đăng ký hay được đánh giá")

wb = xlsxwriter.Workbook(out, {"constant_memory": False})
T = "Times New Roman"


def fmt(size, bold=False, italic=False, align="center", border=False, num=None, wrap=False, valign="vcenter"):
    d = {"font_name": T, "font_size": size, "bold": bold, "italic": italic, "align": align, "valign": valign}
    if border:
        d["border"] = 1
    if num:
        d["num_format"] = num
    if wrap:
        d["text_wrap"] = True
    return wb.add_format(d)


F_INT, F_PCT = "[$-42A]#,##0", "[$-42A]0.0 %"
f_plain13, f_bold13, f_nation, f_motto = fmt(13), fmt(13, True), fmt(12, True), fmt(14, True)
f_motto.set_underline(1)
f_date, f_title, f_subject = fmt(13, italic=True), fmt(14, True), fmt(13, True, wrap=True)
f_head = fmt(11, True, border=True, wrap=True)
f_text, f_int, f_pct = fmt(12, align="left", border=True), fmt(12, border=True, num=F_INT), fmt(12, border=True, num=F_PCT)
f_ttext, f_tint = fmt(12, True, align="left", border=True), fmt(12, True, border=True, num=F_INT)
f_tpct = fmt(12, True, border=True, num=F_PCT)
f_rlabel, f_recipient = fmt(12, True, True, align="left"), fmt(11, align="left")
f_sheet_title, f_appendix = fmt(13, True, wrap=True), fmt(12, italic=True, wrap=True)
f_body = fmt(13, align="justify", wrap=True, valign="top")
f_period = fmt(12, italic=True, align="left", wrap=True, valign="top")
f_wrap = fmt(12, align="left", border=True, wrap=True, valign="top")
expand = lambda s: s.replace("{year}", str(year)).replace("{prev}", str(year - 1))
pct_text = lambda p: f"{p:.1f}".replace(".", ",")


def int_text(v):
    return f"{v:,}".replace(",", ".")


def page(ws, landscape, numbered=True):
    ws.set_paper(9)
    ws.set_landscape() if landscape else ws.set_portrait()
    ws.set_margins(30 / 25.4, 15 / 25.4, 20 / 25.4, 20 / 25.4)
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(2)
    if numbered:
        ws.set_header('&C&"Times New Roman"&13&P')
    ws.center_horizontally()


def figures(ws, r, c0, c, fi=f_int, fp=f_pct):
    cols = [k["measure"] for k in L["columns"]]
    measure = {"total": in_scope(c), "registered": c[2], "passed": c[6], "recognised": c[6],
               "self_passed": c[4], "approved": c[5]}
    for k, m in enumerate(cols):
        if no_units(c):
            ws.write_string(r, c0 + k, "–", fi)
        elif m != "rate":
            ws.write_number(r, c0 + k, measure[m], fi)
        else:
            p, t = cols.index("passed") if "passed" in cols else cols.index("recognised"), cols.index("total")
            a, b = xl_rowcol_to_cell(r, c0 + p), xl_rowcol_to_cell(r, c0 + t)
            ws.write_formula(r, c0 + k, f"=IF({b}>0,{a}/{b},0)", fp, max(rate(c), 0) / 100)


def sums(ws, r, first, c0, c):
    figures(ws, r, c0, c, f_tint, f_tpct)
    if no_units(c):
        return
    measure = {"total": in_scope(c), "registered": c[2], "passed": c[6], "recognised": c[6],
               "self_passed": c[4], "approved": c[5]}
    for k, col in enumerate(L["columns"]):
        if col["measure"] != "rate":
            a, b = xl_rowcol_to_cell(first, c0 + k), xl_rowcol_to_cell(r - 1, c0 + k)
            ws.write_formula(r, c0 + k, f"=SUM({a}:{b})", f_tint, measure[col["measure"]])


# Vietnamese alphabetical order (antt's src/report/report_order.c, written
# again from its rule): word by word, the word's letters first — a ă â b c
# d đ e ê … o ô ơ … u ư v x y, signs before numbers (by value) before
# letters — then, where they tie, its tones (none, huyền, hỏi, ngã, sắc,
# nặng); a name before the longer names it begins.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
MODS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}
CHAR_KEY = {}


def char_key(ch):
    """A character's primary weight (bytes) and tone, as report_order.c's."""
    k = CHAR_KEY.get(ch)
    if k is None:
        d = unicodedata.normalize("NFD", ch)
        base, mod, tone = d[0].lower(), 0, 0
        for m in d[1:]:
            mod = MODS.get(m, mod)
            tone = TONES.get(m, tone)
        if base == "đ":
            base, mod = "d", 1
        if "a" <= base <= "z":
            k = (b"\x03" + (ord(base) * 4 + mod).to_bytes(2, "big"), tone)
        elif ord(base) < 0x80 or unicodedata.category(base).startswith("P"):
            k = (b"\x01" + ord(base).to_bytes(3, "big"), tone)
        else:
            k = (b"\x04" + ord(base).to_bytes(3, "big"), tone)
        CHAR_KEY[ch] = k
    return k


def vi_key(name):
    """The name's sort key, byte for byte report_order.c's vi_key."""
    out, prim, tones, i, n = [], [], [], 0, len(name)
    while True:
        if i >= n or name[i] in " \t":
            if prim:
                out += prim
                out.append(b"\x00")
                out.append(bytes(tones))
            prim, tones = [], []
            if i >= n:
                return b"".join(out)
            i += 1
            continue
        ch = name[i]
        if "0" <= ch <= "9":
            j = i
            while j < n and "0" <= name[j] <= "9":
                j += 1
            prim.append(b"\x02" + min(int(name[i:j]), 10 ** 11).to_bytes(8, "big"))
            tones.append(1)
            i = j
            continue
        if (ch in MODS or ch in TONES) and prim:   # a mark written apart joins its letter
            if ch in TONES:
                tones[-1] = 1 + TONES[ch]
            elif prim[-1][0] == 3:
                w = int.from_bytes(prim[-1][1:], "big")
                prim[-1] = b"\x03" + (w // 4 * 4 + MODS[ch]).to_bytes(2, "big")
            i += 1
            continue
        p, t = char_key(ch)
        prim.append(p)
        tones.append(1 + t)
        i += 1


def results_text():
    order = [t for t in sorted(TYPES, key=lambda t: TYPES[t][3]) if TYPES[t][1] and in_scope(by_type_now[t]) > 0]
    order = [t for t in order if t == "khu-dan-cu"] + [t for t in order if t != "khu-dan-cu"]
    scope = TYPES[con.execute("SELECT type FROM units WHERE id = ?", (office,)).fetchone()[0]][0].lower() \
        if office else "đơn vị"
    if not order:
        return f"Năm {year}, toàn {scope} chưa có đơn vị nào thuộc diện đánh giá."
    parts, tot, ptot = [], ZERO, ZERO
    for i, t in enumerate(order):
        c = by_type_now[t]
        sep = "" if i == 0 else " và " if i + 1 == len(order) else ", "
        parts.append(f"{sep}{int_text(c[6])}/{int_text(in_scope(c))} {TYPES[t][0].lower()}")
        tot, ptot = add(tot, c), add(ptot, by_type_prev[t])
    s = f"Năm {year}, toàn {scope} có " + "".join(parts)
    s += f" được công nhận đạt tiêu chuẩn \"An toàn về an ninh, trật tự\" (tỷ lệ chung {pct_text(rate(tot))} %)"
    if ptot[2] == 0 or rate(ptot) < 0:
        s += f"; năm {year - 1} chưa có số liệu để so sánh"
    else:
        d = rate(tot) - rate(ptot)
        if -0.05 < d < 0.05:
            s += f"; so với năm {year - 1} ({pct_text(rate(ptot))} %), tỷ lệ không đổi"
        else:
            s += f"; so với năm {year - 1} ({pct_text(rate(ptot))} %), {'tăng' if d > 0 else 'giảm'} {pct_text(abs(d))} điểm phần trăm"
    first = True
    for t in order:
        v = S.get(f"target_{t}")
        if v is None:
            continue
        target, r = float(v), rate(by_type_now[t])
        tw = str(int(target)) if target == int(target) else pct_text(target)
        s += f"{'; so với chỉ tiêu: ' if first else ', '}{TYPES[t][0].lower()} {pct_text(r)} %/{tw} % ({'đạt' if r + 1e-9 >= target else 'chưa đạt'})"
        first = False
    return s + "."


# --- text measured as report_measure.c does (Times New Roman widths, a
# Vietnamese letter as its base letter, wider where it may fall back)
REGULAR = [25, 33, 41, 50, 50, 83, 78, 18, 33, 33, 50, 56, 25, 33, 25, 28, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 28,
           28, 56, 56, 56, 44, 92, 72, 67, 67, 72, 61, 56, 72, 72, 33, 39, 72, 61, 89, 72, 72, 56, 72, 67, 56, 61, 72, 72,
           94, 72, 72, 61, 33, 28, 33, 47, 50, 33, 44, 50, 44, 50, 44, 33, 50, 50, 28, 28, 50, 28, 78, 50, 50, 50, 50, 33,
           39, 28, 50, 50, 72, 50, 50, 44, 48, 20, 48, 54]


def char_width(ch):
    c, wide = ord(ch), ord(ch) >= 0x100
    for _ in range(4):
        if 0x20 <= c <= 0x7E:
            return REGULAR[c - 0x20] * (135 if c >= ord("a") else 110) // 100 if wide else REGULAR[c - 0x20]
        d = unicodedata.decomposition(chr(c))
        if not d or d.startswith("<"):
            break
        c = int(d.split()[0], 16)
    if c == 0x2026:
        return 100
    if c == 0x0110:
        return 72
    if c == 0x0111:
        return 50
    if c in (0x2013, 0x2014):
        return 50 if c == 0x2013 else 100
    return 80 if chr(c).isupper() else 65


def text_pt(t, pt):
    return sum(char_width(ch) for ch in t) * pt / 100.0


def wrap(text, width, pt):
    px = int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)
    room, space, used, out, cur = px * 0.75 - 3, text_pt(" ", pt), 0.0, [], []
    for word in text.split(" "):
        w = text_pt(word, pt)
        if used > 0 and used + space + w > room:
            out.append(" ".join(cur))
            cur, used = [], 0.0
        used += (space if used > 0 else 0) + w
        cur.append(word)
    return out + [" ".join(cur)]


# --- Tổng hợp ---------------------------------------------------------------
ws = wb.add_worksheet("Tổng hợp")
page(ws, False, numbered=False)
n = len(L["columns"]) + 2
last = 1 + n
for c, wd in enumerate([4.0, 18.0] + [54.0 / n] * n):
    ws.set_column(c, c, wd)
le = last // 2 - 1 if last // 2 - 1 > 1 else 1
ws.merge_range(0, 0, 0, le, S.get("parent_agency", "").upper(), f_plain13)
ws.merge_range(1, 0, 1, le, S.get("office_name", "").upper(), f_bold13)
ws.merge_range(0, le + 1, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f_nation)
ws.merge_range(1, le + 1, 1, last, "Độc lập - Tự do - Hạnh phúc", f_motto)
prefix = S.get('report_prefix', '')
ws.merge_range(3, 0, 3, le, f"Số:      /BC{'-' + prefix if prefix else ''}", f_plain13)   # no dash without a sign
ws.merge_range(3, le + 1, 3, last, f"{S.get('place') or '……'}, ngày {dd} tháng {mm} năm {yyyy}", f_date)
ws.merge_range(5, 0, 5, last, L["title"], f_title)
ws.merge_range(6, 0, 6, last, expand(L["subject"]), f_subject)
# a figure and its "%" kept on one line in print (a no-break space), as antt
ws.merge_range(8, 0, 8, last, results_text().replace(" %", "\u00a0%"), f_body)
r = 9
if L.get("period"):
    ws.merge_range(9, 0, 9, last, expand(L["period"]), f_period)
    r = 10
r += 1
for c, name in enumerate(["TT", L["row_header"]] + [k["label"] for k in L["columns"]] +
                         [expand(L["previous_label"]), L["target_label"]]):
    ws.write_string(r, c, name, f_head)
ws.repeat_rows(r)
first = r = r + 1
sum_now, sum_prev = ZERO, ZERO
for g, grp in enumerate(groups):
    ws.write_number(r, 0, g + 1, f_int)
    ws.write_string(r, 1, grp["label"], f_text)
    figures(ws, r, 2, totals[g])
    p = prevs[g]
    ws.write_number(r, last - 1, rate(p) / 100, f_pct) if p[2] and rate(p) >= 0 else ws.write_string(r, last - 1, "–", f_int)
    v = S.get(f"target_{grp['types'][0]}")
    ws.write_number(r, last, float(v) / 100, f_pct) if v is not None and not no_units(totals[g]) else \
        ws.write_string(r, last, "–", f_int)
    sum_now, sum_prev = add(sum_now, totals[g]), add(sum_prev, p)
    r += 1
ws.merge_range(r, 0, r, 1, L["totals_label"], f_ttext)
sums(ws, r, first, 2, sum_now)
if sum_prev[2] and rate(sum_prev) >= 0:
    ws.write_number(r, last - 1, rate(sum_prev) / 100, f_tpct)
else:
    ws.write_string(r, last - 1, "–", f_tint)
if not summary_only:
    ws.merge_range(r + 1, 0, r + 1, last, f"Năm {year} chưa có số liệu nên báo cáo không kèm trang: "
                   "Xếp loại, Danh sách chấm điểm, Phong trào, Đề nghị điển hình.", f_recipient)
top = r + 3
ws.merge_range(top, le + 1, top, last, S.get("signer_title", "").upper(), f_bold13)
ws.write_string(top, 0, L["recipients_label"], f_rlabel)
# the setting "recipients" (names apart by ";", given back but to the last), else the layout's;
# each broken into the lines the left half holds (report_wrap), a line a row
own = [p.strip(" ") for p in S.get("recipients", "").split(";") if p.strip(" ")]
names = [f"- {p}{';' if i + 1 < len(own) else ''}" for i, p in enumerate(own)] or [f"- {r}" for r in L["recipients"]]
half = sum((int(wd * 7 + 0.5) + 5) for wd in ([4.0, 20.0] + [54.0 / n] * n)[:le + 1])
row = top + 1
for name in names:
    for k, line in enumerate(wrap(name, (half - 5) / 7 - 1, 11)):
        ws.write_string(row, 0, ("  " if k else "") + line, f_recipient)
        row += 1
if S.get("signer_name"):
    ws.merge_range(top + 6, le + 1, top + 6, last, S["signer_name"], f_bold13)

appendix = 0


def roman(v):
    out = ""
    for k, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while v >= k:
            out, v = out + s, v - k
    return out


def appendix_top(ws, title, last_col, continued=False):
    global appendix
    page(ws, True)
    if not continued:
        appendix += 1
    office = S.get("office_name", "")
    ws.merge_range(0, 0, 0, last_col, f"Phụ lục {roman(appendix)}{' (tiếp theo)' if continued else ''}\n"
                   f"(Kèm theo Báo cáo số      /BC{('-' + S['report_prefix'] if S.get('report_prefix') else '')} ngày {dd} tháng {mm} năm {yyyy}"
                   f"{' của ' + office if office else ''})", f_appendix)
    ws.merge_range(1, 0, 1, last_col, expand(title), f_sheet_title)


def detail_head(ws, title, cols, widths):
    appendix_top(ws, title, len(cols) - 1)
    for i, (c, wd) in enumerate(zip(cols, widths)):
        ws.set_column(i, i, wd)
        ws.write_string(2, i, c, f_head)
    ws.repeat_rows(2)


if not summary_only:
    # --- Theo xã: blocks of the groups that are not communes only, as many a table as fit
    blocks = [g for g, grp in enumerate(groups) if not (grp["types"] and all(TYPES[t][2] for t in grp["types"]))]
    nc = len(L["columns"])
    fig = int(7.5 * 7 + 0.5) + 5
    per = max(int((952.0 / 1.06 - 33 - 145) / (fig * (nc or 1))), 1)
    if blocks:
        tables = -(-len(blocks) // per)
        per = -(-len(blocks) // tables)
    for part, i in enumerate(range(0, len(blocks), per)):
        gs = blocks[i:i + per]
        lc = 2 + len(gs) * nc - 1
        ws = wb.add_worksheet("Theo xã" if part == 0 else f"Theo xã ({part + 1})")
        appendix_top(ws, "KẾT QUẢ THEO TỪNG XÃ, PHƯỜNG, THỊ TRẤN NĂM {year}", lc, part > 0)
        ws.set_column(0, 0, 4.0)
        ws.set_column(1, 1, 20.0)
        ws.set_column(2, lc, 7.5)
        ws.merge_range(2, 0, 3, 0, "TT", f_head)
        ws.merge_range(2, 1, 3, 1, "Xã, phường, thị trấn", f_head)
        for k, g in enumerate(gs):
            c = 2 + k * nc
            if nc > 1:
                ws.merge_range(2, c, 2, c + nc - 1, groups[g]["label"], f_head)
            else:
                ws.write_string(2, c, groups[g]["label"], f_head)
            for j, col in enumerate(L["columns"]):
                ws.write_string(3, c + j, col["label"], f_head)
        ws.repeat_rows(2, 3)
        r = 4
        for i2, row in enumerate(rows):
            ws.write_number(r, 0, i2 + 1, f_int)
            ws.write_string(r, 1, row["name"], f_wrap)
            for k, g in enumerate(gs):
                figures(ws, r, 2 + k * nc, row["cells"][g])
            r += 1
        ws.merge_range(r, 0, r, 1, L["totals_label"], f_ttext)
        for k, g in enumerate(gs):
            sums(ws, r, 4, 2 + k * nc, totals[g])
        if i + per >= len(blocks) and L.get("preparer"):
            ws.merge_range(r + 1, 0, r + 1, lc // 2, L["preparer"], f_bold13)

    # --- Biểu đồ
    ws = wb.add_worksheet("Biểu đồ")
    appendix_top(ws, "TỶ LỆ ĐƠN VỊ ĐƯỢC CÔNG NHẬN ĐẠT TIÊU CHUẨN \"AN TOÀN VỀ AN NINH, TRẬT TỰ\" NĂM {year}", 9)
    for c, name in enumerate(["Loại đơn vị", f"Năm {year}", f"Năm {year - 1}", "Chỉ tiêu"]):
        ws.write_string(3, c, name, f_head)
    k = 0
    # in page 1's order (the layout's groups), then the types it leaves out
    order = [t for g in groups for t in g["types"] if t in TYPES]
    order = list(dict.fromkeys(order + sorted(TYPES, key=lambda t: TYPES[t][3])))
    for t in order:
        c, p = by_type_now[t], by_type_prev[t]
        if not TYPES[t][1] or c[0] == 0 or in_scope(c) == 0:
            continue
        r = 4 + k
        ws.write_string(r, 0, TYPES[t][0], f_text)
        ws.write_number(r, 1, rate(c) / 100, f_pct) if rate(c) >= 0 else ws.write_string(r, 1, "–", f_int)
        ws.write_number(r, 2, rate(p) / 100, f_pct) if p[0] and p[2] > 0 and rate(p) >= 0 else \
            ws.write_string(r, 2, "–", f_int)
        v = S.get(f"target_{t}")
        ws.write_number(r, 3, float(v) / 100, f_pct) if v is not None else ws.write_string(r, 3, "–", f_int)
        k += 1
    if k:
        chart = wb.add_chart({"type": "column"})
        for c in range(1, 4):
            chart.add_series({"categories": ["Biểu đồ", 4, 0, 3 + k, 0], "values": ["Biểu đồ", 4, c, 3 + k, c],
                              "name": ["Biểu đồ", 3, c], "data_labels": {"value": True, "num_format": "0%"}})
        chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
        chart.set_legend({"position": "bottom"})
        ws.insert_chart(5 + k, 0, chart, {"x_scale": 1.7, "y_scale": 1.3})

    # --- one sheet per type, and Chưa đạt
    labels = {}

    def walk_items(items, into):
        for it in items or []:
            into[str(it["id"])] = it.get("label", "")
            walk_items(it.get("items"), into)

    for sid, body in con.execute("SELECT id, body FROM criteria_sets"):
        labels[sid] = {}
        walk_items(yaml.safe_load(body).get("criteria"), labels[sid])
    COLS = ["STT", "Mã", "Tên đơn vị", "Xã / trực thuộc", "Tự đánh giá", "Duyệt", "Công nhận (quyết định)",
            "Tiêu chí không đạt", "Ghi chú"]
    WIDTHS = [5, 9, 26, 16, 11, 10, 16, 10, 18]
    failed, ws, cur, n_in = [], None, None, 0
    for code, name, typ, tname, commune, excl, verdict, detail, set_id, notes, status, decision in con.execute(
            "WITH RECURSIVE walk(id, top, depth) AS (SELECT id, id, 0 FROM units WHERE parent_id IS NULL"
            " UNION ALL SELECT u.id, CASE WHEN w.depth = 0 THEN u.id ELSE w.top END, w.depth + 1"
            " FROM units u JOIN walk w ON u.parent_id = w.id)"
            " SELECT u.code, u.name, u.type, ty.name, CASE WHEN top.id <> u.id THEN top.name"
            "  ELSE coalesce('Trực thuộc ' || (SELECT name FROM units WHERE id = u.parent_id), '') END,"
            "  u.excluded, a.verdict, a.detail, a.criteria_set_id,"
            "  (SELECT group_concat(criterion || ': ' || note, '; ') FROM answers"
            "   WHERE assessment_id = a.id AND note <> ''), a.status,"
            "  (SELECT d.number || ' ngày ' || strftime('%d/%m/%Y', d.date) FROM recognitions r"
            "   JOIN decisions d ON d.id = r.decision_id WHERE r.assessment_id = a.id AND r.withdrawn_at IS NULL)"
            " FROM walk w JOIN units u ON u.id = w.id JOIN unit_types ty ON ty.code = u.type"
            " JOIN units top ON top.id = w.top LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = :y"
            " WHERE ty.assessed AND " + IN_YEAR + " ORDER BY coalesce(nullif(instr(:order, ',' || u.type || ','), 0),"
            " 1000000 + ty.sort), top.code, u.code",
            {"y": year, "order": "," + "".join(t + "," for g in groups for t in g["types"])}):
        if typ != cur:
            cur, n_in = typ, 0
            ws = wb.add_worksheet(tname)
            detail_head(ws, f"Danh sách {tname} năm {year}".upper(), COLS, WIDTHS)
            r = 3
        ids = (detail or "").replace(",", ", ") if verdict == "fail" else ""
        words = "; ".join(f"{i} — {labels.get(set_id, {})[i]}" if i in labels.get(set_id, {}) else i
                          for i in (detail or "").split(",") if i) if verdict and verdict != "pass" else ""
        v = ("Không thuộc diện" if excl else "Chưa đăng ký" if not verdict else "Đạt" if verdict == "pass"
             else "Chưa đạt" if verdict == "fail" else "Chưa đánh giá xong")
        st = "Đã duyệt" if status == "approved" else "Đã trình" if status == "submitted" else ""
        n_in += 1
        ws.write_number(r, 0, n_in, f_int)
        for c, text in enumerate([code, name, commune, v, st, decision or "", ids, notes or ""], 1):
            ws.write_string(r, c, text, f_wrap) if text else ws.write_blank(r, c, None, f_wrap)
        r += 1
        if excl or decision:
            continue
        why = ("Không đăng ký" if not verdict else f"Không đạt tiêu chí: {words}" if verdict == "fail"
               else "Đã đăng ký, chưa đánh giá" if verdict == "missing" and status == "registered"
               else f"Chưa đánh giá xong, còn thiếu: {words}" if verdict == "missing"
               else "Đã duyệt đạt, chờ quyết định công nhận" if status == "approved"
               else "Tự đánh giá đạt, chờ lãnh đạo duyệt" if status == "submitted"
               else "Tự đánh giá đạt, chưa trình lãnh đạo")
        failed.append((commune, name, tname, why))
    failed.sort(key=lambda f: (vi_key(f[0]), vi_key(f[1])))   # stable: the order met breaks ties
    ws = wb.add_worksheet("Chưa đạt")
    detail_head(ws, "CÁC ĐƠN VỊ CHƯA ĐƯỢC CÔNG NHẬN ĐẠT TIÊU CHUẨN \"AN TOÀN VỀ AN NINH, TRẬT TỰ\" NĂM {year}",
                ["STT", "Xã / trực thuộc", "Đơn vị", "Loại", "Lý do chưa đạt"], [5, 20, 28, 14, 52])
    for i, f in enumerate(failed):
        ws.write_number(3 + i, 0, i + 1, f_int)
        for c, text in enumerate(f, 1):
            ws.write_string(3 + i, c, text, f_wrap)
    if not failed:
        ws.merge_range(3, 0, 3, 4, "Mọi đơn vị thuộc diện đánh giá đều đã được công nhận.", f_text)
wb.close()
