# End to end in tmux (issue 19): the unit list holds no names, it reads
# those it shows (tree_name). A unit renamed by another program while the
# list is open (antt unit rename in another window, an import) is then
# shown by its new name as soon as its row is read: a search for that name
# must find it, not say "Không tìm thấy" beside it. A commune renamed here
# shows its new name on Progress.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "(267/267 đơn vị)"

# renamed elsewhere once the list is loaded: its row, read again, shows the new name, and a
# search finds it by that name
"$ANTT" --db "$DB" unit rename X002-CQ02 "Trạm Y tế Bến Nghé" > /dev/null || not_ok "renamed from the command line"
keys /
keys C-u
type_text "ben nghe"
keys Enter
wait_for "Trạm Y tế Bến Nghé"
wait_for "Tìm thấy 1 đơn vị"
expect_eq "$(row_of "X002-CQ02" | grep -c "Bến Nghé")" "1" "the row found is the unit renamed"
# and by its old name no more
keys /
keys C-u
type_text "tram y te an phu"
keys Enter
wait_for "tìm: tram y te an phu"
sleep 0.3
expect_eq "$(screen | grep -c "X002-CQ02")" "0" "its old name finds it no more"

# renamed here: the list and Progress show the new name
keys /
keys C-u
keys Enter
wait_for "Đã bỏ tìm."
find_unit "X001"
keys r
wait_for "Tên mới:"
keys C-u
type_text "Xã Đổi Tên"
keys Enter
wait_for "Đã đổi tên."
wait_for "Xã Đổi Tên"
keys p
wait_for "Xã/phường/TT"
wait_for "Xã Đổi Tên"
# renamed elsewhere while its row shows the name read before: r offers
# the name as stored now to edit, not the one on the screen
keys Escape
wait_for "Lọc:"
find_unit "X001"
"$ANTT" --db "$DB" unit rename X001 "Xã Tên Mới Hơn" > /dev/null || not_ok "renamed from the command line"
keys r
wait_for "Tên mới:"
expect_eq "$(row_of "Tên mới:" | grep -c "Xã Tên Mới Hơn")" "1" "the rename line holds the name as stored now"
keys Escape
quit_app

# a name that cannot be read (here the table renamed from under the list;
# a USB stick pulled out, a damaged page) is left empty and said so, in
# red, with what went wrong; read once it can be, the message gone
start
wait_for "(267/267 đơn vị)"
sql "ALTER TABLE units RENAME TO units_gone"
keys NPage NPage
wait_for "Tên để trống là tên chưa đọc được"
wait_for "no such table: units"
wait_for "mở lại antt"   # and what to do next
sql "ALTER TABLE units_gone RENAME TO units"
keys Up
sleep 0.3
expect_eq "$(screen | grep -c "chưa đọc được")" "0" "said no more once the names are read"
expect_eq "$(screen | sed -n '6,22p' | grep -c '^ *[^ ]* *[A-Z][0-9]')" "0" "no row without its name"
quit_app
finish
