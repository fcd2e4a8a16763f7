# End to end in tmux: [ and ] into a year with no form at all say so (the
# list alone, every unit "chưa đánh giá", did not say whether that was the
# year or the filters), and the way back; a year with forms says nothing.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null   # forms in 2023 and 2024

start
wait_for "Lọc: loại"
wait_for "năm 2024"
keys '['
wait_for "năm 2023"
sleep 0.5
screen_has "chưa có phiếu nào" && { out=$(screen); not_ok "2023 has forms, yet said to have none"; } ||
	ok "a year with forms: no word"
keys '['
wait_for "Năm 2022 chưa có phiếu nào: mọi đơn vị chưa đánh giá; ] về năm sau."
ok "[ into a year of no form says so, and ] the way back"
keys ']' ']' ']'
wait_for "Năm 2025 chưa có phiếu nào: mọi đơn vị chưa đánh giá; [ về năm trước."
ok "] into a year of no form says so, and [ the way back"
keys '['
wait_for "năm 2024"
sleep 0.5
screen_has "chưa có phiếu nào" && { out=$(screen); not_ok "the word stays in 2024"; } ||
	ok "back in 2024 the word is gone"
quit_app
exit $failed
