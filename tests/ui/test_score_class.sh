# End to end in tmux (issue 13, item 17): a score sheet gets a class only
# when every item is scored; until then the score screen says how many are
# left, and so does the command line.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
for s in 1:3 2:3 3:5 4a:1 4b:4 5:20 6:34 7:0; do
	"$ANTT" --db "$DB" score set X001-CQ02 2024 "${s%%:*}" "${s#*:}" > /dev/null
done
run score show X001-CQ02 2024
expect_out "Xếp loại: chưa chấm xong (còn 1 mục)" "antt score show: no class for a sheet with an item left"
start
wait_for "Lọc: loại"
keys /
type_text "X001-CQ02"
keys Enter Enter
wait_for "(X001-CQ02)"
keys F3
wait_for "Tổng: tự chấm 70,0"
wait_for "Xếp loại: chưa chấm xong (còn 1 mục)"
keys End Enter
wait_for "Điểm tự chấm"
type_text "0"
keys Enter
wait_for "Đã lưu điểm mục 8."
wait_for "Xếp loại: Khá"
keys Escape
wait_for "Kết luận:"
quit_app
run score show X001-CQ02 2024
expect_out "Xếp loại: Khá" "antt score show: the complete sheet has its class"
finish
