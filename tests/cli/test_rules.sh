# Issue 12: a pass rule cannot hang an import (10^10 rows: minutes before). A rule that is cheap
# without an answer but runs a cross-join of VALUES lists once an answer is
# given is stopped after a counted number of steps, the message names the
# file and line of the rule, and the import changes nothing.
. "$(dirname "$0")/lib.sh"

cp -r "$ANTT_FORMS" "$T/forms"
export ANTT_FORMS="$T/forms"
kdc="$T/forms/tt124-2021/khu-dan-cu.yaml"
line=$(grep -n 'pass: value >= 100' "$kdc" | head -1 | cut -d: -f1)
v='(VALUES(1),(2),(3),(4),(5),(6),(7),(8),(9),(10))'
sed -i "${line}s/pass: value >= 100/pass: value >= 100 AND (SELECT count(*) FROM $v a, $v b, $v c, $v d, $v e, $v f, $v g, $v h, $v i, $v j WHERE value > 0) > 0/" "$kdc"

printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Một\n' > "$T/units.csv"
run unit import "$T/units.csv"
expect_rc 0 "units import"
run forms check "$kdc"
expect_rc 0 "the rule loads: without an answer it is cheap"

printf 'unit_code,year,criterion,value\nX1-K1,2024,1.1,có\nX1-K1,2024,1.2,100\n' > "$T/answers.csv"
start=$(date +%s)
timeout 60 "$ANTT" --db "$DB" answer import "$T/answers.csv" > "$T/out" 2> "$T/err"
rc=$?
err=$(cat "$T/err")
end=$(date +%s)
expect_rc 1 "an import whose rule runs away is refused"
expect_err "khu-dan-cu.yaml:$line: tiêu chí 1.2" "the message names the file and line of the rule"
expect_err "bước tính" "the message says the rule ran too long"
[ $((end - start)) -lt 10 ] && ok "stopped in $((end - start)) s" || not_ok "took $((end - start)) s"
expect_eq "$(sql 'SELECT count(*) FROM answers')" "0" "no answer was stored"
finish
