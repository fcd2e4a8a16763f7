# Issue 19: an import goes through a rollback journal instead of the WAL
# when no other program has the database open (db_journal.c: the new pages
# written once, not twice). What must hold either way: the import is whole
# or not at all (kill -9 in the middle, then antt or sqlite3 opening the
# file first), the database is in WAL again after it, the copy made before
# the import still comes out, and a reader that has the file open keeps it
# (the import then stays in the WAL).
. "$(dirname "$0")/lib.sh"

A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
mode() { sqlite3 "$T/$1" "PRAGMA journal_mode"; }
"$ANTT" --db "$T/big.db" demo > /dev/null
A big.db export -o "$T/big.antt" > /dev/null
units=$(sqlite3 "$T/big.db" "SELECT count(*) FROM units")
answers=$(sqlite3 "$T/big.db" "SELECT count(*) FROM answers")

# alone: the import is whole, the file back in WAL, no journal left, and
# the copy of the database before it (a change since the last backup) made
A one.db settings office_name "Tỉnh" > /dev/null
A one.db import "$T/big.antt" > /dev/null
expect_eq "$?" "0" "an import into a database no other program has open"
expect_eq "$(sqlite3 "$T/one.db" "SELECT count(*) FROM answers")" "$answers" "  takes every answer"
expect_eq "$(mode one.db)" "wal" "  and leaves the database in WAL"
[ ! -e "$T/one.db-journal" ] && ok "  with no journal left behind" || not_ok "a journal left: $(ls -l "$T/one.db-journal")"
expect_eq "$(sqlite3 "$T/one.db" "PRAGMA integrity_check")" "ok" "  sound"
n=$(ls "$T"/antt-backups/one-*-truoc-nhap-goi.db 2>/dev/null | wc -l)
expect_eq "$n" "1" "  the copy before the import was made (read while the import held the file)"
expect_eq "$(sqlite3 "$T"/antt-backups/one-*-truoc-nhap-goi.db "SELECT count(*) FROM answers")" "0" \
	"  and holds the database as it was before"
A one.db answer set "$(sqlite3 "$T/one.db" "SELECT code FROM units WHERE parent_id IS NOT NULL LIMIT 1")" 2026 '*' đạt \
	> /dev/null 2>&1
expect_eq "$(sqlite3 "$T/one.db" "SELECT count(*) > $answers FROM answers")" "1" "  and takes answers after it"

# a reader has the file open (the screens in another window, here
# sqlite3): the import stays in the WAL, goes through, and the reader
# reads on and sees it
A two.db settings office_name "Tỉnh" > /dev/null
mkfifo "$T/fifo"
sqlite3 "$T/two.db" < "$T/fifo" > "$T/reader.out" 2>&1 &
reader=$!
exec 7> "$T/fifo"
echo "SELECT 'first', count(*) FROM units;" >&7
i=0
until grep -q '^first' "$T/reader.out" 2>/dev/null || [ $i -ge 500 ]; do sleep 0.01; i=$((i + 1)); done
A two.db import "$T/big.antt" > "$T/two.out" 2>&1
expect_eq "$?" "0" "an import while another program reads the database"
expect_eq "$(sqlite3 "$T/two.db" "SELECT count(*) FROM answers")" "$answers" "  takes every answer"
echo "SELECT 'after', count(*) FROM answers;" >&7
i=0
until grep -q '^after' "$T/reader.out" 2>/dev/null || [ $i -ge 500 ]; do sleep 0.01; i=$((i + 1)); done
expect_eq "$(grep '^after' "$T/reader.out")" "after|$answers" "  the reader reads on, and sees it"
exec 7>&-
wait $reader
expect_eq "$(mode two.db)" "wal" "  the database stays in WAL"

# kill -9 while the import writes through its journal: nothing of it is
# left, whoever opens the file first (antt, or another program); antt
# puts the WAL back
for first in antt sqlite3; do
	seen=0 whole=0 k=0
	while [ $k -lt 3 ]; do
		rm -f "$T/kill.db" "$T/kill.db-wal" "$T/kill.db-shm" "$T/kill.db-journal"
		A kill.db settings office_name "Tỉnh" > /dev/null
		"$ANTT" --db "$T/kill.db" import "$T/big.antt" > /dev/null 2>&1 &
		pid=$!
		while [ ! -e "$T/kill.db-journal" ] && kill -0 $pid 2>/dev/null; do sleep 0.005; done
		[ -e "$T/kill.db-journal" ] && seen=$((seen + 1))
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		if [ "$first" = antt ]; then
			A kill.db settings office_name "Tỉnh sau" > /dev/null 2>&1 || whole=$((whole + 1000))
		fi
		n=$(sqlite3 "$T/kill.db" "SELECT count(*) FROM units")
		[ "$(sqlite3 "$T/kill.db" "PRAGMA integrity_check")" = "ok" ] || whole=$((whole + 100))
		[ "$n" = "0" ] || [ "$n" = "$units" ] || whole=$((whole + 1))
		A kill.db settings office_name "Tỉnh" > /dev/null 2>&1 || whole=$((whole + 1000))
		# a journal the import had not finished (no header yet) may stay
		# beside the file, as SQLite leaves it: none it would play back
		[ "$(od -An -tx1 -N8 "$T/kill.db-journal" 2>/dev/null | tr -d ' ')" != d9d505f920a163d7 ] ||
			whole=$((whole + 10))
		[ "$(mode kill.db)" = wal ] || whole=$((whole + 10000))
		k=$((k + 1))
	done
	[ $seen -gt 0 ] && ok "the import wrote through a rollback journal ($seen of 3 seen while it ran, $first first)" ||
		not_ok "no journal seen in 3 imports: the import stayed in the WAL"
	expect_eq "$whole" "0" "  kill -9 while it wrote, $first opening the file first: all or nothing, sound, no live journal left, WAL again"
done
finish
