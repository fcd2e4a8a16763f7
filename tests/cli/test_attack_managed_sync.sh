# A package from a trusted commune, signed with its own key, marking a khu
# dân cư or the commune itself as managed above: the command and the unit
# CSV refuse these types (unit_type_managed_above_ok), a package must too,
# or the commune's criterion 4 counts without its own khu dân cư. Refused
# packages change nothing. (The fix belongs in src/sync: verify.c's checks.)
. "$(dirname "$0")/lib.sh"

A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-GD1,X1,cơ sở giáo dục,Trường Một"
DB="$T/office.db"
for code in X1-K1 X1; do
	A commune.db export --under X1 -o "$T/c-$code.antt" --force > /dev/null
	sqlite3 "$T/c-$code.antt" "UPDATE units SET managed_above = 1 WHERE code = '$code'"
	R "$T/c-$code.antt" --key-from "$T/commune.db" > /dev/null
	before=$(sqlite3 "$DB" .dump | md5sum)
	run import "$T/c-$code.antt"
	expect_rc 1 "a package marking $code (no cơ quan, doanh nghiệp or cơ sở giáo dục) as managed above is refused"
	expect_err "$code" "the refusal names $code"
	expect_eq "$(sqlite3 "$DB" .dump | md5sum)" "$before" "the refused package changed nothing"
	expect_eq "$(sql "SELECT managed_above FROM units WHERE code = '$code'")" 0 "$code is not marked"
done
# a name longer than a unit may have (80 characters; unit add refuses it)
A commune.db export --under X1 -o "$T/c-long.antt" --force > /dev/null
sqlite3 "$T/c-long.antt" "UPDATE units SET name = 'Thôn ' || printf('%.100c', 'A') WHERE code = 'X1-K1'"
R "$T/c-long.antt" --key-from "$T/commune.db" > /dev/null
before=$(sqlite3 "$DB" .dump | md5sum)
run import "$T/c-long.antt"
expect_rc 1 "a package with a 105-character unit name is refused"
expect_err "dài quá 80 ký tự" "the refusal says the name is too long"
expect_eq "$(sqlite3 "$DB" .dump | md5sum)" "$before" "the refused package changed nothing"
exit $failed
