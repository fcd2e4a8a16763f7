# End to end in tmux: packages between two machines from the screens (g on
# the unit list, "Gói dữ liệu"). A commune machine writes its package into
# Documents under a new name (never replacing one), says how many units,
# forms and answers and the SHA-256's first 16 digits; the office checks it
# first (what would change), imports it on "c", and its unit list shows the
# commune's new unit. A truncated package and a stranger's package are
# refused with the database unchanged; a folder that cannot be written and
# a full disk are refused with no file left.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
FORMS=${ANTT_FORMS:-$PWD/forms}
export ANTT_FORMS="$FORMS"

# two machines (tests/cli/lib.sh): the office (H, X1, X1-K1, X1-K2) and the
# commune laptop made from its package, the office enrolling the commune
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-K2,X1,khu dân cư,Thôn Hai" || not_ok "two machines set up"
# the commune adds a village and answers two forms
A commune.db unit add X1-K3 "khu dân cư" "Thôn Ba Mới" --parent X1 > /dev/null
A commune.db answer set X1-K1 2024 '*' đạt > /dev/null
A commune.db answer set X1-K3 2024 '*' đạt > /dev/null
n_ans=$(sqlite3 "$T/commune.db" "SELECT count(*) FROM answers x JOIN assessments a ON a.id = x.assessment_id WHERE a.year = 2024")
[ "$n_ans" -gt 0 ] && ok "the commune has $n_ans answers for 2024" || not_ok "no answers on the commune"
mkdir "$T/h"
today=$(date +%Y%m%d)
# receive FILE: on the unit list, g, "Nhận gói", the file typed, Enter
receive() {
	keys g
	wait_for "Gói dữ liệu"
	keys End Enter
	package_file "$1"
}

# 1. the commune writes its package for 2024 from the screens
DB="$T/commune.db"
start HOME="$T/h"
wait_for "Lọc: loại"
find_unit "X1"
wait_for "Xã Hòa Bình"
keys g
wait_for "Gói dữ liệu — Xã Hòa Bình (X1)"
screen > "$T/pane-choices"
for d in "Ghi gói gửi đi, năm 2024" "Ghi gói gửi đi, mọi năm" "Nhận gói"; do
	grep -qF "$d" "$T/pane-choices" && ok "the dialog offers: $d" || { out=$(cat "$T/pane-choices"); not_ok "not offered: $d"; }
done
keys Enter
wait_for "Ghi gói vào"
keys Enter   # the Documents folder, as offered
f="$T/h/goi-X1-2024-$today.antt"
wait_for "Đã ghi gói" 30
[ -s "$f" ] && ok "the package is in Documents: $(basename "$f")" || not_ok "no $f: $(ls "$T/h")"
msg=$(screen | tr -d '\n')
words=$(screen | tr '\n' ' ' | tr -s ' ')
sha=$(sqlite3 "$f" "SELECT value FROM manifest WHERE key = 'sha256'" | cut -c1-16)
echo "$msg" | grep -qF "goi-X1-2024-$today.antt" && ok "the message names the file" || not_ok "file not named: $msg"
units=$(sqlite3 "$f" "SELECT count(*) FROM units")
answers=$(sqlite3 "$f" "SELECT count(*) FROM answers")
echo "$words" | grep -qF "$units đơn vị" && ok "says $units units" || not_ok "units not said ($units): $words"
echo "$words" | grep -qF "$answers câu trả lời" && ok "says $answers answers" || not_ok "answers not said ($answers): $words"
expect_eq "$answers" "$n_ans" "the package holds the year's answers"
expect_eq "$(sqlite3 "$f" "SELECT value FROM manifest WHERE key = 'years'")" "2024" "only 2024"
expect_eq "$(sqlite3 "$f" "SELECT value FROM manifest WHERE key = 'under_code'")" "X1" "the scope is X1"
grouped=$(echo "$sha" | sed 's/\(....\)\(....\)\(....\)\(....\)/\1 \2 \3 \4/')
echo "$words" | grep -qF "$grouped" && ok "the SHA-256's first 16 digits, to read by phone: $grouped" ||
	not_ok "no SHA-256 '$grouped': $msg"
