# antt forms reassess --unit X re-assesses X and every unit below it (a
# commune with its khu dân cư), not X alone; units elsewhere keep their set.
. "$(dirname "$0")/lib.sh"

cp -r "$ANTT_FORMS" "$T/forms"
export ANTT_FORMS="$T/forms"
printf 'code,parent_code,type,name\nH,,huyen,Huyện Một\nX1,H,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Một\nX1-K2,X1,khu-dan-cu,Thôn Hai\nX2,H,xa,Xã Hai\nX2-K1,X2,khu-dan-cu,Thôn Ba\nX2-K2,X2,khu-dan-cu,Thôn Bốn\n' > "$T/units.csv"
run unit import "$T/units.csv"
for u in X1-K1 X1-K2 X2-K1 X2-K2; do run answer set $u 2024 '*' đạt; done
expect_rc 0 "four khu dân cư answered"

# the province adds a criterion to khu dân cư: every one of them drifts
mkdir -p "$T/forms/tinh"
printf 'adds_to: [khu-dan-cu]\nregulation: QĐ 5\ntitle: Thêm\nyears: {from: 2024}\ncriteria:\n  - {id: "6", source: x, label: Camera, type: yesno}\n' \
	> "$T/forms/tinh/them.yaml"
sha() { sql "SELECT criteria_set_id FROM assessments WHERE year = 2024 AND unit_id = (SELECT id FROM units WHERE code = '$1')"; }
old=$(sha X1-K1)

run forms reassess --year 2024 --unit X1
expect_rc 0 "re-assess a commune and what is below it"
expect_out "X1-K1" "  its first khu dân cư is re-assessed"
expect_out "X1-K2" "  and its second"
expect_no_out "X2-K1" "  another commune's khu dân cư is not"
expect_out "Tổng cộng 2 phiếu" "  two assessments in all"
[ "$(sha X1-K1)" != "$old" ] && ok "X1-K1 is bound to today's set" || not_ok "X1-K1 keeps the old set"
[ "$(sha X1-K2)" != "$old" ] && ok "X1-K2 is bound to today's set" || not_ok "X1-K2 keeps the old set"
expect_eq "$(sha X2-K1)" "$old" "X2-K1 (another commune) keeps its set"

run forms reassess --year 2024 --unit X1-K1
expect_rc 0 "a unit with nothing left to re-assess"
expect_out "không có đánh giá nào cần đánh giá lại" "  says so"
# an excluded unit is not assessed: re-assessing leaves it as it is
run unit exclude X2-K2
expect_rc 0 "X2-K2 excluded"
run forms reassess --year 2024 --unit H
expect_rc 0 "the district: what is left below it"
expect_out "X2-K1" "  X2-K1 re-assessed now"
expect_no_out "X2-K2" "  X2-K2 (excluded) is not"
expect_out "Tổng cộng 1 phiếu" "  one in all"
expect_eq "$(sha X2-K2)" "$old" "X2-K2 (excluded) keeps its set"
exit $failed
