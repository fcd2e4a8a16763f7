#!/usr/bin/python3
"""Check a printed document (antt print ...): the workbook read back with
openpyxl and the PDF LibreOffice makes of it. Prints TAP lines; exits 1 on
any failure.

usage: check_doc.py FILE.xlsx FILE.pdf [--pages N] [--landscape]
                    [--text TEXT]... [--merged TEXT]... [--title TEXT]
                    [--together TEXT TEXT]... [--head-on-each WORD LAST_ROW]
                    [--breaks] [--largest PT]

The workbook: every sheet A4, portrait (or --landscape), fitted to one page
wide, a print area that holds every written cell; every text in Times New
Roman of at least 10 pt; each --text in some cell; each --merged text in a
cell merged over the print area's whole width; every cell's text fits its
column at print size (wrapped lines times the line's height within the
row's height, an unwrapped line within the cell's width; widths from the
font file, tests/report/fontwidth.py).
The PDF: --pages pages, all A4; nothing below 10 pt nor above 14 pt; the
--title at 14 pt (the page is not shrunk); every cell's text printed;
no two words drawn over each other; nothing beyond the page; each
--together pair on one page (the verdict with its signatures); the table's
head (--head-on-each: a cell of it, and a text of the table's last row) on
top of every page the table runs over after its first, above no other.
--breaks (the certificates): printed at 100 % with page breaks instead of
fitted (Excel drops the breaks of a fitted sheet), the columns within the
page's width; --largest: the largest text allowed (14 pt unless given)."""
import re
import subprocess
import sys
import unicodedata

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

import fontwidth
import pdfpages
import tap
from tap import check

args = sys.argv[1:]
xlsx, pdf = args[0], args[1]
opt = {"pages": None, "landscape": False, "text": [], "merged": [], "title": None, "together": [],
       "head-on-each": None, "breaks": False, "largest": "14"}
i = 2
while i < len(args):
    a = args[i]
    if a in ("--landscape", "--breaks"):
        opt[a[2:]] = True
        i += 1
        continue
    key = a[2:]
    if key in ("together", "head-on-each"):
        if key == "together":
            opt[key].append((args[i + 1], args[i + 2]))
        else:
            opt[key] = (args[i + 1], args[i + 2])
        i += 3
        continue
    if key in ("text", "merged"):
        opt[key].append(args[i + 1])
    else:
        opt[key] = args[i + 1]
    i += 2


def squash(s):
    """Text compared without spaces, line breaks and hyphens (pdftotext
    drops a hyphen that ends a line), in NFC."""
    return re.sub(r"[\s\-]+", "", unicodedata.normalize("NFC", s))


def col_px(w):
    return int(w * 12 + 0.5) if w < 1 else int(w * 7 + 0.5) + 5


wb = openpyxl.load_workbook(xlsx)
texts = []            # (sheet, cell, text) of every written text
bad_fit = []
bad_font = []
for ws in wb.worksheets:
    ps = ws.page_setup
    name = ws.title
    check(str(ps.paperSize) == "9", f"{name}: A4 paper")
    want = "landscape" if opt["landscape"] else "portrait"
    check(ps.orientation == want, f"{name}: {want}")
    fit = ws.sheet_properties.pageSetUpPr
    if opt["breaks"]:
        page_mm = (297 if opt["landscape"] else 210) - 30 - 15
        cols_mm = sum(col_px(d.width) for d in ws.column_dimensions.values() if d.width) * 25.4 / 96
        check(not (fit and fit.fitToPage) and ps.scale in (None, 100) and cols_mm <= page_mm,
              f"{name}: printed at 100 %, not fitted, its columns {cols_mm:.0f} mm of {page_mm} mm")
    else:
        check(fit is not None and fit.fitToPage and ps.fitToWidth in (1, None) and ps.fitToHeight == 0,
              f"{name}: fitted to one page wide ({ps.fitToWidth} x {ps.fitToHeight})")
    area = ws.print_area
    if isinstance(area, list):
        area = area[0] if area else None
    check(bool(area), f"{name}: a print area")
    if not area:
        continue
    a_c0, a_r0, a_c1, a_r1 = range_boundaries(area.split("!")[-1].replace("$", ""))
    merged = {}
    for m in ws.merged_cells.ranges:
        merged[(m.min_row, m.min_col)] = m
        inside = a_c0 <= m.min_col and m.max_col <= a_c1 and a_r0 <= m.min_row and m.max_row <= a_r1
        if not inside:
            check(False, f"{name}: merged {m.coord} outside the print area {area}")
    widths = {c: ws.column_dimensions[get_column_letter(c)].width for c in range(a_c0, a_c1 + 1)}
    outside = []
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value.strip():
                continue
            if not (a_c0 <= cell.column <= a_c1 and a_r0 <= cell.row <= a_r1):
                outside.append(cell.coordinate)
                continue
            f = cell.font
            texts.append((name, cell.coordinate, cell.value, bool(cell.alignment.wrap_text)))
            if f.name != "Times New Roman" or (f.sz or 11) < 10:
                bad_font.append(f"{name}!{cell.coordinate} {f.name} {f.sz}")
            m = merged.get((cell.row, cell.column))
            c0, c1 = (m.min_col, m.max_col) if m else (cell.column, cell.column)
            room = sum(col_px(widths[c] or 8.43) for c in range(c0, c1 + 1)) * 0.75 - 3
            pt = f.sz or 11
            height = ws.row_dimensions[cell.row].height or 15
            if cell.alignment.wrap_text:
                n = fontwidth.lines(cell.value, room, pt, f.b, f.i)
                need = n * pt * 1.107 + 1
                if need > height + 0.5:
                    bad_fit.append(f"{name}!{cell.coordinate}: {n} lines need {need:.0f} pt, row {height:.0f}: "
                                   f"{cell.value[:50]!r}")
            else:
                w = max(fontwidth.font(f.b, f.i).width(line, pt) for line in cell.value.split("\n"))
                if w > room + 0.5:
                    bad_fit.append(f"{name}!{cell.coordinate}: {w:.0f} pt wide in {room:.0f}: {cell.value[:50]!r}")
    check(not outside, f"{name}: every written cell inside the print area ({outside[:5]})")

