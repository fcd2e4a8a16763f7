# The biên bản prints an answer's note whole however long it is (answer
# notes have no length limit): it was cut at 1 KB, mid-character. A note
# longer than its cell holds goes on in rows "ID (tiếp)" below, over the
# table's width, every row short enough for Excel (409 pt) and a page.
# Read back with openpyxl.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"

# 3,000 characters of Vietnamese words, and one word of 1,500 letters
note=$(/usr/bin/python3 -c "
w = 'Vụ việc được ghi nhận tại tổ dân phố số {} và đã báo cáo cấp trên'
print(' '.join(w.format(i) for i in range(60))[:3000].rstrip())")
long_word=$(/usr/bin/python3 -c "print('đ' * 1500)")
stored() { sql "SELECT a.note FROM answers a JOIN assessments s ON s.id = a.assessment_id
	JOIN units u ON u.id = s.unit_id WHERE u.code = 'X001-K01' AND s.year = 2024 AND a.criterion = '$1'"; }
run answer set X001-K01 2024 4b không --note "$note"
expect_rc 0 "a note of 3,000 characters stored"
expect_eq "$(stored 4b)" "$note" "  whole"
run answer set X001-K01 2024 1.2 96 --note "$long_word"
expect_rc 0 "a note of one 1,500-letter word stored"
expect_eq "$(stored 1.2)" "$long_word" "  whole"

run print bien-ban X001-K01 --year 2024 -o "$T/b.xlsx" --date 20/11/2024
expect_rc 0 "the minutes of X001-K01"

# notes FILE ID join|count: the note of criterion ID — its note cell (F)
# and the rows "ID (tiếp)" below that carry it on over the table's width
# (B) — joined by a space, or how many rows it takes
notes() {
	/usr/bin/python3 -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
out = [r[5] if r[0] == sys.argv[2] else r[1] for r in ws.iter_rows(values_only=True)
       if r[0] in (sys.argv[2], sys.argv[2] + ' (tiếp)') and (r[5] if r[0] == sys.argv[2] else r[1])]
print(' '.join(out) if sys.argv[3] == 'join' else len(out))" "$1" "$2" "$3"
}
tallest() {
	/usr/bin/python3 -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(max((d.height or 0) for d in ws.row_dimensions.values()))" "$1"
}
expect_eq "$(notes "$T/b.xlsx" 4b join)" "$note" "4b: the 3,000-character note is in the minutes whole"
n=$(notes "$T/b.xlsx" 4b count)
[ "$n" -gt 1 ] && ok "  over $n rows" || not_ok "  in $n row"
expect_eq "$(notes "$T/b.xlsx" 1.2 join | tr -d ' ')" "$long_word" "1.2: the 1,500-letter word is there whole"
h=$(tallest "$T/b.xlsx")
/usr/bin/python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 409 else 1)" "$h" &&
	ok "no row taller than Excel draws (tallest $h pt)" || not_ok "a row of $h pt: Excel draws 409 at most"

finish
