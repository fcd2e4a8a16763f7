# End to end in tmux: the first run on an empty database, the units editor,
# the settings screen, and a terminal whose locale is not UTF-8.
. "$(dirname "$0")/lib.sh"

# first run: an empty database offers CSV import or the demo
printf 'code,parent_code,type,name\nX1,,xã,Xã Hòa Bình\nK1,X1,khu dân cư,Thôn Đông\n' > "$T/units.csv"
start
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào"
keys 1
wait_for "Đường dẫn tệp CSV:"
type_text "$T/nope.csv"
keys Enter
wait_for "không có tệp này"
keys C-u
type_text "$T/units.csv"
keys Enter
wait_for "Đã nhập 2 đơn vị"
wait_for "Thôn Đông"

# units editor: add under the selected unit, rename, exclude
keys Home
keys a
wait_for "Thêm đơn vị trực thuộc — mã mới:"
type_text "K2"
keys Enter
wait_for "Loại đơn vị: gõ số hoặc tên (Esc: thôi):"
wait_for "Khu dân cư — hoặc gõ tên loại khác"      # a pick list of the office's types, in words (issue 13, item 10)
n=$(screen | grep -o '[0-9][0-9]* Khu dân cư — hoặc' | head -1 | cut -d' ' -f1)
type_text "$n"
keys Enter
wait_for "Tên đơn vị:"
type_text "Thôn Tây"
keys Enter
wait_for "Đã thêm đơn vị."
expect_eq "$(sql "SELECT p.code || '/' || u.type || '/' || u.name FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'K2'")" "X1/khu-dan-cu/Thôn Tây" "unit added under the selected commune"
keys r
wait_for "Tên mới:"
keys C-u
type_text "Thôn Tây Hạ"
keys Enter
wait_for "Thôn Tây Hạ"
keys x
wait_for "Đánh dấu K2 không thuộc diện?"
wait_for "Đồng ý? (gõ c rồi Enter; Esc: thôi)"
type_text "a"                     # "xa" typed as a search: the a lands in the field
keys Enter
wait_for "Không đổi gì."
expect_eq "$(sql "SELECT excluded FROM units WHERE code = 'K2'")" "0" "x then a letter excludes nothing (issue 13, item 1)"
keys x
wait_for "Đánh dấu K2 không thuộc diện?"
type_text "c"
keys Enter
wait_for "Đã đánh dấu không thuộc diện đánh giá."
expect_eq "$(sql "SELECT excluded FROM units WHERE code = 'K2'")" "1" "exclude is stored once confirmed"

# settings: a target out of range is refused, a good one stored
keys F9
wait_for "Thiết lập"
keys Down Down Down Down Down Down Down Down Down Down Down Enter
wait_for "Chỉ tiêu xã (%)"
keys C-u
type_text "150"
keys Enter
wait_for "từ 0 đến 100"
keys C-u
type_text "nan"
keys Enter
sleep 0.3
expect_eq "$(sql "SELECT count(*) FROM settings WHERE key = 'target_xa' AND value = 'nan'")" "0" "a target of nan is refused"
keys C-u
type_text "97"
keys Enter
wait_for "Đã lưu: Chỉ tiêu xã (%)."
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'target_xa'")" "97" "target stored"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'settings' AND row_uuid = 'target_xa' AND new_value = '97' AND who LIKE '(không đăng nhập) %'")" "1" "setting change audited as nobody's"
keys Escape
wait_for "Lọc: loại"
# the year keys stop at the years antt knows (2000-2100), as typed years do
i=0; while [ $i -lt 40 ]; do keys '['; i=$((i + 1)); done
wait_for "năm 2000"
wait_for "Esc Tiếp tục"          # the refusal holds typed keys until Esc
keys Escape Tab
wait_for "năm 2000"
i=0; while [ $i -lt 3 ]; do keys '['; i=$((i + 1)); done
wait_for "Năm chỉ từ 2000 đến 2100."
wait_for "Tiến độ năm 2000 "
keys Escape Escape                 # the first ends the refusal, the second goes back
wait_for "Lọc: loại"
quit_app

# the first run's other choice: the demo beside the database
rm -f "$T/empty.db"
tmux new-session -d -s "$S" -x 80 -y 24 "exec env $ANTT --db $T/empty.db"
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào"
keys 2
wait_for "Đang mở dữ liệu mẫu" 20
wait_for "Huyện Sông Lam"
quit_app
[ -f "$T/demo.db" ] && ok "demo database made beside the empty one" || not_ok "no demo.db"

# a locale that is not UTF-8: the screens switch to C.UTF-8 and say so
# (tests/ui/test_locale.sh tests typing and the refusal)
tmux new-session -d -s "$S" -x 80 -y 24 "exec env LANG=C LC_ALL=C $ANTT --db $DB"
wait_for "antt dùng C.UTF-8 để hiện tiếng Việt"
keys q
finish
