# End to end: the demo database, and `antt` with no command on it.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo"
expect_out "đơn vị" "demo reports what it made"
expect_no_out "trong :" "demo names the database it filled (not an empty path)"
n=$(sql "SELECT count(*) FROM units u JOIN units p ON p.id = u.parent_id WHERE p.type IN ('phuong', 'thi-tran')
	AND (u.name LIKE '%nhân dân xã %' OR u.name LIKE '%Y tế xã %' OR u.name LIKE '%văn hóa xã %')")
expect_eq "$n" 0 "no 'Trạm Y tế xã …' under a phường or thị trấn"
expect_eq "$(sql "SELECT name FROM units WHERE code = 'X014-CQ02'")" "Trạm Y tế thị trấn Cẩm Giàng" "a thị trấn's agency named with its kind"
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

# --scale N: N copies of the demo under its one root, each a whole copy
# (units, answers, decisions, recognitions and their audit history)
one=$DB
DB="$T/scale.db"
for bad in 0 abc 1001 -2; do
	run demo --scale "$bad"
	expect_rc 2 "demo --scale $bad refused"
done
[ ! -s "$DB" ] || expect_eq "$(sql "SELECT count(*) FROM units")" "0" "a refused --scale adds no unit"
run demo --size district --scale 3
expect_rc 0 "demo --size district --scale 3"
expect_out "3 bản" "says how many copies it made"
n1=$(sqlite3 "$one" "SELECT count(*) FROM units")
expect_eq "$(sql "SELECT count(*) FROM units")" "$((1 + 3 * (n1 - 1)))" "one root and three copies of the rest"
expect_eq "$(sql "SELECT count(*) FROM units WHERE parent_id IS NULL")" "1" "one root"
for tbl in assessments answers decisions recognitions; do
	a=$(sqlite3 "$one" "SELECT count(*) FROM $tbl")
	expect_eq "$(sql "SELECT count(*) FROM $tbl")" "$((3 * a))" "three copies of $tbl"
done
hist="SELECT count(*) FROM audit WHERE tbl IN ('assessments', 'answers', 'decisions', 'recognitions')"
expect_eq "$(sql "$hist")" "$((3 * $(sqlite3 "$one" "$hist")))" "three copies of the audit history"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'units'")" "$((1 + 3 * (n1 - 1)))" "every copied unit's insert audited"
expect_eq "$(sql "SELECT name FROM units WHERE code = 'P03-X001'")" "$(sqlite3 "$one" "SELECT name FROM units WHERE code = 'X001'") (3)" "copy 3's codes and names"
expect_eq "$(sql "SELECT count(*) FROM units c JOIN units o ON o.code = substr(c.code, 5)
	WHERE c.code GLOB 'P02-*' AND (c.type <> o.type OR c.excluded <> o.excluded)")" "0" "copies keep types and exclusions"
expect_eq "$(sql "SELECT count(*) FROM assessments a JOIN units u ON u.id = a.unit_id
	WHERE u.code GLOB 'P03-*' AND a.verdict = 'fail'")" "$(sqlite3 "$one" "SELECT count(*) FROM assessments WHERE verdict = 'fail'")" "copies keep verdicts"
expect_eq "$(sql "PRAGMA foreign_key_check" | wc -l)" "0" "no dangling reference"
# the copies' uuids lie as real provinces' do: each commune's rows under
# the origin of the machine the demo says typed them (db/018: one for each
# commune), each copy of them in a run of its own (an import into copies
# clustered at 0000000k-… met one province's worth of keys, and timed
# faster than 30 real provinces in a row)
expect_eq "$(sql "SELECT count(*) FROM answers WHERE substr(uuid, 1, 7) = '0000000'")" "0" "no copy's uuids gathered under its number"
expect_eq "$(sql "SELECT count(DISTINCT substr(a.uuid, 1, 8)) = count(DISTINCT substr(u.code, 5, 4)) FROM answers a
	JOIN assessments f ON f.id = a.assessment_id JOIN units u ON u.id = f.unit_id WHERE u.code GLOB 'P03-*'")" "1" \
	"one copy's answers: one origin for each commune"
expect_eq "$(sql "SELECT count(*) FROM (SELECT substr(u.code, 5, 4) c FROM answers a JOIN assessments f ON f.id = a.assessment_id
	JOIN units u ON u.id = f.unit_id WHERE u.code GLOB 'P03-*' GROUP BY c HAVING count(DISTINCT substr(a.uuid, 1, 8)) <> 1)")" "0" \
	"  the same for all of a commune's"
expect_eq "$(sqlite3 "$one" "SELECT count(*) FROM answers WHERE substr(uuid, 15, 1) <> '8'")" "0" "the demo's own rows: version 8"
expect_eq "$(sql "SELECT count(*) FROM units c JOIN units d ON d.code = 'P03-' || substr(c.code, 5)
	WHERE c.code GLOB 'P02-*' AND (substr(c.uuid, 1, 8) <> substr(d.uuid, 1, 8) OR substr(c.uuid, 10, 4) = substr(d.uuid, 10, 4)
	OR substr(c.uuid, 15, 1) <> 'c' OR substr(d.uuid, 15, 1) <> 'c')")" "0" "two copies of a unit: one origin, their numbers apart, marked c"
expect_eq "$(sql "SELECT count(*) FROM (SELECT scope FROM audit WHERE scope IS NOT NULL EXCEPT SELECT uuid FROM assessments EXCEPT SELECT uuid FROM units)")" "0" "every audit row's scope names a row of its copy"
# the indexes are dropped while the copies are written and made again
# after (demo_scale.c): every one is back, as the schema defines it
idx="SELECT name || ':' || sql FROM sqlite_schema WHERE type = 'index' ORDER BY name"
expect_eq "$(sql "$idx")" "$(sqlite3 "$one" "$idx")" "every index of the schema made again after the copies"
expect_eq "$(sql "PRAGMA integrity_check")" "ok" "the copied database is whole, indexes and all"
# the copies are written a slice of every copy at a time: a copy's history
# still reads in the original's order
trail="SELECT group_concat(a.action || coalesce(a.new_value, ''), '|') FROM (SELECT au.action, au.new_value FROM audit au
	JOIN assessments f ON f.uuid = au.scope JOIN units u ON u.id = f.unit_id
	WHERE u.code = '%s' AND au.tbl = 'answers' ORDER BY au.id) a"
