# End to end in tmux: the registers screen (o): add a model, a campaign
# launch and a commendation by keyboard; the figures follow.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "Lọc: loại"
find_unit X001
keys o
wait_for "Sổ theo dõi phong trào — Xã Hòa Bình (X001)"
wait_for "Chưa có gì trong sổ năm này"
keys m
wait_for "Tên mô hình:"
type_text "Tổ tự quản thôn Đông"
keys Enter
wait_for "Loại mô hình (gõ số trong danh sách):"
wait_for "1  Tổ nhân dân tự quản"
type_text "to nhan dan tu quan"
keys Enter
wait_for "Năm bắt đầu: 2024"
keys C-u
type_text "2022"
keys Enter
wait_for "Số điểm, số tổ, số thành viên:"
keys C-u
type_text "2 1 18"
keys Enter
wait_for "Đã ghi mô hình."
wait_for "Xã Hòa Bình — Tổ tự quản thôn Đông, Tổ nhân dân tự quản, từ 2022 (duy trì)"
# the selected row is wrapped, not cut at 80 columns: its figures show
wait_for "2 điểm, 1 tổ, 18 thành viên"
keys h
wait_for "Loại hoạt động"
wait_for "1  Cuộc phát động"
keys Enter
wait_for "Ngày (ngày/tháng/năm"
type_text "26/13/2024"
keys Enter
wait_for "không có tháng 13"
keys C-u
type_text "26/03/2024"
keys Enter
wait_for "Số người tham gia:"
keys C-u
type_text "250"
keys Enter
wait_for "Đã ghi hoạt động."
keys k
wait_for "Cấp khen"
wait_for "3  Giấy khen của Giám đốc Công an tỉnh"
type_text "3"
keys Enter Enter
wait_for "Số quyết định:"
type_text "125/QĐ-CAT"
keys Enter Enter
wait_for "Đã ghi khen thưởng."
wait_for "1 cuộc phát động · 1 mô hình (1 duy trì, 0 mới) · 1 khen thưởng"
quit_app
expect_eq "$(sql "SELECT count(*) FROM models WHERE name = 'Tổ tự quản thôn Đông' AND members = 18")" "1" "model stored"
expect_eq "$(sql "SELECT kind || ' ' || date FROM activities WHERE participants = 250")" "phat-dong 2024-03-26" \
	"a date typed day first is stored as ISO"
expect_eq "$(sql "SELECT level FROM commendations WHERE decision_no = '125/QĐ-CAT'")" "giay-khen-giam-doc" \
	"the level picked by number is stored as its code"
finish
