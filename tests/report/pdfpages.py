"""The pages of a PDF that LibreOffice printed, read without a PDF library:
each page's size, the font sizes its content stream sets (LibreOffice
writes the printed size in each Tf, a fit-to-width scale included), the
images it draws (the report's rules are stretched pixels), and its text
cut into segments from `pdftotext -bbox` (words glued where pdftotext
split them at accents, lines cut at wide gaps). Shared by check_pdf.py
(the report) and check_doc.py (the printed documents)."""
import re
import subprocess
import zlib
from html import unescape


def read(path):
    """The pages: dicts of w, h, sizes, images (x, y, w, h from the top),
    segs ([x0, y0, x1, y1, text]) and words (x0, y0, x1, y1, text)."""
    # the pages: their size, content stream, fonts' sizes, images
    data = open(path, "rb").read()
    objs = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}

    def stream(n):
        m = re.search(rb"stream\r?\n(.*?)endstream", objs[n], re.S)
        body = m.group(1)
        return zlib.decompress(body) if b"FlateDecode" in objs[n] else body

    def kids(n):
        o = objs[n]
        if re.search(rb"/Type\s*/Page\b", o):
            return [n]
        k = re.search(rb"/Kids\s*\[(.*?)\]", o, re.S)
        return [p for c in re.findall(rb"(\d+) 0 R", k.group(1)) for p in kids(int(c))]

    root = next(n for n, o in objs.items() if re.search(rb"/Type\s*/Pages\b", o) and b"/Parent" not in o)
    pages = []
    for n in kids(root):
        o = objs[n]
        box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]*)\]", o).group(1).split()]
        c = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", o).group(1)
        content = b"".join(stream(int(r)) for r in re.findall(rb"(\d+) 0 R", c))
        sizes = [float(s) for s in re.findall(rb"([\d.]+) Tf", content)]
        # a stretched image: "w 0 0 h x y cm /ImN Do" (PDF y grows upwards)
        images = [tuple(float(v) for v in m.groups()) for m in
                  re.finditer(rb"([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm\s*/\w+ Do", content)]
        pages.append({"w": box[2], "h": box[3], "sizes": sizes,
                      "images": [(x, box[3] - y - h, w, h) for w, h, x, y in images]})

    # --- the text: pdftotext splits words at accents; glue glyphs that touch,
    # then cut each line into segments at wide gaps (the header's two halves)
    xml = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, check=True).stdout.decode()
    for i, page in enumerate(xml.split("<page ")[1:]):
        words = [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)]
        lines = {}
        for w in words:
            lines.setdefault(round(w[1], 1), []).append(w)
        segs = []
        for y, ws in sorted(lines.items()):
            ws.sort()
            cur = None
            for x0, y0, x1, y1, t in ws:
                if cur and x0 - cur[2] < 0.6:
                    cur = [cur[0], cur[1], x1, max(cur[3], y1), cur[4] + t]
                elif cur and x0 - cur[2] < 12:
                    cur = [cur[0], cur[1], x1, max(cur[3], y1), cur[4] + " " + t]
                else:
                    if cur:
                        segs.append(cur)
                    cur = [x0, y0, x1, y1, t]
            segs.append(cur)
        pages[i]["segs"] = segs
        pages[i]["words"] = words
    return pages
