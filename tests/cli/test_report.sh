# End to end: the Excel report on a data set built with the CSV commands,
# read back with openpyxl (Debian's, through /usr/bin/python3); totals
# checked against `antt summary`; same data, same bytes; refusals.
. "$(dirname "$0")/lib.sh"
CHECK="$(cd "$(dirname "$0")/../report" && pwd)/check_report.py"

{
	echo "code,parent_code,type,name,excluded"
	echo "H,,huyện,Huyện Sông Lam,"
	echo "X1,H,xã,Xã Hòa Bình,"
	echo "X2,H,xã,Xã An Phú,"
	echo "CQ1,H,cơ quan,Kho bạc Nhà nước huyện Sông Lam,"
	for i in 01 02 03 04 05 06 07 08 09 10; do echo "X1-K$i,X1,khu dân cư,Thôn $i Hòa Bình,"; done
	for i in 01 02 03 04; do echo "X2-K$i,X2,khu dân cư,Tổ dân phố $i,"; done
	echo "X2-G1,X2,cơ sở giáo dục,Trường Tiểu học An Phú,1"
} > "$T/units.csv"
{
	echo "unit_code,year,criterion,value,note,exception"
	for i in 01 02 03 04 05 06 07 08 09 10; do echo "X1-K$i,2024,*,đạt"; done
	echo "X1-K08,2024,4b,không,Vụ cướp tài sản chưa xử lý xong"
	echo "X1-K09,2024,1.2,95"
	echo "X1-K10,2024,3e,không,Tranh chấp đất đai kéo dài"
	for i in 01 02 03 04; do echo "X2-K$i,2024,*,đạt"; done
	echo "X2-K03,2024,5.2,không"
	echo "X2-K04,2024,4d,không,Cháy xưởng gỗ"
	echo "X1,2024,*,đạt"
	echo "X2,2024,*,đạt"
	echo "CQ1,2024,*,đạt"
	echo "X1-K01,2023,*,đạt"
} > "$T/answers.csv"
run unit import "$T/units.csv"; expect_rc 0 "units"
run answer import "$T/answers.csv"; expect_rc 0 "answers"
for kv in "parent_agency|Công an tỉnh Bình Giang" "office_name|Công an huyện Sông Lam" "report_prefix|CAH" \
	"place|Sông Lam" "signer_title|Trưởng Công an huyện" "signer_name|Thượng tá Nguyễn Văn Bình"; do
	"$ANTT" --db "$DB" settings "${kv%%|*}" "${kv#*|}" > /dev/null
done

run report --year 2024 -o "$T/bc.xlsx" --date 2024-11-20
expect_rc 0 "report"
expect_out "Đã ghi báo cáo năm 2024 vào $T/bc.xlsx" "says where the file went"
expect_err "1 đơn vị không thuộc xã nào" "warns about the unit under no commune"

# the totals the report must show, from `antt summary` (all units less excluded)
run summary 2024
row() { printf '%s\n' "$out" | grep "^$1 " | tr -s ' ' | sed "s/^$1 //"; }
triple() { echo "$1" | awk '{ printf "[%d, %d, %d]", $1 - $2, $3, $5 }'; }
cat > "$T/expected.json" <<JSON
{
  "sheets": ["Tổng hợp", "Xã", "Khu dân cư", "Cơ quan", "Cơ sở giáo dục", "Chưa đạt", "Xếp loại", "Phong trào", "Đề nghị điển hình"],
  "rows": {
    "Xã Hòa Bình": {"Khu dân cư": [10, 10, 7], "Xã, phường, thị trấn": [1, 1, 1], "Cơ sở giáo dục": [0, 0, 0]},
    "Xã An Phú": {"Khu dân cư": [4, 4, 2], "Xã, phường, thị trấn": [1, 1, 0], "Cơ sở giáo dục": [0, 0, 0]},
    "Trực thuộc Huyện Sông Lam": {"Cơ quan": [1, 1, 1], "Khu dân cư": [0, 0, 0]}
  },
  "totals": {
    "Khu dân cư": $(triple "$(row 'Khu dân cư')"),
    "Xã, phường, thị trấn": $(triple "$(row 'Xã')"),
    "Cơ quan": $(triple "$(row 'Cơ quan')"),
    "Cơ sở giáo dục": $(triple "$(row 'Cơ sở giáo dục')"),
    "Doanh nghiệp": [0, 0, 0]
  },
  "kdc_units": 14,
  "failed": {"Thôn 08 Hòa Bình": "4b — Không xảy ra tội phạm", "Xã An Phú": "4 — 100% khu dân cư"}
}
JSON
grep -q '"Khu dân cư": \[14, 14, 9\]' "$T/expected.json" && ok "summary gives the known totals" || not_ok "summary totals: $(grep -A5 totals "$T/expected.json")"
/usr/bin/python3 "$CHECK" "$T/bc.xlsx" "$T/expected.json" && ok "workbook checked with openpyxl" || not_ok "workbook check"

# same data, same bytes
run report --year 2024 -o "$T/bc2.xlsx" --date 2024-11-20
cmp -s "$T/bc.xlsx" "$T/bc2.xlsx" && ok "deterministic: same data, same bytes" || not_ok "two runs differ"
# an answer changes: the file changes
run answer set X1-K09 2024 1.2 100
run report --year 2024 -o "$T/bc3.xlsx" --date 2024-11-20
cmp -s "$T/bc.xlsx" "$T/bc3.xlsx" && not_ok "a changed answer changes the file" || ok "a changed answer changes the file"

# refusals, and nothing half-written left behind
run report --year 2024 -o "$T/bc.xlsx"
expect_rc 1 "existing file without --force"
expect_err "tệp đã có, chưa ghi gì" "existing file message"
expect_err "dùng --force để ghi đè" "  and the command line's way to replace it"
run report --year 2024 -o "$T/bc.xlsx" --force --date 2024-11-20
expect_rc 0 "--force replaces it"
run report --year 2024 -o "$T/no/such/dir/bc.xlsx"
expect_rc 1 "unwritable path"
expect_err "không ghi được vào thư mục này" "unwritable path message"
run report --year 2019 -o "$T/old.xlsx"
expect_rc 1 "a year with no data"
expect_err "năm 2019 chưa có đơn vị nào đăng ký" "no-data message"
[ ! -e "$T/old.xlsx" ] && ok "no file for a refused report" || not_ok "file left for a refused report"
expect_eq "$(ls -a "$T" | grep -c '\.tmp$')" "0" "no temporary file left"
run report --year 2024 --under X2 -o "$T/x2.xlsx"
expect_rc 0 "report under one commune"
finish
