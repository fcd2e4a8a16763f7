# kill -9 in the middle of entry: the database stays intact and every answer
# the screen showed as saved is in it. TRIALS (default 3) random moments.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
# answer rows on the screen: mark, id, ..., có|không
shown_rows() { awk '$1 ~ /^(✓|✗|·)$/ && ($NF == "có" || $NF == "không") { print $2, $NF }'; }
answers_shown() { [ -n "$(screen | shown_rows)" ]; }
trials=${TRIALS:-3}
t=1
while [ $t -le "$trials" ]; do
	unit=X00$(( (t % 9) + 1 ))-K0$(( (t % 5) + 1 ))
	sql "DELETE FROM ui_state"   # start on the list, not where the last trial died
	# no answers before the burst: every answer on the screen is then one
	# this session saved (each row gets one key), not an older value that a
	# key processed between the screenshot and the kill has since replaced
	sql "DELETE FROM answers WHERE assessment_id =
		(SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$unit' AND year = 2024)"
	start
	wait_for "Lọc: loại" > /dev/null || { not_ok "trial $t: no start"; t=$((t + 1)); continue; }
	keys /
	type_text "$unit"
	keys Enter Enter
	wait_for "($unit)" > /dev/null || { not_ok "trial $t: $unit did not open"; t=$((t + 1)); continue; }
	# a burst of answers, then SIGKILL at a random moment inside it
	keys Home
	for i in $(seq 16); do
		if [ $(( (i + t) % 3 )) -eq 0 ]; then keys k; else keys c; fi
		keys Down
	done
	# the kill at a random moment after the first answer is drawn (under
	# load a kill at once came before any: nothing on screen to check)
	polled 5 answers_shown || true
	sleep "$(awk -v r="$(od -An -N1 -tu1 /dev/urandom)" -v k="$SLOW" 'BEGIN { print (r % 40) / 100 * k }')"
	shot=$(screen)
	kill -9 "$(pane_pid)"
	sleep 0.2
	stop
	check=$(sql "PRAGMA integrity_check")
	expect_eq "$check" "ok" "trial $t: integrity_check after kill -9"
	# every answer row on the screen (mark, id, ..., có|không) is stored
	lost=0 seen=0
	printf '%s\n' "$shot" | shown_rows > "$T/shown"
	while read -r id ans; do
		want=1; [ "$ans" = "không" ] && want=0
		got=$(sql "SELECT value FROM answers WHERE criterion = '$id' AND assessment_id =
			(SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$unit' AND year = 2024)")
		seen=$((seen + 1))
		[ "$got" = "$want" ] || { lost=$((lost + 1)); echo "# $unit $id shown $ans, stored '$got'"; }
	done < "$T/shown"
	[ "$seen" -gt 0 ] && ok "trial $t: $seen answers on screen" || not_ok "trial $t: no answers on screen"
	expect_eq "$lost" "0" "trial $t: no answer lost (shown as saved yet missing from the database)"
	t=$((t + 1))
done
finish
