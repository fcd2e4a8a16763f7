# End to end in tmux (issue 18, item 1): i on the unit list prints the
# blank checklists of the selected unit and every unit under it into one
# workbook in the home folder (on Windows, Documents), says where it went,
# and never replaces a file: a second press writes a new name.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
mkdir "$T/h"
# antt.exe under wine sees no $HOME: it writes to the prefix's Documents
docs=${ANTT_WINE_DOCS:-$T/h}
rm -f "$docs"/phieu-danh-gia-X001-2024*.xlsx
# the forms named: a tmux server started elsewhere may hold another ANTT_FORMS
start HOME="$T/h" ANTT_FORMS="${ANTT_FORMS:-$PWD/forms}"
wait_for "Lọc: loại"
keys Down
wait_for "Xã Hòa Bình"
keys i
n=$("$ANTT" --db "$DB" unit list --under X001 --year 2024 | wc -l)
wait_for "Đã ghi phiếu đánh giá năm 2024 ($n đơn vị) vào" 30
f="$docs/phieu-danh-gia-X001-2024.xlsx"
[ -s "$f" ] && ok "the workbook is in the home folder" || not_ok "no $f: $(screen | tail -4)"
screen | tr -d '\n' | grep -qF "phieu-danh-gia-X001-2024.xlsx" && ok "the screen names the file" ||
	not_ok "the file's name is not on the screen: $(screen | tail -4)"
sheets=$(/usr/bin/python3 -c "import openpyxl, sys; print(len(openpyxl.load_workbook(sys.argv[1]).sheetnames))" "$f")
expect_eq "$sheets" "$n" "one sheet per unit of X001 ($n)"
before=$(cksum < "$f")
keys i
wait_for "phieu-danh-gia-X001-2024-2.xlsx" 30
[ -s "$docs/phieu-danh-gia-X001-2024-2.xlsx" ] && expect_eq "$(cksum < "$f")" "$before" "the first file is not replaced" ||
	not_ok "no second file"
keys F1
wait_for "Danh sách đơn vị"
keys PgDn
wait_for "In phiếu để trống của đơn vị đang chọn"
row_of "In phiếu để trống" | grep -q "^ *i  " && ok "help: i prints the checklists" || not_ok "help: print key"
keys Escape
quit_app
rm -f "$docs"/phieu-danh-gia-X001-2024*.xlsx
finish
