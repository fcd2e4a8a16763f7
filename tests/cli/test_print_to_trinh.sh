# antt print to-trinh: the tờ trình đề nghị công nhận on the demo database.
# Refusals first (lib_recog.sh: an existing file without --force, an unknown
# unit, a bad year, nothing approved, a single unit's code, a khu dân cư; then
# a code with control characters): each in Vietnamese, nothing written. Then a commune's tờ trình and its list read
# back against the database (the approved đạt units, numbered, grouped by
# type, totals), the office's (its communes, its signer), the same bytes for
# the same data and date, and the LibreOffice PDF (tests/report/check_doc.py).
. "$(dirname "$0")/lib_recog.sh"

# --- refusals ----------------------------------------------------------------
recog_refusals to-trinh

# a code typed with a terminal escape (clear the screen) and a line break (a
# forged "antt:" line): shown escaped, never sent to the terminal as typed
bad=$(printf 'X\033[2J\nantt: đã ghi xong')
run print to-trinh --under "$bad" --year 2024 -o "$T/x.xlsx"
expect_rc 1 "a code with control characters: refused"
expect_err 'không có đơn vị mã "X\x1b[2J\nantt: đã ghi xong"' "the code shown with its ESC and line break escaped"
printf '%s\n' "$err" | grep -q '^antt: đã ghi xong' && not_ok "the code's line break forged a line" ||
	ok "no line forged by the code's line break"
printf '%s' "$err" | grep -q "$(printf '\033')" && not_ok "an ESC reached the terminal" || ok "no ESC reached the terminal"
run report --under "$bad" --year 2024 -o "$T/x.xlsx"
expect_err 'không có đơn vị mã "X\x1b[2J\nantt: đã ghi xong"' "report: the code shown escaped"
run print checklist "$bad" --year 2024 -o "$T/x.xlsx"
expect_err 'không có đơn vị mã "X\x1b[2J\nantt: đã ghi xong"' "print checklist: a code as argument shown escaped"
run "$bad"
expect_err 'không có lệnh "X\x1b[2J\nantt: đã ghi xong"' "an unknown command shown escaped"
run "--$bad"
expect_err 'không có tùy chọn "--X\x1b[2J\nantt: đã ghi xong"' "an unknown global option shown escaped"

# --- a commune: X008 approved, not yet recognised ---------------------------------
want=$(recog_approved X008)
n=$(printf '%s\n' "$want" | grep -c .)
[ "$n" -gt 1 ] && ok "the demo has $n units of X008 approved đạt" || not_ok "X008 has $n approved units"
run print to-trinh --under X008 --year 2024 -o "$T/tt.xlsx" --date 20/11/2024
expect_rc 0 "X008's tờ trình"
expect_out "Đã ghi tờ trình đề nghị công nhận năm 2024 vào $T/tt.xlsx ($n đơn vị, 2 trang tính)." "what was written"

$ROWS "$T/tt.xlsx" "Tờ trình" > "$T/tt.txt"
$ROWS "$T/tt.xlsx" "Danh sách" > "$T/ds.txt"
grep -qx "(Kèm theo Tờ trình số ……/TTr-CAP ngày 20/11/2024 của Công an phường Thạch Đà)" "$T/ds.txt" &&
	ok "the list names the tờ trình's sign as its Số: line, TTr-CAP" || not_ok "list note: $(sed -n 2p "$T/ds.txt")"
grep -qx "CÔNG AN HUYỆN SÔNG LAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$T/tt.txt" &&
grep -qx "CÔNG AN PHƯỜNG THẠCH ĐÀ | Độc lập - Tự do - Hạnh phúc" "$T/tt.txt" &&
	ok "head: the office above the commune police" || not_ok "head: $(head -2 "$T/tt.txt")"
grep -qx "Số: /TTr-CAP | Thạch Đà, ngày 20 tháng 11 năm 2024" "$T/tt.txt" &&
	ok "number sign TTr-CAP (a ward police), the ward's place and the date given" || not_ok "number line: $(sed -n 3p "$T/tt.txt")"
grep -qx "Kính gửi: Chủ tịch Ủy ban nhân dân phường Thạch Đà" "$T/tt.txt" &&
	ok "addressed to the ward's chairman" || not_ok "no Kính gửi line"
grep -q "^Căn cứ Thông tư số 124/2021/TT-BCA" "$T/tt.txt" && ! grep -q "23/2012" "$T/tt.txt" &&
	ok "grounds: TT 124/2021 (the sets used), not TT 23/2012" || not_ok "grounds: $(grep 'Căn cứ' "$T/tt.txt")"
grep -q "công nhận $n đơn vị đạt tiêu chuẩn \"An toàn về an ninh, trật tự\" năm 2024, gồm: " "$T/tt.txt" &&
	ok "the body names the count" || not_ok "body: $(grep 'Trên cơ sở' "$T/tt.txt")"