check(not bad_font, f"every text in Times New Roman, 10 pt or more ({bad_font[:3]})")
check(not bad_fit, f"every cell's text fits its column and row at print size ({len(bad_fit)} do not: {bad_fit[:4]})")
cells = squash("".join(t[2] for t in texts))
for t in opt["text"]:
    check(squash(t) in cells, f"the workbook says {t!r}")
for t in opt["merged"]:
    found = False
    for ws in wb.worksheets:
        area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
        a_c0, _, a_c1, _ = range_boundaries(area.split("!")[-1].replace("$", ""))
        for m in ws.merged_cells.ranges:
            v = ws.cell(m.min_row, m.min_col).value
            if isinstance(v, str) and t in v and m.min_col == a_c0 and m.max_col == a_c1:
                found = True
    check(found, f"{t!r} in a cell merged over the page's width")

# --- the PDF -----------------------------------------------------------------
pages = pdfpages.read(pdf)
if opt["pages"]:
    check(len(pages) == int(opt["pages"]), f"{len(pages)} printed pages (expected {opt['pages']})")
a4 = [(round(p["w"]), round(p["h"])) for p in pages]
want = (842, 595) if opt["landscape"] else (595, 842)
check(all(abs(w - want[0]) <= 1 and abs(h - want[1]) <= 1 for w, h in a4), f"every page A4 {want} ({set(a4)})")
sizes = [s for p in pages for s in p["sizes"]]
check(sizes and min(sizes) >= 9.95, f"smallest printed text {min(sizes or [0]):.1f} pt (at least 10)")
check(sizes and max(sizes) <= float(opt["largest"]) + 0.05,
      f"largest printed text {max(sizes or [0]):.1f} pt (at most {opt['largest']}: not enlarged)")
if opt["title"]:
    title = [p for p in pages if any(opt["title"] in s[4] for s in p["segs"])]
    check(title and 14 in [round(s) for s in title[0]["sizes"]], f"{opt['title']!r} prints at 14 pt: not shrunk")
raw = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, check=True).stdout.decode()
printed = squash(raw)
# a wrapped cell's lines come out between its neighbours' words: each of
# its words, in any order; an unwrapped one, whole
lost = [f"{s}!{c} {t[:40]!r}" for s, c, t, wrap in texts
        if not all(squash(w) in printed for w in t.split()) or
        (not wrap and squash(t) not in printed and not re.search(r"\s{2,}", t))]
check(not lost, f"every cell's text is printed ({len(lost)} not: {lost[:3]})")
over = []
beyond = []
for n, p in enumerate(pages):
    ws_ = sorted(p["words"])
    for k, a in enumerate(ws_):
        if a[0] < 0 or a[1] < 0 or a[2] > p["w"] or a[3] > p["h"]:
            beyond.append((n + 1, a[4]))
        for b in ws_[k + 1:]:
            if b[0] >= a[2]:
                break
            # boxes of neighbouring lines touch (each spans the font's
            # ascent and descent): words on one line are the ones to compare
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = abs((a[1] + a[3]) - (b[1] + b[3])) / 2
            if dx > 1.5 and dy < 0.4 * min(a[3] - a[1], b[3] - b[1]):
                over.append((n + 1, a[4], b[4]))
check(not over, f"no words printed over each other ({over[:3]})")
page_text = [squash(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"], capture_output=True,
                                   check=True).stdout.decode()) for n in range(1, len(pages) + 1)]
for a, b in opt["together"]:
    on = [n + 1 for n, t in enumerate(page_text) if squash(a) in t and squash(b) in t]
    check(bool(on), f"{a!r} and {b!r} on one page ({on})")
if opt["head-on-each"]:
    # the head's word at the top of each page after the head's own, to the
    # page of the table's last row; on none after it
    word, last_row = opt["head-on-each"]
    first = next((n for n, p in enumerate(pages) if any(s[4].strip() == word for s in p["segs"])), None)
    last = max((n for n, t in enumerate(page_text) if squash(last_row) in t), default=None)
    tops = [n for n, p in enumerate(pages) if any(s[4].strip() == word and s[1] < 20 / 25.4 * 72 + 40 for s in p["segs"])]
    want = list(range(first + 1, last + 1)) if first is not None and last is not None else None
    check(want is not None and tops == want,
          f"the table's head on top of each page it runs over, pages {[n + 1 for n in tops]} "
          f"(table on pages {first + 1 if first is not None else '?'}..{last + 1 if last is not None else '?'})")
check(not beyond, f"nothing beyond the page's edges ({beyond[:3]})")
sys.exit(tap.failed())
