# End to end in tmux: u on the checklist puts back an answer only while it
# is still what this session left it. When the answer was changed since
# (a package imported, a conflict settled, the CLI) the undo is refused
# and the other change is kept: bad input loses nothing.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
note_of() { sql "SELECT coalesce(x.note, '') || '|' || x.value FROM answers x JOIN assessments a ON a.id = x.assessment_id
	JOIN units u ON u.id = a.unit_id WHERE u.code = 'X002-K03' AND a.year = 2024 AND x.criterion = '$1'"; }

start
search_units "X002-K03"
keys Enter
wait_for "(X002-K03)"
keys Home Down k
wait_for "Đã lưu tiêu chí 1.1."
keys Escape
wait_for "Lọc: loại"
# meanwhile another change reaches 1.1 (here the CLI; a package does the same)
"$ANTT" --db "$DB" answer set X002-K03 2024 1.1 có --note "xã sửa" > /dev/null
keys Enter
wait_for "(X002-K03)"
keys u
wait_for "đã được sửa ở nơi khác"
expect_eq "$(note_of 1.1)" "xã sửa|1" "the other change is kept"
# the step is gone: the next u says there is nothing left, it does not retry
keys Escape u
wait_for "Không còn gì để hoàn tác"
# a step that is still current is undone as before
keys Escape Home Down Down Down k
wait_for "Đã lưu tiêu chí 2."
keys u
wait_for "Đã hoàn tác tiêu chí 2: trở lại «có»."
expect_eq "$(note_of 2)" "|1" "criterion 2 undone"
quit_app
finish