grep -qx "Nơi nhận: | TRƯỞNG CÔNG AN PHƯỜNG" "$T/tt.txt" && ok "signed by the ward police chief" ||
	not_ok "signature: $(grep 'Nơi nhận' "$T/tt.txt")"

grep -qx "TT | Tên đơn vị | Mã | Kết quả tự đánh giá | Ghi chú" "$T/ds.txt" && ok "the list's column heads" ||
	not_ok "column heads: $(sed -n 3p "$T/ds.txt")"
# the list: numbered 1..n in the database's order, each with code and result
got=$(grep -E '^[0-9]+ \| ' "$T/ds.txt" | awk -F' \\| ' '{ print $1 "|" $3 "|" $2 }')
exp=$(printf '%s\n' "$want" | awk -F'|' '{ print NR "|" $0 }')
expect_eq "$got" "$exp" "the list: every approved đạt unit, numbered, with its code"
bad=$(grep -E '^[0-9]+ \| ' "$T/ds.txt" | grep -vE '\| Đạt ([0-9]+)/\1 tiêu chí' | head -1)
expect_eq "$bad" "" "every unit listed as Đạt n/n tiêu chí"
groups=$(grep -E '^[IVX]+\. ' "$T/ds.txt" | tr '\n' ';')
exp_groups=$(recog_by_type X008 | awk -F'|' 'BEGIN { split("I II III IV V VI VII", r, " ") } { printf "%s. %s (%s);", r[NR], $1, $2 }')
expect_eq "$groups" "$exp_groups" "grouped by type, I, II …, with each group's count"
grep -qx "Tổng cộng | $n đơn vị" "$T/ds.txt" && ok "totals row: $n đơn vị" || not_ok "totals: $(tail -1 "$T/ds.txt")"
grep -q "Đã công nhận" "$T/ds.txt" && not_ok "X008 is not recognised yet, but a note says so" ||
	ok "no recognition noted: X008's decision is not recorded"

# --- the same bytes for the same data and date ------------------------------------
run print to-trinh --under X008 --year 2024 -o "$T/tt2.xlsx" --date 20/11/2024
cmp -s "$T/tt.xlsx" "$T/tt2.xlsx" && ok "same data and date: the same bytes" || not_ok "two runs differ"
run print to-trinh --under X008 --year 2024 -o "$T/tt2.xlsx" --date 2024-11-20 --force
expect_rc 0 "--force replaces the file"
cmp -s "$T/tt.xlsx" "$T/tt2.xlsx" && ok "--force, the date as 2024-11-20: the same bytes" || not_ok "--force output differs"
run print to-trinh --under X008 --year 2024 -o "$T/tt3.xlsx" --date 21/11/2024
cmp -s "$T/tt.xlsx" "$T/tt3.xlsx" && not_ok "another date gives the same bytes" || ok "another date: other bytes"

# --- the office: its communes, its own name and signer -----------------------------
run print to-trinh --year 2024 -o "$T/office.xlsx" --date 25/11/2024
expect_rc 0 "the office's tờ trình"
$ROWS "$T/office.xlsx" "Tờ trình" > "$T/o.txt"
$ROWS "$T/office.xlsx" "Danh sách" > "$T/od.txt"
grep -qx "(Kèm theo Tờ trình số ……/TTr-CAH ngày 25/11/2024 của Công an huyện Sông Lam)" "$T/od.txt" &&
	ok "the office's list names the tờ trình's sign TTr-CAH" || not_ok "office list note: $(sed -n 2p "$T/od.txt")"
grep -qx "CÔNG AN TỈNH BÌNH GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$T/o.txt" &&
grep -qx "CÔNG AN HUYỆN SÔNG LAM | Độc lập - Tự do - Hạnh phúc" "$T/o.txt" && ok "office head from the settings" ||
	not_ok "office head: $(head -2 "$T/o.txt")"
grep -qx "Số: /TTr-CAH | Sông Lam, ngày 25 tháng 11 năm 2024" "$T/o.txt" && ok "office number sign and place" ||
	not_ok "office number line: $(sed -n 3p "$T/o.txt")"
grep -qx "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Sông Lam" "$T/o.txt" && ok "addressed to the district's chairman" ||
	not_ok "office Kính gửi: $(grep 'Kính gửi' "$T/o.txt")"
grep -qx "Nơi nhận: | TRƯỞNG CÔNG AN HUYỆN" "$T/o.txt" && grep -qx "Thượng tá Nguyễn Văn Bình" "$T/o.txt" &&
	ok "signed as the settings say" || not_ok "office signature: $(grep -A6 'Nơi nhận' "$T/o.txt")"
