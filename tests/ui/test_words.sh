# End to end in tmux (issue 13, items 10 and 11): the screens speak
# Vietnamese, not codes or command lines, and take numbers and dates as
# officers write them (92,5; 15/03/2024; deadlines 20/11).
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
leaders
"$ANTT" --db "$DB" answer set X001-K02 2024 '*' đạt > /dev/null
"$ANTT" --db "$DB" submit X001-K02 2024 > /dev/null
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 "$ANTT" --db "$DB" approve X001-K02 2024 > /dev/null
printf 'unit_code,year,total,valuable\nX001,2024,12,3\n' > "$T/tin.csv"

# no code shows through -------------------------------------------------
start
wait_for "Lọc: loại"
keys t
wait_for "Lọc: loại Xã ·"
case "$(row_of "Lọc:")" in *"loại xa "*) not_ok "the type filter shows its code";; *) ok "the type filter shows no code";; esac
keys t
wait_for "Lọc: loại Cơ quan ·"
keys t t t t t t
wait_for "Lọc: loại tất cả"

# registers: every list of options is a numbered list of Vietnamese names
find_unit X001
keys o
wait_for "Sổ theo dõi phong trào — Xã Hòa Bình (X001)"
keys h
wait_for "Loại hoạt động (gõ số trong danh sách):"
wait_for "1  Cuộc phát động"
wait_for "3  Buổi tuyên truyền"
case "$(screen)" in *phat-dong*|*dien-dan*|*tuyen-truyen*) not_ok "activity codes on the screen";; *) ok "no activity codes on the screen";; esac
keys C-u
type_text "9"
keys Enter
wait_for "Gõ số thứ tự của một dòng trong danh sách (từ 1 đến 3)"
expect_eq "$(sql "SELECT count(*) FROM activities")" "0" "a number outside the list writes nothing"
keys C-u
type_text "2"
keys Enter
# item 11: the day first, and the reason when the day does not exist
wait_for "Ngày (ngày/tháng/năm"
type_text "31/02/2024"
keys Enter
wait_for "tháng 2 năm 2024 chỉ có 29 ngày"
keys C-u
type_text "5/4/2024"
keys Enter
wait_for "Số người tham gia:"
keys C-u
type_text "40"
keys Enter
wait_for "Đã ghi hoạt động."
wait_for "diễn đàn 05/04/2024, 40 người"
expect_eq "$(sql "SELECT kind || ' ' || date FROM activities")" "dien-dan 2024-04-05" "activity stored by code, date as ISO"

keys k
wait_for "Cấp khen thưởng (gõ số trong danh sách):"
wait_for "1  Bằng khen của Bộ trưởng Bộ Công an"
case "$(screen)" in *bang-khen*|*giay-khen*) not_ok "commendation codes on the screen";; *) ok "no commendation codes on the screen";; esac
type_text "1"
keys Enter
wait_for "Họ tên cá nhân"
keys Enter
wait_for "Số quyết định:"
type_text "88/QĐ-BCA"
keys Enter
wait_for "Ngày quyết định (ngày/tháng/năm"
type_text "15/03/2024"
keys Enter
wait_for "Đã ghi khen thưởng."
wait_for "Bằng khen của Bộ trưởng Bộ Công an (tập thể), QĐ 88/QĐ-BCA"
case "$(screen)" in *bang-khen*) not_ok "the register row shows the level's code";; *) ok "the register row shows the level's name";; esac
expect_eq "$(sql "SELECT level || ' ' || decision_date FROM commendations")" "bang-khen-bo-truong 2024-03-15" \
	"commendation stored by code, date as ISO"

# i: the registers by their Vietnamese names
keys F1
wait_for "Nhập sổ từ tệp CSV (mô hình, hoạt động, khen thưởng, tin báo)"
case "$(screen)" in *tipoffs*|*commendations*) not_ok "the help names the registers in English";; *) ok "the help names the registers in Vietnamese";; esac
keys Escape
wait_for "Sổ theo dõi phong trào — Xã Hòa Bình (X001)"
# a refused register file: every error in the list, then i again
{ echo "unit_code,year,total,valuable"; i=1; while [ $i -le 25 ]; do echo "X001,2024,$i,x$i"; i=$((i + 1)); done; } > "$T/tin-sai.csv"
keys i
wait_for "4  Tin báo"
type_text "4"
keys Enter
wait_for "Đường dẫn tệp CSV:"
type_text "$T/tin-sai.csv"
keys Enter
wait_for "Tệp có lỗi — chưa ghi gì"
wait_for "(25 lỗi, chưa ghi gì)"
keys End
wait_for "dòng 26: số tin có giá trị"
keys Escape
wait_for "Sửa các dòng có lỗi rồi bấm i để nhập lại."
expect_eq "$(sql "SELECT count(*) FROM tipoffs")" "0" "nothing written from the refused register file"
keys i
wait_for "Nhập vào sổ nào (gõ số trong danh sách):"
wait_for "4  Tin báo"
case "$(screen)" in *tipoffs*|*models*) not_ok "register codes on the screen";; *) ok "no register codes on the screen";; esac
type_text "tin bao"
keys Enter
wait_for "Đường dẫn tệp CSV:"
type_text "$T/tin.csv"
keys Enter
wait_for "Đã nhập 1 dòng vào sổ Tin báo."
keys Escape
wait_for "Lọc: loại"

