# End to end in tmux (issue 18, item 1; the dossier from the screens): i on
# the unit list opens "In hồ sơ" for the selected unit; Enter prints the
# chosen document into one workbook in the home folder (on Windows,
# Documents), says where it went, and never replaces a file: a second
# print writes a new name. A document with nothing to print yet says which
# key does that step; the certificates of a commune are its own and those
# of the units below it.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
mkdir "$T/h"
# antt.exe under wine sees no $HOME: it writes to the prefix's Documents
docs=${ANTT_WINE_DOCS:-$T/h}
clean() { rm -f "$docs"/phieu-danh-gia-X001-2024*.xlsx "$docs"/giay-cong-nhan-X013-2024*.xlsx \
	"$docs"/to-trinh-X008-2024*.xlsx "$docs"/bien-ban-X001-K01-2024*.xlsx; }
clean
# the forms named: a tmux server started elsewhere may hold another ANTT_FORMS
start HOME="$T/h" ANTT_FORMS="${ANTT_FORMS:-$PWD/forms}"
wait_for "Lọc: loại"
keys Down
wait_for "Xã Hòa Bình"
keys i
wait_for "In hồ sơ — Xã Hòa Bình (X001)"
for d in "Phiếu đánh giá để trống" "Biên bản họp đánh giá" "Phiếu chấm điểm phong trào" "Tờ trình đề nghị công nhận" \
	"Dự thảo quyết định công nhận" "Giấy công nhận"; do
	screen | grep -qF "$d" && ok "the list offers: $d" || not_ok "not offered: $d"
done
keys Enter
n=$("$ANTT" --db "$DB" unit list --under X001 --year 2024 | wc -l)
wait_for "Đã ghi phiếu đánh giá để trống năm 2024 ($n đơn vị) vào" 30
f="$docs/phieu-danh-gia-X001-2024.xlsx"
[ -s "$f" ] && ok "the workbook is in the home folder" || not_ok "no $f: $(screen | tail -4)"
screen | tr -d '\n' | grep -qF "phieu-danh-gia-X001-2024.xlsx" && ok "the screen names the file" ||
	not_ok "the file's name is not on the screen: $(screen | tail -4)"
sheets=$(/usr/bin/python3 -c "import openpyxl, sys; print(len(openpyxl.load_workbook(sys.argv[1]).sheetnames))" "$f")
expect_eq "$sheets" "$n" "one sheet per unit of X001 ($n)"
before=$(cksum < "$f")
keys i
wait_for "In hồ sơ — Xã Hòa Bình (X001)"
keys Enter
wait_for "phieu-danh-gia-X001-2024-2.xlsx" 30
[ -s "$docs/phieu-danh-gia-X001-2024-2.xlsx" ] && expect_eq "$(cksum < "$f")" "$before" "the first file is not replaced" ||
	not_ok "no second file"

# nothing approved in X001 yet: the tờ trình says so and how, and stays open
keys i
wait_for "In hồ sơ — Xã Hòa Bình (X001)"
keys Down Down Down Enter
wait_for "chưa có gì để đề nghị công nhận" 30
screen | tr -d '\n' | grep -qF "duyệt các phiếu đã trình bằng F7" && ok "refused: it says the leader approves with F7" ||
	not_ok "no F7 hint: $(screen | tail -4)"
screen | grep -qF "In hồ sơ — Xã Hòa Bình" && ok "the list stays open after a refusal" || not_ok "the list closed"
ls "$docs"/to-trinh-X001-2024*.xlsx > /dev/null 2>&1 && not_ok "a refused tờ trình left a file" ||
	ok "a refused tờ trình writes no file"
keys Escape   # the refusal
keys Escape   # the list
wait_for "Lọc: loại"

# the certificates of a commune: its own and those of the units below it
search_units "X013"
keys i
wait_for "In hồ sơ — Xã Xuân Trường (X013)"
keys End Enter
n=$("$ANTT" --db "$DB" recognise list 2024 | grep -c "^  X013")
wait_for "Đã ghi giấy công nhận năm 2024 ($n đơn vị) vào" 30
[ -s "$docs/giay-cong-nhan-X013-2024.xlsx" ] && ok "the certificates are in the home folder" || not_ok "no certificates"

# a commune's tờ trình (the search typed again over the last one)
keys /
keys C-u
type_text "X008"
keys Enter
keys i
wait_for "In hồ sơ — Phường Thạch Đà (X008)"
keys Down Down Down Enter
n=$("$ANTT" --db "$DB" print to-trinh --under X008 --year 2024 -o "$T/t.xlsx" | sed -n 's/.*(\([0-9]*\) đơn vị.*/\1/p')
wait_for "Đã ghi tờ trình đề nghị công nhận năm 2024 ($n đơn vị) vào" 30
[ -s "$docs/to-trinh-X008-2024.xlsx" ] && ok "the tờ trình is in the home folder" || not_ok "no tờ trình"

keys F1
wait_for "Danh sách đơn vị"
keys PgDn
wait_for "In hồ sơ của đơn vị đang chọn"
row_of "In hồ sơ của đơn vị" | grep -q "^ *i  " && ok "help: i prints the dossier" || not_ok "help: print key"
keys Escape
quit_app
clean
finish
