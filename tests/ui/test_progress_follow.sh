# End to end in tmux (issue 19): Progress's deadlines follow a checklist
# filled in. While the officer answers, the work ahead no longer starts
# the deadlines over after every answer (a pass over the year's forms in
# pieces the next key waited behind: at 3 provinces the answer keys' CPU
# went from 3.0 to 1.6 ms); back on the list they follow the tree in a
# step. A unit not registered for 2024 registered by its first answer:
# one more "chưa duyệt" and one more still to score by QĐ 510.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
unit=$(sql "SELECT u.code FROM units u WHERE u.type = 'khu-dan-cu' AND u.excluded = 0 AND NOT EXISTS
	(SELECT 1 FROM assessments a WHERE a.unit_id = u.id AND a.year = 2024) ORDER BY u.code LIMIT 1")
due() { sql "SELECT count(*) FROM assessments a JOIN units u ON u.id = a.unit_id
	WHERE a.year = 2024 AND u.type = 'khu-dan-cu' AND u.excluded = 0 AND a.status <> 'approved'"; }
unscored() { sql "SELECT count(*) FROM assessments a JOIN units u ON u.id = a.unit_id
	WHERE a.year = 2024 AND u.type = 'khu-dan-cu' AND u.excluded = 0
	AND NOT EXISTS (SELECT 1 FROM scores x WHERE x.unit_id = u.id AND x.year = 2024)"; }
[ -n "$unit" ] && ok "a khu dân cư not registered for 2024: $unit" || not_ok "the demo has none"
before=$(due) before510=$(unscored)

# progress_shows DUE UNSCORED: from the list, p, and Progress's two
# deadlines lines say them
progress_shows() {
	wait_for "Lọc: loại"
	keys p
	wait_for "Hạn 15/11/2024 (QUÁ HẠN): $1 chưa duyệt" 10 && ok "Progress: $1 chưa duyệt" ||
		not_ok "deadline: $(row_of 'Hạn 15/11/2024')"
	wait_for "khu dân cư còn $2" 10 && ok "QĐ 510: $2 still to score" ||
		not_ok "QĐ 510: $(row_of 'QĐ 510')"
}

start
progress_shows "$before" "$before510"
keys Escape
wait_for "Lọc: loại"
find_unit "$unit"
keys Enter
wait_for "($unit)"
keys Home Down c
wait_for "Đã lưu tiêu chí 1.1."
expect_eq "$(due)" "$((before + 1))" "the first answer registered the unit"
keys Escape
progress_shows "$((before + 1))" "$((before510 + 1))"   # back from the checklist: one more of each
case "$(screen)" in *"đang tính"*) not_ok "'đang tính' left on Progress";; *) ok "no 'đang tính' left";; esac
quit_app && ok "quits" || not_ok "still running"
exit $failed
