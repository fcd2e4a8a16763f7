# End to end in tmux: the login screen (a wrong password, then the right
# one), submitting a checklist, its lock, the history key, and an entry
# officer refused approval.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "$DB" user add qt "Nguyễn Quản Trị" --role admin > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=canbo123 "$ANTT" --db "$DB" user add canbo "Trần Văn Nam" --role entry > /dev/null

start
wait_for "antt — Đăng nhập"
wait_for "Tên đăng nhập:"
type_text "canbo"
keys Enter
wait_for "Mật khẩu:"
keys Enter
wait_for "sai tên đăng nhập hoặc mật khẩu"
expect_eq "$(sql "SELECT failures FROM users WHERE login = 'canbo'")" "1" "an empty password is a failed login"
keys Enter
wait_for "Mật khẩu:"
type_text "sai-mat-khau"
wait_for "Mật khẩu: ************"
keys Enter
wait_for "sai tên đăng nhập hoặc mật khẩu"
keys Enter
wait_for "Mật khẩu:"
type_text "canbo123"
keys Enter
wait_for "Xin chào canbo (cán bộ nhập liệu)."

keys /
type_text "X003-K02"
keys Enter Enter
wait_for "(X003-K02)"
keys '*'
wait_for "Kết luận: ĐẠT"
keys F6
wait_for "Đã trình lãnh đạo."
wait_for "đã trình (khóa)"
keys Home Down Down Down k
wait_for "đã trình lãnh đạo nên không sửa được"
keys F7
wait_for "dành cho lãnh đạo duyệt"
keys Escape l
wait_for "Lịch sử tiêu chí "
wait_for "canbo"
wait_for "đang nhập → đã trình"
keys Escape
wait_for "Kết luận: ĐẠT"
quit_app
expect_eq "$(sql "SELECT status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X003-K02' AND year = 2024")" "submitted" "submitted in the database"
finish
