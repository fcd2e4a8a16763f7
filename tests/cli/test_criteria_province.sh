# Issue 15: a province adds criteria to a unit type for a range of years
# (TT 124, Điều 8.1: "các tiêu chí khác do UBND tỉnh quy định") in a file
# under forms/tinh/, without editing the national files; forms check checks it.
. "$(dirname "$0")/lib.sh"

cp -r "$ANTT_FORMS" "$T/forms"
export ANTT_FORMS="$T/forms"
mkdir -p "$T/forms/tinh"
cat > "$T/forms/tinh/vi-du.yaml" <<'YAML'
adds_to: [khu-dan-cu]
regulation: Quyết định 999/QĐ-UBND tỉnh Ví Dụ
title: Tiêu chí bổ sung của tỉnh Ví Dụ
years: {from: 2023, to: 2024}
criteria:
  - id: "6"
    article: Quyết định 999/QĐ-UBND, Điều 2
    source: Quyết định 999/QĐ-UBND tỉnh Ví Dụ (tệp thử)
    label: Có camera an ninh ở các trục đường chính
    type: yesno
YAML
run forms check
expect_rc 0 "forms check accepts the province file"
expect_out "tinh/vi-du.yaml: đúng (phần bổ sung của tỉnh)" "forms check names it as a province addition"
expect_out "bổ sung vào: $T/forms/tt124-2021/khu-dan-cu.yaml (" "forms check says which national set it adds to"
run forms check "$T/forms/tinh/vi-du.yaml"
expect_rc 0 "forms check on the province file alone"

printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Một\nX1-K2,X1,khu-dan-cu,Thôn Hai\n' > "$T/units.csv"
run unit import "$T/units.csv"
run register X1-K1 2024
run answer set X1-K1 2024 '*' đạt
run answer set X1-K1 2024 6 không
expect_rc 0 "the added criterion is answered in 2024"
run assess show X1-K1 2024
expect_out "Có camera an ninh" "the 2024 checklist carries the province's criterion"
expect_out "Bổ sung của tỉnh: Quyết định 999/QĐ-UBND tỉnh Ví Dụ" "assess show names the province addition"
expect_out "CHƯA ĐẠT" "failing the province's criterion fails the unit"
run answer set X1-K1 2024 6 có
run assess show X1-K1 2024
expect_no_out "CHƯA ĐẠT" "meeting it (and the rest) passes"
run register X1-K2 2022
run answer set X1-K2 2022 6 có
expect_rc 1 "2022 is outside the years: no criterion 6"
run answer set X1-K2 2025 6 có
expect_rc 1 "2025 is outside the years: no criterion 6"

# a stored 2024 set keeps the criterion when the province file is gone
rm "$T/forms/tinh/vi-du.yaml"
run assess show X1-K1 2024
expect_out "Có camera an ninh" "the stored set keeps the addition after the file is removed"

# an id already in the national set is refused, with file and line
cat > "$T/forms/tinh/trung.yaml" <<'YAML'
adds_to: [khu-dan-cu]
regulation: Quyết định 1/QĐ-UBND
title: Trùng mã
years: {from: 2023}
criteria:
  - id: "5"
    source: thử
    label: Trùng mã tiêu chí 5
    type: yesno
YAML
run forms check
expect_rc 1 "an addition whose id collides is refused"
expect_err "tinh/trung.yaml:6:" "the message names the province file and its own line"
expect_err "mã tiêu chí \"5\" đã có trong bộ tiêu chí $T/forms/tt124-2021/khu-dan-cu.yaml" "and says which national set has the id"
rm "$T/forms/tinh/trung.yaml"
# an addition without source is refused; one for no national set too
sed 's/^    source: .*$//' > "$T/forms/tinh/nguon.yaml" <<'YAML'
adds_to: [co-quan]
regulation: Quyết định 2/QĐ-UBND
title: Không nguồn
years: {from: 2023}
criteria:
  - id: "9"
    source: x
    label: Một tiêu chí
    type: yesno
YAML
run forms check
expect_rc 1 "an added criterion without source is refused"
expect_err "tiêu chí 9 chưa ghi nguồn" "the message asks for its source"
rm "$T/forms/tinh/nguon.yaml"
printf 'adds_to: [huyen]\nregulation: QĐ 3\ntitle: Huyện\nyears: {to: 2010}\ncriteria:\n  - {id: "7", source: x, label: Xưa, type: yesno}\n' > "$T/forms/tinh/xua.yaml"
run forms check
expect_rc 1 "an addition that meets no national set is refused"
expect_err "không gặp bộ tiêu chí nào" "the message says so"
rm "$T/forms/tinh/xua.yaml"
# an addition put among the national sets is refused where antt reads it
cp "$T/units.csv" "$T/u2.csv"
printf 'adds_to: [khu-dan-cu]\nregulation: QĐ 4\ntitle: Sai chỗ\nyears: {from: 2023}\ncriteria:\n  - {id: "8", source: x, label: Sai chỗ, type: yesno}\n' > "$T/forms/tt124-2021/zz.yaml"
run register X1-K2 2023
expect_rc 1 "an addition among the national sets is refused"
expect_err "phải đặt trong thư mục tinh" "the message says where it belongs"
finish
