# End to end in tmux (a reviewer at 80x24, 1/12): Progress's PgDn and PgUp
# move by the communes the screen shows (5 at 80x24; they moved 10, so
# every other five were never shown by paging), the last column says what
# it holds (the commune's own form), and a year with no forms before it
# shows no rate for "last year" ("-"), not 0 %.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
communes=$(sqlite3 "$DB" "SELECT name FROM units WHERE type IN ('xa', 'phuong', 'thi-tran') ORDER BY code")

start
wait_for "Lọc: loại"
keys p
wait_for "Tiến độ năm 2024"
screen_has "Năm trước  Phiếu xã" && ok "the last column is headed Phiếu xã" || not_ok "the last column's header"
# page down to the end, keeping every commune row shown (names are cut
# to 15 columns: compared by their first 12 characters)
seen=$(screen)
for i in 1 2 3 4 5; do
	keys NPage
	sleep 0.3
	seen="$seen
$(screen)"
done
missing=
printf '%s\n' "$communes" > "$T/communes"
while IFS= read -r name; do
	head=$(printf '%s' "$name" | cut -c1-12)
	case "$seen" in *"$head"*) ;; *) missing="$missing [$name]";; esac
done < "$T/communes"
[ -z "$missing" ] && ok "PgDn shows every commune of 20, none skipped" || not_ok "PgDn never showed:$missing"
# and back up: the first commune again, the others met on the way
keys PPage PPage PPage PPage PPage
wait_for " Xã Hòa Bình        12"
# 2023: the demo has no forms in 2022
keys '['
wait_for "Tiến độ năm 2023"
row=$(screen | grep '^ Xã  ' | head -1)
case "$row" in *"%         -   95,0 %"*) ok "the type row shows - for a year with no forms before";;
	*) not_ok "type row for 2023: $row";; esac
row=$(screen | grep '^ Xã Hòa Bình ' | head -1)
case "$row" in *"%         - "*) ok "a commune's row shows - for a year with no forms before";;
	*) not_ok "commune row for 2023: $row";; esac
keys Escape
wait_for "Lọc: loại"
quit_app && ok "quits" || not_ok "still running"
exit $failed
