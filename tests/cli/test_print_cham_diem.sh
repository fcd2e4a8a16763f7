# antt print cham-diem: the movement's score sheet (QĐ 510) of a unit —
# filled with its self-score and the reviewer's from the database, or blank
# (--blank, or --type for a unit type) — with the points of each item, the
# deductions, the totals, the class and its cut-offs, the signatures. Read
# back (openpyxl) and as LibreOffice prints it.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"
leaders
expect_rc 0 "a leader to review"


# a school scores itself on items 1, 4a and 8 (two incidents), the leader reviews 1
run score set X001-GD01 2024 1 3
expect_rc 0 "self-score of item 1"
run score set X001-GD01 2024 4a 1
run score set X001-GD01 2024 8 2
expect_rc 0 "two incidents on the deduction item"
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 "$ANTT" --db "$DB" score set X001-GD01 2024 1 3 2.5 > /dev/null 2>&1
expect_eq "$?" 0 "the leader reviews item 1"

run print cham-diem X001-GD01 --year 2024 -o "$T/s.xlsx" --date 20/11/2024
expect_rc 0 "the school's score sheet"
expect_out "Đã ghi phiếu chấm điểm phong trào năm 2024 vào $T/s.xlsx (1 đơn vị, 1 trang tính)" "says where"
expect_eq "$(xlsx_row "$T/s.xlsx" 1 | cut -d'|' -f4-)" " 3 | 3 | 2,5" "item 1: its points, the self-score, the reviewer's 2,5"
expect_eq "$(xlsx_row "$T/s.xlsx" 4a | cut -d'|' -f4-)" " 1 | 1 | " "4a: self-scored 1, not reviewed"
expect_eq "$(xlsx_row "$T/s.xlsx" 8 | cut -d'|' -f4-)" " trừ -5/vụ, tối đa -20 | 2 vụ (-10) | " "8: the deduction rule, two incidents take 10"
expect_eq "$(xlsx_row "$T/s.xlsx" "Tổng điểm" | cut -d'|' -f4-)" " 100 | 0 | 2,5" "totals: 100 points, the self-score (3 + 1 - 10, no less than 0), the reviewer's"
print_check "$T/s.xlsx" --title "PHIẾU CHẤM ĐIỂM" --merged "PHIẾU CHẤM ĐIỂM" --together "Xếp loại:" "THỦ TRƯỞNG ĐƠN VỊ" \
	--text "TRƯỜNG THCS HÒA BÌNH" --text "Quyết định 510/QĐ-BCA-V05" --text "Mức xếp loại: Xuất sắc từ 90 điểm" \
	--text "ĐẠI DIỆN CẤP TRÊN CHẤM ĐIỂM" --text "(Ký, ghi rõ họ tên)"

# the same unit, blank
run print cham-diem X001-GD01 --year 2024 -o "$T/b.xlsx" --blank --date 20/11/2024
expect_rc 0 "the school's sheet, blank"
expect_eq "$(xlsx_row "$T/b.xlsx" 1 | cut -d'|' -f4-)" " 3 |  | " "--blank: no score written"
expect_eq "$(xlsx_row "$T/b.xlsx" 8 | cut -d'|' -f5-)" "  | " "--blank: no incident written"

# the office's own cut-offs are the ones printed
run settings class_min_kha 75
run print cham-diem X001-GD01 --year 2024 -o "$T/c.xlsx" --date 20/11/2024
expect_rc 0 "after the office changed a cut-off"
/usr/bin/python3 -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(any(isinstance(c.value, str) and 'Khá từ 75 điểm' in c.value for r in ws.iter_rows() for c in r))" "$T/c.xlsx" > "$T/kha"
expect_eq "$(cat "$T/kha")" "True" "the cut-off printed is the office's (khá từ 75)"

# a blank sheet for a unit type
run print cham-diem --type "khu dân cư" --year 2024 -o "$T/k.xlsx" --date 20/11/2024
expect_rc 0 "a blank sheet of a type"
# Nghị định 30: pages are numbered from the second; a one-page sheet has none
expect_eq "$(/usr/bin/python3 -c 'import sys, openpyxl; print(repr(openpyxl.load_workbook(sys.argv[1]).active.oddHeader.center.text))' "$T/k.xlsx")" \
	"None" "one page: no page number in its header"
print_check "$T/k.xlsx" --pages 1 --title "PHIẾU CHẤM ĐIỂM" --text "Đơn vị: ……" --text "Loại đơn vị: Khu dân cư        Thuộc:" \
	--text "Trừ điểm"
run print cham-diem --type huyen --year 2024 -o "$T/h.xlsx"
expect_rc 1 "a type without a score sheet"
expect_err "không có phiếu chấm điểm nào cho loại đơn vị huyen năm 2024" "said in words"
finish
