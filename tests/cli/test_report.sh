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

# "Đạt" is được công nhận: approved forms recognised by the chairmen's
# decisions (khu dân cư by the commune's, communes and the district's own
# agencies by the district's); CQ1 is approved but not yet decided
leaders
run submit --under H 2024
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run approve --under H 2024
expect_out "đã duyệt 15 phiếu" "the leader approves the complete forms"
export ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1
run recognise --decision "45/QĐ-UBND" --date 10/11/2024 --by "Chủ tịch UBND xã Hòa Bình" \
	2024 X1-K01 X1-K02 X1-K03 X1-K04 X1-K05 X1-K06 X1-K07
expect_rc 0 "recognise Hòa Bình's khu dân cư"
run recognise --decision "12/QĐ-UBND" --date 12/11/2024 --by "Chủ tịch UBND xã An Phú" 2024 X2-K01 X2-K02
run submit X1 2024; run approve X1 2024
run submit X2 2024; run approve X2 2024
run recognise --decision "301/QĐ-UBND" --date 25/11/2024 --by "Chủ tịch UBND huyện Sông Lam" --signer "Nguyễn Văn Hùng" 2024 X1
expect_rc 0 "the district recognises the commune"
unset ANTT_USER ANTT_PASSWORD

run report --year 2024 -o "$T/bc.xlsx" --date 2024-11-20
expect_rc 0 "report"
expect_out "Đã ghi báo cáo năm 2024 vào $T/bc.xlsx" "says where the file went"
expect_err "1 đơn vị không thuộc xã nào" "warns about the unit under no commune"

# the totals the report must show, from `antt summary` (all units less excluded)
run summary 2024
row() { printf '%s\n' "$out" | grep "^$1 " | tr -s ' ' | sed "s/^$1 //"; }
# Tổng số (less excluded), Đăng ký, Được công nhận
triple() { echo "$1" | awk '{ printf "[%d, %d, %d]", $1 - $2, $3, $7 }'; }
cat > "$T/expected.json" <<JSON
{
  "sheets": ["Tổng hợp", "Theo xã", "Theo xã (2)", "Biểu đồ", "Khu dân cư", "Xã", "Cơ quan", "Cơ sở giáo dục", "Chưa đạt"],
  "left_out": "Năm 2024 chưa có số liệu nên báo cáo không kèm trang: Xếp loại, Danh sách chấm điểm, Phong trào, Đề nghị điển hình.",
  "rows": {
    "Xã Hòa Bình": {"Khu dân cư": [10, 10, 7], "Cơ sở giáo dục": [0, 0, 0]},
    "Xã An Phú": {"Khu dân cư": [4, 4, 2], "Cơ sở giáo dục": [0, 0, 0]},
    "Trực thuộc Huyện Sông Lam": {"Cơ quan": [1, 1, 0], "Khu dân cư": [0, 0, 0]}
  },
  "types": {
    "Khu dân cư": $(triple "$(row 'Khu dân cư')"),
    "Xã": $(triple "$(row 'Xã')"),
    "Phường": [0, 0, 0],
    "Thị trấn": [0, 0, 0],
    "Đặc khu": [0, 0, 0],
    "Cơ quan": $(triple "$(row 'Cơ quan')"),
    "Doanh nghiệp": [0, 0, 0],
    "Cơ sở giáo dục": $(triple "$(row 'Cơ sở giáo dục')")
  },
  "previous": {"Khu dân cư": 0.0, "Xã": "–", "Cơ quan": "–"},
  "targets": {"Khu dân cư": 0.95, "Xã": 0.95, "Cơ quan": 0.9, "Đặc khu": "–", "Doanh nghiệp": "–"},
  "kdc_units": 14,
  "failed": {"Thôn 08 Hòa Bình": "4b — Không xảy ra tội phạm", "Xã An Phú": "4 — 100% khu dân cư"}
}
JSON
grep -q '"Khu dân cư": \[14, 14, 9\]' "$T/expected.json" && grep -q '"Cơ quan": \[1, 1, 0\]' "$T/expected.json" &&
	grep -q '"Xã": \[2, 2, 1\]' "$T/expected.json" &&
	ok "summary gives the known totals (recognised, not approved)" || not_ok "summary totals: $(grep -A9 types "$T/expected.json")"
