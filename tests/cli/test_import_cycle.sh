# A unit tree with a cycle below the sender's unit (a hand-edited or
# damaged database: antt's own edits and merges refuse one) does not hang
# an import: the walks down from the sender's unit through the tree stop
# where they have been (UNION, not UNION ALL), and the import ends, either
# way, with an answer.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-K2,X1,khu dân cư,Thôn Hai"
A commune.db answer set X1-K1 2024 '*' đạt > /dev/null
A commune.db answer set X1-K2 2023 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c2.antt" --force > /dev/null
# the office's tree damaged by hand: X1 placed under its own K1
sqlite3 "$T/office.db" "UPDATE units SET parent_id = (SELECT id FROM units WHERE code = 'X1-K1') WHERE code = 'X1'"
expect_eq "$(sqlite3 "$T/office.db" "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'X1'")" \
	"X1-K1" "the office's tree has a cycle X1 -> X1-K1 -> X1"
DB="$T/office.db"
out=$(timeout 60 "$ANTT" --db "$DB" import "$T/c2.antt" 2>&1); rc=$?
[ "$rc" != 124 ] && ok "the import ends (exit $rc), it does not loop" || not_ok "the import was still running after 60 s"
exit $failed
