# End to end: the demo database, and `antt` with no command on it.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo"
expect_out "đơn vị" "demo reports what it made"
kdc=$(sql "SELECT count(*) FROM units WHERE type = 'khu-dan-cu'")
[ "$kdc" -ge 130 ] && [ "$kdc" -le 170 ] && ok "about 150 khu dân cư ($kdc)" || not_ok "khu dân cư: $kdc"
expect_eq "$(sql "SELECT count(*) FROM units WHERE type IN ('xa','phuong','thi-tran')")" "20" "20 communes"
expect_eq "$(sql "SELECT count(*) FROM units WHERE type = 'co-quan'")" "40" "40 cơ quan"
expect_eq "$(sql "SELECT count(DISTINCT year) FROM assessments")" "2" "two years of answers"
[ "$(sql "SELECT count(*) FROM assessments WHERE verdict = 'fail'")" -gt 5 ] && ok "some units fail" || not_ok "no failing units"
[ "$(sql "SELECT count(*) FROM units WHERE excluded = 1")" -gt 0 ] && ok "some units excluded" || not_ok "no excluded units"
expect_eq "$(sql "SELECT count(*) FROM units WHERE name NOT GLOB '*[^ -~]*'")" "0" "every name has Vietnamese letters"

run demo
expect_rc 1 "demo refuses a database that has units"

run
expect_rc 0 "antt with no command"
expect_out "Công an huyện Sông Lam" "shows the office"
expect_out "Tổng hợp năm 2024" "shows the current year's summary"

# stored verdicts agree with a fresh evaluation of every unit
bad=0
for code in $(sql "SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = 2024 ORDER BY random() LIMIT 25"); do
	run assess show "$code" 2024
	v=$(sql "SELECT verdict FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$code' AND year = 2024")
	case "$v:$out" in
	pass:*"Kết luận: ĐẠT"*|fail:*"Kết luận: CHƯA ĐẠT"*|missing:*"CHƯA ĐỦ THÔNG TIN"*) ;;
	*) bad=$((bad + 1)); echo "# $code stored $v";;
	esac
done
expect_eq "$bad" "0" "stored verdicts match assess show"
finish
