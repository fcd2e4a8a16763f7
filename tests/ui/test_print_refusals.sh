# End to end in tmux (review of "In hồ sơ"): a document the selected unit
# cannot have says why in words an officer reads and what to do — the
# district (a type the standard does not assess) has no score sheet or
# biên bản of its own, an excluded unit none at all — and a Documents folder
# that cannot be written says where the screen saves and what to ask for,
# not "choose another place" (this screen has no choice of place), with one
# full stop. Nothing is written.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
"$ANTT" --db "$DB" unit add X001-K99 khu-dan-cu \
	"Khu dân cư số một trăm hai mươi ba thuộc thôn Đông Hòa Bình xã Hòa Bình huyện S" --parent X001 > /dev/null
ex=$(sql "SELECT code FROM units WHERE excluded = 1 ORDER BY code LIMIT 1")
# a home folder that does not exist: nothing can be written there
start HOME="$T/khong-co" ANTT_FORMS="${ANTT_FORMS:-$PWD/forms}"
wait_for "Lọc: loại"
keys Home
keys i
wait_for "In hồ sơ — Huyện Sông Lam"
# the tờ trình is a commune's, or the whole unit's from the top row: said so
screen | tr '\n' ' ' | tr -s ' ' | grep -qF "của một xã, hoặc của cả đơn vị khi chọn dòng trên cùng" &&
	ok "the tờ trình: a commune's or the whole unit's" || not_ok "the tờ trình's words: $(screen | sed -n 13,15p)"
keys Down Down Enter
wait_for "không đánh giá theo tiêu chuẩn" 30
screen | tr -d '\n' | grep -qF "Huyện không đánh giá theo tiêu chuẩn nên không có phiếu chấm điểm phong trào" &&
	ok "the district's score sheet: refused in words" || not_ok "district score sheet: $(screen | tail -4)"
screen | tr -d '\n' | grep -qF "chọn một đơn vị bên dưới" && ok "  and says to pick a unit below" ||
	not_ok "  no what-to-do: $(screen | tail -4)"
screen | grep -qF "huyen" && not_ok "  the type's code shown: $(screen | tail -4)" || ok "  no type code"
keys Escape
keys Up Enter
wait_for "không có biên bản họp đánh giá" 30
keys Escape
keys Escape
wait_for "Lọc: loại"

search_units "$ex"
keys Home
keys i
wait_for "In hồ sơ"
keys Down Enter
wait_for "không thuộc diện đánh giá" 30
screen | tr -d '\n' | grep -qF "không thuộc diện đánh giá nên không có biên bản họp đánh giá (bấm x" &&
	ok "an excluded unit's biên bản: refused, x named" || not_ok "excluded: $(screen | tail -4)"
keys Escape
keys Escape
wait_for "Lọc: loại"

# the folder cannot be written
keys /
keys C-u
type_text "X001"
keys Enter
wait_for "Tìm thấy"
keys Home
keys i
wait_for "In hồ sơ — Xã Hòa Bình (X001)"
# antt.exe under wine sees no $HOME: it writes to the prefix's Documents
if [ -n "${ANTT_WINDOWS:-}" ]; then
	echo "ok - a folder that cannot be written # SKIP antt.exe saves to the prefix's Documents, not \$HOME"
else
keys Enter
wait_for "Chưa in được" 30
msg=$(screen | tr -d '\n')
echo "$msg" | grep -qF "Chọn nơi khác" && not_ok "a choice of place this screen does not have: $(screen | tail -4)" ||
	ok "no 'choose another place'"
echo "$msg" | grep -qF ".." && not_ok "two full stops: $(screen | tail -4)" || ok "one full stop"
echo "$msg" | grep -qF "nhờ người quản trị máy" && ok "says whom to ask" || not_ok "no what-to-do: $(screen | tail -4)"
screen | grep -qF "In hồ sơ — Xã Hòa Bình" && ok "the list stays open" || not_ok "the list closed"
[ -e "$T/khong-co" ] && not_ok "a folder was made" || ok "nothing written"
keys Escape
fi
# no decision in X001 yet: its certificates say so in plain words
keys End Enter
wait_for "chưa có gì để in giấy công nhận" 30
screen | tr -d '\n' | grep -qF "X001 và các đơn vị trực thuộc đều chưa có quyết định" &&
	ok "certificates: nothing recognised, said plainly" || not_ok "certificates: $(screen | tail -4)"
keys Escape
keys Escape
wait_for "Lọc: loại"

# a name too long for the title: it is cut with the mark, the code stays whole
keys /
keys C-u
type_text "X001-K99"
keys Enter
wait_for "Tìm thấy"
keys Home
keys i
wait_for "In hồ sơ — Khu dân cư"
row_of "In hồ sơ —" | grep -qF "… (X001-K99)" && ok "a long name is cut, the code kept: $(row_of "In hồ sơ —")" ||
	not_ok "the title: $(row_of "In hồ sơ —")"
# a unit just added has no form this year: its biên bản says how to start one
keys Down Enter
wait_for "chưa đăng ký năm 2024" 30
screen | tr '\n' ' ' | tr -s ' ' | grep -qF "Mở phiếu của đơn vị bằng Enter trên danh sách đơn vị" &&
	ok "no form yet: says how to start one" || not_ok "no form yet: $(screen | tail -4)"
keys Escape
keys Escape
wait_for "Lọc: loại"
quit_app

# a disk that fills while the workbook is written (a file size limit here):
# the refusal says so, and nothing half-written is left in the folder
if [ -n "${ANTT_WINDOWS:-}" ]; then
	echo "ok - a full disk # SKIP no file size limit under wine"
else
	mkdir "$T/full"
	stop
	tmux new-session -d -s "$S" -x 80 -y 24 "ulimit -f 100; trap '' XFSZ; exec env HOME=$T/full \
		ANTT_FORMS=${ANTT_FORMS:-$PWD/forms} $ANTT --db $DB"
	wait_for "Lọc: loại"
	keys Home
	keys i
	wait_for "In hồ sơ — Huyện Sông Lam"
	keys Enter
	wait_for "Chưa in được" 60
	screen | tr '\n' ' ' | grep -qF "đĩa đầy" && ok "a full disk: said" || not_ok "a full disk: $(screen | tail -4)"
	expect_eq "$(ls -A "$T/full")" "" "a full disk: nothing left in the folder"
	keys Escape
	keys Escape
	quit_app
fi
finish
