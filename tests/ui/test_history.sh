# End to end in tmux (issue 13, item 7): the history of a criterion (l)
# opens at the top with the newest change first and the screen filled,
# wraps long lines without dropping a character, and End stops at the last
# full screen.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
note="Chi bộ chưa ra nghị quyết trong quý I vì bí thư đi học tập trung, đã hẹn họp bổ sung vào tuần đầu tháng tư"
for i in 1 2 3 4 5 6 7 8; do
	"$ANTT" --db "$DB" answer set X002-K03 2024 1.1 không --note "lần $i: $note" > /dev/null
	"$ANTT" --db "$DB" answer set X002-K03 2024 1.1 có > /dev/null
done
"$ANTT" --db "$DB" answer set X002-K03 2024 1.1 không --note "lần cuối: $note" > /dev/null

start
wait_for "Lọc: loại"
keys /
type_text "X002-K03"
keys Enter Enter
wait_for "(X002-K03)"
keys :
type_text "1.1"
keys Enter l
wait_for "Lịch sử tiêu chí 1.1 — Thôn Nam An Phú (mới nhất ở trên)"
# the year once, on the right of the title bar as on every screen
expect_eq "$(screen | head -1 | grep -o 'năm 2024' | wc -l)" "1" "the title says the year once"
# the newest change at the top: the verdict it caused, then the answer itself
top() { screen | sed -n 3,6p | sed 's/^ *//' | tr '\n' ' ' | tr -s ' '; }
case "$(top)" in
*"tiêu chí 1.1: có → không; ghi chú: lần cuối"*) ok "the newest change is at the top";;
*) not_ok "top of the history: $(screen | sed -n 3,6p)";; esac
expect_eq "$(blank_rows 3 21)" "0" "the screen is filled, not half empty"
# when: the officer's calendar and clock (dd/mm/yyyy hh:mm), not the stored UTC text
screen | sed -n 3p | grep -Eq '^ *[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2} ' && ok "the time reads dd/mm/yyyy hh:mm" ||
	not_ok "time of the newest change: $(screen | sed -n 3p)"
# wrapped lines joined again give the whole sentence: no character dropped
joined=$(screen | sed -n '3,22p' | sed 's/^ *//' | tr '\n' ' ' | tr -s ' ')
case "$joined" in
*"tiêu chí 1.1: có → không; ghi chú: lần cuối: $note"*) ok "wrapped at character boundaries, nothing dropped";;
*) not_ok "wrapped text: $joined";; esac
case "$(screen | sed -n '3,22p')" in
*"lần 1:"*) not_ok "the oldest change is on the first screen";;
*) ok "the oldest change is further down";; esac
keys End
wait_for "X002-K03 năm 2024: đăng ký"
expect_eq "$(blank_rows 3 21)" "0" "End shows the last full screen, no run of blank lines"
keys F1
wait_for "Trợ giúp — các phím"
# the history has only the common keys: the help opens at those
expect_eq "$(screen | sed -n 2p | sed 's/ *$//')" " Mọi màn hình" "F1 on the history opens the help at the common keys"
keys Escape
wait_for "Lịch sử tiêu chí "
case "$(screen)" in *"X002-K03 năm 2024: đăng ký"*) ok "F1 and back: the history keeps its place";; *) not_ok "history moved after F1";; esac
# a taller window at the end: the list moves down to fill it (item 8)
resize 40
expect_eq "$(blank_rows 3 37)" "0" "after a resize the history still fills the screen"
resize 24
keys Home
sleep 0.3
case "$(top)" in *"lần cuối"*) ok "Home: back at the newest";; *) not_ok "Home";; esac
keys Escape
wait_for "Kết luận:"
# F1 on the checklist: the help at the checklist's own keys
keys F1
wait_for "Trợ giúp — các phím"
expect_eq "$(screen | sed -n 2p | sed 's/ *$//')" " Phiếu tiêu chí" "F1 on the checklist opens the help at its keys"
keys Escape
wait_for "Kết luận:"
# another criterion's history: its own, loaded again, from its top
keys :
type_text "1.2"
keys Enter l
wait_for "Lịch sử tiêu chí 1.2 — Thôn Nam An Phú (mới nhất ở trên)"
case "$(screen)" in *"lần 1:"*|*"lần cuối"*) not_ok "1.1's changes shown under 1.2";; *) ok "1.2's history holds none of 1.1's changes";; esac
keys Escape
wait_for "Kết luận:"
quit_app
finish
