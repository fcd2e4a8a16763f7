# End to end in tmux, login switched off: anyone enters and submits, but
# F7 asks for a leader's own login before approving; an empty password is
# a failed login; the approval is recorded under the proven leader. The
# login lasts for that one action: the next approval asks again, and what
# anyone enters afterwards is not recorded under the leader's name.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
leaders
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=canbo123 "$ANTT" --db "$DB" user add canbo "Trần Văn Nam" --role entry > /dev/null
"$ANTT" --db "$DB" answer set X003-K02 2024 '*' đạt > /dev/null
"$ANTT" --db "$DB" submit X003-K02 2024 > /dev/null
"$ANTT" --db "$DB" answer set X003-K03 2024 '*' đạt > /dev/null
"$ANTT" --db "$DB" submit X003-K03 2024 > /dev/null

start ANTT_USER=lanhdao
wait_for "Lọc: loại"
keys / F2             # Telex on, as an officer typing Vietnamese leaves it
wait_for "Telex:bật"
type_text "X003-K02"
keys Enter Enter
wait_for "đã trình (khóa)"
keys F7
# a login is plain ASCII: Telex must not turn "canbos" into "canbó"
wait_for "Lãnh đạo duyệt đăng nhập — tên đăng nhập:"
type_text "canbos"
wait_for "tên đăng nhập: canbos"
keys C-u
leader_login canbo canbo123
wait_for "canbo (cán bộ nhập liệu) không phải lãnh đạo duyệt."
expect_eq "$(sql "SELECT status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X003-K02' AND year = 2024")" \
	"submitted" "an entry officer's login does not approve"
keys F7
wait_for "Lãnh đạo duyệt đăng nhập — tên đăng nhập:"   # asked again, not canbo's session now
keys Escape
quit_app

start
wait_for "đã trình (khóa)"     # back on the checklist left open
keys F7
leader_login lanhdao ""
wait_for "sai tên đăng nhập hoặc mật khẩu"
expect_eq "$(sql "SELECT status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X003-K02' AND year = 2024")" \
	"submitted" "an empty password approves nothing"
keys Enter
wait_for "Mật khẩu:"
type_text "lanhdao1"
keys Enter
wait_for "Đã duyệt kết luận; phiếu không sửa được nữa."
# the leader walks away: the next approval is not theirs to give
keys Escape
wait_for "Lọc: loại"
keys / C-u
type_text "X003-K03"
keys Enter Enter
wait_for "đã trình (khóa)"
keys F7
wait_for "Lãnh đạo duyệt đăng nhập — tên đăng nhập:"
keys Escape
expect_eq "$(sql "SELECT status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X003-K03' AND year = 2024")" \
	"submitted" "the leader's login did not stay for the next unit"
keys F8
wait_for "Lãnh đạo duyệt đăng nhập — tên đăng nhập:"
keys Escape
quit_app
expect_eq "$(sql "SELECT status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X003-K02' AND year = 2024")" \
	"approved" "approved"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE who = 'lanhdao' AND json_valid(new_value) AND json_extract(new_value, '$.status') = 'approved'")" \
	"1" "the approval is recorded under the proven leader"
finish
