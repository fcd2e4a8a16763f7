# Attacks on what the last merge left: an option given twice in the commands
# print, report and demo do not cover (the last one silently won: submit
# --under X001 --under X002 submitted X002's forms, export --under the other
# commune's package, unit add --parent the other parent); an answer's note
# given where it cannot go. Every refusal names what is wrong and changes
# nothing (the dump is the same, no file is written).
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"
dump() { sqlite3 "$DB" .dump | grep -v "^INSERT INTO audit\|^INSERT INTO sqlite_sequence"; }
before=$(dump)
audit_n=$(sql "SELECT count(*) FROM audit")

# twice() OPTION ARGS...: refused (exit 2), the option named
twice() {
	o=$1; shift
	run "$@"
	expect_rc 2 "$* refused"
	expect_err "tùy chọn \"$o\" ghi hai lần" "$*: names $o"
}
twice --under submit --under X001 --under X002 2024
twice --under approve --under X001 --under X002 2024
twice --reason return X001-K01 2024 --reason a --reason b
twice --reason reopen X001-K01 2024 --reason a --reason b
twice --under export --under X001 --under X002 -o "$T/e.antt"
twice --year export --year 2024 --year 2025 -o "$T/e.antt"
twice --output export -o "$T/e.antt" -o "$T/e2.antt"
twice --under unit list --under X001 --under X002
twice --type unit list --type xã --type "khu dân cư"
twice --search unit list --search Hòa --search Phú
twice --year unit list --year 2024 --year 2025
twice --parent unit add X9 xã "Xã Chín" --parent X001 --parent X002
twice --date unit retire X001-K07 --date 01/01/2025 --date 02/01/2025
twice --merged-into unit retire X001-K07 --merged-into X001-K01 --merged-into X001-K02
twice --under summary 2024 --under X001 --under X002
twice --under recognise list 2024 --under X001 --under X002
twice --reason recognise withdraw X001-K01 2024 --reason a --reason b
twice --decision recognise --decision 1/QĐ-UBND --decision 2/QĐ-UBND --date 01/12/2024 --by "Chủ tịch UBND" 2024 X001-K01
twice --unit audit --unit X001 --unit X002
twice --year audit --year 2024 --year 2025
twice --criterion audit --criterion 1 --criterion 2
twice --since audit --since 01/01/2024 --since 01/01/2025
twice --role user add cb "Trần Văn Nam" --role entry --role admin
twice --note answer set X001-K02 2025 1.1 có --note a --note b
run answer set X001-K02 2025 1.1 có --exception --no-exception
expect_rc 2 "answer set --exception --no-exception refused"
expect_err "--exception" "answer set --exception --no-exception: named"
# a flag said twice still means the same
run unit list --all --all --under X001
expect_rc 0 "unit list --all twice is taken"
# a note with "*" (every criterion đạt) was dropped without a word
run answer set X001-K02 2025 '*' đạt --note "ghi chú"
expect_rc 1 "answer set '*' with --note refused"
expect_err "ghi chú" "answer set '*' --note: says the note cannot go there"
# a unit's name is bounded (it was taken 100 000 characters long); a name
# of 80 characters, accents and all, is taken
long=$(printf 'ạ%.0s' $(seq 81))
run unit add X9 "khu dân cư" "$long" --parent X001
expect_rc 1 "unit add with a 81-character name refused"
expect_err "tên đơn vị dài quá 80 ký tự" "unit add: says the bound"
run unit rename X001 "$long"
expect_rc 1 "unit rename to a 81-character name refused"
expect_err "tên mới dài quá 80 ký tự" "unit rename: says the bound"
printf 'code,parent_code,type,name\nX9,X001,khu dân cư,%s\n' "$long" > "$T/long.csv"
run unit import "$T/long.csv"
expect_rc 1 "unit import with a 81-character name refused"
expect_err "dòng 2: tên đơn vị dài quá 80 ký tự" "unit import: names the line and the bound"
# an option given with an empty value: said, not read as no option (audit
# --since "" listed the whole log, --merged-into "" recorded a dissolution)
for o in --unit --criterion --since; do
	run audit $o ""
	expect_rc 2 "audit $o '' refused"
	expect_err "tùy chọn \"$o\" cần" "audit $o '': says a value is needed"
done
run unit retire X001-K06 --merged-into ""
expect_rc 2 "unit retire --merged-into '' refused"
expect_err "tùy chọn \"--merged-into\" cần" "unit retire --merged-into '': says a value is needed"
# a setting's key is a plain word: one with a line break was stored, and
# its name was echoed raw, forging an "antt:" line
bad=$(printf 'k\nantt: gia')
run settings "$bad" 1
expect_rc 1 "settings with a line break in the key refused"
expect_err "khóa thiết lập" "settings: says the key is not valid"
run settings "$bad"
case "$err" in *"
antt: gia"*) not_ok "settings KEY: the key's line break printed raw";; *) ok "settings KEY: the key shown escaped";; esac
[ ! -e "$T/e.antt" ] && [ ! -e "$T/e2.antt" ] && ok "no package from the refused exports" || not_ok "a refused export wrote a package"

after=$(dump)
expect_eq "$(echo "$after" | md5sum)" "$(echo "$before" | md5sum)" "the refused commands changed nothing"
expect_eq "$(sql "SELECT count(*) FROM audit")" "$audit_n" "the refused commands wrote no audit line"
run unit rename X001-K01 "$(printf 'ạ%.0s' $(seq 80))"
expect_rc 0 "an 80-character name is taken"
expect_eq "$(sql "SELECT name FROM units WHERE code = 'X001-K01'")" "$(printf 'ạ%.0s' $(seq 80))" "and stored whole"
run assess show X001-K01 2024
expect_out "$(printf 'ạ%.0s' $(seq 80))" "and read back whole"
# combining marks add bytes, not width: the bytes are bounded too
run unit rename X001-K02 "a$(printf '\xcc\x81%.0s' $(seq 200))"
expect_rc 1 "a name of one letter and 200 combining marks refused"
# a merger is said as one, not as a dissolution
run unit retire X001-K07 --merged-into X001-K01 --date 01/07/2025
expect_rc 0 "unit retire --merged-into taken"
expect_out "X001-K07 sáp nhập vào X001-K01" "unit retire --merged-into: says merged"
expect_no_out "giải thể" "unit retire --merged-into: not called a dissolution"
expect_eq "$(sql "SELECT m.code FROM units u JOIN units m ON m.id = u.merged_into WHERE u.code = 'X001-K07'")" "X001-K01" "the merger is stored"
exit $failed
