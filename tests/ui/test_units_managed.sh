# End to end in tmux (issue 15): on the unit screen b marks a unit as
# managed by a level above the commune (TT 124 Điều 5.4: not counted in the
# commune's criterion 4), after a confirmation, for an administrator only;
# the row shows the mark at 80 columns and b again takes it off.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "$DB" user add qt "Nguyễn Quản Trị" --role admin > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=canbo123 "$ANTT" --db "$DB" user add canbo "Trần Văn Nam" --role entry > /dev/null

# an entry officer is refused at the key, nothing changes
start
login_as canbo canbo123
search_units "X001-GD02"
keys b
wait_for "dành cho quản trị"
expect_eq "$(sql "SELECT managed_above FROM units WHERE code = 'X001-GD02'")" "0" "an entry officer cannot mark"
quit_app

# a khu dân cư is refused at the key, before any question (nothing to confirm)
start
login_as qt quantri1
search_units "X001-K01"
keys b
wait_for "Thôn Đông Hòa Bình (X001-K01) là khu dân cư: chỉ đánh dấu được"
if screen | grep -qF "Đồng ý?"; then not_ok "a khu dân cư is asked to confirm first"; else ok "no question for a khu dân cư"; fi
expect_eq "$(sql "SELECT managed_above FROM units WHERE code = 'X001-K01'")" "0" "a khu dân cư stays unmarked"
quit_app

start
login_as qt quantri1
search_units "X001-GD02"
keys b
wait_for "Đánh dấu X001-GD02 do cấp trên quản lý"
wait_for "Đồng ý? (gõ c rồi Enter; Esc: thôi)"
type_text "c"
keys Enter
wait_for "Đã đánh dấu do cấp trên quản lý"
expect_eq "$(sql "SELECT managed_above FROM units WHERE code = 'X001-GD02'")" "1" "the mark is stored once confirmed"
case "$(row_of "X001-GD02")" in *"cấp trên QL"*) ok "the row shows the mark at 80 columns";;
*) not_ok "row: '$(row_of "X001-GD02")'";; esac
keys b
wait_for "Bỏ đánh dấu do cấp trên quản lý của X001-GD02"
type_text "c"
keys Enter
wait_for "Đã bỏ đánh dấu: đơn vị được tính"
expect_eq "$(sql "SELECT managed_above FROM units WHERE code = 'X001-GD02'")" "0" "b again takes the mark off"
quit_app
finish
