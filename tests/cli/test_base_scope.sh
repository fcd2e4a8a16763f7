# End to end: what a package may not touch outside its sender's scope, even
# unchanged. Commune X1 (enrolled at the office for X1 only) puts X2-K1's
# answers, exactly as the office has them, into its own signed package at
# a huge revision. Rows the same here change nothing — but the merge base
# both sides last agreed on was still written with the package's revision,
# so every later change from X2's own commune arrived "older" and became a
# conflict: X1 froze X2's data at the office (found by a reviewer). Now an
# unchanged row outside the scope leaves the base as it was, and X2's next
# package goes in.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
QT="env ANTT_USER=qt ANTT_PASSWORD=quantri1"
uuid_of() { sqlite3 "$T/$1" "SELECT uuid FROM units WHERE code = '$2'"; }
two_communes 1 || not_ok "the office and its two communes set up"
$QT "$ANTT" --db "$T/office.db" trust add "$T/c1-0.antt" --under X1 > /dev/null || not_ok "office enrols X1"
$QT "$ANTT" --db "$T/office.db" trust add "$T/c2-0.antt" --under X2 --may-approve > /dev/null || not_ok "office enrols X2"

A c2.db answer set X2-K1 2024 '*' đạt > /dev/null
A c2.db export --under X2 -o "$T/c2-1.antt" > /dev/null
$QT "$ANTT" --db "$T/office.db" import "$T/c2-1.antt" > /dev/null || not_ok "office imports X2's answers"
base() { sqlite3 "$T/office.db" "SELECT count(*) || ' ' || max(rev) FROM sync_base WHERE key LIKE '$(uuid_of office.db X2-K1)/%'"; }
before=$(base)

# X1's package, with X2-K1's answers copied in unchanged at a huge revision
A c1.db export --under X1 -o "$T/evil.antt" > /dev/null
sqlite3 "$T/evil.antt" "ATTACH '$T/c2-1.antt' AS o;
	INSERT INTO answers SELECT unit_uuid, year, criterion, uuid, 999999999, value, exception, note, updated_by, updated_at
	FROM o.answers WHERE unit_uuid = '$(uuid_of office.db X2-K1)'"
R "$T/evil.antt" --key-from "$T/c1.db" > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 DB="$T/office.db" run import "$T/evil.antt"
expect_rc 0 "X1's package with X2-K1's answers unchanged goes in (rows the same here change nothing)"
expect_eq "$(base)" "$before" "  X2-K1's merge bases are as they were"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM conflicts")" "0" "  no conflict"

# X2's own commune changes an answer: it goes in, no conflict
A c2.db answer set X2-K1 2024 1.1 không --note "thay đổi thật" > /dev/null || not_ok "X2 changes 1.1"
A c2.db export --under X2 -o "$T/c2-2.antt" > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 DB="$T/office.db" run import "$T/c2-2.antt"
expect_rc 0 "X2's next package goes in"
expect_eq "$(sqlite3 "$T/office.db" "SELECT quote(x.value) || ' ' || x.note FROM answers x JOIN assessments a ON a.id = x.assessment_id
	JOIN units u ON u.id = a.unit_id WHERE u.code = 'X2-K1' AND x.criterion = '1.1'")" "0 thay đổi thật" "  its change is taken"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM conflicts")" "0" "  no conflict"

# the units above a genuine package's own come unchanged in it too: still fine
A c1.db answer set X1-K1 2024 '*' đạt > /dev/null
A c1.db export --under X1 -o "$T/c1-1.antt" > /dev/null
ANTT_USER=qt ANTT_PASSWORD=quantri1 DB="$T/office.db" run import "$T/c1-1.antt"
expect_rc 0 "X1's genuine package (H above it, unchanged) goes in"
expect_eq "$(sqlite3 "$T/office.db" "SELECT count(*) FROM answers x JOIN assessments a ON a.id = x.assessment_id
	JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1-K1'")" "$(sqlite3 "$T/c1.db" "SELECT count(*) FROM answers")" "  with all its answers"
finish
