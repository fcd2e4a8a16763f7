# End to end: backups (daily, on demand, rotated), restore with the current
# state kept, and a corrupt database pointing to its last good backup.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
run summary 2024
n=$(ls "$T/antt-backups" | wc -l)
[ "$n" -ge 1 ] && ok "a backup is made on the first use of the day ($n)" || not_ok "no daily backup"
run summary 2024
expect_eq "$(ls "$T/antt-backups" | wc -l)" "$n" "only one daily backup a day"
run backup
expect_rc 0 "antt backup"
good=$(echo "$out" | sed 's/^Đã sao lưu vào //')
[ -s "$good" ] && ok "the backup file exists" || not_ok "backup file: $good"
expect_eq "$(sqlite3 "$good" 'PRAGMA integrity_check')" "ok" "the backup is a sound database"

# change, then restore: the change is gone, and kept in the pre-restore copy
run answer set X001-K02 2024 2 không --note "sẽ mất khi khôi phục"
run restore "$good" --yes
expect_rc 0 "restore"
expect_out "Dữ liệu trước đó được giữ ở" "restore says where the current state went"
expect_eq "$(sql "SELECT count(*) FROM answers WHERE note = 'sẽ mất khi khôi phục'")" "0" "restored to the backup"
before=$(ls -t "$T/antt-backups"/*truoc-khoi-phuc* | head -1)
expect_eq "$(sqlite3 "$before" "SELECT count(*) FROM answers WHERE note = 'sẽ mất khi khôi phục'")" "1" "the state before restoring was backed up"
printf 'không phải sao lưu' > "$T/x.db"
run restore "$T/x.db" --yes
expect_rc 1 "a file that is not a backup is refused"
run restore "$T/nope.db" --yes
expect_rc 1 "a missing backup is refused"
expect_err "không có tệp sao lưu" "missing backup message"

# rotation keeps the newest N
run settings backup_keep 3
for i in 1 2 3 4 5; do "$ANTT" --db "$DB" backup > /dev/null; done
expect_eq "$(ls "$T/antt-backups" | wc -l)" "3" "only the newest 3 backups are kept"

# a corrupt database names its last good backup and the command to restore it
run backup
good=$(echo "$out" | sed 's/^Đã sao lưu vào //')
rm -f "$DB-wal" "$DB-shm"
size=$(stat -c %s "$DB")
dd if=/dev/urandom of="$DB" bs=4096 seek=3 count=$(( size / 4096 - 4 )) conv=notrunc 2>/dev/null
run summary 2024
expect_rc 1 "a damaged database is reported"
expect_err "Bản sao lưu gần nhất" "the message names the last backup"
expect_err "restore" "the message gives the command"
run restore "$good" --yes
expect_rc 0 "restore after damage"
run summary 2024
expect_rc 0 "the restored database works"
expect_eq "$(sqlite3 "$DB" 'PRAGMA integrity_check')" "ok" "integrity after restore"
finish
