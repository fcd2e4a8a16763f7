# antt print: what every printed document shares — the table of documents,
# the refusals in plain Vietnamese (unknown document, unit, type, year,
# date, layout; an existing file without --force; a folder that cannot be
# written), none of which leaves a file behind or changes one; the same
# bytes for the same data and date.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"

run print help
expect_rc 0 "print help"
for d in checklist bien-ban cham-diem to-trinh quyet-dinh giay-cong-nhan; do
	expect_out "$d" "print help lists $d"
done
run print
expect_rc 2 "no document"
expect_err "cần tên tài liệu" "no document: says a document is needed"
expect_err "checklist" "no document: lists the documents"
run print phieu X001-K01 --year 2024 -o "$T/a.xlsx"
expect_rc 2 "an unknown document"
expect_err "không có tài liệu \"phieu\"" "unknown document named"
run print checklist ZZ9 --year 2024 -o "$T/a.xlsx"
expect_rc 1 "an unknown unit"
expect_err "không có đơn vị mã \"ZZ9\"" "unknown unit named"
expect_err "antt unit list" "unknown unit: how to see the codes"
run print checklist --under ZZ9 --year 2024 -o "$T/a.xlsx"
expect_rc 1 "an unknown unit under --under"
expect_err "không có đơn vị mã \"ZZ9\"" "unknown --under unit named"
run print checklist X001-K01 --year 20x4 -o "$T/a.xlsx"
expect_rc 2 "a bad year"
expect_err "năm \"20x4\" không hợp lệ" "bad year named"
run print checklist X001-K01 --year 1850 -o "$T/a.xlsx"
expect_rc 2 "a year out of range"
run print checklist --type "Huyện" --year 2024 -o "$T/a.xlsx"
expect_rc 1 "a type with no criteria set"
expect_err "không có bộ tiêu chí nào cho loại đơn vị huyen năm 2024" "no set for the type, said so"
run print checklist DV --year 2024 -o "$T/a.xlsx"
expect_rc 1 "a unit whose type has no criteria set"
expect_err "loại đơn vị Huyện không có bộ tiêu chí năm 2024: không có phiếu để in cho đơn vị DV" \
	"no set for the unit's type, said so"
run unit exclude X001-K07
run print checklist X001-K07 --year 2024 -o "$T/a.xlsx"
expect_rc 1 "a unit not assessed"
expect_err "đơn vị X001-K07 không thuộc diện đánh giá: không có phiếu để in" "not assessed, said so"
run print checklist --under X001-K07 --year 2024 -o "$T/a.xlsx"
expect_rc 1 "nothing to assess under a unit"
expect_err "năm 2024, X001-K07 và các đơn vị trực thuộc không có đơn vị nào cần đánh giá" "nothing under it, said so"
run unit exclude X001-K07 --undo
run print checklist --type nha-tho --year 2024 -o "$T/a.xlsx"
expect_rc 1 "an unknown unit type"
expect_err "nha-tho" "unknown type named"
run print checklist X001-K01 --year 2024 -o "$T/a.xlsx" --date 31/02/2024
expect_rc 1 "a day that does not exist"
expect_err "ngày ghi trên văn bản" "bad date: names the date"
run print checklist X001-K01 --year 2024
expect_rc 2 "no output file"
expect_err "cần tên tệp: -o TỆP.xlsx" "no -o: says so"
run print checklist X001-K01 --under X001 --year 2024 -o "$T/a.xlsx"
expect_rc 2 "two ways of naming units"
expect_err "chỉ chọn một trong" "two selectors refused"
run print bien-ban --under X001 --year 2024 -o "$T/a.xlsx"
expect_rc 2 "bien-ban for many units"
expect_err "chỉ in cho một đơn vị" "bien-ban --under refused in words"
run print checklist X001-K01 --year 2024 -o "$T/a.xlsx" extra
expect_rc 2 "an extra argument"
[ ! -e "$T/a.xlsx" ] && ok "no refusal left a file" || not_ok "a refused command wrote $T/a.xlsx"

