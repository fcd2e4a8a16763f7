#!/usr/bin/python3
"""Check the report as it prints: the PDF LibreOffice makes of it, read page
by page. Font sizes come from the pages' content streams (LibreOffice
writes the printed size in each Tf, a fit-to-width scale included), the
rules' length and place from the images drawn (a stretched pixel), the text
and its place from `pdftotext -bbox`. Prints TAP lines; exits 1 on any
failure.

usage: check_pdf.py FILE.pdf UNIT SIGNER_TITLE SIGNER_NAME
UNIT, SIGNER_TITLE: the issuing unit and the signer's title in capitals."""
import sys

import pdfpages
import tap
from tap import check

path, unit, signer_title, signer_name = sys.argv[1:5]
MM = 72 / 25.4


pages = pdfpages.read(path)


def seg(p, text):
    return next((s for s in pages[p]["segs"] if text in s[4]), None)


# the signed pages: those before the first appendix ("Phụ lục …")
first_annex = next((i for i, p in enumerate(pages) if any(s[4].startswith("Phụ lục") for s in p["segs"])), len(pages))
signed = list(range(first_annex))
check(len(signed) == 1, f"the signed report is one page ({len(signed)}): the first page carries no number")

# nothing the leader signs prints below 10 pt
low = min(min(pages[p]["sizes"]) for p in signed)
check(low >= 9.95, f"smallest text on the signed page: {low:.1f} pt (at least 10)")
title = seg(0, "BÁO CÁO")
check(14 in [round(s) for s in pages[0]["sizes"]] and title is not None, "the title prints at 14 pt: the page is not shrunk")
check(max(pages[0]["sizes"]) <= 14.05, "nothing larger than the title")
# the appendices with figures print at least 10 pt too
for p in range(first_annex, len(pages)):
    if seg(p, "TỶ LỆ ĐƠN VỊ ĐƯỢC CÔNG NHẬN"):
        continue   # the chart: its text is drawn inside the chart object, not read here
    if min(pages[p]["sizes"]) < 9.95:
        check(False, f"page {p + 1}: text at {min(pages[p]['sizes']):.1f} pt")
        break
else:
    check(True, "every appendix page prints at 10 pt or more")

# page numbers: top centre from page 2, none on page 1, none at the foot
top = 20 * MM


def number_of(p):
    pg = pages[p]
    centre = (30 * MM + pg["w"] - 15 * MM) / 2
    return [s for s in pg["segs"] if s[3] <= top and abs((s[0] + s[2]) / 2 - centre) < 20]


check(not [s for s in pages[0]["segs"] if s[3] <= top], "page 1 has no number")
bad = [p + 1 for p in range(1, len(pages)) if [s[4] for s in number_of(p)] != [str(p + 1)]]
check(not bad, f"pages 2..{len(pages)} numbered at the top centre (wrong on {bad[:5]})")
check(not [s for p in pages for s in p["segs"] if s[1] > p["h"] - 20 * MM and "Trang" in s[4]], "no 'Trang n/N' footer")

# the short rules: under the issuing unit and under the trích yếu, 1/3 to
# 1/2 of the text's width, centred under it
name = seg(0, unit)
number = seg(0, "Số:")


def rule_under(text_segs, below):
    x0 = min(s[0] for s in text_segs)
    x1 = max(s[2] for s in text_segs)
    y = max(s[3] for s in text_segs)
    hits = [im for im in pages[0]["images"] if y - 2 <= im[1] <= below and im[3] < 2]
    return hits, x0, x1


if name and number:
    # the unit's own words only: the segment may hold the motto beside it
    hits, x0, x1 = rule_under([name], number[1])
    if hits:
        x, y, w, h = hits[0]
        ratio = w / (x1 - x0)
        check(1 / 3 - 0.02 <= ratio <= 1 / 2 + 0.02, f"rule under the unit: {ratio:.2f} of the name's width")
        check(abs((x + w / 2) - (x0 + x1) / 2) < 6, f"rule centred under the unit ({x + w / 2:.0f} vs {(x0 + x1) / 2:.0f})")
    else:
        check(False, "a rule under the issuing unit")
else:
    check(False, f"the unit's name {unit!r} and the number line on page 1")
subject = [s for s in pages[0]["segs"] if title and title[3] < s[1] < title[3] + 40]
body = [s for s in pages[0]["segs"] if subject and s[1] > max(x[3] for x in subject) + 2]
if subject and body:
    hits, x0, x1 = rule_under(subject, min(s[1] for s in body))
    check(len(hits) == 1 and 1 / 3 - 0.02 <= hits[0][2] / (x1 - x0) <= 1 / 2 + 0.02 and
          abs(hits[0][0] + hits[0][2] / 2 - (x0 + x1) / 2) < 6,
          f"rule under the trích yếu, 1/3 to 1/2 of its width, centred ({hits[:1]}, text {x0:.0f}-{x1:.0f})")
else:
    check(False, "the trích yếu under the title")

# the signature: the title, four blank rows (at least 4 × 15 pt) to sign
# and stamp, the name; "Nơi nhận" on the left at the level of the title
st, sn, rc = seg(0, signer_title), seg(0, signer_name), seg(0, "Nơi nhận")
if st and sn and rc:
    check(sn[1] - st[3] >= 4 * 15 - 1, f"room to sign: {sn[1] - st[3]:.0f} pt between title and name")
    between = [s for s in pages[0]["segs"] if st[3] < s[1] < sn[1] and s[0] > pages[0]["w"] / 2]
    check(not between, f"nothing written in the signature's room ({[s[4] for s in between]})")
    check(abs(rc[1] - st[1]) < 3 and rc[2] < st[0], "Nơi nhận on the left, level with the signer's title")
else:
    check(False, f"signature block found (title {bool(st)}, name {bool(sn)}, Nơi nhận {bool(rc)})")
sys.exit(tap.failed())
