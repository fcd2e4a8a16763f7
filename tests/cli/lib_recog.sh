# What the tests of the dossier's two lists share (test_print_to_trinh.sh,
# test_print_quyet_dinh.sh): lib.sh on the demo database, the sheet reader,
# the refusals both documents make, the units a level decides on as the
# database has them, and the printed PDF read back.
. "$(dirname "$0")/lib.sh"
REPORT="$(cd "$(dirname "$0")/../report" && pwd)"
ROWS="/usr/bin/python3 $REPORT/doc_rows.py"

"$ANTT" --db "$DB" demo > /dev/null

# recog_refusals DOC: what `antt print DOC` refuses, each in Vietnamese with
# nothing written: an existing file without --force, an unknown unit, a bad
# year, a commune with nothing approved (X001, its forms still being
# entered, demo.c), a single unit's code, a khu dân cư as --under
recog_refusals() {
	echo "cũ" > "$T/old.xlsx"
	run print "$1" --under X008 --year 2024 -o "$T/old.xlsx"
	expect_rc 1 "$1: an existing file without --force: refused"
	expect_err "tệp đã có, chưa ghi gì" "$1: existing file message"
	expect_eq "$(cat "$T/old.xlsx")" "cũ" "$1: the existing file is left as it was"

	run print "$1" --under KHONGCO --year 2024 -o "$T/x.xlsx"
	expect_rc 1 "$1: an unknown unit: refused"
	expect_err "không có đơn vị mã \"KHONGCO\"" "$1: unknown unit message"

	for y in 20x4 1999; do
		run print "$1" --under X008 --year $y -o "$T/x.xlsx"
		expect_rc 2 "$1: the year $y: refused"
		expect_err "năm \"$y\" không hợp lệ" "$1: bad year message"
	done

	run print "$1" --under X001 --year 2024 -o "$T/x.xlsx"
	expect_rc 1 "$1: a commune with nothing approved: refused"
	expect_err "năm 2024 chưa có đơn vị nào thuộc xã Hòa Bình được lãnh đạo duyệt đạt: chưa có gì để đề nghị công nhận" \
		"$1: nothing approved message"
	expect_err "lãnh đạo duyệt các phiếu đã trình bằng: antt approve --under X001 2024" "$1: nothing approved: how to approve"

	run print "$1" X008-K01 --year 2024 -o "$T/x.xlsx"
	expect_rc 2 "$1: a single unit's code: refused (a commune's or the office's)"
	expect_err "in cho một xã (--under MÃ) hoặc cả đơn vị" "$1: single unit message"

	# a khu dân cư decides on nothing
	run print "$1" --under X008-K01 --year 2024 -o "$T/x.xlsx"
	expect_rc 1 "$1: --under a khu dân cư: refused"
	expect_err "X008-K01 (Tổ dân phố số 1) là khu dân cư: tờ trình và quyết định công nhận lập cho một đơn vị cấp xã (ở đây: phường Thạch Đà, mã X008) hoặc cho cả đơn vị" \
		"$1: --under a khu dân cư: says the papers are a commune's, names its commune"
	expect_err "chọn --under MÃ của một đơn vị cấp xã, hoặc bỏ --under để in cho cả đơn vị" "$1: --under a khu dân cư: how to go on"
	case "$err" in *"chưa có gì để đề nghị"*) not_ok "$1: --under a khu dân cư: says nothing is approved";;
		*) ok "$1: --under a khu dân cư: not \"nothing approved\"";; esac

	[ ! -e "$T/x.xlsx" ] && ok "$1: no file written by the refusals" || not_ok "$1: a refusal wrote a file"
	ls -a "$T" | grep -q '\.antt-report-' && not_ok "$1: a temporary file was left behind" ||
		ok "$1: no temporary file left behind"
}

# recog_approved CODE [YEAR]: code|name of the units the level CODE decides
# on (its children) approved đạt (2024 by default), in the lists' order
recog_approved() {
	sql "SELECT u.code || '|' || u.name FROM units u JOIN unit_types t ON t.code = u.type
		JOIN assessments a ON a.unit_id = u.id AND a.year = ${2:-2024}
		WHERE u.parent_id = (SELECT id FROM units WHERE code = '$1') AND a.status = 'approved' AND a.verdict = 'pass'
		AND NOT u.excluded ORDER BY t.sort, u.code"
}

# recog_by_type CODE: the same units counted by type, "Tên loại|n" in order
recog_by_type() {
	sql "SELECT t.name || '|' || count(*) FROM units u JOIN unit_types t ON t.code = u.type
		JOIN assessments a ON a.unit_id = u.id AND a.year = 2024
		WHERE u.parent_id = (SELECT id FROM units WHERE code = '$1') AND a.status = 'approved' AND a.verdict = 'pass'
		AND NOT u.excluded GROUP BY t.code ORDER BY t.sort"
}