got=$(grep -E '^[0-9]+ \| ' "$T/od.txt" | awk -F' \\| ' '{ print $3 "|" $2 }')
expect_eq "$got" "$(recog_approved DV)" "the office lists its communes approved đạt, not their khu dân cư"
run print to-trinh --type xa --year 2024 -o "$T/xa.xlsx"
expect_rc 0 "--type alone: the office's units of that type"
$ROWS "$T/xa.xlsx" "Danh sách" | grep -E '^[IVX]+\. ' > "$T/xg.txt"
expect_eq "$(grep -c . "$T/xg.txt") $(cut -c1-6 "$T/xg.txt")" "1 I. Xã" "only the xã group"

# --- page breaks: the totals never alone on a page, a group's title never last on one ---
# X013 (recognised, a three-line note on every row) fills the list's first
# page to just above the totals: they once went alone to a page of their own
run print to-trinh --under X013 --year 2024 -o "$T/x13.xlsx" --date 15/11/2024
expect_rc 0 "X013's tờ trình"
/usr/bin/python3 - "$T/x13.xlsx" > "$T/pb.txt" 2>&1 <<'EOF'
import re, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Danh sách"]
ends = sorted(b.id for b in ws.row_breaks.brk) + [ws.max_row]
start = 1
if len(ends) < 2:
    print("no page break: the list fits one page")
for p, end in enumerate(ends, 1):
    kinds = []
    for r in range(start, end + 1):
        a = str(ws.cell(r, 1).value or "")
        kinds.append("data" if a.isdigit() else "group" if re.match(r"^[IVX]+\. ", a)
                     else "totals" if a == "Tổng cộng" else "")
    kinds = [k for k in kinds if k]
    if "totals" in kinds and "data" not in kinds:
        print("page %d: the totals alone" % p)
    if kinds and kinds[-1] == "group":
        print("page %d ends with a group's title" % p)
    start = end + 1
EOF
expect_eq "$(cat "$T/pb.txt")" "" "X013's list: the last unit with the totals, each group's title with its first unit"

# --- a tờ trình cites no decision made after its own date -----------------------------
# X013's units were recognised by 24/QĐ-UBND of 10/11/2024 (demo.c)
nrec=$($ROWS "$T/x13.xlsx" "Danh sách" | grep -c "Đã công nhận: QĐ 24/QĐ-UBND ngày 10/11/2024")
[ "$nrec" -gt 0 ] && ok "dated 15/11/2024: $nrec units noted as recognised on 10/11/2024" ||
	not_ok "X013 dated 15/11/2024 notes no recognition"
run print to-trinh --under X013 --year 2024 -o "$T/x13-early.xlsx" --date 05/11/2024
expect_rc 0 "X013's tờ trình dated 05/11/2024"
$ROWS "$T/x13-early.xlsx" "Danh sách" > "$T/early.txt"
grep -q "Đã công nhận" "$T/early.txt" && not_ok "dated 05/11/2024, it cites a decision of 10/11/2024" ||
	ok "dated 05/11/2024: no decision of 10/11/2024 cited"
expect_eq "$(grep -cE '^[0-9]+ \| ' "$T/early.txt")" "$($ROWS "$T/x13.xlsx" "Danh sách" | grep -cE '^[0-9]+ \| ')" \
	"dated before the decision: the same units proposed"
run print to-trinh --under X013 --year 2024 -o "$T/x13-same.xlsx" --date 10/11/2024
expect_eq "$($ROWS "$T/x13-same.xlsx" "Danh sách" | grep -c "Đã công nhận")" "$nrec" \
	"dated the decision's own day: the decision is cited"

# --- a year assessed under TT 124 as amended by TT 48/2025: both grounds ------------
leaders
# the admin takes the 2025 criteria set in (form_store.c), the leader approves
ANTT_USER=qt ANTT_PASSWORD=quantri1 "$ANTT" --db "$DB" register X008-K01 2025 > /dev/null
export ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1
"$ANTT" --db "$DB" answer set X008-K01 2025 '*' đạt > /dev/null &&
"$ANTT" --db "$DB" submit X008-K01 2025 > /dev/null && "$ANTT" --db "$DB" approve X008-K01 2025 > /dev/null ||
	not_ok "X008-K01 could not be approved for 2025"
unset ANTT_USER ANTT_PASSWORD
run print to-trinh --under X008 --year 2025 -o "$T/y25.xlsx"
expect_rc 0 "2025: one unit approved"
$ROWS "$T/y25.xlsx" "Tờ trình" | grep '^Căn cứ' | sed -E 's/(TT-BCA).*/\1/' > "$T/g25.txt"
expect_eq "$(cat "$T/g25.txt")" "Căn cứ Thông tư số 124/2021/TT-BCA
Căn cứ Thông tư số 48/2025/TT-BCA" "2025: the grounds are TT 124/2021 and TT 48/2025, from the criteria set used"

# --- as it prints ------------------------------------------------------------------
print_check "$T/tt.xlsx" --pages 2 --title "TỜ TRÌNH" --merged "Kính gửi: Chủ tịch Ủy ban nhân dân phường Thạch Đà" \
	--text "TRƯỞNG CÔNG AN PHƯỜNG"
finish
