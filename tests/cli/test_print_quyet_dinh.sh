# antt print quyet-dinh: the draft decision and its annex on the demo
# database. Refusals (lib_recog.sh, as the tờ trình's), then a ward's draft
# read back: the committee's head, number and signer left for the chairman,
# the grounds and the tờ trình's sign, the articles with the count by type,
# the annex listing every approved đạt unit in groups with the totals; the
# same bytes for the same date; the LibreOffice PDF.
. "$(dirname "$0")/lib_recog.sh"

recog_refusals quyet-dinh

want=$(recog_approved X008)
n=$(printf '%s\n' "$want" | grep -c .)
run print quyet-dinh --under X008 --year 2024 -o "$T/qd.xlsx" --date 22/11/2024
expect_rc 0 "X008's draft decision"
expect_out "Đã ghi dự thảo quyết định công nhận năm 2024 vào $T/qd.xlsx ($n đơn vị, 2 trang tính)." "what was written"
$ROWS "$T/qd.xlsx" "Quyết định" > "$T/qd.txt"
$ROWS "$T/qd.xlsx" "Danh sách" > "$T/ds.txt"
expect_eq "$(head -3 "$T/qd.txt")" "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG THẠCH ĐÀ | Độc lập - Tự do - Hạnh phúc
Số: /QĐ-UBND | Thạch Đà, ngày 22 tháng 11 năm 2024" "head: the ward's committee, QĐ-UBND left to number"
grep -qx "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG THẠCH ĐÀ" "$T/qd.txt" && ok "decided by the ward's chairman" ||
	not_ok "no authority line"
grep -qx "Căn cứ Luật Tổ chức chính quyền địa phương;" "$T/qd.txt" && grep -q "^Căn cứ Thông tư số 124/2021/TT-BCA" "$T/qd.txt" &&
	grep -q "^Xét đề nghị của Công an phường Thạch Đà tại Tờ trình số" "$T/qd.txt" && ok "grounds and the proposal" ||
	not_ok "grounds: $(grep -E '^(Căn cứ|Xét)' "$T/qd.txt")"
# the tờ trình it answers carries the sign its own Số: line has (doc_proposal.c)
grep -qx "Xét đề nghị của Công an phường Thạch Đà tại Tờ trình số ……/TTr-CAP ngày …… tháng …… năm 2024." "$T/qd.txt" &&
	ok "the tờ trình named by its sign, TTr-CAP (a ward's police)" || not_ok "Xét line: $(grep '^Xét' "$T/qd.txt")"
list=$(recog_by_type X008 | /usr/bin/python3 -c "import sys
print(', '.join(n + ' ' + t.lower() for t, n in (l.rstrip('\\n').split('|') for l in sys.stdin)))")
grep -qx "Điều 1. Công nhận $n đơn vị đạt tiêu chuẩn \"An toàn về an ninh, trật tự\" năm 2024, gồm: $list (có danh sách kèm theo)." "$T/qd.txt" &&
	ok "Điều 1: $n units, $list" || not_ok "Điều 1: $(grep 'Điều 1' "$T/qd.txt")"
grep -q "^Điều 3. Chánh Văn phòng Ủy ban nhân dân phường Thạch Đà, Công an phường Thạch Đà" "$T/qd.txt" &&
	ok "Điều 3 names who carries it out" || not_ok "Điều 3: $(grep 'Điều 3' "$T/qd.txt")"
grep -qx "Nơi nhận: | CHỦ TỊCH" "$T/qd.txt" && ok "signed by the chairman, the name left blank" ||
	not_ok "signature: $(grep 'Nơi nhận' "$T/qd.txt")"
# Debian's openpyxl reads no rich text: the shared strings' runs, read as XML
/usr/bin/python3 - "$T/qd.xlsx" > "$T/bold.txt" <<'EOF'
import re
import sys
import zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode()
for si in re.findall(r"<si>(.*?)</si>", xml, re.S):
    runs = re.findall(r"<r>(.*?)</r>", si, re.S)
    if runs:
        text = re.search(r"<t[^>]*>(.*?)</t>", runs[0], re.S).group(1)
        print(text, "bold" if "<b/>" in runs[0] else "plain")
EOF
expect_eq "$(cat "$T/bold.txt")" "Điều 1. bold
Điều 2. bold
Điều 3. bold" "each article's \"Điều n.\" in bold"

grep -qx "TT | Tên đơn vị | Mã | Ghi chú" "$T/ds.txt" && ok "the annex's column heads" ||
	not_ok "column heads: $(sed -n 3p "$T/ds.txt")"
got=$(grep -E '^[0-9]+ \| ' "$T/ds.txt" | awk -F' \\| ' '{ print $1 "|" $3 }')
exp=$(printf '%s\n' "$want" | awk -F'|' '{ print NR "|" $1 }')
expect_eq "$got" "$exp" "the annex lists every approved đạt unit, numbered"
grep -qx "(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm …… của Chủ tịch Ủy ban nhân dân phường Thạch Đà)" "$T/ds.txt" &&
	ok "the annex names its decision, number left blank" || not_ok "annex note: $(sed -n 2p "$T/ds.txt")"
grep -qx "Tổng cộng | $n đơn vị" "$T/ds.txt" && ok "annex totals" || not_ok "annex totals: $(tail -1 "$T/ds.txt")"

run print quyet-dinh --under X008 --year 2024 -o "$T/qd2.xlsx" --date 22/11/2024
cmp -s "$T/qd.xlsx" "$T/qd2.xlsx" && ok "same data and date: the same bytes" || not_ok "two runs differ"

# the office: the district's committee decides on the communes
run print quyet-dinh --year 2024 -o "$T/office.xlsx" --date 25/11/2024
expect_rc 0 "the office's draft decision"
$ROWS "$T/office.xlsx" "Quyết định" | sed -n 2p > "$T/o.txt"
expect_eq "$(cat "$T/o.txt")" "HUYỆN SÔNG LAM | Độc lập - Tự do - Hạnh phúc" "the district's committee issues it"
$ROWS "$T/office.xlsx" "Quyết định" | grep '^Xét' > "$T/ox.txt"
expect_eq "$(cat "$T/ox.txt")" "Xét đề nghị của Công an huyện Sông Lam tại Tờ trình số ……/TTr-CAH ngày …… tháng …… năm 2024." \
	"the office's tờ trình named by the sign of the settings' report_prefix, TTr-CAH"

print_check "$T/qd.xlsx" --pages 2 --title "QUYẾT ĐỊNH" --merged "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG THẠCH ĐÀ" \
	--text "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
finish
