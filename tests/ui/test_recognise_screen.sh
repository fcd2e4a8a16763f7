# End to end in tmux (issue 14, on screen): a leader marks units in the
# list (Space), records one recognition decision for them (c: number,
# date, authority, signer), and submits / approves every complete form
# below a commune (F6 / F7) after a confirmation that gives the count. A
# data-entry officer is refused c and F7 at the first key, and the
# Vietnamese sentence typed after the refusal changes nothing; Esc in the
# middle of the decision changes nothing; a decision naming a unit that is
# not approved đạt is refused whole, with the reason in the errors list.
# The database is checked with the command line.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "$DB" user add qt "Nguyễn Quản Trị" --role admin > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=canbo123 "$ANTT" --db "$DB" user add canbo "Trần Văn Nam" --role entry > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=lanhdao1 "$ANTT" --db "$DB" user add lanhdao "Lê Văn Bình" --role reviewer > /dev/null
sentence="xã đã họp dân, không có vụ việc nào, mời trưởng thôn ký biên bản ngày 5 tháng 3"
under_x001() { sql "SELECT a.status || ' ' || count(*) FROM assessments a JOIN units u ON u.id = a.unit_id
	WHERE a.year = 2024 AND (u.code = 'X001' OR u.code LIKE 'X001-%') GROUP BY a.status ORDER BY a.status"; }
state() {
	ANTT_USER=qt ANTT_PASSWORD=quantri1 "$ANTT" --db "$DB" recognise list 2024
	under_x001
	sql "SELECT count(*) FROM audit"
}
marked_rows() { screen | grep -c '^\*'; }
before=$(state)

# --- a data-entry officer: c and F7 refused at the first key --------------
start
login_as canbo canbo123
wait_for "Xin chào canbo (cán bộ nhập liệu)."
find_unit "X001"
for pair in "c:ghi quyết định công nhận" "F7:duyệt"; do
	key=${pair%%:*} what=${pair#*:}
	keys Space
	keys "$key"
	wait_for "Việc $what dành cho lãnh đạo duyệt: hãy nhờ lãnh đạo làm."
	s=$(screen)
	case "$s" in *"Số quyết định"*|*"gõ c rồi Enter"*)
		not_ok "$key opened an input for an officer who may not use it";;
	*) ok "$key opens no input for an officer who may not use it";; esac
	type_text "$sentence"
	sleep 0.3
	keys Escape
	sleep 0.2
	expect_eq "$(state)" "$before" "$key: the sentence typed after the refusal changed nothing"
	keys Escape     # the mark made with Space goes
	sleep 0.2
	expect_eq "$(marked_rows)" "0" "$key: Esc in the list clears the marks"
done

# F6 is the officer's: the count first, Esc changes nothing, c Enter submits
find_unit "X001"
keys F6
wait_for "Trình 12 phiếu đã nhập xong của Xã Hòa Bình?"
wait_for "Đồng ý? (gõ c rồi Enter; Esc: thôi)"
keys Escape
wait_for "Lọc: loại"
expect_eq "$(state)" "$before" "Esc at the confirmation submits nothing"
keys F6
wait_for "Trình 12 phiếu đã nhập xong của Xã Hòa Bình?"
type_text "c"
keys Enter
wait_for "Đã trình 12 phiếu. Bỏ qua 1: 1 chưa nhập xong."
expect_eq "$(under_x001 | tr '\n' ';')" "draft 1;submitted 12;" "the 12 complete forms of Xã Hòa Bình are submitted"
keys F6
wait_for "Xã Hòa Bình: không có phiếu nào đã nhập xong để trình."
case "$(screen)" in *"Đồng ý?"*) not_ok "F6 asks with nothing to submit";; *) ok "F6 with nothing to submit asks nothing";; esac
quit_app

# --- a leader, login off: F7 approves below, after a proven login -------
ANTT_USER=qt ANTT_PASSWORD=quantri1 "$ANTT" --db "$DB" settings login_required 0 > /dev/null
start ANTT_USER=canbo
wait_for "Lọc: loại"
find_unit "X001"
keys F7
leader_login lanhdao lanhdao1
wait_for "Duyệt 12 phiếu đã trình của Xã Hòa Bình?"
type_text "c"
keys Enter
wait_for "Đã duyệt 12 phiếu. Bỏ qua 1: 1 chưa trình lãnh đạo."
expect_eq "$(under_x001 | tr '\n' ';')" "approved 12;draft 1;" "the 12 submitted forms are approved"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE who = 'lanhdao' AND json_extract(new_value, '$.status') = 'approved'")" \
	"12" "the approvals are recorded under the proven leader"
# nothing left to approve: said at once, no leader asked to log in for nothing
keys F7
wait_for "Xã Hòa Bình: không có phiếu nào đã trình đang chờ duyệt."
case "$(screen)" in *"đăng nhập"*) not_ok "F7 with nothing to approve asks for a login";; *) ok "F7 with nothing to approve asks no login";; esac
find_unit "X001-CQ01"
keys F7
wait_for "Ủy ban nhân dân xã Hòa Bình không có đơn vị trực thuộc: mở phiếu (Enter)"
case "$(screen)" in *"đăng nhập"*) not_ok "F7 on a unit with none below asks for a login";; *) ok "F7 on a unit with none below asks no login";; esac
keys c              # nothing marked yet: said at once, no login asked
wait_for "Chưa đánh dấu đơn vị nào: chọn đơn vị, bấm Space để đánh dấu, rồi bấm c."
case "$(screen)" in *"đăng nhập"*) not_ok "c with no marks asks for a login";; *) ok "c with no marks asks no login";; esac

