# antt.exe (under wine) and the Linux antt write the same workbook, byte
# for byte, from the same database with the same --date; and a database
# made by antt.exe reads the same on Linux.
. "$(dirname "$0")/../cli/lib.sh"
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
"$LINUX" --db "$T/linux.db" report --year 2024 --date 15/12/2024 -o "$T/l.xlsx" > /dev/null
cmp -s "$T/w.xlsx" "$T/l.xlsx" && ok "the same bytes as the Linux report" || not_ok "the reports differ: $(cmp "$T/w.xlsx" "$T/l.xlsx")"
DB=$own
run demo
expect_rc 0 "antt.exe makes the demo database"
run report --year 2024 --date 15/12/2024 -o "$T/w2.xlsx"
"$LINUX" --db "$DB" report --year 2024 --date 15/12/2024 -o "$T/l2.xlsx" > /dev/null
cmp -s "$T/w2.xlsx" "$T/l2.xlsx" && ok "its report is the same on Windows and Linux" || not_ok "the reports differ: $(cmp "$T/w2.xlsx" "$T/l2.xlsx")"
cmp -s "$T/w.xlsx" "$T/w2.xlsx" && ok "and the same as the one from the Linux database" || not_ok "the demo differs between Windows and Linux"
finish
