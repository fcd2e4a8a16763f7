# End to end in tmux: `antt restore` while the application is open on the
# same database. What the screen saves afterwards must land in the restored
# database (before, restore renamed a new file over the open one, and the
# screen went on saying "saved" into a file nobody would read again).
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
start
wait_for "Công an huyện Sông Lam"
keys /
type_text "thon dong hoa binh"
keys Enter
wait_for "Tìm thấy 1 đơn vị"
keys Enter
wait_for "Phiếu tiêu chí — Thôn Đông Hòa Bình (X001-K01)"
keys '*'
wait_for "Kết luận: ĐẠT"
good=$("$ANTT" --db "$DB" backup | sed 's/^Đã sao lưu vào //')
"$ANTT" --db "$DB" settings office_name "Tên sẽ mất khi khôi phục" > /dev/null
"$ANTT" --db "$DB" restore "$good" --yes > "$T/out" 2> "$T/err"
rc=$?; out=$(cat "$T/out"); err=$(cat "$T/err")
expect_rc 0 "restore while the screen is open"
# 4b is the 15th line of the khu dân cư form
keys Home
for i in $(seq 14); do keys Down; done
keys k
wait_for "CHƯA ĐẠT — không đạt tiêu chí: 4b"
quit_app
expect_eq "$(sql "SELECT value FROM answers WHERE criterion = '4b' AND assessment_id = (SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X001-K01' AND year = 2024)")" "0" \
	"the answer the screen saved after the restore is in the database"
expect_eq "$(sql "SELECT count(*) FROM settings WHERE value = 'Tên sẽ mất khi khôi phục'")" "0" "the database is the restored one"
expect_eq "$(sql "PRAGMA integrity_check")" "ok" "integrity after restoring under the screen"
finish
