# Attacks on this session's new commands (print, forms reassess, unit
# managed-above, score list, demo --scale): every refusal says why in
# Vietnamese, and a refused command changes nothing (the dump is the same).
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"
dump() { sqlite3 "$DB" .dump | grep -v "^INSERT INTO audit\|^INSERT INTO sqlite_sequence"; }
before=$(dump)

# -o naming the database itself, even with --force: the database stays
for doc in "print checklist X001-K01" "report"; do
	run $doc --year 2024 -o "$DB" --force
	expect_rc 1 "$doc -o the database --force is refused"
	expect_err "cơ sở dữ liệu" "$doc -o the database: says it is a database"
	expect_eq "$(sqlite3 "$DB" 'select count(*) > 0 from units' 2>&1)" 1 "$doc -o the database: the units are still there"
done
# -o naming a backup of it: the backup stays a database
run backup
bk=$(ls "$T"/antt-backups/*.db | head -1)
bksum=$(md5sum < "$bk")
run print bien-ban X001-K01 --year 2024 -o "$bk" --force
expect_rc 1 "print -o a backup --force is refused"
expect_err "không ghi đè lên được" "print -o a backup: says why"
expect_eq "$(md5sum < "$bk")" "$bksum" "print -o a backup: the backup is untouched"
# -o naming the database's write-ahead log: refused, the log stays
run print checklist X001-K01 --year 2024 -o "$DB-wal" --force
expect_rc 1 "print -o the database's -wal --force is refused"
expect_err "không ghi đè lên được" "print -o the -wal: says why"
# a package over the database it is made from, or over its log
for f in "$DB" "$DB-wal"; do
	run export -o "$f" --force
	expect_rc 1 "export -o ${f#$T/} --force is refused"
	expect_err "không ghi gói đè lên được" "export -o ${f#$T/}: says why"
done
expect_eq "$(sqlite3 "$DB" 'select count(*) > 0 from units' 2>&1)" 1 "export -o the database: the units are still there"
# -o naming a folder, with --force: said plainly
mkdir "$T/folder"
run print checklist X001-K01 --year 2024 -o "$T/folder" --force
expect_rc 1 "print -o a folder is refused"
expect_err "là một thư mục" "print -o a folder: says it is a folder"
run export -o "$T/folder" --force
expect_rc 1 "export -o a folder is refused"
expect_err "là một thư mục" "export -o a folder: says it is a folder"
[ -d "$T/folder" ] && ok "the folder is still a folder" || not_ok "the folder is gone"

# an empty file name: said so, nothing written
run print checklist X001-K01 --year 2024 -o ""
expect_rc 1 "print -o '' is refused"
expect_err "tên tệp để ghi đang để trống" "print -o '': says the name is empty"
run export -o ""
expect_rc 1 "export -o '' is refused"
expect_err "tên tệp gói đang để trống" "export -o '': says the name is empty"
[ -z "$(ls -a | grep '^\.antt-report-\|\.tmp-')" ] && ok "no temporary file left here" || not_ok "a temporary file was left"

# an option given twice: refused, not the last one silently taken
run print checklist X001-K01 --year 2024 --year 2025 -o "$T/twice.xlsx"
expect_rc 2 "print --year twice is refused"
expect_err "tùy chọn \"--year\" ghi hai lần" "print --year twice: named"
run print checklist X001-K01 --year 2024 -o "$T/twice.xlsx" -o "$T/twice2.xlsx"
expect_rc 2 "print -o twice is refused"
expect_err "tùy chọn \"--output\" ghi hai lần" "print -o twice: named"
run forms reassess --year 2024 --unit X001-K01 --unit X001-K02
expect_rc 2 "forms reassess --unit twice is refused"
expect_err "tùy chọn \"--unit\" ghi hai lần" "forms reassess --unit twice: named"
run forms reassess --year 2023 --year 2024
expect_rc 2 "forms reassess --year twice is refused"
expect_err "tùy chọn \"--year\" ghi hai lần" "forms reassess --year twice: named"
# unit managed-above: "--undo" alone is no code; --undo may come first
run unit managed-above --undo
expect_rc 2 "unit managed-above --undo without a code is refused"
expect_err "cần đúng một MÃ" "unit managed-above --undo: asks for the code"
run unit managed-above --bogus
expect_rc 2 "unit managed-above --bogus is refused as an option, not looked up as a code"
# --blank where there is no blank version: refused, not ignored
run print bien-ban X001-K01 --blank --year 2024 -o "$T/twice.xlsx"
expect_rc 2 "print bien-ban --blank is refused"
expect_err "--blank chỉ dùng với cham-diem" "print bien-ban --blank: says where --blank goes"
[ ! -e "$T/twice.xlsx" ] && [ ! -e "$T/twice2.xlsx" ] && ok "no file from the refused prints" || not_ok "a refused print wrote a file"

# bounded numbers
for y in 99999999999 -5 0 2024abc 3000; do
	run print checklist X001-K01 --year "$y" -o "$T/y.xlsx"
	expect_rc 2 "print --year $y refused"
	expect_err "năm \"$y\" không hợp lệ" "print --year $y: named"
	run score list "$y"
	expect_rc 2 "score list $y refused"
done
run score list --under X001 2024
expect_rc 0 "score list: --under before the year"
expect_out "năm 2024" "score list --under first: the list"
run score list 2024 --bogus
expect_rc 2 "score list: an unknown option"
expect_err "không có tùy chọn \"--bogus\"" "score list: the unknown option named"
run score list 1850
expect_err "năm \"1850\" không hợp lệ" "score list: a year out of range named"
run score list 2024 2025
expect_err "thừa tham số \"2025\"" "score list: an extra word named"
for n in 0 1001 1e9 3x -1 ""; do
	run demo --scale "$n"
	expect_rc 2 "demo --scale '$n' refused"
	expect_err "từ 1 đến 1000" "demo --scale '$n': says the bounds"
done
[ ! -e "$T/y.xlsx" ] && ok "no file left by the refusals" || not_ok "a refused print left a file"

after=$(dump)
expect_eq "$(echo "$after" | md5sum)" "$(echo "$before" | md5sum)" "the refused commands changed nothing"

# a file named antt-backups where the backups' folder goes: said so
B="$T/bk"; mkdir "$B"
"$ANTT" --db "$B/b.db" unit add X "xã" "Xã Thử" > /dev/null 2>&1
rm -rf "$B/antt-backups"; echo "của người dùng" > "$B/antt-backups"
"$ANTT" --db "$B/b.db" backup > "$T/out" 2> "$T/err"; rc=$?; out=$(cat "$T/out"); err=$(cat "$T/err")
expect_rc 1 "a backup where antt-backups is a file is refused"
expect_err "không phải thư mục sao lưu" "the backup refusal says antt-backups is a file"
expect_eq "$(cat "$B/antt-backups")" "của người dùng" "the file is untouched"

# a package from a trusted commune carrying the managed-above mark for a
# unit outside its scope, signed with its own key
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-GD1,X1,cơ sở giáo dục,Trường Một" "X2,H,xã,Xã An Phú" "X2-GD1,X2,cơ sở giáo dục,Trường Hai"
# the commune's machine marks its own school: in scope, taken
A commune.db unit managed-above X1-GD1 > /dev/null
A commune.db export --under X1 -o "$T/c2.antt" > /dev/null
cp "$T/c2.antt" "$T/out.antt"
# the same package, with a unit of the other commune added as managed above
x2=$(sqlite3 "$T/office.db" "SELECT uuid FROM units WHERE code = 'X2-GD1'")
h=$(sqlite3 "$T/office.db" "SELECT uuid FROM units WHERE code = 'X2'")
sqlite3 "$T/out.antt" "INSERT INTO units SELECT '$x2', 9, 'X2-GD1', 'Trường Hai', 'co-so-giao-duc', '$h', valid_from, valid_to, 0,
	NULL, updated_by, updated_at, 1 FROM units WHERE code = 'X1-GD1'"
R "$T/out.antt" --key-from "$T/commune.db" > /dev/null
DB="$T/office.db"
before=$(sqlite3 "$DB" .dump | md5sum)
run import "$T/out.antt"
expect_rc 1 "a package marking another commune's unit as managed above is refused"
expect_err "X2-GD1" "the refusal names the unit outside the scope"
expect_err "không bị thay đổi" "the refusal says nothing changed"
expect_eq "$(sqlite3 "$DB" .dump | md5sum)" "$before" "the refused package changed nothing"
expect_eq "$(sql "SELECT managed_above FROM units WHERE code = 'X2-GD1'")" 0 "the other commune's school is not marked"
run import "$T/c2.antt"
expect_rc 0 "the genuine package marking the commune's own school is taken"
expect_eq "$(sql "SELECT managed_above FROM units WHERE code = 'X1-GD1'")" 1 "the commune's own school is marked"
run unit managed-above --undo X1-GD1
expect_rc 0 "unit managed-above --undo MÃ (the flag first) is taken"
expect_eq "$(sql "SELECT managed_above FROM units WHERE code = 'X1-GD1'")" 0 "the mark is taken off"
exit $failed
