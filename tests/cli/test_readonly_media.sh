# End to end: a database on read-only media (a write-protected USB stick)
# is shown read-only: reading commands work, writes are refused with the
# read-only message, nothing is created there. Needs root to mount a small
# tmpfs and remount it read-only; without it the test says so.
. "$(dirname "$0")/lib.sh"
M="$T/usb"
mount_tmpfs "$M" 64m
DB="$M/huyen.db"
run demo; expect_rc 0 "a database written in WAL mode on the stick"
expect_eq "$(sql 'PRAGMA journal_mode')" "wal" "it is in WAL mode"
expect_eq "$(sql "PRAGMA wal_checkpoint(TRUNCATE)")" "0|0|0" "checkpointed: the main file holds everything"
rm -f "$DB-wal" "$DB-shm"
if ! mount -o remount,ro "$M" 2>/dev/null; then
	echo "ok - read-only media # SKIP cannot remount read-only here (needs root)"
	exit 0
fi
ls -A "$M" > "$T/before"

run summary 2024
expect_rc 0 "summary on read-only media"
expect_out "Tổng cộng" "the summary is shown"
run unit list
expect_rc 0 "unit list on read-only media"
expect_out "X001" "the units are listed"
run report --year 2024 -o "$T/r.xlsx"
expect_rc 0 "a report from read-only media (written elsewhere)"
[ -s "$T/r.xlsx" ] && ok "the report file is written" || not_ok "no report file"
run unit add X099 xã "Xã Mới"
expect_rc 1 "a write is refused"
expect_err "chỉ đọc" "with the read-only message"
cp "$(ls "$M"/antt-backups/huyen-*.db | tail -1)" "$T/good.db"
run restore "$T/good.db" --yes
expect_rc 1 "a restore onto read-only media is refused"
expect_err "chỉ đọc" "with the read-only message"
expect_eq "$(ls -A "$M")" "$(cat "$T/before")" "nothing was created on the stick"

# writes not yet copied from the -wal cannot be read there: say what to do
mount -o remount,rw "$M"
printf 'x%.0s' $(seq 1 100) > "$DB-wal"
mount -o remount,ro "$M"
run unit list
expect_rc 1 "a database with a pending -wal on read-only media"
expect_err "chép cả hai tệp sang nơi ghi được" "the message says to copy it somewhere writable"
mount -o remount,rw "$M"
rm -f "$DB-wal"
mount -o remount,ro "$M"

# the screen says [CHỈ ĐỌC]
screen_shows "[CHỈ ĐỌC]"; r=$?
if [ $r -eq 2 ]; then
	echo "ok - the screen check # SKIP no tmux"
else
	[ $r -eq 0 ] && ok "the screen shows [CHỈ ĐỌC]" || not_ok "the screen lacks [CHỈ ĐỌC]"
fi
finish
