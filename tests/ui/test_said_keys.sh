# End to end in tmux (a reviewer at 80x24, 1/12): keys that did nothing
# or the wrong thing without a word now say what happened — `n` past the
# last unit to finish goes back to the top and says so; `k` on a group row
# of a submitted form says the form is locked (it said how to answer the
# group's items, which the officer could not do either).
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
locked=$(sql "SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = 2024
	AND a.status = 'submitted' AND u.type = 'khu-dan-cu' ORDER BY u.code LIMIT 1")
start
wait_for "Lọc: loại"
keys End n
wait_for "Đã hết danh sách: quay lại từ đầu."
open_form "$locked"
keys Home k
wait_for "đã trình lãnh đạo nên không sửa được"
case "$(screen)" in *"gồm các ý bên dưới"*) not_ok "still told how to answer the group's items";; *) ok "not told to answer the items";; esac
keys Escape Escape   # the refusal, then the form
wait_for "Lọc: loại"
quit_app && ok "quits" || not_ok "still running"
exit $failed