# --- marks, and one decision for the marked units -------------------------
keys /
keys C-u
type_text "X001-"
keys Enter
wait_for "Tìm thấy 13 đơn vị"
keys Home Down     # Xã Hòa Bình, then X001-CQ01: approved chưa đạt
keys Space Space Space
wait_for "Đã đánh dấu 3 đơn vị. c: ghi quyết định công nhận"
case "$(row_of X001-CQ01)$(row_of X001-CQ02)$(row_of X001-DN01)" in
"*"*"*"*"*"*) ok "marked rows start with *";; *) not_ok "marks: '$(row_of X001-CQ01)'";; esac
expect_eq "$(marked_rows)" "3" "three rows marked"
before=$(state)

# Esc in the middle of the decision: nothing recorded, the marks stay
keys c
leader_login lanhdao lanhdao1
wait_for "Một quyết định cho 3 đơn vị đã đánh dấu, năm 2024."
wait_for "Số quyết định công nhận (ví dụ 45/QĐ-UBND):"
type_text "45/QĐ-UBND"
keys Enter
wait_for "Ngày quyết định (ngày/tháng/năm):"
type_text "31/11/2024"
keys Enter
wait_for "tháng 11 năm 2024 chỉ có 30 ngày"
keys C-u
type_text "10/11/2024"
keys Enter
wait_for "Cơ quan ban hành (ví dụ Chủ tịch UBND xã Hòa Bình):"
keys Escape
sleep 0.3
expect_eq "$(state)" "$before" "Esc in the middle of the decision records nothing"
expect_eq "$(marked_rows)" "3" "the marks stay after Esc at a prompt"

# a unit not approved đạt: the whole decision is refused, the reason listed
keys c
leader_login lanhdao lanhdao1
wait_for "Số quyết định công nhận"
type_text "45/QĐ-UBND"
keys Enter
type_text "10/11/2024"
keys Enter
wait_for "Cơ quan ban hành"
type_text "Chủ tịch UBND xã Hòa Bình"
keys Enter
wait_for "Người ký (để trống nếu không ghi):"
type_text "Nguyễn Văn An"
keys Enter
wait_for "Không ghi được quyết định công nhận — chưa ghi gì"
wait_for "Quyết định số 45/QĐ-UBND chưa được ghi: có đơn vị không công nhận được."
wait_for "Ủy ban nhân dân xã Hòa Bình (X001-CQ01) năm 2024: kết luận là \"chưa đạt\";"
expect_eq "$(state)" "$before" "a refused decision writes nothing (all or nothing)"
keys Escape
wait_for "Quyết định chưa được ghi. Bỏ đánh dấu các đơn vị bị từ chối (Space) rồi bấm c."
wait_for "Esc Tiếp tục"
type_text "$sentence"
sleep 0.3
keys Escape      # ends the refusal only: the marks stay
sleep 0.3
case "$(screen)" in *"Số quyết định"*|*"gõ c rồi Enter"*|*"mã mới"*) not_ok "the sentence opened an input";;
*) ok "the sentence after the refusal opened nothing";; esac
expect_eq "$(state)" "$before" "the sentence typed after the refused decision changed nothing"
expect_eq "$(marked_rows)" "3" "the marks stay after a refusal"

# unmark the refused unit, record again: two units, one decision
keys Home Down Space
wait_for "Đã đánh dấu 2 đơn vị."
keys c
leader_login lanhdao lanhdao1
wait_for "Số quyết định công nhận"
type_text "45/QĐ-UBND"
keys Enter
type_text "10/11/2024"
keys Enter
wait_for "Cơ quan ban hành (ví dụ Chủ tịch UBND xã Hòa Bình): Chủ tịch UBND xã Hòa Bình"   # kept from before
keys Enter
wait_for "Người ký"
type_text "Nguyễn Văn An"
keys Enter
wait_for "Đã ghi quyết định số 45/QĐ-UBND: 2 đơn vị được công nhận năm 2024."
expect_eq "$(marked_rows)" "0" "the marks are cleared after recording"
case "$(row_of X001-CQ02)" in *"đạt · công nhận"*) ok "the list shows the unit recognised";;
*) not_ok "row: '$(row_of X001-CQ02)'";; esac
quit_app
out=$(ANTT_USER=qt ANTT_PASSWORD=quantri1 "$ANTT" --db "$DB" recognise list 2024 --under X001)
expect_eq "$out" "Quyết định số 45/QĐ-UBND ngày 10/11/2024 của Chủ tịch UBND xã Hòa Bình, người ký: Nguyễn Văn An
  X001-CQ02      Trạm Y tế xã Hòa Bình (Cơ quan)
  X001-DN01      Công ty TNHH May mặc Hòa Bình (Doanh nghiệp)" "antt recognise list shows the decision and its two units"
expect_eq "$(sql "SELECT count(*) FROM recognitions r JOIN decisions d ON d.id = r.decision_id WHERE d.number = '45/QĐ-UBND' AND d.authority = 'Chủ tịch UBND xã Hòa Bình'")" \
	"2" "both units under one decision"
finish