# a second package the same day: a new name, the first one untouched
before=$(cksum < "$f")
keys g
wait_for "Gói dữ liệu — Xã Hòa Bình (X1)"
keys Down Enter   # every year
wait_for "Ghi gói vào"
keys Enter
wait_for "Đã ghi gói" 30
f2="$T/h/goi-X1-moi-nam-$today.antt"
[ -s "$f2" ] && ok "every year: $(basename "$f2")" || not_ok "no $f2: $(ls "$T/h")"
expect_eq "$(sqlite3 "$f2" "SELECT value FROM manifest WHERE key = 'years'")" "" "every year in it"
keys g
wait_for "Gói dữ liệu — Xã Hòa Bình (X1)"
keys Enter
wait_for "Ghi gói vào"
keys Enter
wait_for "goi-X1-2024-$today-2.antt" 30
[ -s "$T/h/goi-X1-2024-$today-2.antt" ] && expect_eq "$(cksum < "$f")" "$before" "a second package: -2, the first not replaced" ||
	not_ok "no second package"

# 2. a folder that does not exist (the USB stick not plugged in): refused,
# says what to do, the prompt keeps the path, nothing written
keys g
wait_for "Gói dữ liệu — Xã Hòa Bình (X1)"
keys Enter
wait_for "Ghi gói vào"
keys C-u
type_text "$T/usb"
keys Enter
wait_for "Chưa ghi được gói" 30
msg=$(screen | tr -d '\n')
echo "$msg" | grep -qF "thư mục không tồn tại" && ok "a missing folder: said" || not_ok "missing folder: $msg"
echo "$msg" | grep -qF "USB" && ok "says to check the USB stick" || not_ok "no what-to-do: $msg"
screen | grep -qF "Ghi gói vào" && ok "the prompt stays with the path" || not_ok "the prompt closed"
[ -e "$T/usb" ] && not_ok "a folder was made" || ok "nothing written"
# a file name typed: written there as typed
keys C-u
type_text "$T/x1-tay.antt"
keys Enter
wait_for "Đã ghi gói" 30
[ -s "$T/x1-tay.antt" ] && ok "a file name typed: written there" || not_ok "no $T/x1-tay.antt"
# that name again: refused, the file kept
before=$(cksum < "$T/x1-tay.antt")
keys g
wait_for "Gói dữ liệu — Xã Hòa Bình (X1)"
keys Enter
wait_for "Ghi gói vào"
keys C-u
type_text "$T/x1-tay.antt"
keys Enter
wait_for "tệp đã có" 30
expect_eq "$(cksum < "$T/x1-tay.antt")" "$before" "an existing file is not replaced"
keys Escape Escape
wait_for "Lọc: loại"
keys Escape   # the search
# the top row: everything (as antt export with no --under)
keys Home g
wait_for "Gói dữ liệu — Huyện Sông Lam (H)"
screen | grep -qF "toàn bộ dữ liệu" && ok "the top row: everything" || not_ok "top row: $(screen)"
keys Down Enter
wait_for "Ghi gói vào"
keys C-u
type_text "$T/all.antt"
keys Enter
wait_for "Đã ghi gói" 30
expect_eq "$(sqlite3 "$T/all.antt" "SELECT value FROM manifest WHERE key = 'under_code'")" "" "the top row's package: no --under"
expect_eq "$(sqlite3 "$T/all.antt" "SELECT count(*) FROM units")" "$(sqlite3 "$DB" "SELECT count(*) FROM units")" \
	"the top row's package: every unit"
quit_app

