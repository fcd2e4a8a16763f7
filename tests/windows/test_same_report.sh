# antt.exe (under wine) and the Linux antt write the same workbook from
# the same database with the same --date: the same parts, in the same
# order, with the same names, dates and flags, each the same bytes once
# inflated; and a database made by antt.exe reads the same on Linux. The
# deflated bytes themselves are the same only when both deflate alike: the
# Linux build uses ISA-L where it is installed, the Windows one zlib
# (report_deflate.c). So the same bytes are required unless the Linux antt
# was seen loading ISA-L for its report (LD_DEBUG).
. "$(dirname "$0")/../cli/lib.sh"
# "same bytes", "same parts", or what differs
same_book() {
	cmp -s "$1" "$2" && { echo "same bytes"; return; }
	/usr/bin/python3 - "$1" "$2" <<'PY'
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
meta = lambda z: [(i.filename, i.date_time, i.flag_bits, i.compress_type, i.external_attr, i.internal_attr,
                   i.extra, i.comment, i.create_system, i.create_version, i.extract_version) for i in z.infolist()] + [z.comment]
if meta(a) != meta(b):
    print("the parts differ:", [x for x in zip(meta(a), meta(b)) if x[0] != x[1]][:2] or "in number")
else:
    bad = [i.filename for i in a.infolist() if a.read(i.filename) != b.read(i.filename)]
    print("same parts" if not bad else "these parts differ: " + ", ".join(bad))
PY
}
LINUX=${ANTT_LINUX:-$(cd "$(dirname "$0")/../.." && pwd)/antt}
if [ ! -x "$LINUX" ]; then
	echo "ok - same report on Windows and Linux # SKIP no Linux ./antt built (make all)"
	exit 0
fi
"$LINUX" --db "$T/linux.db" demo > /dev/null
own=$DB
DB="$T/linux.db"
run report --year 2024 --date 15/12/2024 -o "$T/w.xlsx"
expect_rc 0 "antt.exe writes the report of a Linux database"
LD_DEBUG=files "$LINUX" --db "$T/linux.db" report --year 2024 --date 15/12/2024 -o "$T/l.xlsx" > /dev/null 2> "$T/ld"
# what the Linux workbook must be to count as the same: its bytes, or with
# ISA-L its parts
want="same bytes"
grep -q 'file=libisal' "$T/ld" && want="same parts"
r=$(same_book "$T/w.xlsx" "$T/l.xlsx")
expect_eq "$r" "$want" "the same workbook as the Linux report"
DB=$own
run demo
expect_rc 0 "antt.exe makes the demo database"
run report --year 2024 --date 15/12/2024 -o "$T/w2.xlsx"
"$LINUX" --db "$DB" report --year 2024 --date 15/12/2024 -o "$T/l2.xlsx" > /dev/null
r=$(same_book "$T/w2.xlsx" "$T/l2.xlsx")
expect_eq "$r" "$want" "its report is the same on Windows and Linux"
cmp -s "$T/w.xlsx" "$T/w2.xlsx" && ok "and the same as the one from the Linux database" || not_ok "the demo differs between Windows and Linux"
finish