# an approved checklist: the screen says which key reopens it, not a command
find_unit X001-K02
keys Enter
wait_for "Phiếu tiêu chí — Thôn Tây Hòa Bình (X001-K02)"
keys Down
tmux resize-window -t "$S" -x 120   # the whole message on one line
keys k
wait_for "đã được duyệt, không sửa được nữa (F8: mở lại)"
case "$(screen)" in *"antt reopen"*|*"--reason"*) not_ok "a command line on the screen";; *) ok "no command line on the screen";; esac
tmux resize-window -t "$S" -x 80
keys Escape Escape
wait_for "Lọc: loại"

# settings: a target with a decimal comma, deadlines day/month ------------
keys F9
wait_for "Thiết lập"
# Enter edits a setting: the hint bar says so, not "answer" as on a checklist
bar_starts "Enter Sửa " "settings: Enter Sửa"
keys Down Down Down Down Down Down Down Down Down Down Down Enter
wait_for "Chỉ tiêu xã (%)"
keys C-u
type_text "92,5"
keys Enter
wait_for "Đã lưu: Chỉ tiêu xã (%)."
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'target_xa'")" "92.5" "target 92,5 stored as 92.5"
case "$(row_of "Chỉ tiêu xã")" in *"92,5"*) ok "the target is shown 92,5";; *) not_ok "target row: $(row_of "Chỉ tiêu xã")";; esac
keys Enter
keys C-u
type_text "92,5,1"
keys Enter
wait_for "không phải một số"
keys Escape
keys Up Up Enter
wait_for "Hạn công nhận khu dân cư (ngày/tháng)"
case "$(screen | tail -2)" in *"15/11"*) ok "the deadline is offered as 15/11";; *) not_ok "deadline field: $(screen | tail -2)";; esac
keys C-u
type_text "31/11"
keys Enter
wait_for "tháng 11 chỉ có 30 ngày"
keys C-u
type_text "20/11"
keys Enter
wait_for "Đã lưu: Hạn công nhận khu dân cư"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'deadline_khu-dan-cu'")" "11-20" "deadline stored month-day"
case "$(row_of "Hạn công nhận khu dân cư")" in *"20/11"*) ok "the deadline is shown 20/11";; *) not_ok "deadline row: $(row_of "Hạn công nhận khu")";; esac
keys Escape
wait_for "Lọc: loại"
keys p
wait_for "Hạn 20/11/2024 (QUÁ HẠN): "   # the new deadline, day first, with the tag first (item 5)
wait_for "đạt chờ công nhận — khu dân cư"
wait_for "92,5"
quit_app

# item 9: a refused unit file from the welcome screen lists every error ----
DB="$T/empty.db"
{
	echo "code,parent_code,type,name"
	echo "H1,,huyen,Huyện Một"
	i=1; while [ $i -le 6 ]; do echo "X$i,H1,khong-co,Xã số $i"; i=$((i + 1)); done
	echo "X 9,H1,xa,Xã chín"
	echo "X10,NOPE,xa,Xã mười"
} > "$T/units.csv"
start
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào"
keys 1
wait_for "Đường dẫn tệp CSV:"
type_text "$T/units.csv"
keys Enter
wait_for "Tệp có lỗi — chưa ghi gì"
wait_for "tệp đơn vị có lỗi (8 lỗi, chưa ghi gì):"
wait_for "dòng 3: loại đơn vị \"khong-co\" không có"
case "$(screen)" in *"dòng 10:"*) not_ok "the last error shows before scrolling: nothing to test";; *) ok "the list is longer than the screen";; esac
keys End
wait_for "dòng 9: mã đơn vị \"X 9\" không hợp lệ"
wait_for "dòng 10: đơn vị cấp trên \"NOPE\""
keys Home
wait_for "dòng 3: loại đơn vị"
keys Escape
wait_for "Sửa các dòng có lỗi rồi bấm 1 để nhập lại."
expect_eq "$(sql "SELECT count(*) FROM units")" "0" "nothing written from the refused file"
keys 1
wait_for "Đường dẫn tệp CSV: $T/units.csv"
row=$(screen | tail -2 | head -1)
expect_eq "$row" "Đường dẫn tệp CSV: $T/units.csv" "the input line holds the path and nothing else"
printf 'code,parent_code,type,name\nH1,,huyen,Huyện Một\nX1,H1,xa,Xã Một\n' > "$T/units.csv"
keys Enter
wait_for "Đã nhập 2 đơn vị."
quit_app
finish
