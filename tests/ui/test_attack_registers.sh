# Attacks on the registers' dialogs (o): a dialog left with Esc half way
# writes nothing and the next one starts empty; the model's three numbers
# are read from the whole line typed (a line longer than 127 bytes was cut
# there: "2 1 …1800" stored 18 members).
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "Lọc: loại"
find_unit X001
keys o
wait_for "Sổ theo dõi phong trào — Xã Hòa Bình (X001)"
# half a model, then Esc: nothing kept, the next dialog starts empty
keys m
wait_for "Tên mô hình:"
type_text "Mô hình bỏ dở"
keys Enter
wait_for "Loại mô hình (gõ số trong danh sách):"
type_text "1"
keys Escape
sleep 1
keys m
wait_for "Tên mô hình:"
row=$(row_of "Tên mô hình:")
case "$row" in *"bỏ dở"*) not_ok "the new dialog shows the abandoned name: $row";; *) ok "the new dialog starts empty";; esac
keys Escape
sleep 1
expect_eq "$(sql "SELECT count(*) FROM models")" "0" "the abandoned dialog wrote nothing"
# the numbers at the end of a long line (spaces typed between them)
keys m
wait_for "Tên mô hình:"
type_text "Tổ tự quản dài"
keys Enter
wait_for "Loại mô hình (gõ số trong danh sách):"
type_text "1"
keys Enter
wait_for "Năm bắt đầu:"
keys Enter
wait_for "Số điểm, số tổ, số thành viên:"
keys C-u
type_text "2 1$(printf '%122s' '')1800"
keys Enter
wait_for "Đã ghi mô hình."
quit_app
expect_eq "$(sql "SELECT members FROM models WHERE name = 'Tổ tự quản dài'")" "1800" "the members typed after many spaces are stored whole"
exit $failed
