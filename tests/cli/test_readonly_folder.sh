# End to end: a database in a folder this user may not write (a shared
# folder, another officer's folder, a read-only network share): unlike
# read-only media, SQLite reports "read-only", not "cannot open", when it
# cannot make the -shm. Reading works, writes are refused with the
# read-only message. Run as an unprivileged user (root writes anywhere).
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" -eq 0 ]; then
	if ! command -v setpriv > /dev/null || ! setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
		echo "ok - a folder that cannot be written # SKIP root here and no setpriv to drop it"
		exit 0
	fi
	AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
else
	AS=""
fi
chmod 755 "$T"
D="$T/shared"
mkdir "$D"
DB="$D/huyen.db"
"$ANTT" --db "$DB" demo > /dev/null
expect_eq "$(sql 'PRAGMA journal_mode')" "wal" "a database in WAL mode"
sql "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
rm -f "$DB-wal" "$DB-shm"
chmod 444 "$DB"
chmod 555 "$D"
[ -z "$AS" ] && [ -w "$D" ] && { echo "ok - a folder that cannot be written # SKIP this user writes anywhere"; chmod 755 "$D"; exit 0; }
ls -A "$D" > "$T/before"
runas() { $AS "$ANTT" --db "$DB" "$@" > "$T/out" 2> "$T/err"; rc=$?; out=$(cat "$T/out"); err=$(cat "$T/err"); }

runas summary 2024
expect_rc 0 "summary from a folder that cannot be written"
expect_out "Tổng cộng" "the summary is shown"
runas unit list
expect_rc 0 "unit list"
runas unit add X099 xã "Xã Mới"
expect_rc 1 "a write is refused"
expect_err "chỉ đọc" "with the read-only message"
expect_eq "$(ls -A "$D")" "$(cat "$T/before")" "nothing was created in the folder"
chmod 755 "$D"
exit $failed