# an existing file is kept without --force, replaced with it
echo "the officer's own file" > "$T/keep.xlsx"
run print checklist X001-K01 --year 2024 -o "$T/keep.xlsx"
expect_rc 1 "an existing file"
expect_err "tệp đã có, chưa ghi gì" "existing file: nothing written"
expect_err "--force" "existing file: how to replace it"
expect_eq "$(cat "$T/keep.xlsx")" "the officer's own file" "the existing file is unchanged"
run print checklist X001-K01 --year 2024 -o "$T/keep.xlsx" --force --date 20/11/2024
expect_rc 0 "--force replaces it"
expect_out "Đã ghi phiếu đánh giá năm 2024 vào $T/keep.xlsx (1 đơn vị, 1 trang tính)" "says what was written where"

# a folder that does not exist, one that cannot be written
run print checklist X001-K01 --year 2024 -o "$T/no/such/dir/a.xlsx"
expect_rc 1 "a missing folder"
expect_err "thư mục không tồn tại" "missing folder said in words"
# root writes anywhere: the folder is tried as nobody (setpriv), reading a
# copy of the database
mkdir "$T/ro"
chmod 555 "$T/ro"
chmod 755 "$T"
AS=""
RODB=$DB
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups true 2> /dev/null; then
	AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	RODB="$T/ro.db"
	cp "$DB" "$RODB"
	chmod 644 "$RODB"
fi
if [ -n "${ANTT_WINDOWS:-}" ]; then
	# wine runs only as its prefix's owner: no other user to try the folder as
	echo "ok - an unwritable folder # SKIP wine cannot run antt.exe as another user (tests/readonly_folder covers Linux)"
elif [ -z "$AS" ] && [ -w "$T/ro" ]; then
	echo "ok - an unwritable folder # SKIP this user writes anywhere and cannot become another"
else
	$AS "$ANTT" --db "$RODB" print checklist X001-K01 --year 2024 -o "$T/ro/a.xlsx" \
		> "$T/out" 2> "$T/err"
	rc=$?
	err=$(cat "$T/err")
	expect_rc 1 "an unwritable folder"
	expect_err "không có quyền ghi" "unwritable folder said in words"
	expect_err "chọn nơi khác để lưu: -o" "unwritable folder: what to do, as the command line does it"
	expect_eq "$(ls -A "$T/ro")" "" "nothing written in it"
fi
chmod 755 "$T/ro"
leftover=$(find "$T" -name '.antt-report-*' | head -1)
[ -z "$leftover" ] && ok "no temporary file left behind" || not_ok "left behind: $leftover"

# a layout file with a key missing: the file and line, nothing written
sed '/^verdict_options:/d' "$(dirname "$0")/../../forms/reports/phieu-danh-gia.yaml" > "$T/bad.yaml"
run print checklist X001-K01 --year 2024 -o "$T/b.xlsx" --layout "$T/bad.yaml"
expect_rc 1 "a layout file with a key missing"
expect_err "bad.yaml" "bad layout: names the file"
expect_err "thiếu khóa \"verdict_options\"" "bad layout: names the key"
[ ! -e "$T/b.xlsx" ] && ok "bad layout: nothing written" || not_ok "bad layout wrote a file"
printf 'title: A\nnonsense: 1\n' > "$T/bad2.yaml"
run print checklist X001-K01 --year 2024 -o "$T/b.xlsx" --layout "$T/bad2.yaml"
expect_rc 1 "a layout file with an unknown key"
expect_err "nonsense" "unknown layout key named"

# the same data and date: the same bytes, each document
for doc in "checklist --under X001" "bien-ban X001-K01" "cham-diem X001-GD01"; do
	# shellcheck disable=SC2086
	run print $doc --year 2024 -o "$T/d1.xlsx" --date 20/11/2024 --force
	# shellcheck disable=SC2086
	run print $doc --year 2024 -o "$T/d2.xlsx" --date 20/11/2024 --force
	cmp -s "$T/d1.xlsx" "$T/d2.xlsx" && ok "print $doc: the same bytes twice" || not_ok "print $doc differs between runs"
done
finish
