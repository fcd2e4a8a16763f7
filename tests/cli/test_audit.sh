# Issue 12: `antt audit` without --unit reads every row, settings included,
# whose values are plain text (an office name), not JSON.
. "$(dirname "$0")/lib.sh"

run settings office_name "Công an huyện Sông Lam"
expect_rc 0 "a setting holding plain text"
run settings office_name "Công an huyện Sông Lam (mới)"
expect_rc 0 "changed once"
run audit
expect_rc 0 "audit without --unit"
expect_out "thiết lập office_name: (chưa đặt) → Công an huyện Sông Lam" "the first setting is listed"
expect_out "Công an huyện Sông Lam → Công an huyện Sông Lam (mới)" "the change is listed"
case "$err" in *malformed*) not_ok "a JSON error";; *) ok "no JSON error";; esac

# Issue 19: the audit keeps only what says something (no exception or note
# when none, an assessment's status or verdict only when it changed), and
# the history reads as before
DB="$T/demo.db"
run demo
expect_rc 0 "the demo"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'answers' AND (new_value LIKE '%\"note\":\"\"%'
	OR new_value LIKE '%\"exception\":0%' OR old_value LIKE '%\"note\":\"\"%')")" "0" "no empty note or exception stored"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'assessments' AND action = 'update'
	AND (json_extract(old_value, '$.status') = json_extract(new_value, '$.status')
	 OR json_extract(old_value, '$.verdict') = json_extract(new_value, '$.verdict'))")" "0" "an assessment's unchanged status or verdict not stored"
[ "$(sql "SELECT count(*) FROM audit WHERE tbl = 'assessments' AND action = 'update' AND json_extract(new_value, '$.verdict') IS NOT NULL")" -gt 0 ] &&
	ok "verdict changes stored" || not_ok "no verdict change stored"
run answer set X001-K01 2024 4b không --note "Vụ trộm đã xử lý" --exception
expect_rc 0 "an answer with a note and an exception"
run answer set X001-K01 2024 4b không --no-exception
expect_rc 0 "the exception taken off, the note kept"
run answer set X001-K01 2024 4b có --note ""
expect_rc 0 "back to có, no note"
run audit --unit X001-K01 --year 2024 --criterion 4b
expect_out "4b: không → không; đánh dấu ngoại lệ; ghi chú: Vụ trộm đã xử lý" "history: exception and note"
expect_out "4b: không → không; bỏ ngoại lệ" "history: the exception taken off, the note not repeated"
expect_out "4b: không → có" "history: back to có"
run audit --unit X001
expect_rc 0 "a commune's history"
case "$out" in *"kết luận"*|*"→"*) ok "verdict and status steps listed";; *) not_ok "no steps in the commune's history";; esac
finish
