# End to end in tmux (issues 16/19, loose ends): Progress's figures belong
# to the database they were worked out on. The welcome screen of an empty
# database works its (empty) figures out ahead; 2 then opens the demo
# database beside it (made earlier, so its connection has written as little
# as the first one had): p shows the demo's figures, not the empty ones.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$T/demo.db" demo > /dev/null
"$ANTT" --db "$DB" settings current_year 2024 > /dev/null
khu=$(sqlite3 "$T/demo.db" "SELECT count(*) FROM units WHERE type = 'khu-dan-cu' AND excluded = 0 AND merged_into IS NULL AND valid_to IS NULL")
[ "$khu" -gt 0 ] && ok "the demo has $khu residential areas" || not_ok "the demo has no residential area: $khu"

start
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào" 10
sleep $((2 * SLOW))   # the idle work: the empty database's figures, worked out ahead
keys 2
wait_for "Đang mở dữ liệu mẫu"
keys p
wait_for "Tiến độ năm 2024"
wait_for "Loại đơn vị"
row=$(row_of " Khu dân cư ")
total=$(printf '%s' "$row" | awk '{print $4}')
[ -n "$total" ] && [ "$total" -gt 0 ] 2>/dev/null && ok "Progress counts the demo's residential areas: $row" ||
	{ out=$(screen); not_ok "Progress shows no residential area of the demo: '$row'"; }
wait_for " Xã "
keys Escape
wait_for "Lọc: loại"
quit_app && ok "quits" || not_ok "still running"
exit $failed
