# End to end in tmux (issue 13, item 4): a data-entry officer is refused
# unit edits (add, rename, move, retire, exclude) and the reviewer's score
# at the first key, with the reason and what to do, and is never led
# through the inputs. The Vietnamese sentence typed after each refusal
# changes nothing (checked through the command line).
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "$DB" user add qt "Nguyễn Quản Trị" --role admin > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=canbo123 "$ANTT" --db "$DB" user add canbo "Trần Văn Nam" --role entry > /dev/null
sentence="xã đã họp dân, không có vụ việc nào, mời trưởng thôn ký biên bản ngày 5 tháng 3"
state() {
	ANTT_USER=qt ANTT_PASSWORD=quantri1 "$ANTT" --db "$DB" unit list --all
	ANTT_USER=qt ANTT_PASSWORD=quantri1 "$ANTT" --db "$DB" score show X001-CQ02 2024
	sql "SELECT count(*) FROM audit"
}
before=$(state)

start
login_as canbo canbo123
wait_for "Xin chào canbo (cán bộ nhập liệu)."
search_units "X001-CQ02"
wait_for "Tìm thấy 1 đơn vị"

# key, what the core calls the action
for pair in "a:thêm đơn vị" "r:đổi tên đơn vị" "m:chuyển đơn vị" "d:giải thể đơn vị" "x:đánh dấu đơn vị"; do
	key=${pair%%:*} what=${pair#*:}
	keys "$key"
	wait_for "Việc $what dành cho quản trị: hãy nhờ người quản trị làm."
	wait_for "Esc Tiếp tục"
	s=$(screen)
	case "$s" in *"Tên mới:"*|*"mã mới:"*|*"Mã đơn vị cấp trên"*|*"Ngày giải thể"*|*"gõ c rồi Enter"*)
		not_ok "$key opened an input for an officer who may not use it";;
	*) ok "$key opens no input for an officer who may not use it";; esac
	type_text "$sentence"
	sleep 0.3
	keys Escape
	sleep 0.2
	expect_eq "$(state)" "$before" "$key: the sentence typed after the refusal changed nothing"
done

# the reviewer's score on the score sheet, refused at r
keys Enter
wait_for "(X001-CQ02)"
keys F3
wait_for "Chấm điểm — Trạm Y tế xã Hòa Bình (X001-CQ02)"
keys r
wait_for "Việc chấm điểm của cấp trên dành cho lãnh đạo duyệt: hãy nhờ lãnh đạo làm."
s=$(screen)
case "$s" in *"Điểm cấp trên chấm"*|*"Lãnh đạo duyệt đăng nhập"*) not_ok "r opened an input for an entry officer";;
*) ok "r opens no input for an entry officer";; esac
type_text "$sentence"
sleep 0.3
keys Escape
sleep 0.2
expect_eq "$(state)" "$before" "r: the sentence typed after the refusal changed nothing"
# after Esc the keys work again: the self-score is the officer's own
keys Enter
wait_for "Điểm tự chấm"
keys Escape
quit_app
finish
