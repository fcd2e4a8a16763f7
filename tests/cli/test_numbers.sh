# Issue 12: every number typed or imported is held to a range and a value
# outside it is refused with that range, changing nothing. Before, 2^63-1
# participants were stored and every `movement show` and report then failed
# with "integer overflow", and a year of 4294969316 became 2020.
. "$(dirname "$0")/lib.sh"

printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Một\nX1-CQ,X1,co-quan,Cơ quan Một\n' > "$T/units.csv"
run unit import "$T/units.csv"
expect_rc 0 "units imported"
count() { sql "SELECT (SELECT count(*) FROM activities) || ' ' || (SELECT count(*) FROM models) || ' '
	|| (SELECT count(*) FROM tipoffs) || ' ' || (SELECT count(*) FROM commendations) || ' '
	|| (SELECT count(*) FROM answers) || ' ' || (SELECT count(*) FROM assessments)"; }
before=$(count)

# the command line
for n in 9223372036854775807 99999999999999999999 -5 1000000001 12abc 0x10 ''; do
	run movement add-activity X1 2024 phat-dong 2024-03-01 "$n"
	expect_rc 1 "add-activity with '$n' participants refused"
	expect_err "số người tham gia phải là số nguyên từ 0 đến 1000000000" "  the message gives the range ('$n')"
done
run movement add-model X1 "Tổ tự quản" "Tổ nhân dân tự quản" 2024 1 1 9223372036854775807
expect_rc 1 "add-model with a huge member count refused"
expect_err "số thành viên phải là số nguyên từ 0 đến 1000000000" "  it names the field"
run movement tipoffs X1 2024 -1 0
expect_rc 1 "a negative tip-off count refused"
expect_err "tổng số tin báo phải là số nguyên từ 0" "  it names the field"
run movement add-commendation X1 2024 giay-khen-giam-doc 4294967297 "" "Lý do" 1/QĐ 2024-11-02
expect_rc 1 "collective flag 2^32+1 refused (was read as 1 through an int)"
expect_err "cột tập thể (1: tập thể, 0: cá nhân) phải là số nguyên từ 0 đến 1" "  it says 0 or 1"
run movement end-model 99999999999999999999 2024
expect_rc 1 "an overflowing model number refused"
run movement add-activity X1 4294969316 phat-dong 2020-03-01 10
expect_rc 2 "year 4294969316 on the command line refused"
expect_eq "$(count)" "$before" "nothing was written by the refused commands"

# CSV files
printf 'unit_code,year,kind,date,participants\nX1,2024,phat-dong,2024-03-01,10\nX1,2024,phat-dong,2024-03-02,9223372036854775807\nX1,4294969316,phat-dong,2020-03-01,5\nX1,2024,phat-dong,2024-03-03,-7\nX1,2024,phat-dong,2024-03-04,99999999999999999999\n' > "$T/act.csv"
run movement import activities "$T/act.csv"
expect_rc 1 "activities CSV with bad numbers refused"
expect_err "dòng 3: số người tham gia phải là số nguyên từ 0 đến 1000000000, không phải \"9223372036854775807\"" "  huge count, by line"
expect_err "dòng 4: năm phải là số nguyên từ 2000 đến 2100, không phải \"4294969316\"" "  year through an int cast, by line"
expect_err "dòng 5: số người tham gia" "  negative count"
expect_err "dòng 6: số người tham gia" "  overflowing count"
printf 'unit_code,name,kind,year_started,places,teams,members\nX1,Tổ A,Tổ nhân dân tự quản,2024,1,1,18446744073709551626\n' > "$T/models.csv"
run movement import models "$T/models.csv"
expect_rc 1 "models CSV with 2^64+10 members refused"
printf 'unit_code,year,total,valuable\nX1,2024,5,9223372036854775807\n' > "$T/tip.csv"
run movement import tipoffs "$T/tip.csv"
expect_rc 1 "tip-offs CSV with a huge count refused"
printf 'unit_code,year,criterion,value\nX1-K1,4294969316,1.1,có\n' > "$T/answers.csv"
run answer import "$T/answers.csv"
expect_rc 1 "answers CSV with year 4294969316 refused"
expect_err "năm phải là số nguyên từ 2000 đến 2100" "  the range is given"
printf 'unit_code,year,criterion,value\nX1-K1,2024,1.2,9223372036854775807\n' > "$T/answers2.csv"
run answer import "$T/answers2.csv"
expect_rc 1 "a percentage of 2^63-1 refused"
printf 'unit_code,year,item,self\nX1-CQ,4294969316,1,3\n' > "$T/scores.csv"
run score import "$T/scores.csv"
expect_rc 1 "score CSV with year 4294969316 refused"
expect_err "năm phải là số nguyên từ 2000 đến 2100" "  the range is given"
expect_eq "$(count)" "$before" "nothing was written by the refused files"
# a score is written as digits with a point or a comma: strtod alone took
# hexadecimal and exponents (0x2 stored as 2, 0x1p1 as 2)
for v in 0x2 0x1p1 2e0 1e-320 +2 infinity; do
	run score set X1-CQ 2024 1 "$v"
	expect_rc 1 "score $v: refused"
done
expect_eq "$(sql "SELECT count(*) FROM scores")" "0" "  no score stored"
for v in 2 2,5 2.5; do
	run score set X1-CQ 2024 1 "$v"
	expect_rc 0 "score $v: accepted"
done

# what is in range still goes in, and the figures can be read
run movement add-activity X1 2024 phat-dong 2024-03-01 1000000000
expect_rc 0 "the largest count is taken"
run movement show 2024
expect_rc 0 "movement show"
expect_out "1 cuộc phát động (1.000.000.000 lượt người tham gia)" "the figure is shown"

# a database written before the bounds (or by hand) with 2^63-1 twice:
# the figures no longer fail with "integer overflow"
sql "INSERT INTO activities (uuid, unit_id, year, kind, date, participants, note, updated_by)
	SELECT 'u' || n, (SELECT id FROM units WHERE code = 'X1'), 2024, 'phat-dong', '2024-05-0' || n,
	9223372036854775807, '', 'x' FROM (SELECT 1 AS n UNION ALL SELECT 2)"
run movement show 2024
expect_rc 0 "movement show with overflowing rows already stored"
expect_out "3 cuộc phát động" "  the rows are counted"
printf 'unit_code,year,criterion,value\nX1-K1,2024,1.1,có\n' > "$T/answers3.csv"
run answer import "$T/answers3.csv"
run report --year 2024 -o "$T/bc.xlsx" --date 2024-11-20
expect_rc 0 "report with overflowing rows already stored"

# settings typed on the command line are held to what the settings screen
# allows: a target of 1e309 wrote "inf" into the report, "abc" a 0 %
for kv in "target_xa 1e309" "target_xa abc" "target_xa -5" "target_khu-dan-cu 101" "current_year 4294969316" \
	"current_year 2020.5" "login_required x" "deadline_others 13-40" "deadline_others 11"; do
	set -- $kv
	run settings "$1" "$2"
	expect_rc 1 "settings $1 $2: refused"
	expect_eq "$(sql "SELECT count(*) FROM settings WHERE key = '$1' AND value = '$2'")" "0" "  and not stored"
done
run settings target_xa 1e309
expect_err "không phải một số" "the refusal says it is not a number"
run settings target_xa 101
expect_err "từ 0 đến 100" "the refusal gives the range"
for kv in "target_xa 97.5" "current_year 2024" "login_required 1" "deadline_others 11-20"; do
	set -- $kv
	run settings "$@"
	expect_rc 0 "settings $kv: accepted"
done
# the Vietnamese habits: a decimal comma, a day before the month
run settings target_xa 92,5
expect_rc 0 "a target with a decimal comma is accepted"
expect_out "target_xa = 92,5" "  and shown with the comma"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'target_xa'")" "92.5" "  stored with a point for the reports"
# a score class's lowest total (QĐ 510 sheets are out of 100): a number, in range
run settings class_min_kha abc
expect_rc 1 "settings class_min_kha abc: refused"
expect_err "điểm thấp nhất của mức xếp loại" "  the refusal names what the number is"
run settings class_min_kha 101
expect_rc 1 "settings class_min_kha 101: refused (out of 100)"
expect_eq "$(sql "SELECT count(*) FROM settings WHERE key = 'class_min_kha'")" "0" "  and nothing stored"
run settings class_min_kha 72,5
expect_rc 0 "a class's lowest total with a decimal comma is accepted"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'class_min_kha'")" "72.5" "  stored with a point, as the score reader takes it"
run settings class_min_kha
expect_out "72,5" "  and shown with the comma"
run settings deadline_others 20/11
expect_rc 0 "a deadline typed day/month is accepted"
expect_eq "$(sql "SELECT value FROM settings WHERE key = 'deadline_others'")" "11-20" "  stored month-day"
run settings deadline_others
expect_out "20/11" "  and shown day/month"
run settings deadline_others 31/11
expect_rc 1 "a day November does not have is refused"
expect_err "tháng 11 chỉ có 30 ngày" "  with the reason"
run settings office_name "Công an huyện 1e309"
expect_rc 0 "a text setting is free text"
finish
