# End to end in tmux (issue 13, item 14): one meaning per key. F6 is Trình
# (in the checklist the form, in the unit list every form below, issue 14);
# the registers moved to o. On the login screen F1 shows
# help, Esc leaves a screen that says what to do and Enter works there, F10
# quits. A new office's title reads "antt" once.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "Lọc: loại"
keys F6
sleep 0.3
s=$(screen)
case "$s" in *"Sổ theo dõi phong trào"*) not_ok "F6 still opens the registers in the unit list";;
*"Trình "*" phiếu đã nhập xong của Huyện Sông Lam?"*) ok "F6 in the unit list means Trình, as in the checklist";;
*) not_ok "F6 in the unit list: $(screen | tail -3)";; esac
keys Escape
sleep 0.3
case "$(screen)" in *"Đồng ý?"*) not_ok "Esc leaves the confirmation open";; *) ok "Esc closes the confirmation";; esac
keys o
wait_for "Sổ theo dõi phong trào — "
keys Escape
wait_for "Lọc: loại"
keys F1
wait_for "Danh sách đơn vị"
wait_for "Sổ theo dõi phong trào của đơn vị đang chọn"
row_of "Sổ theo dõi phong trào của" | grep -q "^ *o  " && ok "help: o opens the registers" || not_ok "help: registers key"
wait_for "Lãnh đạo: đến phiếu tiếp theo đang chờ duyệt"
row_of "tiếp theo đang chờ duyệt" | grep -q "^ *v  " && ok "help: v walks the queue" || not_ok "help: queue key"
s=$(screen | sed -n '/Danh sách đơn vị/,/^ *$/p')
keys PgDn
wait_for "Trình mọi phiếu đã nhập xong của đơn vị đang chọn"
row_of "Trình mọi phiếu đã nhập xong" | grep -q "^ *F6  " && ok "help: F6 in the unit list is Trình" || not_ok "help: F6 row: $(row_of "Trình mọi phiếu")"
quit_app

# the login screen
ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "$DB" user add qt "Nguyễn Quản Trị" --role admin > /dev/null
start
wait_for "Tên đăng nhập:"
wait_for "F1: trợ giúp"
keys F1
wait_for "Trợ giúp — các phím"
wait_for "Đăng nhập: gõ tên đăng nhập, Enter, rồi mật khẩu"
keys Escape
wait_for "Bấm Enter để đăng nhập, F1 để xem trợ giúp, F10 để thoát."
keys Enter
wait_for "Tên đăng nhập:"
keys Escape
wait_for "Bấm Enter để đăng nhập"
keys Enter
login_as qt quantri1
wait_for "Xin chào qt (quản trị)."
quit_app
start
wait_for "Tên đăng nhập:"
type_text "qt"
keys F10
wait_gone && ok "F10 quits from the login prompt" || not_ok "F10 at the login prompt did not quit"

# a new office: its title reads antt once
rm -f "$DB"
printf 'code,parent_code,type,name\nX1,,xa,Xã Hòa Bình\nK1,X1,khu-dan-cu,Thôn Đông\n' > "$T/units.csv"
start
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào"
keys 1
wait_for "Đường dẫn tệp CSV:"
type_text "$T/units.csv"
keys Enter
wait_for "Đã nhập 2 đơn vị."
wait_for "antt — Đơn vị"
s=$(screen | head -1)
case "$s" in *"antt — antt"*) not_ok "title: $s";; *) ok "the title reads antt once";; esac
quit_app
finish
