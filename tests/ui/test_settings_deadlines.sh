# End to end in tmux (issue 15): QĐ 510's deadlines are settings at the end
# of the list; the list scrolls so they are reachable at 80x24, a day typed
# as day/month is stored month-day and moves the Progress line, and 29/2 is
# refused (a yearly deadline must exist every year) with nothing stored.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "Lọc: loại"
keys F9
wait_for "Chọn dòng rồi bấm Enter"
keys End
wait_for "Hạn cấp trên chấm điểm QĐ 510 (ngày/tháng)"
case "$(row_of "Hạn cấp trên chấm điểm QĐ 510")" in *"15/12"*) ok "the last setting is in view, 15/12 by default";;
*) not_ok "row: '$(row_of "Hạn cấp trên chấm điểm QĐ 510")'";; esac
keys Up Enter
wait_for "Hạn chấm điểm QĐ 510 xã, cơ quan"
keys C-u
type_text "29/2"
keys Enter
wait_for "29/2 không có ở năm không nhuận"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'deadline_510_others'")" "11-30" "29/2 is refused, nothing stored"
keys Escape
keys Enter
wait_for "Hạn chấm điểm QĐ 510 xã, cơ quan"
keys C-u
type_text "25/11"
keys Enter
wait_for "Đã lưu: Hạn chấm điểm QĐ 510 xã, cơ quan"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'deadline_510_others'")" "11-25" "stored month-day"
keys Escape
wait_for "Lọc: loại"
keys p
wait_for "Tiến độ năm 2024"
case "$(screen | tr '\n' ' ' | tr -s ' ')" in *"25/11 (QUÁ HẠN) xã, cơ quan"*) ok "Progress shows the new day";;
*) not_ok "progress: $(screen)";; esac
quit_app
finish
