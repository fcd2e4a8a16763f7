# End to end in tmux (issues 16/19, loose ends): with a search, filters and
# forms waiting for a leader, the unit list's filter line still fits 80
# columns with the waiting count whole ("N chờ duyệt (v)"); what must go is
# cut with "…". v when the filters hide every waiting form says so and how
# to show them again, instead of "none in this list".
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
queue=$(sqlite3 "$DB" "SELECT count(*) FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = 2024 AND a.status = 'submitted'")
[ "$queue" -gt 0 ] && ok "the demo has $queue forms waiting" || not_ok "the demo has no form waiting: $queue"

start
wait_for "$queue chờ duyệt (v)"
search_units "phuong"
line=$(row_of "Lọc:")
case "$line" in *"$queue chờ duyệt (v)"*) ok "with a search the waiting count is whole: $line";;
	*) not_ok "the waiting count is cut: $line";; esac
case "$line" in *"(3/267 đơn vị)"*) ok "the shown/all count stays";; *) not_ok "shown/all count lost: $line";; esac
case "$line" in *phuong*) ok "the search is still named";; *) not_ok "the search is not named: $line";; esac
[ "$(printf '%s' "$line" | wc -m)" -le 80 ] && ok "the filter line fits 80 columns" || not_ok "too wide: $line"

# a type and a status filter besides: what is cut ends in the mark
keys t t t t
wait_for "Cơ sở giáo dục"
keys s s
wait_for "Lọc: loại Cơ sở giáo dục · trạng thái"
line=$(row_of "Lọc:")
case "$line" in *"$queue chờ duyệt (v)"*) ok "three filters: the waiting count is whole";;
	*) not_ok "three filters: the waiting count is cut: $line";; esac
case "$line" in *"…"*) ok "what did not fit ends in …: $line";; *) not_ok "no cut mark: $line";; esac
[ "$(printf '%s' "$line" | wc -m)" -le 80 ] && ok "three filters: fits 80 columns" || not_ok "too wide: $line"
keys Escape
wait_for "Đã bỏ mọi bộ lọc."

# v with a search that hides every waiting form
search_units "phuong"
keys v
wait_for "đang ẩn cả $queue phiếu chờ duyệt"
screen | tr '\n' ' ' | grep -qF "bấm / rồi Enter với ô trống để bỏ tìm" && ok "... and how to show them" ||
	{ out=$(screen); not_ok "v does not say how to clear the search"; }
screen | grep -q "Không có phiếu nào đang chờ duyệt" && not_ok "v says there is none" || ok "v does not say there is none"
# a type filter alone hiding them: Esc is the way
keys /
keys C-u
keys Enter
wait_for "Đã bỏ tìm."
keys t
wait_for "Lọc: loại Xã ·"
hidden=$(sqlite3 "$DB" "SELECT count(*) FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = 2024 AND a.status = 'submitted' AND u.type = 'xa'")
expect_eq "$hidden" 0 "no commune's own form waits"
keys v
wait_for "Bộ lọc đang ẩn cả $queue phiếu chờ duyệt: bấm Esc để bỏ mọi bộ lọc."
quit_app && ok "quits" || not_ok "still running"
# none waiting at all: the search hides nothing, v says there is none
sqlite3 "$DB" "UPDATE assessments SET status = 'draft' WHERE year = 2024 AND status = 'submitted'"
start
search_units "phuong"
keys v
wait_for "Không có phiếu nào đang chờ duyệt"
quit_app && ok "quits" || not_ok "still running"
exit $failed
