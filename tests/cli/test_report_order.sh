# The "Chưa đạt" list in Vietnamese alphabetical order (review 10b): by
# commune, then unit, a ă â b c d đ e ê … with the tones only where the
# letters of a word tie, numbers by value. Byte order put "Phường Điện Quang" after
# "Phường Xuân Trường", "Phường Tân Lập" after "Phường Thủy Nguyên", and
# "Tổ dân phố số 10" before "số 2" (the province demo's Phụ lục X).
. "$(dirname "$0")/lib.sh"

{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	n=0
	for x in "Xã Yên Thế" "Xã Đông Sơn" "Xã Dương Hòa" "Xã Thạch Đà" "Xã Tân Lập" "Xã Ân Thi" "Xã An Phú" "Xã Ăn Khê"; do
		n=$((n + 1))
		echo "X$n,H,xã,$x"
	done
	for k in 10 2 1 11 3; do echo "X1-K$k,X1,khu dân cư,Tổ dân phố số $k"; done
	for x in 2 3 4 5 6 7 8; do echo "X$x-K,X$x,khu dân cư,Thôn Một"; done
	echo "X5-K2,X5,khu dân cư,Thôn Ba"
	echo "X5-K3,X5,khu dân cư,Thôn Bà"
	echo "X5-K4,X5,khu dân cư,Thôn Bá"
	echo "X5-K5,X5,khu dân cư,Thôn Đồng An"
	echo "X5-K6,X5,khu dân cư,Thôn Đông Sơn"
	echo "X5-K7,X5,khu dân cư,Thôn Đồng"
	echo "X5-K8,X5,khu dân cư,Thôn Đông"
	n=8
	for x in "Thôn Vân" "Thôn Ưng" "Thôn Uy" "Thôn Ơn" "Thôn Ông" "Thôn Oanh"; do
		n=$((n + 1))
		echo "X5-K$n,X5,khu dân cư,$x"
	done
} > "$T/units.csv"
run unit import "$T/units.csv"; expect_rc 0 "units"
for u in $(sql "SELECT code FROM units WHERE type = 'khu-dan-cu' ORDER BY code"); do
	"$ANTT" --db "$DB" register "$u" 2024 > /dev/null
done
run report --year 2024 -o "$T/r.xlsx" --date 20/11/2024
expect_rc 0 "the report"
got=$(/usr/bin/python3 -c "
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['Chưa đạt']
print('|'.join(ws.cell(r, 2).value + ' / ' + ws.cell(r, 3).value for r in range(4, ws.max_row + 1)
               if ws.cell(r, 3).value and ws.cell(r, 3).value.startswith(('Tổ', 'Thôn'))))" "$T/r.xlsx")
want="Xã An Phú / Thôn Một|Xã Ăn Khê / Thôn Một|Xã Ân Thi / Thôn Một|Xã Dương Hòa / Thôn Một|Xã Đông Sơn / Thôn Một|Xã Tân Lập / Thôn Ba|Xã Tân Lập / Thôn Bà|Xã Tân Lập / Thôn Bá|Xã Tân Lập / Thôn Đông|Xã Tân Lập / Thôn Đông Sơn|Xã Tân Lập / Thôn Đồng|Xã Tân Lập / Thôn Đồng An|Xã Tân Lập / Thôn Một|Xã Tân Lập / Thôn Oanh|Xã Tân Lập / Thôn Ông|Xã Tân Lập / Thôn Ơn|Xã Tân Lập / Thôn Uy|Xã Tân Lập / Thôn Ưng|Xã Tân Lập / Thôn Vân|Xã Thạch Đà / Thôn Một|Xã Yên Thế / Tổ dân phố số 1|Xã Yên Thế / Tổ dân phố số 2|Xã Yên Thế / Tổ dân phố số 3|Xã Yên Thế / Tổ dân phố số 10|Xã Yên Thế / Tổ dân phố số 11"
expect_eq "$got" "$want" "Chưa đạt in Vietnamese order: a ă â, d đ, Tân before Thạch, tones word by word where letters tie (Đông Sơn, Đồng, Đồng An), o ô ơ and u ư v, số 2 before số 10"
finish