code=$(sqlite3 "$one" "SELECT u.code FROM units u JOIN assessments f ON f.unit_id = u.id JOIN audit au ON au.scope = f.uuid
	WHERE au.tbl = 'answers' AND au.action = 'update' ORDER BY u.code LIMIT 1")
if [ -n "$code" ]; then
	expect_eq "$(sql "$(printf "$trail" "P03-$code")")" "$(sqlite3 "$one" "$(printf "$trail" "$code")")" \
		"copy 3's history of a unit's answers in the original's order"
else
	not_ok "the district demo has a changed answer to follow"
fi
run summary 2024
expect_out "Tổng cộng" "summary reads the copies"

# an option given twice: refused as print's are, nothing made
DB="$T/twice.db"
run demo --size district --size province
expect_rc 2 "demo --size twice is refused"
expect_err "tùy chọn \"--size\" ghi hai lần: chỉ ghi một lần" "demo --size twice: named"
run demo --scale 2 --scale 3
expect_rc 2 "demo --scale twice is refused"
expect_err "tùy chọn \"--scale\" ghi hai lần" "demo --scale twice: named"
[ "$(sql "SELECT count(*) FROM units" 2>/dev/null || echo 0)" = 0 ] && ok "nothing made by a refused demo" ||
	not_ok "a refused demo made units"
finish
