#!/usr/bin/python3
"""Print what a workbook shows, one line per cell: sheet, cell, value and
its look (font, fill of borders, alignment, number format), then each
sheet's merged ranges, row heights, column widths and print set-up. Two
workbooks that print the same lines read the same, however their XML is
laid out (shared or inline strings). With --values: sheet, cell and value
alone (what bench/report.py must equal).

usage: cells.py BOOK.xlsx [--values]"""
import sys

import openpyxl

values_only = "--values" in sys.argv[2:]
wb = openpyxl.load_workbook(sys.argv[1])
out = sys.stdout
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and (values_only or not c.has_style):
                continue
            v = c.value
            if isinstance(v, float) and v == int(v):
                v = int(v)
            if values_only:
                out.write(f"{ws.title}!{c.coordinate}\t{v!r}\n")
                continue
            f, a, b = c.font, c.alignment, c.border
            out.write(f"{ws.title}!{c.coordinate}\t{v!r}\t{f.name},{f.sz},{f.b},{f.i},{f.u}"
                      f"\t{a.horizontal},{a.vertical},{a.wrap_text}"
                      f"\t{b.left.style},{b.right.style},{b.top.style},{b.bottom.style}\t{c.number_format}\n")
    if values_only:
        continue
    out.write(f"{ws.title} merged {sorted(str(m) for m in ws.merged_cells.ranges)}\n")
    out.write(f"{ws.title} rows {[(k, d.height) for k, d in sorted(ws.row_dimensions.items()) if d.height]}\n")
    out.write(f"{ws.title} cols {[(k, d.width) for k, d in sorted(ws.column_dimensions.items())]}\n")
    out.write(f"{ws.title} print {ws.print_area} {ws.print_title_rows} {ws.page_setup.orientation} "
              f"{ws.page_setup.paperSize} {ws.page_setup.fitToWidth} {ws.page_setup.fitToHeight} "
              f"{ws.oddHeader.center.text} {ws.page_margins.left}\n")
