# The settings the report writes in its heads, as long as a setting may be
# (400 characters, num.h) and longer when set straight in the database: the
# appendix head ("Phụ lục … (Kèm theo Báo cáo số …/BC-prefix … của office)")
# was built in 900 bytes and cut there in the middle of a letter, so every
# appendix sheet's XML was not UTF-8 and the workbook would not open; the
# signed page's number, date and upper-cased names in 1,024 bytes (a letter
# outside the BMP takes 4). Every one is written whole, or the file is not.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "demo data"
o400=$(/usr/bin/python3 -c "print('Ở' * 400)")
w400=$(/usr/bin/python3 -c "print('𠀀' * 400)")
for kv in "office_name $o400" "report_prefix $o400" "parent_agency $w400" "place $w400" "signer_title $w400"; do
	run settings ${kv%% *} "${kv#* }"
	expect_rc 0 "${kv%% *}: 400 characters taken"
done
run report --year 2024 -o "$T/a.xlsx" --date 20/11/2024
expect_rc 0 "the report with 400-character heads"
# the printed documents take the office's names from the same settings:
# a tờ trình and a draft decision of the office's level had their place,
# issuer, agency and number sign in 256-, 512- and 160-byte buffers, cut in
# the middle of a letter (sharedStrings.xml not UTF-8: the file would not open)
for d in to-trinh quyet-dinh giay-cong-nhan; do
	run print $d --year 2024 -o "$T/$d.xlsx" --date 20/11/2024
	expect_rc 0 "print $d with 400-character names"
done
# longer than a setting holds, set by hand in the database: written whole
sql "UPDATE settings SET value = '$(/usr/bin/python3 -c "print('ữ' * 2000)")' WHERE key = 'office_name'"
run report --year 2024 -o "$T/b.xlsx" --date 20/11/2024
expect_rc 0 "the report with a 2,000-character office name from the database"
# where a document cannot hold it whole it is refused, in words, not cut
run print to-trinh --year 2024 -o "$T/c.xlsx" --date 20/11/2024
expect_rc 1 "a tờ trình with a 2,000-character office name refused"
expect_err "dài quá 400 ký tự" "the refusal says why"
[ ! -e "$T/c.xlsx" ] && ok "nothing written" || not_ok "a file was left"

/usr/bin/python3 - "$T/a.xlsx" "$T/b.xlsx" "$T" << 'EOF' || failed=1
import sys, zipfile
import openpyxl

def check(path, office, prefix, agency, place, title):
    bad = []
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.endswith(".xml"):
                try:
                    z.read(n).decode("utf-8")
                except UnicodeDecodeError as e:
                    bad.append(f"{n}: {e}")
    print(("ok" if not bad else "not ok") + f" - {path[-6:]}: every part UTF-8 {bad[:3]}")
    if bad:
        return
    wb = openpyxl.load_workbook(path)
    cells = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    want = {"office upper-cased": office.upper(), "agency upper-cased": agency.upper(), "title upper-cased": title.upper(),
            "the number": f"/BC-{prefix}", "the date": f"{place}, ngày 20"}
    for what, s in want.items():
        print(("ok" if any(s in c for c in cells) else "not ok") + f" - {path[-6:]}: {what} whole on the signed page")
    heads = [ws["A1"].value or "" for ws in wb.worksheets[1:]]
    whole = [h for h in heads if h.startswith("Phụ lục") and h.endswith(f"/BC-{prefix} ngày 20 tháng 11 năm 2024 của {office})")]
    print(("ok" if heads and len(whole) == len(heads) else "not ok")
          + f" - {path[-6:]}: {len(whole)} of {len(heads)} appendix heads whole")

o, w = "Ở" * 400, "𠀀" * 400
check(sys.argv[1], o, o, w, w, w)
check(sys.argv[2], "ữ" * 2000, o, w, w, w)
for d in ("to-trinh", "quyet-dinh", "giay-cong-nhan"):
    path = f"{sys.argv[3]}/{d}.xlsx"
    bad = []
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            try:
                z.read(n).decode("utf-8") if n.endswith(".xml") else None
            except UnicodeDecodeError:
                bad.append(n)
    print(("ok" if not bad else "not ok") + f" - {d}: every part UTF-8 {bad[:3]}")
    if bad:
        continue
    cells = [c.value for ws in openpyxl.load_workbook(path) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    names = [x for x in (o, w) if any(x in c or x.upper() in c for c in cells)]
    print(("ok" if d == "giay-cong-nhan" or len(names) == 2 else "not ok") + f" - {d}: the office's and the place's names whole")
EOF
finish
