# End to end in tmux (issue 13, item 16): search by words in any order and
# place, without accents, every word must occur; clearing a search keeps
# the cursor on its unit; s and t do not clear each other.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
search_units "tram y te hoa binh"
wait_for "Tìm thấy 1 đơn vị"
wait_for "X001-CQ02"
keys /
keys C-u
type_text "Hòa Bình trạm"
keys Enter
wait_for "Tìm thấy 1 đơn vị"
keys /
keys C-u
type_text "tram y te hoa binh xyz"
keys Enter
wait_for "Không tìm thấy"

# clearing keeps the cursor where it was
keys /
keys C-u
type_text "tram y te"
keys Enter
wait_for "Tìm thấy"
keys Down
keys /
keys C-u
keys Enter
wait_for "Đã bỏ tìm."
wait_for "(267/267 đơn vị)"
keys Enter
wait_for "(X002-CQ02)"
keys Escape
wait_for "Lọc: loại"

# t then s: both kept; s then t: both kept
keys t
wait_for "Lọc: loại Xã · trạng thái tất cả"
keys s
wait_for "Lọc: loại Xã · trạng thái chưa đánh giá"
keys t
wait_for "Lọc: loại Cơ quan · trạng thái chưa đánh giá"
quit_app

# a unit renamed while a search is shown: the search is matched on its new
# name, then and after another filter (issue 19: which rows hold a search
# is kept between filters)
start
search_units "hoa binh"
wait_for "Tìm thấy 13 đơn vị"
keys /
keys C-u
type_text "tram y te hoa binh"
keys Enter
wait_for "Tìm thấy 1 đơn vị"
keys r
wait_for "Tên mới:"
keys C-u
type_text "Trạm Y tế Sông Lam"
keys Enter
wait_for "(0/267 đơn vị)"
expect_eq "$(sql "SELECT name FROM units WHERE code = 'X001-CQ02'")" "Trạm Y tế Sông Lam" "renamed"
keys s
wait_for "trạng thái chưa đánh giá"
keys Escape
wait_for "(267/267 đơn vị)"
keys /
keys C-u
type_text "hoa binh"
keys Enter
wait_for "Tìm thấy 12 đơn vị"
keys s
keys t
wait_for "Lọc: loại Xã · trạng thái chưa đánh giá"
keys Escape
keys /
keys C-u
type_text "song lam tram"
keys Enter
wait_for "Tìm thấy 1 đơn vị"
wait_for "Trạm Y tế Sông Lam"
quit_app

# a search of many words that finds nothing: the message still says how
# to clear it (the search quoted whole pushed that out of the message)
long=""
for i in 1 2 3 4 5 6 7 8; do long="$long khong co don vi nao ten nhu the"; done
start
wait_for "Lọc: loại"
keys /
type_text "$long"
keys Enter
wait_for "Không tìm thấy"
flat() { screen | tr '\n' ' ' | tr -s ' '; }
case "$(flat)" in *"Bấm / rồi Enter với ô trống để bỏ tìm."*) ok "the message says how to clear a long search";;
	*) out=$(screen); not_ok "no way to clear the search in the message";; esac
keys v
wait_for "phiếu chờ duyệt"
case "$(flat)" in *"bấm / rồi Enter với ô trống để bỏ tìm."*) ok "v's message says how to clear a long search";;
	*) out=$(screen); not_ok "no way to clear the search in v's message";; esac
quit_app
# a number is a whole number (a reviewer, 1/12): "số 4" does not find the
# units of X004 and X014 by their codes, nor "số 14"; and a search goes to
# its first unit, not the one selected before
want=$(sqlite3 "$DB" "SELECT count(*) FROM units WHERE name = 'Tổ dân phố số 4'")
first=$(sqlite3 "$DB" "SELECT code FROM units WHERE name = 'Tổ dân phố số 4' ORDER BY code LIMIT 1")
start
search_units "to dan pho so 3"
keys /
type_text "to dan pho so 4"
keys Enter
wait_for "Tìm thấy $want đơn vị."
keys Enter   # the selected unit's form
wait_for "($first)"
keys Escape
wait_for "Lọc: loại"
keys /
type_text "x004"
keys Enter
wait_for "Tìm thấy $(sqlite3 "$DB" "SELECT count(*) FROM units WHERE code LIKE 'X004%'") đơn vị."
keys /
type_text "04"
keys Enter
wait_for "Tìm thấy $(sqlite3 "$DB" "SELECT count(*) FROM units WHERE code GLOB '*[^0-9]04' OR code GLOB '*[^0-9]04[^0-9]*' OR name GLOB '*[^0-9]04' OR name GLOB '04'") đơn vị."
quit_app
finish