# End to end in tmux (a reviewer at 80x24, 1/12): nothing typed in a field
# is thrown away without a word — a note begun and left with Esc is not
# saved and the screen says so; a key the field does not use (F10) says
# which keys do; and the search box opens empty, so a second search is
# not added to the first ("hoa binh 2Đức Phổ"), and Enter on it as it
# opens ends the search, as the messages say.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
note_of() { sql "SELECT coalesce(max(note), 'none') FROM answers WHERE criterion = '1.1' AND assessment_id = (SELECT a.id
	FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X002-K03' AND a.year = 2024)"; }
before=$(note_of)

start
wait_for "Lọc: loại"
open_form X002-K03
keys Home Down g
wait_for "Ghi chú:"
type_text "ghi chú dở dang"
keys F10
wait_for "Đang gõ: Enter để ghi, Esc để thôi."
screen_has "ghi chú dở dang" && ok "F10 in the field keeps what was typed" || not_ok "F10 lost the text"
keys Escape
wait_for "Đã thôi: điều vừa gõ không được lưu (muốn ghi thì gõ lại rồi bấm Enter)."
expect_eq "$(note_of)" "$before" "the note left with Esc is not saved"
# Esc on a field where nothing was typed says nothing
keys g
wait_for "Ghi chú:"
keys Escape
sleep 0.3
case "$(screen)" in *"Đã thôi"*) not_ok "a message for a field left untouched";; *) ok "no message for a field left untouched";; esac
keys Escape
wait_for "Lọc: loại"

# two searches: the second replaces the first
keys /
type_text "hoa binh"
keys Enter
wait_for "Tìm thấy"
keys /
type_text "an phu"
keys Enter
wait_for "Tìm thấy"
screen_has "tìm: an phu " && ok "the second search replaces the first" || not_ok "filter line: $(screen | grep '^ Lọc')"
keys / Enter
wait_for "Đã bỏ tìm."
quit_app && ok "quits" || not_ok "still running"
exit $failed
