# The report as it prints: the demo's 2024 report turned into a PDF by
# LibreOffice, read back page by page (tests/report/check_pdf.py): nothing
# on the signed page below 10 pt, page numbers at the top centre from page
# 2, the short rules, room to sign, Nơi nhận beside the signature.
# Needs LibreOffice and poppler-utils (scripts/deps.sh installs them).
. "$(dirname "$0")/lib.sh"
CHECK="$(cd "$(dirname "$0")/../report" && pwd)/check_pdf.py"

if ! command -v libreoffice > /dev/null || ! command -v pdftotext > /dev/null; then
	echo "ok - the printed report # SKIP LibreOffice or pdftotext is not installed (scripts/deps.sh)"
	finish
fi
# LibreOffice draws column widths from the workbook's default font,
# Calibri: without Carlito (its metric twin) the columns come out a third
# wider and the page is shrunk to fit
fc-list 2> /dev/null | grep -qi carlito ||
	echo "# Carlito is not installed: LibreOffice will shrink the pages (scripts/deps.sh installs it)"

run demo
expect_rc 0 "demo data"
run report --year 2024 -o "$T/r.xlsx" --date 20/11/2024
expect_rc 0 "the demo's report"
# a profile of its own: no user's LibreOffice settings, none left behind
HOME="$T/lo" timeout 300 libreoffice --headless --convert-to pdf --outdir "$T" "$T/r.xlsx" > "$T/lo.log" 2>&1
[ -s "$T/r.pdf" ] && ok "LibreOffice prints it to PDF" || not_ok "no PDF: $(cat "$T/lo.log")"
if [ -s "$T/r.pdf" ]; then
	/usr/bin/python3 "$CHECK" "$T/r.pdf" "CÔNG AN HUYỆN SÔNG LAM" "TRƯỞNG CÔNG AN HUYỆN" "Thượng tá Nguyễn Văn Bình" ||
		failed=1
	# the figures printed are the figures counted
	pdftotext -f 1 -l 1 -layout "$T/r.pdf" "$T/p1.txt"
	run summary 2024
	kdc=$(printf '%s\n' "$out" | grep '^Khu dân cư' | tr -s ' ')
	want=$(echo "$kdc" | awk '{ printf "%d %d %d", $4 - $5, $6, $10 }')
	got=$(grep -E '^ *1 +Khu dân cư' "$T/p1.txt" | tr -s ' ' | awk '{ print $5, $6, $7 }')
	expect_eq "$got" "$want" "Khu dân cư printed as antt summary counts it (Tổng số, Đăng ký, Được công nhận)"
fi
finish
