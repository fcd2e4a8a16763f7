# End to end: a full disk during a write refuses the answer with a message
# and writes nothing half-way. Needs root to mount a small tmpfs; without
# it the test says it is skipped, and the count says so.
. "$(dirname "$0")/lib.sh"
M="$T/disk"
mount_tmpfs "$M" 2m "a full disk refuses an answer"
DB="$M/full.db"
printf 'code,parent_code,type,name\nX1,,xã,Xã 1\nK1,X1,khu dân cư,Thôn 1\n' > "$T/u.csv"
run unit import "$T/u.csv"; expect_rc 0 "units on the small disk"
run answer set K1 2024 2 có; expect_rc 0 "an answer before the disk fills"
run report --year 2024 -o "$M/old.xlsx"; expect_rc 0 "a report before the disk fills"
rm -rf "$M/antt-backups"
sqlite3 "$DB" "VACUUM INTO '$T/elsewhere.db'"
dd if=/dev/zero of="$M/filler" bs=4096 2>/dev/null   # until the disk is full
run answer set K1 2024 2 không --note "$(head -c 3000 /dev/zero | tr '\0' 'x')"
expect_rc 1 "a write on a full disk is refused"
expect_err "ổ đĩa đầy" "the message says the disk is full"
# a report written to the full disk from a database elsewhere (on the full
# disk itself, the database cannot even be opened: WAL needs its files)
ls "$M" > "$T/before-report"
cp "$M/old.xlsx" "$T/old.xlsx"
DB="$T/elsewhere.db" run report --year 2024 -o "$M/old.xlsx" --force
expect_rc 1 "a report on a full disk is refused"
expect_err "không ghi xong tệp Excel: ghi tệp bị gián đoạn, thường do đĩa đầy" "the report's message says why, in Vietnamese"
case "$err" in *[Zz][Ii][Pp]*|*rror*) not_ok "library text in the message: $err";; *) ok "no English library text";; esac
cmp -s "$M/old.xlsx" "$T/old.xlsx" && ok "the earlier report is left as it was" || not_ok "the earlier report changed"
expect_eq "$(ls "$M")" "$(cat "$T/before-report")" "no half-written file left beside it"
rm -f "$M/filler"
expect_eq "$(sql "PRAGMA integrity_check")" "ok" "nothing written half-way"
expect_eq "$(sql "SELECT count(*) FROM answers")" "1" "only the earlier answer is there"
run answer set K1 2024 '*' đạt; expect_rc 0 "with room again, the answer is saved"

# restore on a full disk: refused with the reason, the database unchanged
run backup
good=$(echo "$out" | sed 's/^Đã sao lưu vào //')
run settings office_name "Giữ nguyên"
dd if=/dev/zero of="$M/filler" bs=4096 2>/dev/null
run restore "$good" --yes
expect_rc 1 "a restore on a full disk is refused"
expect_err "ổ đĩa đầy" "the message says the disk is full"
rm -f "$M/filler"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'office_name'")" "Giữ nguyên" "the database is unchanged"
expect_eq "$(sql "PRAGMA integrity_check")" "ok" "and sound"
finish
