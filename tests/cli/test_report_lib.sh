# libxlsxwriter is opened when the first workbook is made, not when antt
# starts (src/report/xlsx.h): Debian's links OpenSSL's libcrypto for one
# MD5, and mapping the two cost every start 1.6 MiB of resident memory —
# a session on the screens at 30 provinces was 20 MiB against 16. A
# command that writes no workbook loads neither; a report loads them and
# is written whole, its parts still deflated at the fastest level (the
# call report_zip.c takes on its way reaches minizip through the
# library's handle).
. "$(dirname "$0")/lib.sh"

needed=$(objdump -p "$ANTT" 2>/dev/null | sed -n 's/^ *NEEDED *//p')
if [ -z "$needed" ]; then
	echo "ok - libraries loaded at start # SKIP $ANTT is not an ELF program here (wine)"
	exit 0
fi
case "$needed" in
*libxlsxwriter*)
	echo "ok - libraries loaded at start # SKIP antt was linked to libxlsxwriter (no shared library found when built)"
	exit 0 ;;
esac

run demo
expect_rc 0 "demo data"

LD_DEBUG=files "$ANTT" --db "$DB" summary 2024 > "$T/out" 2> "$T/ld"
expect_eq "$?" 0 "summary"
expect_eq "$(grep -c 'file=libxlsxwriter\|file=libcrypto\|file=libisal' "$T/ld")" 0 \
	"a command that writes no workbook loads neither libxlsxwriter, libcrypto nor ISA-L"

LD_DEBUG=files "$ANTT" --db "$DB" report --year 2024 -o "$T/r.xlsx" > "$T/out" 2> "$T/ld"
expect_eq "$?" 0 "a report written"
expect_eq "$(grep -c 'file=libxlsxwriter.so[.0-9]* .*dynamically loaded by' "$T/ld")" 1 \
	"libxlsxwriter opened for it, once"
# ISA-L deflates the parts where antt was built with it and it is
# installed (report_deflate.c), opened with the first part, once
isal=0
if grep -q 'libisal\.so\.' "$ANTT" 2> /dev/null; then
	so=$(grep -ao 'libisal\.so\.[0-9]*' "$ANTT" | head -n 1)
	/sbin/ldconfig -p 2> /dev/null | grep -q "^[[:space:]]*$so " && isal=1
fi
expect_eq "$(grep -c 'file=libisal.so[.0-9]* .*dynamically loaded by' "$T/ld")" "$isal" \
	"ISA-L opened for it where installed ($isal), once"
flags=$(/usr/bin/python3 -c "import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(' '.join(sorted({'%d/%d' % (i.compress_type, i.flag_bits & 6) for i in z.infolist()})))" "$T/r.xlsx")
expect_eq "$flags" "8/6" "the workbook whole, every part deflated at the fastest level"

finish
