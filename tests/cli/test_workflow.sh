# End to end: one officer enters and submits a commune's checklists, the
# head approves them under his own login and records the chairman's
# decision, the report shows them as recognised, and the history says who
# did what.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "$DB" user add qt "Nguyễn Quản Trị" --role admin > /dev/null
as() { ANTT_USER=$1 ANTT_PASSWORD=$2 "$ANTT" --db "$DB" "$@" 2>/dev/null; }
export ANTT_USER=qt ANTT_PASSWORD=quantri1
ANTT_NEW_PASSWORD=canbo123 "$ANTT" --db "$DB" user add canbo "Trần Văn Nam" --role "cán bộ nhập liệu" > /dev/null
ANTT_NEW_PASSWORD=lanhdao1 "$ANTT" --db "$DB" user add lanhdao "Lê Văn Bình" --role "lãnh đạo duyệt" > /dev/null
unset ANTT_PASSWORD
run user list
expect_out "lãnh đạo duyệt" "three accounts"

# without a login nothing changes
ANTT_USER= run answer set X002-K01 2024 2 có
expect_rc 1 "no login: refused"
expect_err "cần đăng nhập" "no login message"
ANTT_USER=canbo ANTT_PASSWORD=sai run answer set X002-K01 2024 2 có
expect_rc 1 "wrong password"
expect_err "sai tên đăng nhập hoặc mật khẩu" "wrong password message"

# the officer completes and submits every checklist of Xã An Phú's units
# (the commune's own waits for their recognition: its criterion 4)
units=$(sql "SELECT code FROM units WHERE code LIKE 'X002-%' AND excluded = 0 ORDER BY code")
export ANTT_USER=canbo ANTT_PASSWORD=canbo123
n=0
for u in $units; do
	"$ANTT" --db "$DB" answer set "$u" 2024 '*' đạt > /dev/null && "$ANTT" --db "$DB" submit "$u" 2024 > /dev/null && n=$((n + 1))
done
expect_eq "$n" "$(echo "$units" | wc -w)" "canbo submitted every checklist of the commune"
run approve X002-K01 2024
expect_rc 1 "an entry officer cannot approve"
expect_err "dành cho lãnh đạo duyệt" "approval refused message"

# the head approves under his own login
export ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1
n=0
for u in $units; do "$ANTT" --db "$DB" approve "$u" 2024 > /dev/null && n=$((n + 1)); done
expect_eq "$n" "$(echo "$units" | wc -w)" "lanhdao approved them"
export ANTT_USER=canbo ANTT_PASSWORD=canbo123
run answer set X002-K01 2024 2 không
expect_rc 1 "approved checklist is read-only"
expect_err "đã được duyệt" "read-only message"
# core says what is wrong, the command line adds the command that goes on
expect_err "antt reopen X002-K01 2024 --reason" "  the command line names the reopen command"
case "$err" in *"đã được duyệt"*"antt reopen"*) ok "  after the reason";; *) not_ok "  order: $err";; esac
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run reopen X002-K01 2024
expect_rc 1 "reopen without a reason is refused"
expect_err "cần ghi lý do khi" "  core says a reason is needed"
expect_err "ghi lý do bằng --reason" "  the command line says how"
run answer set NOPE 2024 2 không
expect_err "không có đơn vị mã \"NOPE\"" "an unknown unit is named"
expect_err "antt unit list" "  and the command to list units follows"

# the commune's chairman recognises them in one decision; then the
# commune's own form can be completed, submitted and approved
export ANTT_USER=canbo ANTT_PASSWORD=canbo123
run recognise --decision "45/QĐ-UBND" --date 10/11/2024 --by "Chủ tịch UBND xã An Phú" 2024 $units
expect_rc 1 "an entry officer cannot record a decision"
expect_err "dành cho lãnh đạo duyệt" "decision refused message"
run answer set X002 2024 '*' đạt
run submit X002 2024
expect_rc 1 "the commune waits for its units' decisions"
export ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1
run recognise --decision "45/QĐ-UBND" --date 10/11/2024 --by "Chủ tịch UBND xã An Phú" 2024 $units
expect_rc 0 "the leader records the chairman's decision"
run submit X002 2024
expect_rc 0 "now the commune can be submitted"
run approve X002 2024
expect_rc 0 "and approved"

# the report shows them as approved and recognised
unset ANTT_USER ANTT_PASSWORD
run report --year 2024 -o "$T/bc.xlsx" --date 20/11/2024
expect_rc 0 "report"
got=$(/usr/bin/python3 - "$T/bc.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Khu dân cư"]
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
print(sum(1 for r in rows if r[1] and r[1].startswith("X002-") and r[5] == "Đã duyệt"
          and r[6] == "45/QĐ-UBND ngày 10/11/2024"),
      sum(1 for r in rows if r[1] and r[1].startswith("X002-")))
PY
)
set -- $got
[ "$1" -gt 0 ] && [ "$1" = "$2" ] && ok "report: every khu dân cư of Xã An Phú shows Đã duyệt and its decision ($1)" || not_ok "report shows: $got"

# the history of an answer says who did what
run audit --unit X002-K01 --year 2024
expect_out "canbo" "history names the officer"
expect_out "lanhdao       X002-K01 năm 2024: đã trình → đã duyệt" "history names the head and what he did"
expect_out "canbo         X002-K01 năm 2024: đang nhập → đã trình" "history shows the submission"
run audit --unit X002-K01 --criterion 4b
expect_rc 0 "audit of one criterion"
finish
