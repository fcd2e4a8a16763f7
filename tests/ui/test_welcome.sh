# The first screen of an empty database: its help lists the unit file's
# columns as the README (and antt help) does, the sixth (managed_above)
# included, whole at 80 columns. Its 3 sets a new commune machine up from
# the office's package: a file that is not a package is refused with the
# database left empty (and the welcome screen back on Esc); the package is
# shown first, imported on "c", and Esc opens the unit list with its units.
. "$(dirname "$0")/lib.sh"
root=$(dirname "$0")/../..

cols=$(grep -o 'code,parent_code,type,name\[[^ ]*' "$root/README.md" | head -1)
case "$cols" in *managed_above*) ok "README lists the columns: $cols";; *) not_ok "README's column list: '$cols'";; esac

start
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào" 10
wait_for "các cột: $cols"
wait_for "managed_above 1: do cấp trên quản lý"
screen | grep -F "các cột:" | grep -q "managed_above\]\]$" && ok "the column line ends whole within 80 columns" ||
	{ out=$(screen); not_ok "the column line is cut"; }
keys F10
wait_gone && ok "F10 ends the program" || not_ok "still running after F10"

# 3: the office's package, from the screens
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
printf 'code,parent_code,type,name\nH,,huyện,Huyện Sông Lam\nX1,H,xã,Xã Hòa Bình\nX1-K1,X1,khu dân cư,Thôn Một\n' > "$T/u.csv"
A office.db unit import "$T/u.csv" > /dev/null || not_ok "the office's units"
A office.db answer set X1-K1 2024 '*' đạt > /dev/null || not_ok "the office answers a form"
A office.db export --under X1 -o "$T/x1.antt" > /dev/null || not_ok "the office writes X1's package"
echo "không phải gói" > "$T/rac.antt"
mkdir -p "$T/h"
# receive FILE: on the welcome screen, 3, then FILE typed as the package
receive() {
	keys 3
	wait_for "Máy mới: nhận gói"
	keys Enter
	package_file "$1"
}
DB="$T/commune.db"
start HOME="$T/h"
wait_for "3  Nhận gói dữ liệu của công an cấp trên" 10
# a folder typed (the stick's, without the file's name): said, the line kept
receive "$T/h"
wait_for "Đó là một thư mục. Cần tên tệp gói"
screen | grep -qF "Tệp gói cần nhận: $T/h" && ok "the line keeps the folder, to type the name after it" ||
	{ out=$(screen); not_ok "the path line is gone"; }
keys Escape Escape
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào"
receive "$T/rac.antt"
wait_for "Chưa nhận được gói: máy này không thay đổi gì." 10
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM units")" "0" "a file that is not a package changes nothing"
keys Escape
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào"
receive "$T/x1.antt"
wait_for "Nếu nhập sẽ:" 10
wait_for "đơn vị       thêm 3"
# the first package enrols its sender: the officer is told, before c, to
# compare the sender's code by phone (as antt import says)
wait_for "gọi điện so mã nhận dạng"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM units")" "0" "the preview changes nothing"
keys c Enter
wait_for "Đã nhập:" 20
wait_for "câu trả lời  thêm 16"
# the officer has not seen the unit list yet: Esc opens it, not "back to" it
wait_for "Esc: mở danh sách đơn vị"
keys Escape
wait_for "Đã nhận gói. Bấm Enter trên một đơn vị để đánh giá"
row=$(row_of "X1-K1")
case "$row" in *"Thôn Một"*) ok "the unit list shows the package's units: $row";; *) out=$(screen); not_ok "no X1-K1 on the list";; esac
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM answers")" "16" "the package's answers are in"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM trusted_senders")" "1" "and its sender is enrolled, as antt import does"
quit_app || not_ok "quit"

# a package with no units (a machine that has none: an office not set up
# yet) sets nothing up, and would have enrolled its sender: the next, real
# package of the office was then refused as a stranger's, and the screen
# went to an empty unit list saying "Bấm Enter trên một đơn vị"
A empty.db settings office_name "Công an xã chưa có đơn vị" > /dev/null
A empty.db export -o "$T/rong.antt" > /dev/null || not_ok "a package with no units"
DB="$T/commune2.db"
start HOME="$T/h"
wait_for "3  Nhận gói dữ liệu của công an cấp trên" 10
receive "$T/rong.antt"
wait_for "Chưa nhận được gói: máy này không thay đổi gì." 10
wait_for "không có đơn vị nào"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM trusted_senders")" "0" "a package with no units enrols nobody"
# Enter, "Nhận gói khác" on the bar: the path asked again at once (it went
# to a list of one choice, to be chosen with a second Enter)
wait_for "Enter Nhận gói khác"
keys Enter
wait_for "Tệp gói cần nhận"
keys C-u
type_text "$T/x1.antt"
keys Enter
wait_for "Nếu nhập sẽ:" 10
keys c Enter
wait_for "Đã nhập:" 20
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM units")" "3" "then the office's package sets the machine up"
quit_app || not_ok "quit"
exit $failed
