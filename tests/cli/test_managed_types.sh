# antt unit managed-above (TT 124, Điều 5 khoản 4): only a cơ quan, doanh
# nghiệp or cơ sở giáo dục placed under a commune can be managed by a level
# above it; a khu dân cư is the commune's own, and a commune or a district
# is not one of the units its criterion 4 counts. Others are refused in
# Vietnamese and nothing changes; setting a mark already set writes nothing
# and says so.
. "$(dirname "$0")/lib.sh"

printf 'code,parent_code,type,name\nH,,huyen,Huyện Một\nX1,H,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Một\nX1-GD1,X1,co-so-giao-duc,Trường THPT Một\nX1-CQ1,X1,co-quan,Chi cục Thuế\nX1-DN1,X1,doanh-nghiep,Công ty Một\n' > "$T/units.csv"
run unit import "$T/units.csv"; expect_rc 0 "units import"
leaders
admin() { ANTT_USER=qt ANTT_PASSWORD=quantri1 run "$@"; }
audits() { sql "SELECT count(*) FROM audit WHERE tbl = 'units'"; }
rev() { sql "SELECT rev FROM units WHERE code = '$1'"; }

for u in X1-K1 X1 H; do
	a=$(audits)
	admin unit managed-above $u
	expect_rc 1 "unit managed-above $u is refused"
	expect_err "chỉ đánh dấu được cơ quan, doanh nghiệp hoặc cơ sở giáo dục" "  the refusal says which units can be marked"
	expect_eq "$(sql "SELECT managed_above FROM units WHERE code = '$u'")" "0" "  $u stays unmarked"
	expect_eq "$(audits)" "$a" "  no audit row"
done
admin unit managed-above X1-K1
expect_err "Khu dân cư" "the refusal names the unit's type"
expect_err "X1-K1" "and the unit"

for u in X1-GD1 X1-CQ1 X1-DN1; do
	admin unit managed-above $u
	expect_rc 0 "unit managed-above $u (its type may be managed above the commune)"
	expect_eq "$(sql "SELECT managed_above FROM units WHERE code = '$u'")" "1" "  $u is marked"
done

# a mark already set: nothing written, nothing claimed
a=$(audits); r=$(rev X1-GD1)
admin unit managed-above X1-GD1
expect_rc 0 "marking a marked unit again is not an error"
expect_out "đã được đánh dấu" "  it says the unit was marked already"
expect_no_out "Đã đánh dấu" "  and does not claim a change"
expect_eq "$(audits)" "$a" "  no audit row"
expect_eq "$(rev X1-GD1)" "$r" "  no new revision (a package would carry it)"

admin unit managed-above X1-GD1 --undo
expect_rc 0 "the mark is taken off"
a=$(audits); r=$(rev X1-GD1)
admin unit managed-above X1-GD1 --undo
expect_rc 0 "taking off a mark that is not there is not an error"
expect_out "chưa được đánh dấu" "  it says there was no mark"
expect_no_out "trở lại" "  and does not claim a change"
expect_eq "$(audits)" "$a" "  no audit row"
expect_eq "$(rev X1-GD1)" "$r" "  no new revision"

# the same for exclude
a=$(audits); r=$(rev X1-K1)
admin unit exclude X1-K1 --undo
expect_rc 0 "unit exclude --undo on an assessed unit is not an error"
expect_out "đang thuộc diện đánh giá" "  it says the unit is assessed already"
expect_eq "$(audits)" "$a" "  no audit row"
expect_eq "$(rev X1-K1)" "$r" "  no new revision"

# the unit file: the mark only on those types, the row and column named
printf 'code,parent_code,type,name,excluded,managed_above\nX1-K2,X1,khu-dan-cu,Thôn Hai,0,1\nX1-GD2,X1,co-so-giao-duc,Trường THPT Hai,0,1\n' > "$T/more.csv"
admin unit import "$T/more.csv"
expect_rc 1 "a khu dân cư marked managed above in the unit file is refused"
expect_err "dòng 2: cột managed_above" "  the refusal names the line and the column"
expect_err "chỉ đánh dấu được cơ quan, doanh nghiệp hoặc cơ sở giáo dục" "  and says why"
expect_eq "$(sql "SELECT count(*) FROM units WHERE code IN ('X1-K2', 'X1-GD2')")" "0" "  all or nothing"

# a flag is one of the listed words: "-1" is not read as 1
printf 'code,parent_code,type,name,excluded,managed_above\nX1-GD3,X1,co-so-giao-duc,Trường THPT Ba,0,-1\nX1-GD4,X1,co-so-giao-duc,Trường THPT Bốn,-1,0\n' > "$T/neg.csv"
admin unit import "$T/neg.csv"
expect_rc 1 "a flag of -1 in the unit file is refused"
expect_err 'dòng 2: cột managed_above phải là 1' "  the row and the column named (managed_above)"
expect_err 'dòng 3: cột excluded phải là 1' "  the row and the column named (excluded)"
expect_err 'không phải "-1"' "  with the value as written"
expect_eq "$(sql "SELECT count(*) FROM units WHERE code IN ('X1-GD3', 'X1-GD4')")" "0" "  all or nothing"
exit $failed
