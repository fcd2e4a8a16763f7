# End to end in tmux at 80x24: the screens' place, saved as the officer
# opens and leaves a checklist (ui_state), is no change of data (94f359e),
# but every change of data still reaches the screens: an answer given in a
# checklist, then Esc, moves the unit's row, the counts line and Progress
# (p); an answer given by another program (`antt answer set`, a second
# antt) while a screen is open moves them too. The oracle is `antt
# summary`, which reads the same counting model.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null

# "Khu dân cư  156  0  154  151  143  93  78  50,0" -> "156 143 93 78 50,0 %"
summary_row() {
	"$ANTT" --db "$DB" summary 2024 | awk -v t="$1" '
		index($0, t) == 1 { n = split($0, f, / +/); print f[n-7] - f[n-6], f[n-3], f[n-2], f[n-1], f[n] " %" }'
}
screen_row() { row_of " $1 " | awk '{ n = split($0, f, / +/); print f[n-9], f[n-8], f[n-7], f[n-6], f[n-5] " %" }'; }
verdict_of() { sql "SELECT a.verdict FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$1' AND a.year = 2024"; }
# progress_agrees WHAT: p from the unit list; Progress's Khu dân cư row as antt summary's; back
progress_agrees() {
	keys p
	wait_for "Tiến độ năm 2024"
	wait_for " Khu dân cư "
	i=0
	while [ "$(screen_row "Khu dân cư")" != "$(summary_row "Khu dân cư")" ] && [ $i -lt $((40 * SLOW)) ]; do
		sleep 0.05; i=$((i + 1)); done
	expect_eq "$(screen_row "Khu dân cư")" "$(summary_row "Khu dân cư")" "$1: Progress's row Khu dân cư as antt summary"
	keys Escape
	wait_for "Lọc: loại"
}
# fails_in_list CODE WHAT: the unit list, searched for CODE, shows its form
# as not passing (chưa đạt)
fails_in_list() {
	find_unit "$1"
	i=0
	while ! row_of "$1" | grep -qF "chưa đạt" && [ $i -lt $((40 * SLOW)) ]; do sleep 0.05; i=$((i + 1)); done
	case "$(row_of "$1")" in *"chưa đạt"*) ok "$2: the list shows $1 chưa đạt";;
	*) out=$(screen); not_ok "$2: the list's row of $1: $(row_of "$1")";; esac
}
# progress_screen: Progress's lines, from the line of the year on, once
# its deadlines are there
progress_screen() {
	keys p
	wait_for "Hạn chấm điểm" > /dev/null
	sleep $((1 * SLOW))
	screen | sed -n '3,21p'
	keys Escape
	wait_for "Lọc: loại" > /dev/null
}
# same_as_fresh WHAT: Progress here, whole, as an antt started now shows it
same_as_fresh() {
	here=$(progress_screen)
	S1=$S
	S="antt-fresh-$$"
	start
	wait_for "Lọc: loại" > /dev/null
	fresh=$(progress_screen)
	quit_app
	S=$S1
	printf '%s\n' "$here" > "$T/here"
	printf '%s\n' "$fresh" > "$T/fresh"
	[ "$here" = "$fresh" ] && ok "$1: Progress, deadlines and communes too, as an antt started now shows it" ||
		{ out=$(diff "$T/here" "$T/fresh"); err=""; not_ok "$1: Progress differs from a fresh antt's"; }
}
open_unit() {
	find_unit "$1"
	keys Enter
	wait_for "($1)"
}

start
wait_for "Lọc: loại"
sleep $((2 * SLOW))   # Progress's figures worked out ahead
start_row=$(summary_row "Khu dân cư")
progress_agrees "at the start"

# 1. an answer in a checklist, then Esc: the list and Progress follow
open_unit X002-K03
keys Home Down k
wait_for "Đã lưu tiêu chí"
expect_eq "$(verdict_of X002-K03)" "fail" "1. the answer 'không' is stored (the form does not pass)"
keys Escape
wait_for "Lọc: loại"
sleep $((1 * SLOW))
[ "$(summary_row "Khu dân cư")" != "$start_row" ] && ok "1. the answer changed the figures" ||
	not_ok "1. the figures did not change: $start_row"
fails_in_list X002-K03 "1. after an answer and Esc"
same_as_fresh "1. after an answer and Esc"
progress_agrees "1. after an answer and Esc"

# 2. a checklist opened and left without a change, then Progress: the same
open_unit X002-K04
keys Escape
wait_for "Lọc: loại"
progress_agrees "2. after a checklist opened and left"

# 3. another program answers while the unit list is open
before=$(summary_row "Khu dân cư")
"$ANTT" --db "$DB" answer set X002-K05 2024 1.1 không > /dev/null
expect_eq "$(verdict_of X002-K05)" "fail" "3. the command line's answer is stored"
keys Down Up
sleep $((1 * SLOW))
progress_agrees "3. after another program's answer, the list open"
fails_in_list X002-K05 "3. after another program's answer"

# 4. another program answers while a checklist is open; the place is saved
# as the officer leaves it
open_unit X002-K06
"$ANTT" --db "$DB" answer set X002-K07 2024 1.1 không > /dev/null
keys Escape
wait_for "Lọc: loại"
progress_agrees "4. after another program's answer, a checklist open"
fails_in_list X002-K07 "4. after another program's answer, a checklist open"

# 5. another program answers while Progress is open: back and p again
keys p
wait_for "Tiến độ năm 2024"
"$ANTT" --db "$DB" answer set X002-K08 2024 1.1 không > /dev/null
sleep $((1 * SLOW))
keys Escape
wait_for "Lọc: loại"
progress_agrees "5. after another program's answer, Progress open"
fails_in_list X002-K08 "5. after another program's answer, Progress open"

# 6. a second antt on the same database opens and leaves a checklist, and
# answers: the first one's screens follow
S1=$S
S="antt-test2-$$"
start
wait_for "Lọc: loại"
open_unit X002-K01
keys Home Down k
wait_for "Đã lưu tiêu chí"
keys Escape
wait_for "Lọc: loại"
quit_app
S=$S1
keys Down Up
sleep $((1 * SLOW))
progress_agrees "6. after a second antt's answer"
expect_eq "$(verdict_of X002-K01)" "fail" "6. the second antt's answer is stored"
fails_in_list X002-K01 "6. after a second antt's answer"
same_as_fresh "6. after a second antt's answer"
quit_app && ok "quits" || not_ok "still running"
exit $failed