# 3. a USB stick that fills while the package is written (a tmpfs of 32 KiB):
# refused, says the disk is full, nothing left on the stick
mkdir "$T/full"
if mount -t tmpfs -o size=32k tmpfs "$T/full" 2>/dev/null; then
	trap 'stop; umount "$T/full" 2>/dev/null || umount -l "$T/full" 2>/dev/null; rm -rf "$T"' EXIT
	start HOME="$T/h"
	wait_for "Lọc: loại"
	keys g
	wait_for "Gói dữ liệu"
	keys Down Enter
	wait_for "Ghi gói vào"
	keys C-u
	type_text "$T/full"
	keys Enter
	wait_for "Chưa ghi được gói" 30
	screen | tr '\n' ' ' | tr -s ' ' | grep -qF "đĩa đầy" && ok "a full stick: said" || not_ok "a full stick: $(screen | tail -5)"
	expect_eq "$(ls -A "$T/full")" "" "a full stick: nothing left on it"
	keys Escape Escape
	quit_app
else
	echo "ok - a full USB stick # SKIP cannot mount a tmpfs here (needs root)"
fi

# 4. the office (which enrolled the commune) takes the package
DB="$T/office.db"
# the tables an import changes: their counts, and every row (ui_state, where
# the screen was left, changes as the officer moves)
tables() {
	sqlite3 "$DB" "SELECT count(*) FROM units; SELECT count(*) FROM answers; SELECT count(*) FROM audit" | tr '\n' ' '
	for t in units assessments answers audit packages conflicts sync_base sync_origin trusted_senders recognitions \
		decisions criteria_sets machine_key; do sqlite3 "$DB" ".dump $t"; done | md5sum
}
state0=$(tables)
start HOME="$T/h"
wait_for "Lọc: loại"
screen | grep -qF "Thôn Ba Mới" && not_ok "the new village is here before the import" || ok "no Thôn Ba Mới yet"
receive "$f"
wait_for "Nếu nhập sẽ" 30
screen > "$T/pane-dry"
grep -qF "Xã Hòa Bình" "$T/pane-dry" && ok "the dry run names the sender" || { out=$(cat "$T/pane-dry"); not_ok "no sender"; }
fp=$(sqlite3 "$f" "SELECT value FROM manifest WHERE key = 'sender_fingerprint'")
grep -qF "$fp" "$T/pane-dry" && ok "the sender's fingerprint: $fp" || { out=$(cat "$T/pane-dry"); not_ok "no fingerprint $fp"; }
grep -qF "$grouped" "$T/pane-dry" && ok "the SHA-256's 16 digits, to compare" || { out=$(cat "$T/pane-dry"); not_ok "no SHA-256 $grouped"; }
grep "đơn vị" "$T/pane-dry" | grep -qF "thêm 1," && ok "the dry run: 1 unit added" || { out=$(cat "$T/pane-dry"); not_ok "units added"; }
grep "câu trả lời" "$T/pane-dry" | grep -qF "thêm $n_ans," && ok "the dry run: $n_ans answers added" ||
	{ out=$(cat "$T/pane-dry"); not_ok "answers added"; }
