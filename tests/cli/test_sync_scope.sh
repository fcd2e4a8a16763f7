# End to end: new answers for a unit outside the sender's scope are refused,
# also when nothing else in the package needs a check. The commune machine
# was set up from the office's whole package, so it holds the neighbouring
# commune's assessment exactly as the office does (the same row: taken as
# "unchanged", with no scope check); it then adds an answer to that
# assessment. New answers go in at once (merge.c, add_answers), and their
# scope check must stop this one, naming the unit, with nothing changed.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }

{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	for c in 1 2; do
		echo "X$c,H,xã,Xã số $c"
		echo "X$c-K1,X$c,khu dân cư,Thôn một xã $c"
	done
} > "$T/units.csv"
A office.db unit import "$T/units.csv" > /dev/null
A office.db answer set X2-K1 2024 1.1 có > /dev/null
A office.db export -o "$T/whole.antt" > /dev/null
A commune.db import "$T/whole.antt" > /dev/null || not_ok "the commune is set up from the office's whole package"
A commune.db answer set X1-K1 2024 1.1 có > /dev/null
A commune.db export --under X1 -o "$T/own.antt" > /dev/null
A office.db trust add "$T/own.antt" --under X1 > /dev/null || not_ok "the office enrols the commune for X1"

# its own commune: taken
A office.db import "$T/own.antt" > /dev/null
expect_eq "$?" "0" "a package for the commune's own units is taken"

# the neighbour's assessment, unchanged, with one answer more
A commune.db answer set X2-K1 2024 1.2 100 > /dev/null
A commune.db export -o "$T/neighbour.antt" > /dev/null   # the whole database: no unit named
state() { sqlite3 "$T/office.db" "SELECT count(*) || '/' || (SELECT count(*) FROM audit) || '/' || (SELECT count(*) FROM sync_base) FROM answers"; }
before=$(state)
out=$(A office.db import "$T/neighbour.antt" 2>&1)
expect_eq "$?" "1" "a new answer for a unit outside the sender's scope refuses the package"
case "$out" in *"X2-K1"*"ngoài phạm vi"*) ok "the refusal names the unit and says why";;
	*) not_ok "the refusal does not name X2-K1 as outside the scope: $out";; esac
expect_eq "$(state)" "$before" "nothing changed (answers, audit, exchange state)"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM answers WHERE criterion = '1.2'")" "0" "the answer is not there"
exit $failed
