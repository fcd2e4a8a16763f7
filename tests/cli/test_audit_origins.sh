# Issue 19: the sender of a package's history is stored once (db/017). Each
# row a package brought, and each change its merge made, named its sender
# in full ("name [fingerprint]", 68 bytes a row, a gigabyte on a national
# machine); now the row holds "#" and the number of the name, kept once in
# audit_origins, and everything that reads the audit (antt audit, the
# history on the screens, the packages this machine writes) reads the name
# through audit_named as before. Rows written before keep their names.
. "$(dirname "$0")/lib.sh"

A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
trusted_commune "X1-K1,X1,khu dân cư,Thôn Một" "X1-K2,X1,khu dân cư,Thôn Hai"
DB="$T/office.db"
A commune.db answer set X1-K1 2024 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c2.antt" --force > /dev/null
run import "$T/c2.antt"
expect_rc 0 "the office takes the commune's package"

fp=$(sqlite3 "$T/office.db" "SELECT fingerprint FROM trusted_senders LIMIT 1")
[ -n "$fp" ] && ok "the commune is enrolled ($fp)" || not_ok "no enrolled sender"
expect_eq "$(sql "SELECT count(*) FROM audit_origins")" "1" "its name is kept once"
name=$(sql "SELECT origin FROM audit_origins")
case "$name" in *"[$fp]") ok "  in full, with its fingerprint ($name)";; *) not_ok "the name kept: $name";; esac
expect_eq "$(sql "SELECT DISTINCT origin FROM audit WHERE origin IS NOT NULL")" "#$(sql "SELECT id FROM audit_origins")" \
	"every row from the package holds its number"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE origin IS NOT NULL AND length(origin) > 8")" "0" "  a few bytes, not the name"
n=$(sql "SELECT count(*) FROM audit WHERE origin IS NOT NULL")
[ "$n" -gt 10 ] && ok "  ($n rows)" || not_ok "only $n rows from the package"
expect_eq "$(sql "SELECT count(*) FROM audit_named WHERE origin = (SELECT origin FROM audit_origins)")" "$n" \
	"audit_named gives each the name back"
expect_eq "$(sql "SELECT count(*) FROM audit_named WHERE origin IS NULL")" "$(sql "SELECT count(*) FROM audit WHERE origin IS NULL")" \
	"  and the office's own rows stay its own"
run audit --unit X1-K1
case "$out" in *"$fp"*) ok "antt audit names the sender in full";; *) not_ok "antt audit: $out";; esac

# the same sender again: no second name
A commune.db answer set X1-K2 2024 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c3.antt" --force > /dev/null
run import "$T/c3.antt"
expect_rc 0 "the commune's next package"
expect_eq "$(sql "SELECT count(*) FROM audit_origins")" "1" "  adds no second name"

# the packages this office writes carry the names, as before: a receiver
# reads them without the office's audit_origins
run export --under X1 -o "$T/o.antt" --force
expect_rc 0 "the office writes a package"
expect_eq "$(sqlite3 "$T/o.antt" "SELECT count(*) FROM audit WHERE origin GLOB '#*'")" "0" "  with no number for a name"
expect_eq "$(sqlite3 "$T/o.antt" "SELECT count(*) > 0 FROM audit WHERE origin = '$(printf '%s' "$name" | sed "s/'/''/g")'")" "1" \
	"  the commune's rows under its name"

# rows written before db/017 hold the name itself, and read the same; a
# name that starts like a number is a name
scope=$(sql "SELECT uuid FROM units WHERE code = 'X1-K1'")
sql "INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin) VALUES
	('cu', 'units', '$scope', '$scope', 'update', '{\"name\":\"Thôn Một\"}', 'Công an xã Cũ [AAAA-BBBB]'),
	('cu2', 'units', '$scope', '$scope', 'update', '{\"name\":\"Thôn Một\"}', '#1 [CCCC-DDDD]')" > /dev/null
expect_eq "$(sql "SELECT origin FROM audit_named WHERE who = 'cu'")" "Công an xã Cũ [AAAA-BBBB]" "an older row's name reads as written"
expect_eq "$(sql "SELECT origin FROM audit_named WHERE who = 'cu2'")" "#1 [CCCC-DDDD]" "  and '#1 [...]' is a name, not a number"
# a number with no name (only a file made by hand holds one) reads as
# written, never as this machine's own (NULL)
sql "INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin) VALUES
	('cu3', 'units', '$scope', '$scope', 'update', '{\"name\":\"Thôn Một\"}', '#77'),
	('cu4', 'units', '$scope', '$scope', 'update', '{\"name\":\"Thôn Một\"}', '#99999999999999999999999')" > /dev/null
expect_eq "$(sql "SELECT origin FROM audit_named WHERE who = 'cu3'")" "#77" "a number with no name reads as written"
expect_eq "$(sql "SELECT origin FROM audit_named WHERE who = 'cu4'")" "#99999999999999999999999" "  a huge one too"

# a dry run of a new sender's package leaves no name behind; taking it
# keeps the name (a copy of the office where the commune, named anew, is
# enrolled again)
cp "$DB" "$T/office2.db"
A office2.db trust remove "$fp" > /dev/null
A commune.db settings office_name "Công an xã Hòa Bình" > /dev/null
A commune.db answer set X1-K1 2025 '*' đạt > /dev/null
A commune.db export --under X1 -o "$T/c4.antt" --force > /dev/null
A office2.db trust add "$T/c4.antt" --under X1 > /dev/null
A office2.db import "$T/c4.antt" --dry-run > /dev/null
expect_eq "$?" "0" "another office's dry run of the commune's package, under its new name"
expect_eq "$(sqlite3 "$T/office2.db" "SELECT count(*) FROM audit_origins")" "1" "  keeps no new name"
A office2.db import "$T/c4.antt" > /dev/null
expect_eq "$(sqlite3 "$T/office2.db" "SELECT count(*) FROM audit_origins WHERE origin LIKE 'Công an xã Hòa Bình [%'")" "1" \
	"  taking it keeps the new one"

# a database changed behind antt's back so that the sender's mark is
# silently dropped (a trigger ignoring it) would let every change of the
# import read as this machine's own: the import is refused, nothing changes
cp "$T/c4.antt" "$T/c5.antt"
cp "$DB" "$T/hacked.db"
sqlite3 "$T/hacked.db" "CREATE TRIGGER drop_mark BEFORE INSERT ON sync_origin BEGIN SELECT RAISE(IGNORE); END"
before=$(sqlite3 "$T/hacked.db" "SELECT count(*) FROM audit; SELECT count(*) FROM answers")
out=$("$ANTT" --db "$T/hacked.db" import "$T/c5.antt" 2>&1); rc=$?
expect_eq "$rc" "1" "an office whose sync_origin drops the mark refuses the package"
case "$out" in *"không ghi được tên máy gửi"*"khôi phục"*) ok "  saying why and what to do";; *) not_ok "  message: $out";; esac
expect_eq "$(sqlite3 "$T/hacked.db" "SELECT count(*) FROM audit; SELECT count(*) FROM answers")" "$before" "  and changes nothing"

# kept once, and never changed: the names are the audit's
sqlite3 "$DB" "UPDATE audit_origins SET origin = 'Ai đó [0000]'" 2> /dev/null
expect_eq "$(sql "SELECT origin FROM audit_origins")" "$name" "a name cannot be changed"
sqlite3 "$DB" "DELETE FROM audit_origins" 2> /dev/null
expect_eq "$(sql "SELECT count(*) FROM audit_origins")" "1" "  nor removed"
exit $failed