wait_for "Nhập thật? (c/k)"
expect_eq "$(tables)" "$state0" "the dry run changed nothing"
type_text "k"
keys Enter
wait_for "Chưa nhập gì"
expect_eq "$(tables)" "$state0" "k: nothing imported"
keys End Enter
wait_for "Tệp gói cần nhận"
# typed after the folder the line starts with, not cleared first: the
# second '/' starts the path again (a drive letter does on Windows)
case "$f" in /*) ;; *) not_ok "the package's path is not absolute: $f";; esac
type_text "$f"
keys Enter
wait_for "Nhập thật? (c/k)" 30
type_text "c"
keys Enter
wait_for "Đã nhập" 30
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM units WHERE code = 'X1-K3'")" "1" "the new village is in the database"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM answers")" "$n_ans" "the answers are in the database"
# the office's list shows this year; the package's forms are of 2024
[ "$(date +%Y)" = 2024 ] || { screen | tr '\n' ' ' | tr -s ' ' | grep -qF "của năm 2024: đổi năm bằng [ ]" &&
	ok "says the package's forms are of 2024, and how to see them" || not_ok "no word of 2024: $(screen | tail -4)"; }
screen | tail -1 | grep -qF "Esc Danh sách đơn vị" && ok "after the import the bar says Esc goes back to the list" ||
	not_ok "the bar after an import: $(screen | tail -1)"
keys Escape
wait_for "Lọc: loại"
wait_for "Thôn Ba Mới"
ok "the unit list shows the new village after the import"

# 5. a truncated package: refused, nothing changed
head -c 20000 "$f" > "$T/cut.antt"
state1=$(tables)
receive "$T/cut.antt"
wait_for "Chưa nhận được gói" 30
screen | tr '\n' ' ' | grep -qF "hỏng" && ok "a truncated package: said it is damaged" || not_ok "truncated: $(screen)"
expect_eq "$(tables)" "$state1" "a truncated package changed nothing"
screen | grep -qF "Nhập thật" && not_ok "a truncated package was offered for import" || ok "not offered for import"
keys Escape Escape
wait_for "Lọc: loại"

# 6. a stranger's package (nobody enrolled it): refused, the administrator confirms
A stranger.db unit add X1 xã "Xã Hòa Bình" > /dev/null
A stranger.db export --under X1 -o "$T/stranger.antt" > /dev/null
receive "$T/stranger.antt"
wait_for "Chưa nhận được gói" 30
msg=$(screen | tr '\n' ' ' | tr -s ' ')
echo "$msg" | grep -qF "quản trị" && ok "a stranger: the administrator must confirm" || not_ok "stranger: $msg"
echo "$msg" | grep -qF "antt trust add" && ok "a stranger: names the command" || not_ok "stranger, no command: $msg"
expect_eq "$(tables)" "$state1" "a stranger's package changed nothing"
keys Escape Escape
quit_app

# 7. a criteria set the office does not have (the commune's forms edited):
# refused, the set named, accepting it is the administrator's --accept-set
cp -r "$FORMS" "$T/forms2"
find "$T/forms2" -name '*.yaml' -exec sh -c 'echo "# bản sửa ở xã" >> "$1"' _ {} \;
ANTT_FORMS="$T/forms2" A commune.db answer set X1-K2 2025 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/set.antt" > /dev/null
start HOME="$T/h"
wait_for "Lọc: loại"
receive "$T/set.antt"
wait_for "Chưa nhận được gói" 30
msg=$(screen | tr '\n' ' ' | tr -s ' ')
echo "$msg" | grep -qF "bộ tiêu chí" && ok "a new criteria set: said" || not_ok "new set: $msg"
echo "$msg" | grep -qF -- "--accept-set" && ok "a new criteria set: the administrator's --accept-set" || not_ok "new set, no how: $msg"
expect_eq "$(tables)" "$state1" "a new criteria set changed nothing"
keys Escape
quit_app

# 8. who imports: with accounts, the officer logged in is recorded
ANTT_NEW_PASSWORD=quantri1 A office.db user add qt "Quản Trị" --role admin > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=matkhau-cb A office.db user add cb "Cán bộ" --role entry > /dev/null
A commune.db answer set X1-K2 2024 '*' đạt > /dev/null
A commune.db export --under X1 --year 2024 -o "$T/c2.antt" > /dev/null
start HOME="$T/h"
login_as cb matkhau-cb
wait_for "Lọc: loại"
receive "$T/c2.antt"
wait_for "Nhập thật? (c/k)" 30
type_text "c"
keys Enter
wait_for "Đã nhập" 30
sha2=$(sqlite3 "$T/c2.antt" "SELECT value FROM manifest WHERE key = 'sha256'")
expect_eq "$(sqlite3 "$DB" "SELECT imported_by FROM packages WHERE sha256 = '$sha2'")" "cb" "the import is recorded under the officer's login"
quit_app
finish
