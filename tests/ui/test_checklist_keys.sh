# End to end in tmux: the checklist keys of issue 13 — undo (u, Ctrl-Z)
# checked against the CLI, what "*" filled, the jump to a code (:), the
# scroll after a resize, and the leader's reason on a returned form.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
leaders
sql "DELETE FROM answers WHERE assessment_id = (SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id
	WHERE u.code = 'X002-K03' AND a.year = 2024)"
value_of() { sql "SELECT CASE WHEN x.id IS NULL THEN 'none' ELSE quote(x.value) END FROM assessments a JOIN units u ON u.id = a.unit_id
	LEFT JOIN answers x ON x.assessment_id = a.id AND x.criterion = '$1' WHERE u.code = 'X002-K03' AND a.year = 2024"; }
count_2024() { sql "SELECT count(*) FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id
	WHERE u.code = 'X002-K03' AND a.year = 2024"; }
# wait_value CRITERION VALUE: until the database holds it (the message
# "Đã lưu" of the change before may still be on the screen)
wait_value() {
	i=0
	while [ "$(value_of "$1")" != "$2" ] && [ $i -lt $((100 * SLOW)) ]; do sleep 0.05; i=$((i + 1)); done
}
note_of() { sql "SELECT note FROM answers WHERE criterion = '$1' AND assessment_id = (SELECT a.id FROM assessments a
	JOIN units u ON u.id = a.unit_id WHERE u.code = 'X002-K03' AND a.year = 2024)"; }
shown() { "$ANTT" --db "$DB" assess show X002-K03 2024 | grep -E "^ +$1 "; }

start
wait_for "Lọc: loại"
keys /
type_text "X002-K03"
keys Enter Enter
wait_for "(X002-K03)"

# item 3: undo, one step per key, newest first; each undo is stored
keys u
wait_for "Không còn gì để hoàn tác trên phiếu này"
keys Home Down c
wait_for "Đã lưu tiêu chí 1.1."
keys g
wait_for "Ghi chú:"
type_text "đã họp chi bộ"
keys Enter
wait_for "Ghi chú: đã họp chi bộ"
keys k
wait_value 1.1 0
expect_eq "$(value_of 1.1)" "0" "1.1 saved as không"
keys u
wait_for "Đã hoàn tác tiêu chí 1.1: trở lại «có»."
expect_eq "$(value_of 1.1)" "1" "undo: 1.1 is có again in the database"
case "$(shown 1.1)" in *" có "*) ok "undo: antt assess show shows 1.1 có";; *) not_ok "assess show: $(shown 1.1)";; esac
expect_eq "$(note_of 1.1)" "đã họp chi bộ" "the note kept"
keys C-z                                           # the note step: value có, note empty
i=0
while [ -n "$(note_of 1.1)" ] && [ $i -lt $((100 * SLOW)) ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "$(note_of 1.1)" "" "Ctrl-Z: the note is undone"
wait_for "Đã hoàn tác tiêu chí 1.1: trở lại «có»."
keys u
wait_for "Đã hoàn tác tiêu chí 1.1: trở lại «chưa trả lời»."
expect_eq "$(value_of 1.1)" "none" "undo: 1.1 has no answer again"
case "$(shown 1.1)" in *" có "*|*" không "*) not_ok "assess show still answers 1.1: $(shown 1.1)";; *) ok "antt assess show: 1.1 unanswered";; esac
keys u
wait_for "Không còn gì để hoàn tác trên phiếu này"   # every step undone: not "nothing edited"
wait_for "Esc Tiếp tục"     # nothing to undo is a refusal: typed keys are held until Esc
keys Escape
sleep 0.3
n=$("$ANTT" --db "$DB" audit --unit X002-K03 --year 2024 --criterion 1.1 | grep -c .)
[ "$n" -ge 5 ] && ok "every change and every undo is in the audit ($n lines)" || not_ok "audit has $n lines"

# item 17: "*" names the values it filled that are more than a plain có; one undo takes it back
keys '*'
wait_for "Đã điền: 1.2 = 100 % — hãy kiểm tra"
wait_for "Kết luận: ĐẠT"
keys u
wait_for "Đã hoàn tác «Đạt hết»: 16 tiêu chí trở lại như trước."
expect_eq "$(count_2024)" "0" "undo of * removes every answer it wrote"

# item 15: ":" and a code, typed loosely; an unknown code is said plainly; Esc cancels
keys :
wait_for "Đến tiêu chí — mã"
type_text " 4B "
keys Enter
keys c
wait_for "Đã lưu tiêu chí 4b."
expect_eq "$(value_of 4b)" "1" "after : 4b, c answers 4b"
keys :
# under wine a typed "đ" right after ":" opened the prompt was now and then
# lost (CI, and once alone); the mapping đ→dd is the same C on both, tested
# here on Linux; typing Vietnamese under wine: tests/windows/test_typing.sh
if [ -n "${ANTT_WINDOWS:-}" ]; then type_text "3dd"; else type_text "3đ"; fi
keys Enter
keys k
wait_for "Đã lưu tiêu chí 3dd."
expect_eq "$(value_of 3dd)" "0" ": 3đ finds 3dd"
keys :
type_text "4z"
keys Enter
wait_for "Không có tiêu chí «4z» trong phiếu này."
keys Escape
sleep 0.3
keys c
wait_for "Đã lưu tiêu chí 3dd."
expect_eq "$(value_of 3dd)" "1" "Esc after an unknown code stays on 3dd"

# item 8: after a resize the selection is visible and the screen full:
# at the end of a short window, then a tall one, the list must not stay
# scrolled with blank lines under the last criterion
keys End
wait_for " 5.2 "
resize 40
expect_eq "$(blank_rows 3 37)" "0" "taller window: no blank lines above the verdict"
case "$(screen)" in *" 5.2 "*) ok "taller window: the selected criterion is visible";; *) not_ok "5.2 not on the taller screen";; esac
resize 24
expect_eq "$(blank_rows 3 21)" "0" "back to 24 rows: no blank lines above the verdict"
case "$(screen)" in *" 5.2 "*) ok "the selected last criterion is visible";; *) not_ok "5.2 not on screen";; esac
quit_app

# item 13: a returned form shows the leader's reason on the checklist
"$ANTT" --db "$DB" answer set X002-K03 2024 '*' đạt > /dev/null
"$ANTT" --db "$DB" submit X002-K03 2024 > /dev/null
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 "$ANTT" --db "$DB" return X002-K03 2024 \
	--reason "Thiếu biên bản họp thôn quý I; bổ sung số hộ đăng ký theo danh sách của tổ trưởng" > /dev/null
start
wait_for "(X002-K03)"
wait_for "trả lại · Khu dân cư"
wait_for "Lãnh đạo trả lại phiếu — lý do: Thiếu biên bản họp thôn quý I; bổ sung số hộ"
wait_for "đăng ký theo danh sách của tổ trưởng"
quit_app

# undo on a form that was submitted since: refused with the reason, nothing changed
start
wait_for "(X002-K03)"
keys : 
type_text "2"
keys Enter k
wait_for "Đã lưu tiêu chí 2."
"$ANTT" --db "$DB" submit X002-K03 2024 > /dev/null
keys u
wait_for "Không hoàn tác được: phiếu của Thôn Nam An Phú năm 2024 đã trình"
expect_eq "$(value_of 2)" "0" "a refused undo changes nothing"
quit_app
finish
