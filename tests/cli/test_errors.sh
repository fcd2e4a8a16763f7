# End to end: what an officer sees when something is wrong. Every error has
# a message in Vietnamese, a non-zero exit status, and nothing half-written.
. "$(dirname "$0")/lib.sh"

run unit add X1 xa "Xã Hòa Bình"
expect_rc 0 "unit add"
run unit add K1 "khu dân cư" "Thôn Đông" --parent X1
expect_rc 0 "unit add with parent"

run unit add K1 khu-dan-cu "Thôn khác" --parent X1
expect_rc 1 "duplicate code"
expect_err "đã dùng" "duplicate code is named"
run unit add K2 làng "Thôn" --parent X1
expect_rc 1 "unknown type"
expect_err "Khu dân cư (khu-dan-cu)" "unknown type lists the types"

printf 'code,parent_code,type,name\nK5,X1,khu-dan-cu,Thôn 5\nK6,X9,khu-dan-cu,Thôn 6\nK5,X1,khu-dan-cu,Thôn 7\n' > "$T/bad.csv"
run unit import "$T/bad.csv"
expect_rc 1 "bad unit CSV"
expect_err "dòng 3" "unknown parent's line"
expect_err "dòng 4" "duplicate's line"
expect_eq "$(sql 'SELECT count(*) FROM units')" "2" "bad unit CSV writes nothing"
# every bad line is printed, not the first eight (the message had room for
# five of these long lines and cut the sixth in a word)
{ echo "code,parent_code,type,name"; i=1; while [ $i -le 20 ]; do echo "Q$i,X1,lang,Thôn $i"; i=$((i + 1)); done; } > "$T/many.csv"
run unit import "$T/many.csv"
expect_rc 1 "unit CSV with 20 bad lines"
expect_err "(20 lỗi, chưa ghi gì)" "  counted"
expect_err "dòng 21: loại đơn vị \"lang\"" "  the last bad line is printed"
expect_eq "$(printf '%s\n' "$err" | grep -c '^  dòng ')" "20" "  one line per error"

run answer set K1 2024 1.2 150
expect_rc 1 "percentage out of range"
expect_err "từ 0 đến 100" "percentage range message"
run answer set K1 2024 9x có
expect_rc 1 "unknown criterion"
expect_err "không có tiêu chí \"9x\"" "unknown criterion message"
run answer set K7 2024 2 có
expect_rc 1 "unknown unit"
expect_err "không có đơn vị mã \"K7\"" "unknown unit message"
run answer set K1 2024 2 "có lẽ"
expect_rc 1 "yes/no with a wrong word"
expect_err "\"có\" hoặc \"không\"" "yes/no message"
run answer set K1 20x4 2 có
expect_rc 2 "bad year is a usage error"
expect_eq "$(sql 'SELECT count(*) FROM answers')" "0" "refused answers write nothing"

run summary 2024 --under NOPE
expect_rc 1 "summary under an unknown unit"
run frobnicate
expect_rc 2 "unknown command"
expect_err "antt help" "unknown command points to help"

# a missing database is not created by a read command
"$ANTT" --db "$T/none/x.db" summary 2024 > "$T/out" 2> "$T/err"; rc=$?; err=$(cat "$T/err"); out=""
expect_rc 1 "missing database"
expect_err "không có tệp cơ sở dữ liệu" "missing database message"

# a database from a newer antt is refused and left as it was
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE; PRAGMA user_version=99;" > /dev/null
sum_before=$(md5sum < "$DB")
run summary 2024
expect_rc 1 "newer database"
expect_err "mới hơn" "newer database message"
expect_eq "$(md5sum < "$DB")" "$sum_before" "newer database untouched"
sqlite3 "$DB" "PRAGMA user_version=1;"

# a file that is not a database
printf 'Đây không phải cơ sở dữ liệu\n%.0s' $(seq 200) > "$T/junk.db"
"$ANTT" --db "$T/junk.db" summary 2024 > "$T/out" 2> "$T/err"; rc=$?; err=$(cat "$T/err")
expect_rc 1 "not a database"
expect_err "bị hỏng" "not a database message"

# a database locked by another program: antt waits, then says so
(sqlite3 "$DB" "BEGIN IMMEDIATE; INSERT INTO settings(key, value) VALUES ('x', 'y');" -cmd ".timeout 100" ".shell sleep 8" > /dev/null 2>&1 &)
sleep 1
run answer set K1 2024 2 có
expect_rc 1 "locked database"
expect_err "khóa" "locked database message"

# malformed form files: file:line:column
run forms check "$(dirname "$0")/../forms/bad/07-rule-syntax.yaml"
expect_rc 1 "forms check on a bad file"
expect_err "07-rule-syntax.yaml:10:19:" "form error names file:line:column"
run forms check
expect_rc 0 "shipped forms check"
expect_out "Thông tư 124/2021/TT-BCA" "forms check summarises"

# core says what is wrong (and which backup is the latest); the command
# line adds the command that restores it
"$ANTT" --db "$T/hong.db" demo > /dev/null
"$ANTT" --db "$T/hong.db" backup > /dev/null
printf 'khong phai SQLite' | dd of="$T/hong.db" bs=1 conv=notrunc 2> /dev/null
rm -f "$T/hong.db-wal" "$T/hong.db-shm"
DB="$T/hong.db" run summary 2024
expect_rc 1 "a damaged database is refused"
expect_err "tệp bị hỏng hoặc không phải cơ sở dữ liệu antt" "  core says what is wrong"
expect_err "Bản sao lưu gần nhất: $T/antt-backups/" "  and names the latest backup"
expect_err "khôi phục bằng: antt --db $T/hong.db restore $T/antt-backups/" "  the command line gives the command"
DB="$T/khong-co.db" run summary 2024
expect_err "không có tệp cơ sở dữ liệu này" "a missing database is named"
expect_err "antt --db TỆP demo" "  and the command line says how to make one"
finish
