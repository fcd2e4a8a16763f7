# End to end: the way back from an import. A refused import changes
# nothing (the database and its backups as they were); an import copies
# the database first only when the newest backup plus the imports made
# since do not already give back the state before it (backup.h): a second
# package right after a first makes no copy, a change typed in between
# does. Both ways back are walked: the copy restored is the state before
# the import; the older copy restored, then the earlier package imported
# again, is the state before the second import, row for row.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }

{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	echo "X1,H,xã,Xã Hòa Bình"
	echo "X1-K1,X1,khu dân cư,Thôn Một"
	echo "X1-K2,X1,khu dân cư,Thôn Hai"
} > "$T/units.csv"
A office.db unit import "$T/units.csv" > /dev/null
A office.db export --under X1 -o "$T/seed.antt" > /dev/null
A commune.db import "$T/seed.antt" > /dev/null
for i in 1 2 3; do
	A commune.db answer set X1-K1 2024 '*' đạt --note "lần $i" > /dev/null
	A commune.db answer set X1-K2 2024 2 không --note "gói $i" > /dev/null
	A commune.db export --under X1 -o "$T/c$i.antt" > /dev/null
done
A office.db trust add "$T/c1.antt" --under X1 > /dev/null || not_ok "office enrols the commune"

# every unit, assessment and answer, and the exchange state, as text
state() {
	sqlite3 "$T/$1" "SELECT group_concat(x, '|') FROM (
		SELECT u.uuid || ':' || u.code || ':' || u.name AS x FROM units u
		UNION ALL SELECT u.uuid || ':' || a.year || ':' || a.status || ':' || a.verdict FROM assessments a JOIN units u ON u.id = a.unit_id
		UNION ALL SELECT x.uuid || ':' || x.criterion || ':' || quote(x.value) || ':' || x.note FROM answers x
		UNION ALL SELECT key || ':' || rev || ':' || content FROM sync_base
		UNION ALL SELECT 'pkg:' || sha256 FROM packages ORDER BY 1)" | md5sum
}
copies() { ls "$T/antt-backups" | grep -c -- "^office-.*-truoc-nhap-goi\.db$"; }

# a refused import: a package from a machine never enrolled here
A other.db import "$T/seed.antt" > /dev/null
A other.db export --under X1 -o "$T/other.antt" > /dev/null
before=$(state office.db)
ls "$T/antt-backups" > "$T/list.before"
A office.db import "$T/other.antt" > /dev/null 2>&1
expect_eq "$?" "1" "a package from a machine not enrolled is refused"
expect_eq "$(state office.db)" "$before" "the refused import changed nothing"
ls "$T/antt-backups" > "$T/list.after"
cmp -s "$T/list.before" "$T/list.after" && ok "and wrote no backup" || not_ok "a refused import wrote a backup"

# the first import after a change typed here: a copy first
A office.db settings office_name "Công an huyện Sông Lam" > /dev/null
A office.db import "$T/c1.antt" > /dev/null || not_ok "import 1"
expect_eq "$(copies)" "1" "the first import copies the database first"
first=$(ls "$T/antt-backups"/office-*-truoc-nhap-goi.db)
# right after it, nothing else changed: the copy plus package 1 give the
# state before package 2, so no second copy
before2=$(state office.db)
A office.db import "$T/c2.antt" > /dev/null || not_ok "import 2"
expect_eq "$(copies)" "1" "a second import right after the first makes no copy"
# a change typed in between: the next import copies again
A office.db answer set X1-K2 2024 3a có --note "gõ ở huyện" > /dev/null
before3=$(state office.db)
A office.db import "$T/c3.antt" > /dev/null || not_ok "import 3"
expect_eq "$(copies)" "2" "an import after a change typed here copies again"
second=$(ls "$T/antt-backups"/office-*-truoc-nhap-goi.db | grep -v "$first")
expect_eq "$(sqlite3 "$T/office.db" "SELECT note FROM answers WHERE note LIKE 'gói%'")" "gói 3" "package 3 went in"

# undo import 3: its copy restored is the state before it, typed change included
A office.db restore "$second" --yes > /dev/null || not_ok "restore before import 3"
expect_eq "$(state office.db)" "$before3" "restoring the copy made before import 3 gives the state before it"
# undo import 2: the first copy restored, then package 1 imported again
A office.db restore "$first" --yes > /dev/null || not_ok "restore before import 1"
A office.db import "$T/c1.antt" > /dev/null || not_ok "import 1 again"
expect_eq "$(state office.db)" "$before2" "the first copy plus package 1 again give the state before import 2"
exit $failed
