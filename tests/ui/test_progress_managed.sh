# End to end in tmux (issues 16/19, loose ends): Progress's "Số ĐV" of a
# commune counts its units as the report's sheets "Theo xã" do (the report's
# definition): every unit of an assessed type in force below the commune,
# a unit managed by the level above included (it is left out only of the
# commune's own criterion 4, TT 124 Điều 5 khoản 4).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
if [ ! -x "$PY" ] || ! "$PY" -c "import openpyxl" 2>/dev/null; then
	echo "ok - Progress beside the report # SKIP no /usr/bin/python3 with openpyxl here"
	exit 0
fi

"$ANTT" --db "$DB" demo > /dev/null
run unit managed-above X001-GD01
expect_rc 0 "X001-GD01 marked managed above"
run report --year 2024 -o "$T/r.xlsx" --force
expect_rc 0 "the report is written"
# the commune's "Tổng số" over every group of types, both sheets
in_report=$("$PY" - "$T/r.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
n = 0
for ws in wb.worksheets:
    if not ws.title.startswith("Theo xã"):
        continue
    rows = list(ws.iter_rows(values_only=True))
    head = next(r for r in rows if r and r[2] == "Tổng số")
    for r in rows:
        if r and r[1] == "Xã Hòa Bình":
            n += sum(v for k, v in enumerate(r) if head[k] == "Tổng số" and isinstance(v, (int, float)))
print(int(n))
PYEOF
)
below=$(sqlite3 "$DB" "SELECT count(*) FROM units WHERE code LIKE 'X001-%'")
[ "${in_report:-0}" -gt 0 ] && ok "the report counts $in_report units in Xã Hòa Bình ($below below it)" ||
	not_ok "no row for Xã Hòa Bình in the report: '$in_report'"

start
wait_for "Lọc: loại"
keys p
wait_for "Xã/phường/TT"
shown=$(row_of "Xã Hòa Bình" | awk '{print $4}')
expect_eq "$shown" "$in_report" "Progress's Số ĐV of Xã Hòa Bình is the report's"
keys Escape
wait_for "Lọc: loại"
quit_app && ok "quits" || not_ok "still running"
exit $failed
