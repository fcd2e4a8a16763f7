# The assessment periods under the results paragraph follow the year's
# regulation (review 10b): a 2019 report said TT 124's "01/11/2018 đến
# ngày 31/10/2019", a period that began in 2022; years up to 2021 take
# Thông tư 23/2012's (Điều 9 khoản 2: 31/10 to 31/10, 30/11 to 30/11, the
# school year), from the layout's old_period. A layout whose old_period
# has no year is refused with its line.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"
run report --year 2023 --text
expect_out "khu dân cư từ ngày 01/11/2022 đến ngày 31/10/2023" "2023: TT 124's period for khu dân cư"
expect_out "từ ngày 16/11/2022 đến ngày 15/11/2023" "2023: and for the others"
# a year under TT 23: the demo's units assessed in 2019
run answer set "$(sql "SELECT code FROM units WHERE type = 'khu-dan-cu' ORDER BY code LIMIT 1")" 2019 '*' đạt
run report --year 2019 --text
expect_out "khu dân cư từ ngày 31/10/2018 đến ngày 31/10/2019" "2019: TT 23's period for khu dân cư"
expect_out "từ ngày 30/11/2018 đến ngày 30/11/2019" "2019: and for communes, agencies and enterprises"
expect_out "nhà trường theo năm học 2018-2019" "2019: schools by school year"
expect_no_out "16/11/2018" "2019: nothing of TT 124's period"
run report --year 2019 -o "$T/r.xlsx"
got=$(/usr/bin/python3 -c "
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['Tổng hợp']
print([c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith('Thời gian')])" "$T/r.xlsx")
case "$got" in *"31/10/2018 đến ngày 31/10/2019"*) ok "the workbook's signed page says the same";; *) not_ok "workbook: $got";; esac

# a layout with a broken old_period: refused, with the file and line
sed 's/^  until: 2021/  until: xưa/' "$ANTT_FORMS/reports/tong-hop.yaml" > "$T/bad.yaml"
run report --year 2019 --text --layout "$T/bad.yaml" 2> /dev/null
[ "$rc" -ne 0 ] && ok "a layout whose old_period has no year is refused (exit $rc)" || not_ok "bad layout accepted"
expect_err "bad.yaml:" "the message names the file and line"
finish
