# The first screen of an empty database: its help lists the unit file's
# columns as the README (and antt help) does, the sixth (managed_above)
# included, whole at 80 columns.
. "$(dirname "$0")/lib.sh"
root=$(dirname "$0")/../..

cols=$(grep -o 'code,parent_code,type,name\[[^ ]*' "$root/README.md" | head -1)
case "$cols" in *managed_above*) ok "README lists the columns: $cols";; *) not_ok "README's column list: '$cols'";; esac

start
wait_for "Cơ sở dữ liệu này chưa có đơn vị nào" 10
wait_for "các cột: $cols"
wait_for "managed_above 1: do cấp trên quản lý"
screen | grep -F "các cột:" | grep -q "managed_above\]\]$" && ok "the column line ends whole within 80 columns" ||
	{ out=$(screen); not_ok "the column line is cut"; }
keys F10
wait_gone && ok "F10 ends the program" || not_ok "still running after F10"
exit $failed
