# End to end in tmux (issue 19): while the day's first backup is being
# copied between keys (seconds on a large database: a minute at 30
# provinces), the work ahead goes first — Progress's deadlines are read
# and shown while the copy goes on, not after it; the copy still finishes.
# The database is padded to a few hundred MB so the copy takes seconds.
. "$(dirname "$0")/lib.sh"

BK="$T/antt-backups"
"$ANTT" --db "$DB" demo > /dev/null
sql "CREATE TABLE pad (b); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
	INSERT INTO pad SELECT zeroblob(1000000) FROM n; DELETE FROM ui_state" > /dev/null
rm -f "$BK"/*   # the demo's own backups are of today: none, so the screen copies one
tmp_left() { ls -a "$BK" | grep -c '^\.antt-backup-'; }
today() { ls "$BK" | grep -c "^test-$(date +%Y%m%d)-.*\.db$"; }

start
wait_for "Lọc: loại" 10
keys p
wait_for "Tiến độ năm 2024"
wait_for "Hạn 15/11/2024 (QUÁ HẠN): 56 chưa duyệt" 10
if [ "$(tmp_left)" -eq 1 ]; then
	ok "the deadlines are shown while the backup is still being copied"
elif [ -n "${ANTT_WINDOWS:-}" ]; then
	# antt.exe under wine copies 300 MB faster than it draws Progress (as
	# test_daily_backup's first checks find the copy ended already)
	echo "ok - the deadlines are shown while the backup is still being copied # SKIP under wine the copy ended first"
else
	not_ok "the deadlines waited for the backup to finish"
fi
keys Escape
wait_for "Lọc: loại"
i=0
while [ "$(today)" -eq 0 ] && [ $i -lt $((600 * SLOW)) ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "$(today)" "1" "the backup of today is finished while the screen is open"
expect_eq "$(tmp_left)" "0" "no temporary copy left"
quit_app && ok "quits" || not_ok "still running"
exit $failed
