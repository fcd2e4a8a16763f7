# End to end in tmux: a long note on the selected criterion is shown on up
# to three rows at 80 columns, the last cut with "…" (g opens it in its
# editor, l shows it whole); a short one on one row; the criteria below move
# down to make room and none is drawn over. Cut to one row, the second
# sentence of an officer's note never reached the screen.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
long="Thôn đã tổ chức ký cam kết cho 312/315 hộ gia đình; ba hộ vắng nhà đi làm ăn xa, sẽ ký bổ sung khi về quê dịp Tết. Biên bản họp thôn ngày 12/3 lưu tại nhà văn hóa, bản sao gửi Công an xã ngày 15/3. Trưởng thôn xác nhận."
"$ANTT" --db "$DB" answer set X001-K01 2024 1.1 đạt --note "$long" > /dev/null
"$ANTT" --db "$DB" answer set X001-K01 2024 1.2 100 --note "đủ hộ" > /dev/null
url="https://congan.nghean.gov.vn/vanban/2024/quyet-dinh-cong-nhan-khu-dan-cu-an-toan-ve-an-ninh-trat-tu.pdf"
"$ANTT" --db "$DB" answer set X001-K01 2024 2 đạt --note "$url bản chụp" > /dev/null

start
wait_for "Lọc: loại"
open_form X001-K01
keys Home Down
wait_for "Ghi chú: Thôn đã tổ chức ký cam kết"
screen_has "vắng nhà đi làm ăn xa, sẽ ký bổ sung" && ok "the note's second row is shown" ||
	{ out=$(screen); not_ok "the note is cut to one row"; }
case "$(row_of "họp thôn ngày 12/3")" in *"…") ok "its third row ends cut, with …";;
	*) out=$(screen); not_ok "the third row: $(row_of "họp thôn ngày 12/3")";; esac
screen_has "Trưởng thôn xác nhận" && not_ok "more than three rows of the note" || ok "no more than three rows"
n=$(screen | grep -n "Ghi chú: Thôn" | cut -d: -f1)
m=$(screen | grep -n "Tỷ lệ hộ gia đình đăng ký" | cut -d: -f1)
expect_eq "$((m - n))" "3" "1.2 comes right after the note's three rows"
keys Down
wait_for "Ghi chú: đủ hộ"
screen_has "vắng nhà đi làm ăn xa" && not_ok "the note stays on the item left" || ok "the note goes with the selection"
n=$(screen | grep -n "Ghi chú: đủ hộ" | cut -d: -f1)
m=$(screen | grep -n " 2  " | head -1 | cut -d: -f1)
expect_eq "$((m - n))" "1" "a short note takes one row"
keys Up g
wait_for "Trưởng thôn xác nhận."
case "$(screen | grep "^Ghi chú:")" in *"Trưởng thôn xác nhận."*) ok "g shows the note's end in its editor";;
	*) not_ok "the editor: $(screen | grep "^Ghi chú:")";; esac
keys Escape

# a note longer than the editor holds (400 characters: one from the command
# line) is not opened in it: the editor kept its first 400 characters, and
# Enter saved them over the whole note
huge=$(i=1; while [ $i -le 17 ]; do printf 'Câu thứ %d của ghi chú rất dài. ' $i; i=$((i + 1)); done; printf 'Hết.')
"$ANTT" --db "$DB" answer set X001-K01 2024 1.2 100 --note "$huge" > /dev/null
note_len() { sql "SELECT length(note) FROM answers WHERE criterion = '1.2' AND assessment_id = (SELECT a.id
	FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X001-K01' AND a.year = 2024)"; }
before=$(note_len)
[ "$before" -gt 400 ] && ok "a note of $before characters stored" || not_ok "the note stored: $before characters"
quit_app
start   # back on the checklist left
wait_for "Phiếu tiêu chí — Thôn Đông Hòa Bình (X001-K01)"
keys Home Down Down
wait_for "Ghi chú: Câu thứ 1"
keys g
wait_for "dài $before ký tự, quá 400 ký tự ô gõ chứa được"
keys Escape
sleep 0.5
expect_eq "$(note_len)" "$before" "after the refusal the whole note is kept"
keys l
wait_for "Lịch sử tiêu chí 1.2"
wait_for "Câu thứ 17 của ghi chú rất dài. Hết."
keys Escape

# a full field takes no more keys, and says so (they were dropped without a word)
keys Up g
wait_for "Trưởng thôn xác nhận."   # 1.1's note, its end in the editor
keys C-u
type_text "$(i=0; while [ $i -lt 41 ]; do printf 'abcdefghij'; i=$((i + 1)); done)"
wait_for "Ô gõ đã đủ 400 ký tự: chữ gõ thêm không được nhận"
keys Escape
wait_for "Đã thôi"
expect_eq "$(sql "SELECT note FROM answers WHERE criterion = '1.1' AND assessment_id = (SELECT a.id
	FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X001-K01' AND a.year = 2024)")" "$long" \
	"Esc on the full field: the note as it was"

# a word longer than the row (a link) begins on the label's row, broken
# where the row ends: "Ghi chú:" alone on the first row left the note one
# row less
keys Home Down Down Down
wait_for "Ghi chú: https://congan.nghean.gov.vn"
screen_has "bản chụp" && ok "a note of one long word and more fits its rows" ||
	{ out=$(screen); not_ok "the end of a note led by a long word"; }
quit_app
exit $failed
