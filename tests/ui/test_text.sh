# Issue 12: a name stored with an escape sequence and a line break (by
# sqlite3, an old database or a package) is drawn on the screens as '?' and
# a space: the screen is not cleared and the row is not broken.
. "$(dirname "$0")/lib.sh"

printf 'code,parent_code,type,name\nX1,,xa,Xã Một\nX1-K1,X1,khu-dan-cu,Thôn Hai\nX1-K2,X1,khu-dan-cu,Thôn Ba\n' > "$T/units.csv"
"$ANTT" --db "$DB" unit import "$T/units.csv" > /dev/null
sql "UPDATE units SET name = 'Thôn ' || char(27) || '[2J' || char(10) || 'Bốn ' || char(155) || '1m' WHERE code = 'X1-K1'"
start
wait_for "Thôn Ba"
wait_for "Thôn ?[2J Bốn ?1m"
case "$(row_of 'Thôn ?[2J')" in
*"Bốn"*) ok "the name stays on one row" ;;
*) not_ok "the row was broken: $(row_of 'Thôn ?[2J')" ;;
esac
screen | grep -q '^ *Bốn' && not_ok "a line starts with the rest of the name" || ok "no line starts with the rest of the name"
wait_for "Xã Một"
quit_app
finish
