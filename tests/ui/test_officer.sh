# End to end in tmux: issue 13 read whole by an officer. After every refusal
# the screens make (a note before an answer, submitting an unfinished form,
# a leader's key without a leader, an answer on a locked form, nothing to
# undo, opening a unit that is not assessed, a reviewer's score) a whole
# Vietnamese sentence is typed — letters, digits, ':' and '/' that are keys
# elsewhere — and nothing in the database changes (item 1). The screens
# say whom to ask, not a command line (item 10); Esc is not offered where
# there is nothing to go back to (item 14); the unit list gives the name the
# room there is (item 5); the welcome screen offers a long path back whole.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
sql "DELETE FROM answers WHERE assessment_id = (SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id
	WHERE u.code = 'X002-K03' AND a.year = 2024)"
"$ANTT" --db "$DB" answer set X002-K04 2024 '*' đạt > /dev/null
"$ANTT" --db "$DB" submit X002-K04 2024 > /dev/null
sentence="Ủy ban xã đã họp ngày 5/3: không có vụ việc nào, 100% hộ ký cam kết, mời anh Tuấn xem lại."
# everything a key could change: answers, notes, workflow, units, scores, registers, the audit
state() {
	sql "SELECT count(*), coalesce(sum(length(coalesce(value, '')) + length(coalesce(note, ''))), 0) FROM answers;
	     SELECT group_concat(status, ',') FROM (SELECT status FROM assessments ORDER BY id);
	     SELECT count(*), group_concat(excluded, '') FROM units;
	     SELECT count(*) FROM audit"
}
# refused WHAT: the refusal holds typed keys; the sentence typed then, and
# Esc, change nothing
refused() {
	wait_for "Esc Tiếp tục"
	type_text "$sentence"
	sleep 0.4
	keys Escape
	sleep 0.2
	expect_eq "$(state)" "$before" "$1: the sentence typed after the refusal changed nothing"
}
open_unit() {
	keys /
	keys C-u
	type_text "$1"
	keys Enter
	wait_for "Tìm thấy 1 đơn vị"
	keys Home Enter
	wait_for "($1)"
}
# wait_msg TEXT: TEXT on the screen, maybe wrapped over the message rows
wait_msg() {
	i=0
	while [ $i -lt $((100 * SLOW)) ]; do
		screen | sed 's/ *$//' | tr '\n' ' ' | grep -qF -- "$1" && { ok "screen shows: $1"; return 0; }
		sleep 0.05
		i=$((i + 1))
	done
	out=$(screen)
	not_ok "screen never showed: $1"
}
before=$(state)

start
wait_for "Lọc: loại"
# the unit list: the first screen has no Esc in its bar; names get the room
s=$(screen | tail -1)
case "$s" in *Esc*) not_ok "the unit list's bar offers Esc with nothing to go back to";;
*) ok "the unit list's bar does not offer Esc";; esac
wait_for "     Công ty TNHH May mặc Hòa Bình "   # 29 characters with its indent: whole at 80 columns
keys Home
keys Enter
wait_for "không đánh giá theo tiêu chuẩn"
refused "Enter on the district (not assessed)"

open_unit X002-K03
keys Home Down g
wait_for "Hãy trả lời tiêu chí 1.1 trước, rồi ghi chú."
refused "g before an answer"
keys Home Enter
wait_for "gồm các ý bên dưới"
refused "Enter on a group of criteria"
keys u
wait_for "Không còn gì để hoàn tác"
refused "u with nothing to undo"
keys F6
wait_for "chưa trình được"
refused "F6 on an unfinished form"
keys F7
wait_msg "Hãy nhờ người quản trị tạo tài khoản lãnh đạo duyệt."
s=$(screen)
case "$s" in *"antt user"*|*"--role"*) not_ok "F7 shows a command line";; *) ok "F7 says whom to ask, not a command";; esac
refused "F7 with no leader's account"
keys F8
wait_msg "Hãy nhờ người quản trị tạo tài khoản lãnh đạo duyệt."
refused "F8 with no leader's account"
keys F3
wait_for "Chấm điểm — "
keys r
wait_msg "Hãy nhờ người quản trị tạo tài khoản lãnh đạo duyệt."
refused "r (reviewer's score) with no leader's account"
# the score sheet's figures sit under their headings (display width, not bytes)
keys Enter
wait_for "Điểm tự chấm"
type_text "2,5"
keys Enter
wait_for "Đã lưu điểm mục 1."
before=$(state)
end_of() { "$PY" -c 'import sys; l, w = sys.argv[1], sys.argv[2]; i = l.find(w); print(i + len(w) if i >= 0 else -1)' "$1" "$2"; }
PY=/usr/bin/python3
if [ -x "$PY" ]; then
	head=$(row_of "Tự chấm") row=$(row_of " 2,5")
	expect_eq "$(end_of "$row" "2,5")" "$(end_of "$head" "Tự chấm")" "the self-score ends under the end of its heading"
	max_end=$("$PY" -c 'import sys; l = sys.argv[1]; i = l.find(" 2,5"); m = l[:i].rstrip(); print(len(m))' "$row")
	expect_eq "$max_end" "$(end_of "$head" "Chuẩn")" "the maximum ends under the end of its heading"
