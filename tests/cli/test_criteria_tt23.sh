# Issue 15: TT 23/2012 (years before 2022) as the text says. Schools have
# their own form (Điều 8), agencies and enterprises Điều 7 without the
# exceptions of TT 124, khu dân cư Điều 5 with the self-management model in
# criterion 2, and the commune's "giảm so với năm trước" never waived.
. "$(dirname "$0")/lib.sh"

printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Một\nX1-S,X1,co-so-giao-duc,Trường THCS Một\nX1-Q,X1,co-quan,Cơ quan Một\n' > "$T/units.csv"
run unit import "$T/units.csv"
expect_rc 0 "units import"
for u in X1 X1-K1 X1-S X1-Q; do "$ANTT" --db "$DB" register $u 2021 > /dev/null; "$ANTT" --db "$DB" answer set $u 2021 '*' đạt > /dev/null; done

row() { printf '%s\n' "$out" | grep -E "^ $1 " | head -1; }
fails() { case "$(row "$1")" in *"KHÔNG ĐẠT"*) ok "$2";; *) not_ok "$2: $(row "$1")";; esac; }
passes() { case "$(row "$1")" in *"KHÔNG ĐẠT"*|"") not_ok "$2: $(row "$1")";; *"đạt"*) ok "$2";; *) not_ok "$2";; esac; }

# schools: their own form, Điều 8
run assess show X1-S 2021
expect_out "Thông tư 23/2012/TT-BCA — Nhà trường" "a school is assessed on the school form (Điều 8)"
expect_out "ĐẠT" "a school answering every item đạt is đạt"
passes 2.2 "the school-government-family coordination plan is asked"
run answer set X1-S 2021 1.3 95
run assess show X1-S 2021
fails 1.3 "95 % of staff and pupils signing the commitment fails (Điều 8.1: 100 %)"
expect_out "CHƯA ĐẠT" "the school is then not đạt"
run answer set X1-S 2021 1.3 100
run assess show X1-S 2021
passes 1.3 "100 % signing passes"

# agencies: Điều 7 items, no exception
run assess show X1-Q 2021
expect_out "Thông tư 23/2012/TT-BCA — Cơ quan, doanh nghiệp" "an agency is assessed on Điều 7"
run answer set X1-Q 2021 1.2 90
run assess show X1-Q 2021
fails 1.2 "90 % of staff signing the giao ước thi đua fails"
run answer set X1-Q 2021 1.2 100
run answer set X1-Q 2021 2 không
run assess show X1-Q 2021
fails 2 "an agency without a self-management model fails"
run answer set X1-Q 2021 2 có
run answer set X1-Q 2021 3.2 không
run assess show X1-Q 2021
fails 3.2 "theft of high-value property fails"
run answer set X1-Q 2021 3.3 không --exception --note "x"
expect_rc 1 "Điều 7 has no exception: a leak of technology cannot be excused"
run answer set X1-Q 2021 3.5 không
run assess show X1-Q 2021
fails 3.5 "a staff member who committed a crime fails the agency"

# khu dân cư: criterion 2 holds the self-management model; 3 lists what must not happen
run assess show X1-K1 2021
expect_out "Khu dân cư có mô hình tự quản" "khu dân cư criterion 2 asks for the model"
run answer set X1-K1 2021 2.2 không
run assess show X1-K1 2021
fails 2.2 "a khu dân cư without a self-management model fails"
run answer set X1-K1 2021 2.2 có
run answer set X1-K1 2021 4a không --exception --note "x"
expect_rc 1 "khu dân cư 4a (giảm so với năm trước) refuses the exception"

# commune: criterion 2 split, point "giảm so với năm trước" never waived
run answer set X1 2021 2.3 không --exception --note "x"
expect_rc 1 "commune 2.3 (giảm so với năm trước) refuses the exception"
run answer set X1 2021 2.3 không
run assess show X1 2021
fails 2.3 "commune 2.3 answered không fails"
run answer set X1 2021 2.3 có
run answer set X1 2021 2.4 không --exception --note "Vụ giết người, đã bắt giữ ngay"
expect_rc 0 "commune 2.4 (serious crime) takes the exception"
run assess show X1 2021
passes 2.4 "commune 2.4 with the exception holds"

# the assessment periods of TT 23 (Điều 9.2), shown by forms check
run forms check
expect_out "kỳ đánh giá: 31/10 năm trước đến 31/10" "khu dân cư period to 31/10"
expect_out "kỳ đánh giá: 30/11 năm trước đến 30/11" "commune, agency, enterprise period to 30/11"
expect_out "kỳ đánh giá: Theo năm học" "schools by school year"
finish
