# End to end: a data set built with the CSV commands, then verdicts and the
# summary, including a commune whose verdict depends on 70 % of its units.
. "$(dirname "$0")/lib.sh"

{
	printf '\357\273\277code,parent_code,type,name,excluded\r\n'
	printf 'H,,huyện,Huyện Sông Lam,\r\n'
	printf 'X1,H,Xã,Xã Hòa Bình,\r\n'
	printf 'X2,H,xa,"Xã An Phú",\r\n'
	for i in 01 02 03 04 05 06 07 08 09 10; do printf 'X1-K%s,X1,Khu dân cư,Thôn %s Hòa Bình,\r\n' $i $i; done
	for i in 01 02 03 04; do printf 'X2-K%s,X2,khu dan cu,Tổ dân phố %s,\r\n' $i $i; done
	printf 'X2-G1,X2,Cơ sở giáo dục,Trường Tiểu học An Phú,1\r\n'
} > "$T/units.csv"
run unit import "$T/units.csv"
expect_rc 0 "unit import"
expect_out "Đã nhập 18 đơn vị" "import counts the units"

{
	echo "unit_code,year,criterion,value,note,exception"
	for i in 01 02 03 04 05 06 07 08 09 10; do echo "X1-K$i,2024,*,đạt"; done
	echo "X1-K08,2024,4b,không,Vụ cướp tài sản tháng 3 chưa xử lý xong"
	echo "X1-K09,2024,1.2,\"95,5\""
	echo "X1-K10,2024,3e,không,Tranh chấp đất đai kéo dài"
	for i in 01 02 03 04; do echo "X2-K$i,2024,*,đạt"; done
	echo "X2-K01,2024,4b,không,\"Vụ trộm, đã bắt giữ và báo cáo kịp thời\",1"
	echo "X2-K03,2024,5.2,không"
	echo "X2-K04,2024,4d,không,Cháy xưởng gỗ"
	echo "X1,2024,*,đạt"
	echo "X2,2024,*,đạt"
} > "$T/answers.csv"
run answer import "$T/answers.csv"
expect_rc 0 "answer import"

# a commune's criterion 4 counts units được công nhận: before any decision
# it cannot be decided
run assess show X1 2024
expect_rc 0 "assess show commune"
expect_out "Kết luận: CHƯA ĐỦ THÔNG TIN" "X1 waits for its units' decisions"
expect_out "10/10 đơn vị đã đăng ký, 0 được công nhận" "X1 shows none recognised yet"

# the season's steps in bulk: submit, the leader approves, the chairmen decide
leaders
run submit --under H 2024
expect_rc 0 "submit --under"
expect_out "đã trình lãnh đạo 14 phiếu" "every complete khu dân cư form submitted"
expect_out "Bỏ qua 2 đơn vị — chưa đủ thông tin" "the two communes wait, with the reason"
expect_out "Bỏ qua 1 đơn vị — không thuộc diện đánh giá" "the excluded school is counted as skipped"
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run approve --under H 2024
expect_out "đã duyệt 14 phiếu" "the leader approves them in one step"
export ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1
run recognise --decision "45/QĐ-UBND" --date 10/11/2024 --by "Chủ tịch UBND xã Hòa Bình" \
	2024 X1-K01 X1-K02 X1-K03 X1-K04 X1-K05 X1-K06 X1-K07
expect_rc 0 "recognise X1's units"
run recognise --decision "12/QĐ-UBND" --date 12/11/2024 --by "Chủ tịch UBND xã An Phú" 2024 X2-K01 X2-K02
expect_rc 0 "recognise X2's units"
unset ANTT_USER ANTT_PASSWORD

run assess show X1 2024
expect_out "Kết luận: ĐẠT" "X1 passes with 7 of 10 units recognised"
expect_out "7/10 công nhận" "X1 shows the computed counts"
expect_out "10/10 đơn vị đã đăng ký, 7 được công nhận" "and the registrations beside them"

run assess show X2 2024
expect_out "Kết luận: CHƯA ĐẠT — không đạt tiêu chí: 4" "X2 fails on criterion 4 only (2 of 4)"

run assess show X1-K09 2024
expect_out "CHƯA ĐẠT — không đạt tiêu chí: 1.2" "95,5 % of households fails 1.2"
expect_out "95,5 %" "the percentage is shown the Vietnamese way"

run assess show X2-K01 2024
expect_out "Kết luận: ĐẠT" "an exception with its note holds"
expect_out "(ngoại lệ)" "the exception is shown"

# three figures apart: tự đánh giá đạt, đã duyệt, được công nhận; the rate
# is the recognised
run summary 2024
expect_rc 0 "summary"
row() { printf '%s\n' "$out" | grep "^$1" | tr -s ' ' | sed 's/ *$//'; }
expect_eq "$(row 'Xã')" "Xã 2 0 2 2 1 0 0 0,0" "summary: communes"
expect_eq "$(row 'Khu dân cư')" "Khu dân cư 14 0 14 14 9 9 9 64,3" "summary: khu dân cư"
expect_eq "$(row 'Cơ sở giáo dục')" "Cơ sở giáo dục 1 1 0 0 0 0 0 -" "summary: the excluded school"
expect_eq "$(row 'Tổng cộng')" "Tổng cộng 17 1 16 16 10 9 9 56,2" "summary: totals"

run summary 2024 --under X2
expect_eq "$(row 'Khu dân cư')" "Khu dân cư 4 0 4 4 2 2 2 50,0" "summary under one commune"

# one more unit passing lifts X2 to 3 of 4 = 75 %, once it too is decided
export ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1
run reopen X2-K03 2024 --reason "Kỷ luật đã được xóa"
run answer set X2-K03 2024 5.2 có
expect_rc 0 "answer set"
run assess show X2 2024
expect_out "Kết luận: CHƯA ĐỦ THÔNG TIN" "X2 is not lifted by a verdict alone: it waits for the decision"
run submit X2-K03 2024
run approve X2-K03 2024
run recognise --decision "12/QĐ-UBND" --date 12/11/2024 --by "Chủ tịch UBND xã An Phú" 2024 X2-K03
expect_rc 0 "the same decision, one more unit"
unset ANTT_USER ANTT_PASSWORD
run assess show X2 2024
expect_out "Kết luận: ĐẠT" "X2 follows its recognised units at once"

# the same data, asked through the accent-insensitive type filter
run unit list --type "KHU DÂN CƯ" --under X2
expect_eq "$(printf '%s\n' "$out" | wc -l)" "4" "unit list --type --under"
run unit list --search "hoa binh"
expect_out "Xã Hòa Bình" "search without accents"
# the exception column takes 1/0 and their words only: "-1" is no flag
# (the search key reads - as a space, so "-1" looked like "1")
for v in -1 _0 c-o; do
	printf 'unit_code,year,criterion,value,note,exception\nX2-K01,2024,4b,không,ghi chú,%s\n' "$v" > "$T/exc.csv"
	run answer import "$T/exc.csv"
	expect_rc 1 "answer import: exception \"$v\" refused"
	expect_err "cột exception phải là 1 hoặc 0" "answer import: exception \"$v\" named"
done
finish
