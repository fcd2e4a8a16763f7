# End to end in tmux (issue 13, item 12): under LANG=C (no UTF-8) the
# screens switch to an installed UTF-8 locale and say so once; Vietnamese
# shows right, typed UTF-8 works, Enter and Esc work. With no UTF-8 locale
# the screens refuse to start with an ASCII message and a non-zero status.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null

start LANG=C LC_ALL=C
wait_for "Lọc: loại tất cả"
wait_for "Đơn vị"
wait_for "C.UTF-8"                     # said once, on the first screen
case "$(screen)" in *"Canh bao"*|*"M-"*|*"~A"*) not_ok "mojibake or the ASCII warning: $(screen | tail -3)";;
	*) ok "no mojibake and no ASCII warning";; esac
keys /
type_text "Hòa Bình"
wait_for "Hòa Bình"
keys Enter
wait_for "Tìm thấy"
wait_for "tìm: Hòa Bình"   # as typed, not its key
keys Home Enter
wait_for "Phiếu tiêu chí — Xã Hòa Bình (X001)"
keys Escape
wait_for "Lọc: loại tất cả"
case "$(row_of "Lọc:")" in *C.UTF-8*) not_ok "the locale message stays";; *) ok "the locale message was shown once";; esac
quit_app && ok "q ends the application" || not_ok "q did not end the application"

# no UTF-8 locale to switch to: refused before the screen is touched
tmux new-session -d -s "$S" -x 80 -y 24 \
	"env LANG=C LC_ALL=C ANTT_UTF8_LOCALES=khong-co.UTF-8 $ANTT --db $DB; echo \"status=\$?\"; sleep 30"
wait_for "status=1"
wait_for "antt: "
msg=$(screen | grep "^antt: ")
case "$msg" in *UTF-8*) ok "the refusal names UTF-8";; *) not_ok "refusal: $msg";; esac
if printf '%s' "$msg" | LC_ALL=C grep -q '[^ -~]'; then not_ok "the refusal is not ASCII: $msg"; else ok "the refusal is ASCII only"; fi
stop
finish