/usr/bin/python3 "$CHECK" "$T/bc.xlsx" "$T/expected.json" && ok "workbook checked with openpyxl" || not_ok "workbook check"
# every part deflated at zlib's fastest level (report_zip.c): minizip
# writes that into each entry's flags (bits 1 and 2 set); the default
# level, which libxlsxwriter asks for, leaves them clear
flags=$(/usr/bin/python3 -c "import sys, zipfile
print(' '.join(sorted({'%d/%d' % (i.compress_type, i.flag_bits & 6) for i in zipfile.ZipFile(sys.argv[1]).infolist()})))" "$T/bc.xlsx")
expect_eq "$flags" "8/6" "every part of the workbook deflated at the fastest level"
# and each part's bytes read back whole against the CRC written for it
# (its deflate cut in chunks, its size and CRC given to minizip at close)
bad=$(/usr/bin/python3 -c "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())" "$T/bc.xlsx")
expect_eq "$bad" "None" "every part of the workbook inflates to its size and CRC"

# the chart: this year's bars labelled as the table writes a rate (41,2 %),
# last year's and the target's not (three labels a type ran into each
# other, "91%95%"); the axis 0 % … 100 %
chart=$(/usr/bin/python3 -c "import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml').decode()
labels = re.findall(r'<c:dLbls>.*?</c:dLbls>', x, re.S)
print(len(labels), re.findall(r'formatCode=\"([^\"]*)\"', ''.join(labels)), '[\$-42A]0 %' in x)" "$T/bc.xlsx")
expect_eq "$chart" "1 ['[\$-42A]0.0 %'] True" "the chart: this year's bars alone labelled, as 41,2 %; the axis as 100 %"

# the results paragraph, word for word, for the office's Word document
results='Năm 2024, toàn huyện có 9/14 khu dân cư, 1/2 xã và 0/1 cơ quan được công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự" (tỷ lệ chung 58,8 %); so với năm 2023 (0,0 %), tăng 58,8 điểm phần trăm; so với chỉ tiêu: khu dân cư 64,3 %/95 % (chưa đạt), xã 50,0 %/95 % (chưa đạt), cơ quan 0,0 %/90 % (chưa đạt).'
period='Thời gian đánh giá: khu dân cư từ ngày 01/11/2023 đến ngày 31/10/2024; xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục từ ngày 16/11/2023 đến ngày 15/11/2024.'
run report --year 2024 --text
expect_rc 0 "report --text"
expect_eq "$out" "$results
$period" "the results paragraph and the periods, word for word"
/usr/bin/python3 - "$T/bc.xlsx" "$results" "$period" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Tổng hợp"]
cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
tt = next(c.row for c in ws["A"] if c.value == "TT")
# printed, a figure keeps its "%" on its line: a no-break space before it
for text, what in ((sys.argv[2].replace(" %", "\u00a0%"), "results paragraph"), (sys.argv[3], "periods")):
    c = cells.get(text)
    print(("ok" if c is not None and c.row < tt and c.font.sz >= 12 else "not ok") + f" - the {what} above the table, readable size")
PY

# the bench's Python peer writes the same signed page and per-commune
# figures from the same database
PEER="$(cd "$(dirname "$0")/../../bench" && pwd)/report.py"
/usr/bin/python3 "$PEER" "$DB" 2024 "$T/peer.xlsx" && /usr/bin/python3 - "$T/bc.xlsx" "$T/peer.xlsx" <<'PY'
import sys, openpyxl
a, b = (openpyxl.load_workbook(p, data_only=True) for p in sys.argv[1:3])
def table(ws, first_col):
    tt = next(c.row for c in ws["A"] if c.value == "TT")
    key = lambda r: ws.cell(row=r, column=first_col).value or (ws.cell(row=r, column=1).value == "Tổng cộng" and "Tổng cộng")
    return {key(r): [ws.cell(row=r, column=c).value for c in range(first_col + 1, ws.max_column + 1)]
            for r in range(tt + 1, ws.max_row + 1) if key(r)}
ta, tb = table(a["Tổng hợp"], 2), table(b["Tổng hợp"], 2)
types = [k for k in ta if k in tb]
same = all(ta[k][:6] == tb[k][:6] or all(abs(x - y) < 1e-9 for x, y in zip(ta[k][:6], tb[k][:6])) for k in types)
print(("ok" if len(types) == 9 and same else "not ok") + f" - the Python peer's Tổng hợp has the same rows and figures ({len(types)} rows: the types and the totals)")
sheets = [n for n in a.sheetnames if n.startswith("Theo xã")]
print(("ok" if sheets == [n for n in b.sheetnames if n.startswith("Theo xã")] else "not ok") + f" - and the same per-commune sheets {sheets}")
for n in sheets:
    ca, cb = table(a[n], 2), table(b[n], 2)
    common = [k for k in ca if k in cb]
    print(("ok" if common and all(ca[k] == cb[k] for k in common) else "not ok") + f" - {n}: {len(common)} rows alike")
PY
[ $? -eq 0 ] || not_ok "the Python peer's workbook read back"

# same data, same bytes
run report --year 2024 -o "$T/bc2.xlsx" --date 2024-11-20
cmp -s "$T/bc.xlsx" "$T/bc2.xlsx" && ok "deterministic: same data, same bytes" || not_ok "two runs differ"
# a recognition withdrawn: the file changes
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run recognise withdraw X2-K02 2024 --reason "Quyết định bị thu hồi"
expect_rc 0 "withdraw a recognition"
run report --year 2024 -o "$T/bc3.xlsx" --date 2024-11-20
cmp -s "$T/bc.xlsx" "$T/bc3.xlsx" && not_ok "a withdrawn recognition changes the file" || ok "a withdrawn recognition changes the file"

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
expect_err "chọn nơi khác để lưu: -o" "  and the command line's way on"
run report --year 2019 -o "$T/old.xlsx"
expect_rc 1 "a year with no data"
expect_err "năm 2019 chưa có đơn vị nào đăng ký" "no-data message"
[ ! -e "$T/old.xlsx" ] && ok "no file for a refused report" || not_ok "file left for a refused report"
expect_eq "$(ls -a "$T" | grep -c '\.tmp$')" "0" "no temporary file left"
run report --year 2024 --under X2 -o "$T/x2.xlsx"
expect_rc 0 "report under one commune"

# an option given twice: refused as print's are, not the last one silently taken
run report --year 2024 --year 2025 -o "$T/twice.xlsx"
expect_rc 2 "report --year twice is refused"
expect_err "tùy chọn \"--year\" ghi hai lần: chỉ ghi một lần" "report --year twice: named"
run report --year 2024 -o "$T/twice.xlsx" -o "$T/twice2.xlsx"
expect_rc 2 "report -o twice is refused"
expect_err "tùy chọn \"--output\" ghi hai lần" "report -o twice: named"
run report --year 2024 --under X1 --under X2 -o "$T/twice.xlsx"
expect_rc 2 "report --under twice is refused"
expect_err "tùy chọn \"--under\" ghi hai lần" "report --under twice: named"
[ ! -e "$T/twice.xlsx" ] && [ ! -e "$T/twice2.xlsx" ] && ok "no file for a repeated option" ||
	not_ok "a repeated option wrote a file"
run report --year 2024 -o "$T/once.xlsx" --force --force
expect_rc 0 "a flag given twice (--force --force) is no conflict"

# a second unit at the top (a commune added with no parent): no one office,
# each top a row; the commune last read as a top made the report count
# nothing and refuse ("chưa có đơn vị nào đăng ký")
xa=$(sql "SELECT count(*) FROM units WHERE type = 'xa'")
run report --year 2024 -o "$T/one-top.xlsx"
units=$(printf '%s' "$out" | sed -n 's/.*(\([0-9]*\) đơn vị.*/\1/p')
run unit add X9 xã "Xã Lạc Sơn"
expect_rc 0 "a commune added at the top"
run report --year 2024 -o "$T/two-tops.xlsx"
expect_rc 0 "the report with two units at the top is written"
expect_out "($((units + 1)) đơn vị" "  it counts every unit, the new commune too"
n=$(/usr/bin/python3 -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['Tổng hợp']
print(next(r[2] for r in ws.iter_rows(values_only=True) if r[1] == 'Xã'))" "$T/two-tops.xlsx")
expect_eq "$n" "$((xa + 1))" "  the summary's Xã row counts the new commune too"
finish
