# End to end in tmux (a reviewer at 80x24, 1/12): while another program
# writes the database (an import, a backup: at 30 provinces an import
# holds it 30-50 s), moving between screens never waits for it. The place
# the screens remember is no data: leaving a form wrote it three times,
# each waiting the 5 s a write waits, and the screen froze 15 s without a
# word. Checked by order, not by time: the list is back while the other
# program still holds the database (it holds it 12 s; before, the list came
# only when it let go), and the keys typed meanwhile are not lost.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "Lọc: loại"
open_form X002-K03
# another program takes the write lock for 12 s, and says when it let go
/usr/bin/python3 - "$DB" "$T/released" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=1)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2] + ".held", "w").close()
time.sleep(12)
c.execute("ROLLBACK")
open(sys.argv[2], "w").close()
PY
holder=$!
polled 5 test -e "$T/released.held" || not_ok "the other program took the lock"
keys Escape
wait_for "Lọc: loại" 20
[ ! -e "$T/released" ] && ok "the list is back while the other program still writes" ||
	not_ok "the list came back only when the other program let go"
keys p
wait_for "Tiến độ năm 2024" 20
[ ! -e "$T/released" ] && ok "Progress opens while the other program still writes" ||
	not_ok "Progress opened only when the other program let go"
keys Escape
wait_for "Lọc: loại"
wait "$holder"
quit_app && ok "quits" || not_ok "still running"
exit $failed
