# antt print bien-ban: the meeting's minutes of a unit and year — time,
# place and attendance left to write by hand, each criterion's answer and
# whether it holds, the verdict, all from the database, and they follow it
# when an answer changes; refused for a unit with nothing entered. Read
# back (openpyxl) and as LibreOffice prints it.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"

has() { # FILE TEXT: 1 when a cell holds TEXT
	/usr/bin/python3 -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(int(any(isinstance(c.value, str) and sys.argv[2] in c.value for r in ws.iter_rows() for c in r)))" "$1" "$2"
}

# the demo's Thôn Đông Hòa Bình fails 4b in 2024 (a case noted)
run print bien-ban X001-K01 --year 2024 -o "$T/b.xlsx" --date 20/11/2024
expect_rc 0 "the minutes of X001-K01"
expect_out "Đã ghi biên bản họp đánh giá năm 2024 vào $T/b.xlsx (1 đơn vị, 1 trang tính)" "says where"
note=$(sql "SELECT a.note FROM answers a JOIN assessments s ON s.id = a.assessment_id JOIN units u ON u.id = s.unit_id
	WHERE u.code = 'X001-K01' AND s.year = 2024 AND a.criterion = '4b'")
expect_eq "$(xlsx_row "$T/b.xlsx" 4b | cut -d'|' -f4-)" " không | Không đạt | $note" "4b: answered không, does not hold, its note"
expect_eq "$(xlsx_row "$T/b.xlsx" 1.2 | cut -d'|' -f4-5)" " 100 % | Đạt " "1.2: the percentage entered, holds"
expect_eq "$(has "$T/b.xlsx" "Thôn Đông Hòa Bình CHƯA ĐẠT tiêu chuẩn")" 1 "the verdict: chưa đạt"
expect_eq "$(has "$T/b.xlsx" "không đạt các tiêu chí: 4b.")" 1 "names the criterion that failed"
expect_eq "$(has "$T/b.xlsx" "Số tiêu chí đạt: 4/5.")" 1 "counts the criteria held as the tờ trình does: 4 of the 5 (4b fails criterion 4)"
# three pages: the table runs over the first two, the conclusion is kept
# with the signatures
print_check "$T/b.xlsx" --pages 3 --together "IV. KẾT LUẬN" "CHỦ TRÌ CUỘC HỌP" --head-on-each "Đánh giá" "Không có thành viên bị xử lý kỷ luật" \
	--title "BIÊN BẢN" --merged "BIÊN BẢN" \
	--text "I. THỜI GIAN, ĐỊA ĐIỂM" --text "II. THÀNH PHẦN" --text "Chủ trì:" --text "Thư ký:" \
	--text "III. NỘI DUNG" --text "IV. KẾT LUẬN" --text "THÔN ĐÔNG HÒA BÌNH" --text "Thông tư 124/2021/TT-BCA" \
	--text "CHỦ TRÌ CUỘC HỌP" --text "THƯ KÝ" --text "Biểu quyết:"

# the answer corrected: the minutes follow the database
run answer set X001-K01 2024 4b có
expect_rc 0 "4b corrected to có"
run print bien-ban X001-K01 --year 2024 -o "$T/b.xlsx" --date 20/11/2024 --force
expect_rc 0 "the minutes again"
expect_eq "$(xlsx_row "$T/b.xlsx" 4b | cut -d'|' -f4-5)" " có | Đạt " "4b now holds"
expect_eq "$(has "$T/b.xlsx" "Thôn Đông Hòa Bình ĐẠT tiêu chuẩn")" 1 "the verdict: đạt"

# nothing entered, or not assessed: refused in words, no file
run unit add X001-K99 khu-dan-cu "Thôn Mới" --parent X001
expect_rc 0 "a new khu dân cư"
run print bien-ban X001-K99 --year 2024 -o "$T/n.xlsx"
expect_rc 1 "a unit not registered"
expect_err "đơn vị X001-K99 chưa đăng ký năm 2024: chưa có kết quả nào để ghi vào biên bản" "said in words"
run unit exclude X001-K99
run print bien-ban X001-K99 --year 2024 -o "$T/n.xlsx"
expect_rc 1 "a unit not assessed"
expect_err "không thuộc diện đánh giá" "said in words"
[ ! -e "$T/n.xlsx" ] && ok "no file for a refusal" || not_ok "a refusal wrote a file"
finish