else
	echo "ok - score columns # SKIP no /usr/bin/python3 here"
fi
keys Escape
wait_for "(X002-K03)"
keys Escape
wait_for "Lọc: loại"

# a submitted form is locked: every key that would change it is refused
open_unit X002-K04
wait_for "đã trình (khóa)"
for k in c k e '*' DC; do
	keys Home Down Down "$k"
	refused "$k on a submitted form"
done
keys Escape
wait_for "Lọc: loại"

# a long unit name: the history's title keeps the criterion (it comes first)
open_unit X004-DN01
keys :
wait_for "Đến tiêu chí — mã"
type_text "1.3"
keys Enter
sleep 0.3
keys l
wait_for "Lịch sử tiêu chí 1.3 — Công ty TNHH"
keys Escape
wait_for "(X004-DN01)"
keys Escape
wait_for "Lọc: loại"

# Enter on a choice (item 2): every option shown, nothing changes until one is typed
value_of() { sql "SELECT quote(x.value) FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id
	WHERE u.code = '$1' AND a.year = 2024 AND x.criterion = '$2'"; }
open_unit X001-GD01
keys :
wait_for "Đến tiêu chí — mã"
type_text "5"
keys Enter
sleep 0.3
keys Enter
wait_for "1 Đạt · 2 Không có lực lượng bảo vệ · 3 Không đạt"
expect_eq "$(value_of X001-GD01 5)" "'Đạt'" "Enter on a choice changes nothing"
keys Enter
wait_for "Không đổi gì."
expect_eq "$(value_of X001-GD01 5)" "'Đạt'" "Enter twice changes nothing either"
keys Enter
wait_for "1 Đạt · 2 Không có lực lượng bảo vệ · 3 Không đạt"
type_text "7"
keys Enter
wait_for "Chọn số từ 1 đến 3: 1 Đạt"    # a wrong number: the options stay in sight
keys C-u
type_text "3"
keys Enter
wait_for "Đã lưu tiêu chí 5."
expect_eq "$(value_of X001-GD01 5)" "'Không đạt'" "3 stores the third option"
keys Escape
wait_for "Lọc: loại"

# the registers: a long model name is stored whole (the dialog kept 127 bytes)
model="Mô hình tự quản về an ninh trật tự kết hợp camera giám sát và tổ liên gia tự quản của khu dân cư số một xã Hòa Bình"
find_unit X001
keys o
wait_for "Sổ theo dõi phong trào — Xã Hòa Bình (X001)"
keys m
wait_for "Tên mô hình:"
type_text "$model"
keys Enter
wait_for "Loại mô hình (gõ số trong danh sách):"
type_text "1"
keys Enter
wait_for "Năm bắt đầu:"
keys Enter
wait_for "Số điểm, số tổ, số thành viên:"
keys C-u
type_text "2 1 18"
keys Enter
wait_for "Đã ghi mô hình."
expect_eq "$(sql "SELECT count(*) FROM models WHERE name = '$model'")" "1" "a long model name (${#model} bytes) stored whole"
keys Escape
wait_for "Lọc: loại"

# F5: a report to a long path goes to that path, not to its first 127 bytes
deep="$T/$(printf 'bao-cao-cong-an-huyen-%s/' 1 2 3 4 5 6 7)"
mkdir -p "$deep"
keys F5
wait_for "Báo cáo năm:"
keys Enter
wait_for "Lưu vào tệp:"
keys C-u
type_text "${deep}bao-cao-2024.xlsx"
keys Enter
wait_msg "Đã ghi báo cáo năm 2024"
[ -s "${deep}bao-cao-2024.xlsx" ] && ok "the report is at the whole ${#deep}-byte path" || not_ok "no report at the long path"

# a yes/no setting reads in words and is picked as an answer is: 1 có, 2 không
keys F9
wait_for "Đăng nhập khi mở"
# (a demo has no account yet: no one can be asked to log in, and it says so)
row_of "Đăng nhập khi mở" | grep -q " có (chưa có tài khoản) *$" && ok "login_required shown as có, with no account yet" ||
	not_ok "login_required: $(row_of "Đăng nhập khi mở")"
keys Home Down Down Down Down Down Down Down Down Enter
wait_for "Đăng nhập khi mở (1 có, 2 không)"
type_text "x"
keys Enter
wait_for "Gõ 1 (có) hoặc 2 (không) rồi Enter"
keys C-u
type_text "2"
keys Enter
wait_for "Đã lưu: Đăng nhập khi mở"
i=0
while [ "$(sql "SELECT value FROM settings WHERE key = 'login_required'")" != 0 ] && [ $i -lt $((60 * SLOW)) ]; do
	sleep 0.05; i=$((i + 1)); done
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'login_required'")" "0" "2 stores không (0)"
row_of "Đăng nhập khi mở" | grep -q " không *$" && ok "login_required shown as không" || not_ok "login_required: $(row_of "Đăng nhập khi mở")"
keys Enter
wait_for "Đăng nhập khi mở (1 có, 2 không)"
# under wine typed without its accent: wine's console now and then loses a
# typed ó (as the đ of test_checklist_keys; CI 29/11 twice); the word read
# without accents is the same key, and Vietnamese typing under Windows has
# tests/windows/test_typing.sh
if [ -n "${ANTT_WINDOWS:-}" ]; then type_text "co"; else type_text "có"; fi
keys Enter
i=0
while [ "$(sql "SELECT value FROM settings WHERE key = 'login_required'")" != 1 ] && [ $i -lt $((60 * SLOW)) ]; do
	sleep 0.05; i=$((i + 1)); done
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'login_required'")" "1" "the word có stores 1"
keys Escape
wait_for "Lọc: loại"
quit_app

# the welcome screen: no Esc in its bar; a long path is offered back whole
DB="$T/empty.db"
long="$T/$(printf 'thu-muc-rat-dai-%s' 1 2 3 4 5 6 7 8 9 10)"
mkdir -p "$long"
printf 'code,parent_code,type,name\nH1,,huyen,Huyện Một\nX1,H1,khong-co,Xã Một\nX2,H1,khong-co,Xã Hai\n' > "$long/don-vi.csv"
start
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào"
s=$(screen | tail -1)
case "$s" in *Esc*) not_ok "the welcome bar offers Esc with nothing to go back to";;
*) ok "the welcome bar does not offer Esc";; esac
keys 1
wait_for "Đường dẫn tệp CSV:"
type_text "$long/don-vi.csv"
keys Enter
wait_for "Tệp có lỗi — chưa ghi gì"
keys Escape
wait_for "bấm 1 để nhập lại"
keys 1
wait_for "Đường dẫn tệp CSV:"
keys End
wait_for "don-vi.csv"
case "$(row_of "Đường dẫn tệp CSV:")" in *"don-vi.csv") ok "the field ends with the file's name: a long path came back whole";;
*) not_ok "the field does not end with the file's name";; esac
keys Home
wait_for "Đường dẫn tệp CSV: $T/"
keys Enter
wait_for "Tệp có lỗi — chưa ghi gì"   # the same file, found again
quit_app

# the login screen: whom to ask, no command line, no Esc to nowhere
DB="$T/test.db"
ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "$DB" user add qt "Nguyễn Quản Trị" --role admin > /dev/null
start
wait_for "Tên đăng nhập:"
wait_for "Quên mật khẩu: hãy nhờ người quản trị"
s=$(screen)
case "$s" in *"antt user"*|*"passwd"*) not_ok "the login screen shows a command line";;
*) ok "the login screen says whom to ask, not a command";; esac
bar=$(screen | tail -1)
case "$bar" in "Enter Đăng nhập  F10 Thoát"*) ok "the login bar: Enter first, then F10";;
*) not_ok "the login bar: '$bar'";; esac
case "$bar" in *Esc*) not_ok "the login bar offers Esc with nothing to go back to";;
*) ok "the login bar does not offer Esc";; esac
keys F10
wait_gone && ok "F10 quits from the login prompt" || not_ok "F10 on the login prompt"
finish
