# End to end in tmux (issue 13, item 13): the leader's day. The unit list
# shows where each form is (nháp, đã trình, trả lại, đã duyệt) beside its
# verdict; s filters on those states too without dropping the t filter;
# v walks the forms waiting for a leader, as n walks unfinished ones.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
# the demo's 2024 season has forms waiting already: back to draft, so the
# queue holds only the forms submitted here
sqlite3 "$DB" "UPDATE assessments SET status = 'draft' WHERE year = 2024 AND status = 'submitted'"
leaders
for u in X001-K02 X001-K05 X001-K06 X002-K01; do
	"$ANTT" --db "$DB" submit $u 2024 > /dev/null || echo "# submit $u failed"
done
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 "$ANTT" --db "$DB" approve X001-K06 2024 > /dev/null
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 "$ANTT" --db "$DB" return X002-K01 2024 --reason "Thiếu biên bản" > /dev/null

start
wait_for "Lọc: loại"
wait_for "2 chờ duyệt (v)"
expect_eq "$(row_of X001-K02 | sed 's/.*  //')" "đạt · đã trình" "a submitted form: verdict and state"
expect_eq "$(row_of X001-K06 | sed 's/.*  //')" "đạt · đã duyệt" "an approved form"
expect_eq "$(row_of X001-K03 | sed 's/.*  //')" "đạt · nháp" "a form not yet submitted"
row=$(row_of "X001-K02")
[ "$(printf '%s' "$row" | wc -m)" -le 80 ] && ok "the row fits in 80 columns" || not_ok "row too wide: $row"

# v: the queue, one form after another, round again
keys v Enter
wait_for "(X001-K02)"
keys Escape v Enter
wait_for "(X001-K05)"
keys Escape v Enter
wait_for "(X001-K02)"
keys Escape

# s steps on to the workflow states; t is kept
keys t
wait_for "Lọc: loại Xã ·"
keys t
wait_for "Lọc: loại Cơ quan ·"
keys t t t
wait_for "Lọc: loại Khu dân cư ·"
for i in 1 2 3 4 5 6; do keys s; done
wait_for "Lọc: loại Khu dân cư · trạng thái đã trình"
wait_for "(2/"
expect_eq "$(screen | grep -c 'đã trình$')" "2" "the filter shows the two submitted forms"
keys s
wait_for "Lọc: loại Khu dân cư · trạng thái trả lại"
row_of "X002-K01" | grep -q "trả lại" && ok "the returned form is shown" || not_ok "returned form missing"
keys s
wait_for "Lọc: loại Khu dân cư · trạng thái đã duyệt"
wait_for "X001-K06"
keys s
wait_for "Lọc: loại Khu dân cư · trạng thái tất cả"
keys t
wait_for "Lọc: loại"
i=0   # the key is read in its own time: wait for the line to change, or give up after 5 s
while screen | grep -q "Lọc: loại Khu dân cư" && [ $i -lt $((100 * SLOW)) ]; do sleep 0.05; i=$((i + 1)); done
s=$(screen | grep "Lọc: loại")
case "$s" in *"Khu dân cư"*) not_ok "t did not move on: $s";; *) ok "t moves on, s kept: $s";; esac

# the queue ends
keys Escape
sql "UPDATE assessments SET status = 'approved' WHERE status = 'submitted'"
quit_app
start
wait_for "Lọc: loại"
keys v
wait_for "Không có phiếu nào đang chờ duyệt"
quit_app
finish
