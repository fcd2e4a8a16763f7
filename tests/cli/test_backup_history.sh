# End to end: backups made before each import or restore do not push out
# the others. An office imports a package from each of its communes on the
# same day (a backup before each, as the office types between them): the
# day's first backup, and the copy of
# the data a wrong restore replaced, must still be there afterwards.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }

{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	echo "X1,H,xã,Xã Hòa Bình"
	echo "X1-K1,X1,khu dân cư,Thôn Một"
} > "$T/units.csv"
A office.db unit import "$T/units.csv" > /dev/null
A office.db export --under X1 -o "$T/seed.antt" > /dev/null
A commune.db import "$T/seed.antt" > /dev/null
A commune.db export --under X1 -o "$T/c.antt" > /dev/null
A office.db trust add "$T/c.antt" --under X1 > /dev/null
daily=$(ls "$T/antt-backups"/office-*.db | grep -v -- '-[a-z-]*\.db$' | head -1)
[ -n "$daily" ] && ok "the day's first backup is made" || not_ok "no daily backup"
A office.db answer set X1-K1 2024 2 không --note "trước khi khôi phục nhầm" > /dev/null
A office.db restore "$daily" --yes > /dev/null
kept=$(ls "$T/antt-backups"/office-*-truoc-khoi-phuc.db | head -1)
[ -n "$kept" ] && ok "the state a restore replaced is kept" || not_ok "no pre-restore copy"
A office.db settings backup_keep 3 > /dev/null
for i in 1 2 3 4 5 6; do
	A commune.db answer set X1-K1 2024 2 có --note "lần $i" > /dev/null
	A commune.db export --under X1 -o "$T/c$i.antt" > /dev/null
	# a change here before each: each import then copies first (backup.h)
	A office.db settings office_name "Công an huyện, lần $i" > /dev/null
	A office.db import "$T/c$i.antt" > /dev/null || not_ok "import $i"
done
[ -f "$daily" ] && ok "six imports later the day's first backup is still there" || not_ok "the daily backup was rotated away by the imports' backups"
[ -f "$kept" ] && ok "and so is the copy of what the restore replaced" || not_ok "the pre-restore copy was rotated away"
expect_eq "$(sqlite3 "$kept" "SELECT count(*) FROM answers WHERE note = 'trước khi khôi phục nhầm'")" "1" "it holds the replaced answer"
expect_eq "$(ls "$T/antt-backups"/office-*-truoc-nhap-goi.db | wc -l)" "3" "the backups before imports are rotated among themselves (keep 3)"

# a clock set back (an old PC whose CMOS battery is flat says 2000): the
# backups it makes sort before the earlier, correctly dated ones, and were
# deleted by the rotation the moment they were made
for d in 20990101 20990102 20990103; do cp "$daily" "$T/antt-backups/office-$d-000000.db"; done
out=$(A office.db backup)
made=$(printf '%s' "$out" | sed 's/^Đã sao lưu vào //')
[ -f "$made" ] && ok "a backup made while the clock is behind the others is kept" || not_ok "the new backup was rotated away at once: $made"
exit $failed
