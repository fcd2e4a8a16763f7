"""Advance widths of Times New Roman's metric twin, Liberation Serif (what
LibreOffice prints with when Times New Roman is not installed), read from
the TrueType file itself: cmap (format 4) and hmtx. A letter the installed
Liberation Serif lacks (older ones have no Vietnamese letters) is measured
in DejaVu Serif, the font LibreOffice then takes it from. Used to tell
whether a cell's text fits its column at print size."""
import struct
import unicodedata

FILES = {
    (False, False): "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    (True, False): "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    (False, True): "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf",
    (True, True): "/usr/share/fonts/truetype/liberation/LiberationSerif-BoldItalic.ttf",
}


class Font:
    def __init__(self, path, fallback=None):
        self.fallback = fallback
        data = open(path, "rb").read()
        n = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(n):
            tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
            tables[tag.decode()] = data[off:off + length]
        self.em = struct.unpack(">H", tables["head"][18:20])[0]
        n_hmetrics = struct.unpack(">H", tables["hhea"][34:36])[0]
        hmtx = tables["hmtx"]
        self.adv = [struct.unpack(">H", hmtx[4 * i:4 * i + 2])[0] for i in range(n_hmetrics)]
        self.cmap = {}
        cmap = tables["cmap"]
        for i in range(struct.unpack(">H", cmap[2:4])[0]):
            pid, eid, off = struct.unpack(">HHI", cmap[4 + 8 * i:12 + 8 * i])
            if (pid, eid) in ((3, 1), (0, 3)) and struct.unpack(">H", cmap[off:off + 2])[0] == 4:
                self._format4(cmap[off:])
                break

    def _format4(self, t):
        segs = struct.unpack(">H", t[6:8])[0] // 2
        ends = struct.unpack(f">{segs}H", t[14:14 + 2 * segs])
        base = 16 + 2 * segs
        starts = struct.unpack(f">{segs}H", t[base:base + 2 * segs])
        deltas = struct.unpack(f">{segs}h", t[base + 2 * segs:base + 4 * segs])
        roff_at = base + 4 * segs
        roffs = struct.unpack(f">{segs}H", t[roff_at:roff_at + 2 * segs])
        for s in range(segs):
            for c in range(starts[s], ends[s] + 1):
                if c == 0xFFFF:
                    continue
                if roffs[s] == 0:
                    g = (c + deltas[s]) & 0xFFFF
                else:
                    at = roff_at + 2 * s + roffs[s] + 2 * (c - starts[s])
                    g = struct.unpack(">H", t[at:at + 2])[0]
                    g = (g + deltas[s]) & 0xFFFF if g else 0
                self.cmap[c] = g

    def width(self, text, pt):
        """The printed width of text in points at size pt."""
        total = 0
        for ch in unicodedata.normalize("NFC", text):
            g = self.cmap.get(ord(ch))
            if g is None and self.fallback:
                total += self.fallback.width(ch, pt)
                continue
            total += self.adv[min(g or 0, len(self.adv) - 1)] * pt / self.em
        return total


FALLBACK = {
    (False, False): "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    (True, False): "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    (False, True): "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
    (True, True): "/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf",
}

_fonts = {}


def font(bold=False, italic=False):
    key = (bool(bold), bool(italic))
    if key not in _fonts:
        _fonts[key] = Font(FILES[key], Font(FALLBACK[key]))
    return _fonts[key]


def lines(text, width, pt, bold=False, italic=False):
    """Lines text takes wrapped at width points, words kept whole as
    LibreOffice wraps them (a word longer than the line is broken)."""
    f = font(bold, italic)
    space = f.width(" ", pt)
    n = 0
    for para in text.split("\n"):
        n += 1
        used = 0
        for word in para.split(" "):
            w = f.width(word, pt)
            if used and used + space + w > width:
                n += 1
                used = 0
            used += (space if used else 0) + w
            while used > width:
                n += 1
                used -= width
    return n
