# End to end in tmux (issue 13, item 1): after a refused action, the
# sentence the officer goes on typing must never run as commands. A refusal
# holds typed letters until Esc or Enter; no answer changes.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
answers() { sql "SELECT count(*) || ':' || coalesce(group_concat(x.criterion || '=' || quote(x.value), ','), '') FROM answers x
	JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id WHERE u.code = '$1' AND a.year = 2024"; }
sql "DELETE FROM answers WHERE assessment_id = (SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id
	WHERE u.code = 'X002-K03' AND a.year = 2024)"
sentence="khong co vu viec nao, da hop ngay 5 thang 3 tai nha van hoa thon"

start
wait_for "Lọc: loại"
keys /
type_text "X002-K03"
keys Enter Enter
wait_for "(X002-K03)"
# a note on a criterion not yet answered is refused; the note typed after it is not a list of keys
keys Home Down
keys g
wait_for "Esc Tiếp tục"
type_text "$sentence"
sleep 0.3
expect_eq "$(answers X002-K03)" "0:" "a sentence typed after a refused note changes no answer"
keys Escape
sleep 0.2
expect_eq "$(answers X002-K03)" "0:" "Esc only ends the refusal"
wait_for "(X002-K03)"

# Enter on a yes/no criterion (issue 13, item 2): an editor that shows the
# options and changes nothing until one is chosen
value_of() { sql "SELECT quote(x.value) FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id
	WHERE u.code = 'X002-K03' AND a.year = 2024 AND x.criterion = '$1'"; }
keys '*'
wait_for "Kết luận: ĐẠT"
keys Home Down Enter
wait_for "1.1: 1 có · 2 không (Esc: thôi)"
expect_eq "$(value_of 1.1)" "1" "Enter alone changes nothing"
keys Enter
wait_for "Không đổi gì."
expect_eq "$(value_of 1.1)" "1" "Enter twice (an Excel habit) changes nothing either"
keys Enter
wait_for "1.1: 1 có · 2 không"
type_text "2"
keys Enter
wait_for "Đã lưu tiêu chí 1.1."
expect_eq "$(value_of 1.1)" "0" "choosing 2 stores không"

# a locked (submitted) checklist: a refused answer, then typing
quit_app
"$ANTT" --db "$DB" answer set X002-K04 2024 '*' đạt > /dev/null
"$ANTT" --db "$DB" submit X002-K04 2024 > /dev/null
before=$(answers X002-K04)
start
wait_for "(X002-K03)"
keys Escape
wait_for "Lọc: loại"
keys /
type_text "X002-K04"
keys Enter Enter
wait_for "đã trình (khóa)"
keys Home Down Down k
wait_for "Esc Tiếp tục"
type_text "$sentence"
sleep 0.3
expect_eq "$(answers X002-K04)" "$before" "typing after a refused answer on a locked checklist changes nothing"
keys Escape
keys F1
wait_for "Trợ giúp"            # after Esc the keys work again
quit_app
finish
