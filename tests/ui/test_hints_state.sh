# End to end in tmux (issues 16/19, loose ends): the hint bar shows the keys
# that work in the screen's state. A submitted or approved form is locked:
# no "c Có  k Không" there, but the leader's F7 / F8 and the way back; a
# draft keeps its answer keys. F4 with no conflict shows no 1 / 2.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
pick() { sqlite3 "$DB" "SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = 2024 AND a.status = '$1' ORDER BY u.code LIMIT 1"; }
submitted=$(pick submitted)
approved=$(pick approved)
draft=$(pick draft)
[ -n "$submitted" ] && [ -n "$approved" ] && [ -n "$draft" ] && ok "forms in each state: $submitted $approved $draft" ||
	not_ok "the demo lacks a state: '$submitted' '$approved' '$draft'"
bar() { screen | tail -1; }
has() { case "$(bar)" in *"$1"*) ok "$2: $1";; *) out=$(screen); not_ok "$2: no '$1' in: $(bar)";; esac; }
lacks() { case "$(bar)" in *"$1"*) out=$(screen); not_ok "$2: '$1' in: $(bar)";; *) ok "$2: no $1";; esac; }

start
wait_for "Lọc: loại"
find_unit "$submitted"
keys Enter
wait_for "($submitted)"
wait_for "(khóa)"
lacks "c Có" "submitted"
lacks "k Không" "submitted"
lacks "e Ngoại lệ" "submitted"
lacks "F6 Trình" "submitted"
has "F7 Duyệt" "submitted"
has "F8 Trả lại" "submitted"
has "Esc Quay lại" "submitted"
has "F1 Trợ giúp" "submitted"
keys Escape
wait_for "Lọc: loại"

find_unit "$approved"
keys Enter
wait_for "($approved)"
wait_for "(khóa)"
lacks "c Có" "approved"
lacks "F7" "approved"
has "F8 Mở lại" "approved"
has "Esc Quay lại" "approved"
keys Escape
wait_for "Lọc: loại"

find_unit "$draft"
keys Enter
wait_for "($draft)"
has "c Có" "a draft"
has "k Không" "a draft"
keys Escape
wait_for "Lọc: loại"

# F4 with no conflict: only the way back
keys F4
wait_for "Không có xung đột nào đang chờ."
lacks "1 Giữ" "no conflicts"
lacks "2 Lấy" "no conflicts"
has "Esc Quay lại" "no conflicts"
keys Escape
wait_for "Lọc: loại"

# a search that finds nothing: no unit to open or go on to; Esc clears it
keys /
type_text "khongcodonvinaynay"
keys Enter
wait_for "Không tìm thấy"
lacks "Enter Mở phiếu" "an empty list"
lacks "n Tiếp" "an empty list"
has "/ Tìm" "an empty list"
has "Esc Bỏ lọc" "an empty list"
keys Escape
wait_for "Đã bỏ mọi bộ lọc."
has "Enter Mở phiếu" "the list again"
quit_app && ok "quits" || not_ok "still running"
exit $failed
