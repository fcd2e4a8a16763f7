#!/usr/bin/python3
"""Print a sheet of a printed document (antt print ...) as the tests read
it: one line per row holding text, its cells' texts joined by " | " (a
merged range once, line breaks as spaces), so a shell test can compare the
rows with what the database holds.

usage: doc_rows.py FILE.xlsx SHEET"""
import sys

import openpyxl

path, sheet = sys.argv[1], sys.argv[2]
ws = openpyxl.load_workbook(path)[sheet]
for row in ws.iter_rows():
    cells = [" ".join(str(c.value).split()) for c in row if c.value is not None and str(c.value).strip()]
    if cells:
        print(" | ".join(cells))
