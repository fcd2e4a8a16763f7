# End to end in tmux: the registers screen (o): add a model, a campaign
# launch and a commendation by keyboard; the figures follow.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "Lọc: loại"
keys /
type_text "X001"
keys Enter
wait_for "Tìm thấy"
keys Home o
wait_for "Sổ theo dõi phong trào — X001"
wait_for "Chưa có gì trong sổ năm này"
keys m
wait_for "Tên mô hình:"
type_text "Tổ tự quản thôn Đông"
keys Enter
wait_for "Loại (tổ nhân dân tự quản"
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
keys h
wait_for "Loại hoạt động"
keys Enter
wait_for "Ngày (NĂM-THÁNG-NGÀY): 2024-"
type_text "13-01"
keys Enter
wait_for "ngày \"2024-13-01\" không hợp lệ"
keys C-u
type_text "2024-03-26"
keys Enter
wait_for "Số người tham gia:"
keys C-u
type_text "250"
keys Enter
wait_for "Đã ghi hoạt động."
keys k
wait_for "Cấp khen"
type_text "giay-khen-giam-doc"
keys Enter Enter
wait_for "Số quyết định:"
type_text "125/QĐ-CAT"
keys Enter Enter
wait_for "Đã ghi khen thưởng."
wait_for "1 cuộc phát động · 1 mô hình (1 duy trì, 0 mới) · 1 khen thưởng"
quit_app
expect_eq "$(sql "SELECT count(*) FROM models WHERE name = 'Tổ tự quản thôn Đông' AND members = 18")" "1" "model stored"
finish
