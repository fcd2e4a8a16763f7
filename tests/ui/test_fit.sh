# Issue 13, items 5-7 at 80x24: a text that does not fit ends in "…" (or
# "~" on the Linux console), a long message is read whole on two rows, the
# progress screen keeps "(QUÁ HẠN)", settings labels use the width there is,
# the hint bar shows a screen's keys in the order they are used, and the
# cursor of an input line sits at the text being typed.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
LONG="Thôn Đông Hòa Bình mở rộng gồm các xóm Đồng Chùa, Bến Đò và khu tái định cư"
run unit rename X001-K01 "$LONG"
expect_rc 0 "a unit gets a name longer than its column"

# cursor NAME: the pane's cursor as "x y visible"
cursor() { tmux display -p -t "$S" '#{cursor_x} #{cursor_y} #{cursor_flag}'; }

start
wait_for "Lọc: loại"
row=$(row_of "Thôn Đông Hòa Bình")
case "$row" in
*"Thôn Đông Hòa Bình mở rộng"*"…"*"X001-K01"*) ok "a long name ends in … before the next column";;
*) not_ok "long name row: '$row'";;
esac
case "$row" in *"phía nam"*) not_ok "the whole name cannot fit in 80 columns: '$row'";; *) ok "the name is cut, not wrapped";; esac

# the hint bar: the keys of the unit list in the order of use, F1 for the rest
bar=$(screen | tail -1)
case "$bar" in "Enter Mở phiếu  / Tìm  n Tiếp"*"F1 Trợ giúp"*"Telex:tắt") ok "unit list hints in order of use";;
*) not_ok "unit list hint bar: '$bar'";; esac

# a message longer than the line is read whole: the search echoes the text
keys /
wait_for "Tìm (tên hoặc mã"
keys C-u
type_text "khong co don vi nao ten dai nhu the nay o huyen song lam du tim ca ngay ZZCUOI"
wait_for "ca ngay ZZCUOI"
cur=$(cursor)
line=$(screen | sed -n 23p | sed 's/ *$//')
expect_eq "${cur% *}" "$(printf '%s' "$line" | wc -m) 22" "the cursor sits after the text being typed (not in a corner)"
expect_eq "${cur##* }" "1" "the cursor is shown while typing"
keys Enter
wait_for "Không tìm thấy"
case "$(screen)" in *ZZCUOI*) ok "the end of a long message is on the screen";; *) not_ok "long message lost its end";; esac
expect_eq "$(cursor | cut -d' ' -f3)" "0" "no cursor when nothing is being typed"
keys /
keys C-u Enter
wait_for "Lọc: loại tất cả · trạng thái tất cả   ("

# the title of the checklist of that unit ends in the mark
keys /
type_text "X001-K01"
keys Enter
wait_for "Tìm thấy 1"
keys Enter
wait_for "Phiếu tiêu chí"
title=$(screen | head -1)
case "$title" in *"Phiếu tiêu chí — Thôn Đông"*"…"*"năm 2024") ok "a long title ends in …, the year still shown";;
*) not_ok "checklist title: '$title'";; esac
bar=$(screen | tail -1)
case "$bar" in "c Có  k Không  e Ngoại lệ  g Ghi chú  n Tiếp"*"F1 Trợ giúp"*) ok "checklist hints in order of use (issue 13, item 6)";;
*) not_ok "checklist hint bar: '$bar'";; esac
keys g
type_text "x"
keys Escape
keys Escape
wait_for "Lọc: loại"

# a long list of criteria still to answer: how many, then whole codes
keys /
keys C-u
type_text "X004-DN01"
keys Enter
wait_for "Tìm thấy 1"
keys Enter
wait_for "Kết luận:"
verdict=$(screen | sed -n '/Kết luận:/{N;s/\n */ /;p;}' | sed 's/ *$//')
case "$verdict" in
*"còn thiếu 17 tiêu chí: 1.1, 1.2, 1.3,"*", 5.2") ok "the list of missing criteria says how many and wraps onto a second row, whole";;
*) not_ok "verdict rows: '$verdict'";; esac
# the score sheet: an item cut in its column is shown whole when chosen
keys F3
wait_for "Chuẩn"
keys Down Down Down
wait_for "Mục 4: Phối hợp với chính quyền và công an địa phương"
keys Escape
wait_for "Kết luận:"
keys Escape
wait_for "Lọc: loại"

# progress: both deadlines keep their QUÁ HẠN at 80 columns (2024 is past)
keys p
wait_for "Tiến độ năm 2024"
expect_eq "$(screen | grep 'Hạn [0-9]' | grep -c '(QUÁ HẠN)')" "2" "both deadlines say QUÁ HẠN at 80 columns"
# QĐ 510's three, in at most two rows, the last count whole
case "$(screen | tr '\n' ' ' | tr -s ' ')" in *"Hạn chấm điểm QĐ 510: "*"15/12 cấp trên chấm còn "[0-9]*) ok "QĐ 510's deadlines whole at 80 columns";;
*) not_ok "QĐ 510 deadlines cut: '$(screen)'";; esac
case "$(row_of 'Hạn 20/11/2024')" in *": "*" chưa duyệt, "*" đạt chờ công nhận"*) ok "the counts of what waits are whole";;
*) not_ok "deadline row: '$(row_of 'Hạn 20/11/2024')'";; esac

# settings: the longest label is whole
keys F9
wait_for "Chọn dòng rồi bấm Enter"
case "$(row_of "Hạn công nhận xã, cơ quan")" in *"Hạn công nhận xã, cơ quan... ("*")  "*) ok "settings labels whole at 80 columns";;
*) not_ok "a settings label is cut: '$(row_of "Hạn công nhận xã, cơ quan")'";; esac
keys Escape Escape
quit_app

# the Linux console has no "…": the mark is "~"
start TERM=linux
wait_for "Lọc: loại"
row=$(row_of "Thôn Đông Hòa Bình")
case "$row" in *"Thôn Đông Hòa Bình mở rộng"*"~"*"X001-K01"*) ok "the cut mark on the Linux console is ~";;
*) not_ok "linux console row: '$row'";; esac
quit_app
exit $failed
