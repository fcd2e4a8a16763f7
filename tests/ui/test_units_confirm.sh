# End to end in tmux (issue 13, item 3): moving (m) and retiring (d) a unit
# ask first, say how many units below go along, and need an explicit c;
# Esc or any other answer changes nothing (checked through the command line).
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
units() { "$ANTT" --db "$DB" unit list --all; }
before=$(units)
below=$(( $("$ANTT" --db "$DB" unit list --under X001 | wc -l) - 1 ))

start
search_units "X001"
keys Home

# move: the new parent, then the question with the units that go along
keys m
wait_for "Mã đơn vị cấp trên mới"
keys C-u
type_text "X002"
keys Enter
wait_for "Chuyển X001 và $below đơn vị trực thuộc sang X002?"
wait_for "Đồng ý? (gõ c rồi Enter; Esc: thôi)"
keys Escape
sleep 0.3
expect_eq "$(units)" "$before" "Esc at the question moves nothing"
keys m
wait_for "Mã đơn vị cấp trên mới"
keys C-u
type_text "X002"
keys Enter
wait_for "Chuyển X001 và $below"
type_text "khong"
keys Enter
wait_for "Không đổi gì."
expect_eq "$(units)" "$before" "an answer other than c moves nothing"
keys m
wait_for "Mã đơn vị cấp trên mới"
keys C-u
type_text "X999"
keys Enter
wait_for "Không có đơn vị mã \"X999\""
keys Escape
sleep 0.3
expect_eq "$(units)" "$before" "an unknown parent is refused before the question"

# retire a commune: its units leave the list too, and the question says so
keys d
wait_for "Ngày giải thể"
keys Enter
wait_for "Sáp nhập vào đơn vị mã"
keys Enter
wait_for "Giải thể X001? $below đơn vị trực thuộc cũng ra khỏi danh sách."
keys Escape
sleep 0.3
expect_eq "$(units)" "$before" "Esc at the question retires nothing"

# a unit with nothing below: asked too, and done once confirmed
keys Down
keys d
wait_for "Ngày giải thể"
keys Enter Enter
wait_for "Giải thể X001-CQ01?"
type_text "c"
keys Enter
wait_for "Đã ghi nhận giải thể / sáp nhập."
expect_eq "$(sql "SELECT valid_to IS NOT NULL FROM units WHERE code = 'X001-CQ01'")" "1" "retired once confirmed"
keys Home m
wait_for "Mã đơn vị cấp trên mới"
keys C-u
type_text "X002"
keys Enter
wait_for "Chuyển X001 và"
type_text "c"
keys Enter
wait_for "Đã chuyển đơn vị."
expect_eq "$(sql "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'X001'")" "X002" \
	"moved once confirmed"
quit_app
finish
