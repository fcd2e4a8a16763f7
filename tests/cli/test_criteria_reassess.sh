# Issue 15: when forms/ changes, stored assessments keep their criteria set
# (forms check reports those whose verdict would change); antt forms
# reassess is the officer's choice to re-assess them under today's set:
# rebound, recomputed, audited, with a new revision so packages carry it.
# Approved ones only when a leader says so (--approved); a recognised one
# whose verdict would change is refused (withdraw the recognition first).
# All or nothing: a refusal changes nothing.
. "$(dirname "$0")/lib.sh"

cp -r "$ANTT_FORMS" "$T/forms"
export ANTT_FORMS="$T/forms"
printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Một\nX1-K2,X1,khu-dan-cu,Thôn Hai\nX1-K3,X1,khu-dan-cu,Thôn Ba\nX1-K4,X1,khu-dan-cu,Thôn Bốn\n' > "$T/units.csv"
run unit import "$T/units.csv"
for k in 1 2 3 4; do run answer set X1-K$k 2024 '*' đạt; done
expect_rc 0 "four khu dân cư answered đạt"
leaders
for k in 3 4; do run submit X1-K$k 2024; ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run approve X1-K$k 2024; done
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run recognise --decision "7/QĐ-UBND" --date 10/11/2024 \
	--by "Chủ tịch UBND xã Một" 2024 X1-K4
expect_rc 0 "K3 approved, K4 approved and recognised"
ANTT_NEW_PASSWORD=canbo123 ANTT_USER=qt ANTT_PASSWORD=quantri1 run user add canbo "Trần Cán Bộ" --role entry

# the commune machine gets the office's package before the change
run export --under X1 -o "$T/p0.antt"
D2="$T/commune.db"
"$ANTT" --db "$D2" import "$T/p0.antt" > /dev/null 2>&1
expect_eq "$(sqlite3 "$D2" "SELECT count(*) FROM assessments")" "4" "the commune machine has the four assessments"

# forms/ changes: the province adds a criterion to khu dân cư from 2024
mkdir -p "$T/forms/tinh"
cat > "$T/forms/tinh/them.yaml" <<'YAML'
adds_to: [khu-dan-cu]
regulation: Quyết định 5/QĐ-UBND tỉnh Ví Dụ
title: Tiêu chí bổ sung
years: {from: 2024}
criteria:
  - id: "6"
    source: Quyết định 5/QĐ-UBND, Điều 1
    label: Có camera an ninh ở các trục đường chính
    type: yesno
YAML
sha() { sql "SELECT c.sha256 FROM assessments a JOIN units u ON u.id = a.unit_id JOIN criteria_sets c ON c.id = a.criteria_set_id WHERE u.code = '$1' AND a.year = 2024"; }
field() { sql "SELECT a.$2 FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$1' AND a.year = 2024"; }
old=$(sha X1-K1)
rev1=$(field X1-K1 rev)
run forms check
expect_out "X1-K1 (Thôn Một) năm 2024: đã lưu ĐẠT" "forms check reports the drift first"

# nothing changes on a refusal: approved ones are in the year's selection
run forms reassess --year 2024
expect_rc 1 "approved assessments are refused without --approved"
expect_err "X1-K3" "the refusal names the approved assessment"
expect_err "--approved" "and says how a leader includes them"
expect_eq "$(sha X1-K1)" "$old" "the refusal changed nothing"
run forms reassess --year 2024 --unit X1-K3 --approved
expect_rc 1 "--approved without a leader's login is refused"
ANTT_USER=canbo ANTT_PASSWORD=canbo123 run forms reassess --year 2024 --unit X1-K3 --approved
expect_rc 1 "an entry officer cannot re-assess an approved assessment"
expect_eq "$(field X1-K3 status)" "approved" "still approved"

# one unit, not approved: rebound, recomputed, revision bumped, audited
ANTT_USER=qt ANTT_PASSWORD=quantri1 run forms reassess --year 2024 --unit X1-K1   # the first use of a set read from outside: an administrator
expect_rc 0 "re-assess one unit"
expect_out "X1-K1" "the output names it"
new=$(sha X1-K1)
[ "$new" != "$old" ] && ok "K1 is bound to today's set" || not_ok "K1 still has the old set"
expect_eq "$(field X1-K1 verdict)" "missing" "K1's verdict under the new set: criterion 6 unanswered"
expect_eq "$(field X1-K1 rev)" "$((rev1 + 1))" "the revision is bumped so packages carry it"
expect_eq "$(sha X1-K2)" "$old" "K2 (not chosen) keeps its set"
run audit --unit X1-K1 --year 2024
expect_out "đánh giá lại theo bộ tiêu chí hiện hành" "the audit says it was re-assessed"
expect_out "SHA-256 $(echo "$new" | cut -c1-12)" "the audit names the new set by its SHA-256"
run forms check
expect_no_out "X1-K1 (Thôn Một)" "forms check no longer lists K1"

# the recognised one whose verdict would change is refused, all or nothing
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run forms reassess --year 2024 --approved
expect_rc 1 "a recognised assessment whose verdict would change is refused"
expect_err "X1-K4" "the refusal names it"
expect_err "rút công nhận" "and says to withdraw the recognition first"
expect_eq "$(sha X1-K2)" "$old" "nothing changed (K2 not re-assessed either)"

# a leader re-assesses K2 and the approved K3: K3's verdict changes, so it
# goes back to đang nhập with the reason
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run forms reassess --year 2024 --unit X1-K3 --approved
expect_rc 0 "the leader re-assesses the approved K3"
expect_eq "$(field X1-K3 status)" "draft" "K3 is back to đang nhập: its approved verdict no longer holds"
case "$(field X1-K3 reason)" in *"bộ tiêu chí"*) ok "with the reason";; *) not_ok "reason: $(field X1-K3 reason)";; esac
run forms reassess --year 2024 --unit X1-K2
expect_rc 0 "K2 re-assessed"
run forms reassess --year 2024 --unit X1-K2
expect_rc 0 "again: nothing left to do is not an error"
expect_out "không có đánh giá nào" "and says so"

# the change travels: the commune machine enrols the office and imports
run export --under X1 -o "$T/p1.antt"
"$ANTT" --db "$D2" trust add "$T/p1.antt" --under X1 > /dev/null 2>&1
"$ANTT" --db "$D2" import "$T/p1.antt" --accept-set "$new" > "$T/imp.out" 2>&1 || cat "$T/imp.out"   # a set new to that machine is accepted by its administrator
expect_eq "$(sqlite3 "$D2" "SELECT c.sha256 FROM assessments a JOIN units u ON u.id = a.unit_id JOIN criteria_sets c ON c.id = a.criteria_set_id WHERE u.code = 'X1-K1'")" \
	"$new" "the new set arrives on the commune machine"
expect_eq "$(sqlite3 "$D2" "SELECT verdict FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1-K1'")" \
	"missing" "with its verdict"
finish
