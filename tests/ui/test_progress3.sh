# End to end in tmux (issue 14): the screens keep the three figures apart
# — tự đánh giá đạt, đã duyệt, được công nhận — and agree with `antt
# summary`, which reads the same counting model. Progress per unit type and
# per commune at 80 columns, the deadlines saying what is still to decide,
# the unit list's counts line (được công nhận), a commune's criterion 4
# ("x/y được công nhận"); after a decision recorded with the command line
# the screens move with it.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
leaders

# "Khu dân cư  156  0  154  151  143  93  78  50,0" -> "156 143 93 78 50,0 %"
summary_row() {
	"$ANTT" --db "$DB" summary 2024 | awk -v t="$1" '
		index($0, t) == 1 { n = split($0, f, / +/); print f[n-7] - f[n-6], f[n-3], f[n-2], f[n-1], f[n] " %" }'
}
# the same figures from the progress screen's row
screen_row() { row_of " $1 " | awk '{ n = split($0, f, / +/); print f[n-9], f[n-8], f[n-7], f[n-6], f[n-5] " %" }'; }

start
wait_for "Lọc: loại"
kdc=$(summary_row "Khu dân cư")
rec=$(echo "$kdc" | cut -d' ' -f4) scope=$(echo "$kdc" | cut -d' ' -f1)
wait_for "Được công nhận: "
case "$(screen | sed -n 2,3p | tr '\n' ' ')" in *"Khu dân cư $rec/$scope"*) ok "the counts line counts được công nhận ($rec/$scope)";;
*) not_ok "counts line: $(screen | sed -n 2,3p)";; esac

keys p
wait_for "Tiến độ năm 2024"
for head in "Tổng" "Tự ĐG đạt" "Đã duyệt" "Công nhận" "Tỷ lệ" "Năm trước" "Chỉ tiêu"; do
	case "$(row_of "Loại đơn vị")" in *"$head"*) ok "header has $head";; *) not_ok "header lacks $head: $(row_of "Loại đơn vị")";; esac
done
for type in "Khu dân cư" "Cơ quan" "Xã"; do
	expect_eq "$(screen_row "$type")" "$(summary_row "$type")" "progress row $type: scope, tự ĐG đạt, đã duyệt, công nhận, tỷ lệ as antt summary"
done
case "$(row_of 'Hạn 15/11/2024')" in *"(QUÁ HẠN): "*" chưa duyệt, "*" đạt chờ công nhận — khu dân cư"*)
	ok "the deadline says what is still to decide";; *) not_ok "deadline: $(row_of 'Hạn 15/11/2024')";; esac
# QĐ 510's deadlines beside TT 124's: the demo has no score sheets, so
# every registered unit is still to score and 20/11/2024 is past
case "$(screen | tr '\n' ' ' | tr -s ' ')" in *"Hạn chấm điểm QĐ 510: 20/11 (QUÁ HẠN) khu dân cư còn "*"30/11 (QUÁ HẠN) xã, cơ quan"*)
	ok "QĐ 510's deadlines are shown beside TT 124's";; *) not_ok "QĐ 510 deadlines: $(screen)";; esac
case "$(row_of 'Xã/phường/TT')" in *"Số ĐV"*"Tự ĐG đạt"*"Đã duyệt"*"Công nhận"*"Tỷ lệ"*) ok "commune header has the three figures";;
*) not_ok "commune header: $(row_of 'Xã/phường/TT')";; esac
hb=$(row_of "Xã Hòa Bình")
case "$hb" in *" 12 "*" 10 "*" 0 "*" 0 "*"0,0 %"*) ok "Xã Hòa Bình: 12 units, 10 đạt, none approved or recognised";;
*) not_ok "Hòa Bình row: $hb";; esac
keys Escape
wait_for "Lọc: loại"

# criterion 4 of a commune counts the recognised units
find_unit "X013"
keys Enter
wait_for "Kết luận:"
keys :
type_text "4"
keys Enter
wait_for "13/13 được công nhận"
case "$(row_of '13/13 được công nhận')" in *" 4 "*"13/13 được công nhận"*) ok "criterion 4 reads x/y được công nhận";;
*) not_ok "criterion 4: $(row_of 'được công nhận')";; esac
keys Escape
wait_for "Lọc: loại"
quit_app

# a decision recorded with the command line: the screens follow
"$ANTT" --db "$DB" answer set X001-CQ02 2024 '*' đạt > /dev/null
"$ANTT" --db "$DB" submit X001-CQ02 2024 > /dev/null
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 "$ANTT" --db "$DB" approve X001-CQ02 2024 > /dev/null
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 "$ANTT" --db "$DB" recognise --decision "45/QĐ-UBND" --date 10/11/2024 \
	--by "Chủ tịch UBND xã Hòa Bình" 2024 X001-CQ02 > /dev/null
expect_eq "$("$ANTT" --db "$DB" recognise list 2024 --under X001 | tail -1 | awk '{print $1}')" "X001-CQ02" "recorded"
start
wait_for "Lọc: loại"
keys p
wait_for "Tiến độ năm 2024"
hb=$(row_of "Xã Hòa Bình")
case "$hb" in *" 12 "*" 10 "*" 1 "*" 1 "*"8,3 %"*) ok "Xã Hòa Bình: 1 approved, 1 recognised, 8,3 %";;
*) not_ok "Hòa Bình row after the decision: $hb";; esac
expect_eq "$(screen_row "Cơ quan")" "$(summary_row "Cơ quan")" "progress row Cơ quan follows the decision as antt summary"
quit_app
finish
