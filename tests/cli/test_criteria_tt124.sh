# Issue 15: TT 124/2021 criteria as the text says. Commune criterion 2 takes
# criteria 2-4 of the khu dân cư (Điều 5.2 -> Điều 4.4): the exception (bất
# khả kháng / phát hiện, xử lý kịp thời) covers only points b and d, so it
# must not waive point a, "giảm so với năm trước".
. "$(dirname "$0")/lib.sh"

printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Một\n' > "$T/units.csv"
run unit import "$T/units.csv"
expect_rc 0 "units import"
run register X1 2024
run answer set X1 2024 '*' đạt
expect_rc 0 "every criterion answered đạt"

# row ID: the verdict column of the row for criterion ID in assess show
row() { printf '%s\n' "$out" | grep -E "^ $1 " | head -1; }

# point a (crime reduced vs last year): the exception is refused, "không" fails
run answer set X1 2024 2.3 không --exception --note "Có 1 vụ cướp tài sản, đã bắt giữ"
expect_rc 1 "2.3 (giảm so với năm trước) refuses the exception"
expect_err "không có trường hợp ngoại lệ" "the refusal says the point has no exception"
run answer set X1 2024 2.3 không
run assess show X1 2024
case "$(row 2.3)" in
*"KHÔNG ĐẠT"*) ok "2.3 (giảm so với năm trước) fails even with the exception flag";;
*) not_ok "2.3 (giảm so với năm trước) fails even with the exception flag: $(row 2.3)";;
esac
expect_out "CHƯA ĐẠT" "the commune is not đạt"

# point b (serious crime) "không" with the exception and a note: the point holds
run answer set X1 2024 2.3 có
run answer set X1 2024 2.4 không --exception --note "Vụ cố ý gây thương tích, đã phát hiện, xử lý kịp thời"
expect_rc 0 "2.4 takes the exception"
run assess show X1 2024
case "$(row 2.4)" in
*"KHÔNG ĐẠT"*) not_ok "2.4 (tội phạm nghiêm trọng) passes with the exception: $(row 2.4)";;
*"đạt"*) ok "2.4 (tội phạm nghiêm trọng) passes with the exception";;
*) not_ok "2.4 row missing: $out";;
esac
# point b without the exception fails
run answer set X1 2024 2.4 không --no-exception
run assess show X1 2024
case "$(row 2.4)" in *"KHÔNG ĐẠT"*) ok "2.4 without the exception fails";; *) not_ok "2.4 without the exception fails: $(row 2.4)";; esac

# point d (fire, explosion, fatal accident) with force majeure holds; point c has no exception
run answer set X1 2024 2.4 có
run answer set X1 2024 2.6 không --exception --note "Lũ quét làm sập nhà, bất khả kháng"
run assess show X1 2024
case "$(row 2.6)" in *"KHÔNG ĐẠT"*) not_ok "2.6 passes with force majeure";; *"đạt"*) ok "2.6 passes with force majeure";; *) not_ok "2.6 row missing";; esac
run answer set X1 2024 2.5 không --exception --note "x"
expect_rc 1 "2.5 (tệ nạn mới) refuses the exception"
run answer set X1 2024 2.5 không
run assess show X1 2024
case "$(row 2.5)" in *"KHÔNG ĐẠT"*) ok "2.5 (tệ nạn mới) cannot be waived";; *) not_ok "2.5 (tệ nạn mới) cannot be waived: $(row 2.5) rc=$rc";; esac

# the khu dân cư form: 4a has no exception, 4b and 4d have one
run register X1-K1 2024
run answer set X1-K1 2024 '*' đạt
run answer set X1-K1 2024 4a không --exception --note "x"
expect_rc 1 "khu dân cư 4a refuses the exception"
run answer set X1-K1 2024 4a không
run assess show X1-K1 2024
case "$(row 4a)" in *"KHÔNG ĐẠT"*) ok "khu dân cư 4a cannot be waived";; *) not_ok "khu dân cư 4a cannot be waived: $(row 4a)";; esac

# A set with the old mistake (2.3 carrying the exception): an assessment made
# under it keeps its set and verdict; forms check says the files would change it.
mkdir -p "$T/old" && cp -r "$ANTT_FORMS"/* "$T/old/"
python3 - "$T/old/tt124-2021/xa-phuong-thi-tran.yaml" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
s = s.replace('giảm so với năm trước\n        type: yesno\n', 'giảm so với năm trước\n        type: yesno\n        exception: true\n', 1)
open(p, 'w').write(s)
PY
ANTT_FORMS="$T/old" "$ANTT" --db "$DB" unit add X9 xa "Xã Chín" > /dev/null
ANTT_FORMS="$T/old" "$ANTT" --db "$DB" answer set X9 2024 '*' đạt > /dev/null
ANTT_FORMS="$T/old" "$ANTT" --db "$DB" answer set X9 2024 2.3 không --exception --note "Tăng 2 vụ trộm" > /dev/null
rc=$?
expect_rc 0 "under the old set 2.3 took the exception"
run assess show X9 2024
expect_out "Kết luận: ĐẠT" "the stored assessment keeps its old set and verdict"
run forms check
expect_rc 0 "forms check with a database"
expect_out "X9 (Xã Chín) năm 2024: đã lưu ĐẠT" "forms check names the stored assessment the files would change"
expect_out "CHƯA ĐẠT — không đạt tiêu chí: 2" "and what it would become"
expect_no_out "X1 (Xã Một) năm 2024" "assessments made under today's set are not listed"
run assess show X9 2024
expect_out "Kết luận: ĐẠT" "forms check changed nothing"

# TT 48/2025 amends TT 124 from the 2025 assessments; 2024 keeps TT 124 as issued
run register X1-K1 2025
run assess show X1-K1 2025
expect_out "sửa đổi bởi Thông tư 48/2025/TT-BCA" "a 2025 assessment is made under TT 124 as amended by TT 48/2025"
run assess show X1-K1 2024
expect_no_out "Thông tư 48/2025" "a 2024 assessment keeps TT 124 as issued"
run forms check
expect_rc 0 "the shipped forms check clean"
expect_out "xét, công nhận: Theo Thông tư 48/2025/TT-BCA" "forms check shows the recognition route TT 48 sets"
finish
