# Issue 12: text is cleaned at input and never printed raw. A NUL byte in a
# CSV cell used to cut the cell silently; an escape sequence in a name
# reached the terminal; Excel's Alt+Enter put a line break in a name.
# Decision: a line break or tab in a name or note folds into one space; any
# other control character (NUL, ESC, DEL, C1) refuses the file or command,
# naming line and column. Text already stored (old database, sqlite3,
# a package) is shown with '?' for each control character.
. "$(dirname "$0")/lib.sh"

units() { sql "SELECT count(*) FROM units"; }
raw_esc() { printf '%s' "$1" | od -An -c | grep -q '033'; }

# a NUL in the middle of a cell: refused, nothing imported
printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn\000 Hai\n' > "$T/nulbyte.csv"
run unit import "$T/nulbyte.csv"
expect_rc 1 "a CSV with a NUL byte is refused"
expect_err "dòng 3, cột 4: ô có byte NUL" "  the message names line and column"
expect_eq "$(units)" "0" "  nothing imported"

# an escape sequence in a name: refused
printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,"Thôn \033[2J Hai"\n' > "$T/esc.csv"
run unit import "$T/esc.csv"
expect_rc 1 "a CSV with an escape sequence is refused"
expect_err "dòng 3, cột 4: ô có ký tự điều khiển không in được (mã U+001B" "  the message names line, column and the character"
raw_esc "$err" && not_ok "  the message printed the raw ESC" || ok "  the message shows no raw ESC"
expect_eq "$(units)" "0" "  nothing imported"

# a C1 control (U+009B, a one-byte CSI on some terminals): refused
printf 'code,parent_code,type,name\nX1,,xa,"Xã \302\2332J"\n' > "$T/c1.csv"
run unit import "$T/c1.csv"
expect_rc 1 "a CSV with a C1 control is refused"
expect_err "mã U+009B" "  the character is named"

# Alt+Enter in Excel: a line break inside a quoted cell folds to one space
printf 'code,parent_code,type,name\r\nX1,,xa,Xã Một\r\nX1-K1,X1,khu-dan-cu,"Thôn Hai\r\nHòa Bình"\r\nX1-K2,X1,khu-dan-cu,"Thôn\tBa"\r\n' > "$T/altenter.csv"
run unit import "$T/altenter.csv"
expect_rc 0 "a CSV with a line break inside a cell is imported"
expect_eq "$(sql "SELECT name FROM units WHERE code = 'X1-K1'")" "Thôn Hai Hòa Bình" "  the line break became one space"
expect_eq "$(sql "SELECT name FROM units WHERE code = 'X1-K2'")" "Thôn Ba" "  a tab became a space"
n=$(units)

# the command line: a name with ESC refused, a newline folded
run unit add X1-K3 khu-dan-cu "$(printf 'Thôn \033]0;owned\007 Ba')" --parent X1
expect_rc 1 "unit add with an escape sequence refused"
expect_err "tên đơn vị có ký tự điều khiển" "  it says why"
expect_eq "$(units)" "$n" "  nothing added"
run unit rename X1-K2 "$(printf 'Thôn\nBa Mới')"
expect_rc 0 "unit rename with a line break"
expect_eq "$(sql "SELECT name FROM units WHERE code = 'X1-K2'")" "Thôn Ba Mới" "  folded to one space"

# settings: the office name is printed on every report
run settings office_name "$(printf 'Công an \033[5m huyện')"
expect_rc 1 "a setting with an escape sequence refused"
expect_err "giá trị thiết lập có ký tự điều khiển" "  it says why"
run settings office_name "$(printf 'Công an\nhuyện')"
expect_rc 0 "a setting with a line break"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'office_name'")" "Công an huyện" "  folded to one space"

# answers: a note with ESC refused
printf 'unit_code,year,criterion,value,note\nX1-K1,2024,1.1,có,"ghi \033[31m chú"\n' > "$T/answers.csv"
run answer import "$T/answers.csv"
expect_rc 1 "an answer note with an escape sequence refused"
expect_err "dòng 2, cột 5" "  line and column"

# stored before (or by sqlite3, or from a package): shown, never raw
sql "UPDATE units SET name = 'Thôn ' || char(27) || '[2J' || char(10) || 'Bốn ' || char(155) || '1m' WHERE code = 'X1-K1'"
run unit list
expect_rc 0 "unit list with an escape sequence stored in a name"
raw_esc "$out" && not_ok "  unit list printed the raw ESC" || ok "  no raw ESC in unit list"
expect_out "Thôn ?[2J Bốn ?1m" "  the escape shows as '?', the line break as a space"
printf '%s\n' "$out" | grep -q '^Bốn' && not_ok "  the row is broken by the line break" || ok "  the row stays one line"
run unit show "$(printf 'X1\033[2J')"
raw_esc "$err" && not_ok "  an error quoting the typed code printed the raw ESC" || ok "  an error quoting the typed code shows no raw ESC"
run audit
expect_rc 0 "audit with the stored escape"
raw_esc "$out" && not_ok "  audit printed the raw ESC" || ok "  no raw ESC in audit"

# unit codes that look like another: a Cyrillic Х, a zero-width space, a bidi override
for code in "$(printf 'X1-K\320\245')" "$(printf 'X1-K1\342\200\213')" "$(printf 'X1-\342\200\256K1')" "X1 K9"; do
	run unit add "$code" "khu dân cư" "Thôn Giả" --parent X1
	expect_rc 1 "a look-alike unit code is refused ($(printf '%s' "$code" | od -An -tx1 | tr -d ' \n' | cut -c1-24))"
done
expect_err "chỉ gồm chữ không dấu, chữ số" "  the refusal says what a code may hold"
printf 'code,parent_code,type,name\nX1-K\342\200\2139,X1,khu dân cư,Thôn Chín\n' > "$T/lookalike.csv"
run unit import "$T/lookalike.csv"
expect_rc 1 "a look-alike code in a CSV is refused"
expect_err "dòng 2: mã đơn vị" "  with its line"
finish
