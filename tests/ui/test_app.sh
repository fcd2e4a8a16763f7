# End to end in tmux: find a khu dân cư by a search without accents, answer
# its checklist, watch the verdict change, see the commune's progress, quit,
# reopen and find the answers; refused values; resize; Telex; help.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "Công an huyện Sông Lam"
wait_for "F1 Trợ giúp"
# at 80 columns the hint bar leaves out what does not fit, never half a hint
bar=$(screen | tail -1)
case "$bar" in *"Telex:tắt") ok "hint bar ends with the Telex state";; *) not_ok "hint bar: '$bar'";; esac
expect_eq "$(printf '%s\n' "$bar" | grep -o 'F1' | wc -l)" "1" "no hint cut down to its key (F10 shown as F1)"

# search without accents
keys /
wait_for "Tìm (tên hoặc mã"
type_text "thon dong hoa binh"
keys Enter
wait_for "Tìm thấy 1 đơn vị"
wait_for "Thôn Đông Hòa Bình"

# open it; everything holds with one key
keys Enter
wait_for "Phiếu tiêu chí — Thôn Đông Hòa Bình (X001-K01)"
keys '*'
wait_for "Kết luận: ĐẠT"
expect_eq "$(sql "SELECT verdict FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X001-K01' AND year = 2024")" "pass" "the verdict is stored"

# 4b is the 15th line of the khu dân cư form: a serious crime happened
keys Home
for i in $(seq 14); do keys Down; done
keys k
wait_for "CHƯA ĐẠT — không đạt tiêu chí: 4b"
expect_eq "$(sql "SELECT value FROM answers WHERE criterion = '4b' AND assessment_id = (SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X001-K01' AND year = 2024)")" "0" "the answer is saved at once"

# ... but it was handled promptly: an exception with a note typed in Telex
keys e
wait_for "Ngoại lệ — ghi chú sự việc:"
keys C-u F2
type_text "Vuj troomj ddax xuwr lys"
wait_for "Vụ trộm đã xử lý"
keys Enter
wait_for "Kết luận: ĐẠT"
expect_eq "$(sql "SELECT exception || '|' || note FROM answers WHERE criterion = '4b' AND assessment_id = (SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X001-K01' AND year = 2024)")" "1|Vụ trộm đã xử lý" "exception and Telex note stored in NFC"
keys F2

# a wrong value is refused and the field keeps the focus
keys Home Down Down
keys Enter
wait_for "1.2 (%):"
keys C-u
type_text "150"
keys Enter
wait_for "từ 0 đến 100"
wait_for "1.2 (%): 150"
keys Escape
wait_for "Kết luận: ĐẠT"

# back to the list: the unit's status; then the commune's progress
keys Escape
wait_for "Lọc: loại"
row=$(row_of "X001-K01")
case "$row" in *"đạt"*) ok "the list shows the new status";; *) not_ok "status row: $row";; esac
keys p
wait_for "Tiến độ năm 2024"
wait_for "Xã Hòa Bình"
# the report from the application: year, file, and where it went
keys F5
wait_for "Báo cáo năm: 2024"
keys Enter
wait_for "Lưu vào tệp:"
# offered in the home folder (Documents on Windows), under the year's name
wait_for "bao-cao-antt-2024.xlsx"
keys C-u
type_text "$T/bc.xlsx"
keys Enter
wait_for "Đã ghi báo cáo năm 2024 vào $T/bc.xlsx"
[ -s "$T/bc.xlsx" ] && ok "the report file exists" || not_ok "no report file"
# F5 over the report already written: year, the same file, "c" to overwrite
report_again() {
	keys F5
	wait_for "Báo cáo năm:"
	keys Enter
	wait_for "Lưu vào tệp:"
	keys C-u
	type_text "$T/bc.xlsx"
	keys Enter
	wait_for "Tệp đã có. Ghi đè?"
	type_text "c"
	keys Enter
}
report_again
wait_for "Đã ghi báo cáo năm 2024"
screen_has "chữ ký ở trang đầu" && not_ok "a signer is set, yet the message says the signature is blank" ||
	ok "with a signer set, nothing said of the signature"
# no signer's name: the page is written with the block blank, and the
# message says so and where to set it
"$ANTT" --db "$DB" settings signer_name "" > /dev/null
report_again
wait_for "F9 Thiết lập, điền chức vụ và họ tên người ký"
# the message wraps where the path ends: read across the lines
screen | tr '\n' ' ' | tr -s ' ' | grep -qF "chữ ký ở trang đầu để trống" &&
	ok "the message says the signature is blank" || not_ok "no word of the blank signature: $(screen | tail -4)"
"$ANTT" --db "$DB" settings signer_name "Nguyễn Văn An" > /dev/null
# a folder that does not exist: said, and the path stays to be corrected
keys F5
wait_for "Báo cáo năm:"
keys Enter
wait_for "Lưu vào tệp:"
keys C-u
type_text "$T/khong/co/bc.xlsx"
keys Enter
wait_for "không ghi được vào thư mục này"
screen | tr -d '\n' | grep -qF "Sửa đường dẫn cho một thư mục khác rồi Enter" && ok "F5: an unwritable folder says how to go on" ||
	not_ok "F5: no way on after an unwritable folder: $(screen | tail -4)"
keys Escape
keys Escape
wait_for "Lọc: loại"

# help is drawn from the key table, open at the current screen's keys
keys Enter
wait_for "Phiếu tiêu chí — Thôn Đông Hòa Bình"
keys F1
wait_for "Mọi tiêu chí đều đạt (sau đó chỉ sửa các ngoại lệ)"
keys Escape
wait_for "Kết luận:"
keys Escape
wait_for "Lọc: loại"

# quit and reopen on the same unit
keys Enter
wait_for "Phiếu tiêu chí — Thôn Đông Hòa Bình"
quit_app
start
wait_for "Phiếu tiêu chí — Thôn Đông Hòa Bình (X001-K01)"
keys End
wait_for "không ngoại lệ"
keys Home Down Down Down Down Down Down Down Down Down Down Down Down Down Down
wait_for "Ghi chú: Vụ trộm đã xử lý"

# resize: too small, then back
tmux resize-window -t "$S" -x 70 -y 20
wait_for "Cửa sổ quá nhỏ: cần ít nhất 80×24, hiện có 70×20."
wait_for "Phím gõ lúc này không được dùng."   # a key typed here is not kept
tmux resize-window -t "$S" -x 100 -y 30
wait_for "Phiếu tiêu chí — Thôn Đông Hòa Bình"
keys F10
wait_gone && ok "F10 quits" || not_ok "F10 quits"

# no colour: ASCII marks
start NO_COLOR=1
keys Home
wait_for "[+]"
quit_app

# the Linux console (8 colours, limited font): ASCII marks too
start TERM=linux
wait_for "[+]"
quit_app
expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "database intact"
finish
