# End to end in tmux (issue 19): Progress's ] and [ show a year's figures
# at once and its deadlines as soon as they are read between keys (a
# national database's year takes 100 ms to read: no longer in the key), with
# no key pressed; the year left keeps its own.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null

start
wait_for "Lọc: loại"
keys p
wait_for "Tiến độ năm 2024"
wait_for "Hạn 15/11/2024 (QUÁ HẠN): 56 chưa duyệt, 15 đạt chờ công nhận"
keys ']'
wait_for "Tiến độ năm 2025"
wait_for "Hạn 15/11/2025: 0 chưa duyệt"   # no key since ]
wait_for "Hạn chấm điểm QĐ 510: 20/11 khu dân cư còn 0"
keys ']'
wait_for "Hạn 20/11/2026: 0 chưa duyệt"
keys '[' '['
wait_for "Hạn 15/11/2024 (QUÁ HẠN): 56 chưa duyệt, 15 đạt chờ công nhận"
case "$(screen)" in *"đang tính"*) not_ok "still 'đang tính' beside the deadlines";; *) ok "no 'đang tính' left";; esac
keys Escape
wait_for "Lọc: loại"
quit_app && ok "quits" || not_ok "still running"

# another program's write (a command, an import) after the list was read:
# the deadlines still come, though the list's tree is no longer current
start
wait_for "Lọc: loại"
sqlite3 "$DB" "INSERT OR REPLACE INTO ui_state (key, value) VALUES ('test', 'x')"
keys p
wait_for "Tiến độ năm 2024"
wait_for "Hạn 15/11/2024 (QUÁ HẠN): 56 chưa duyệt, 15 đạt chờ công nhận"
case "$(screen)" in *"đang tính"*) not_ok "'đang tính' left on Progress";; *) ok "no 'đang tính' left";; esac
keys Escape
wait_for "Lọc: loại"
quit_app
exit $failed
