# A database of an older antt is copied before its structure is upgraded
# (backup_migrate), and the first command of a day copies the day's backup:
# at a national size a minute and more before the first screen or the
# command's answer, with nothing to see. The command line says first what
# is happening and not to stop it; a small file, copied in a blink, is
# copied without a word.
. "$(dirname "$0")/lib.sh"

# old FILE: a database of structure 15 (the migrations before db/016, run
# by sqlite3 as antt runs them)
old() {
	for f in "$(dirname "$0")"/../../db/0*.sql; do
		n=$(basename "$f"); n=$(expr "${n%%_*}" + 0)
		[ "$n" -le 15 ] || continue
		cat "$f"; echo
	done | sqlite3 "$1" && sqlite3 "$1" "PRAGMA user_version = 15"
}
newest=$(ls "$(dirname "$0")"/../../db/0*.sql | wc -l)
# fits80 NAME: every line of stderr within 80 columns, but the one naming
# the database's path (as long as the path)
fits80() {
	/usr/bin/python3 -c "import sys; sys.exit(any(len(l) > 80 and 'big.db' not in l
		for l in open(sys.argv[1], encoding='utf-8').read().splitlines()))" "$T/err" &&
		ok "$1" || not_ok "$1: $(cat "$T/err")"
}
old "$T/small.db"
expect_eq "$(sqlite3 "$T/small.db" "PRAGMA user_version")" "15" "a database of structure 15"
DB="$T/small.db" run summary 2025
expect_rc 0 "a small one opens"
expect_eq "$(sqlite3 "$T/small.db" "PRAGMA user_version")" "$newest" "  upgraded"
expect_eq "$(cat "$T/err")" "" "  without a word"

old "$T/big.db"
sqlite3 "$T/big.db" "CREATE TABLE pad (x); INSERT INTO pad SELECT randomblob(1000000) FROM generate_series(1, 60)"
DB="$T/big.db" run summary 2025
expect_rc 0 "a database of 60 MB opens"
expect_eq "$(sqlite3 "$T/big.db" "PRAGMA user_version")" "$newest" "  upgraded"
expect_err "đang nâng cấp cấu trúc" "  saying first that it is upgraded"
expect_err "bản sao lưu (6" "  that a backup is copied, and how big"
expect_err "Đừng tắt máy" "  and not to stop it"
n=$(ls "$T"/antt-backups/big-*-truoc-nang-cap.db 2>/dev/null | wc -l)
expect_eq "$n" "1" "  the copy before the upgrade is there"
fits80 "  its lines fit 80 columns (a terminal breaks words)"
DB="$T/big.db" run summary 2025
expect_eq "$(cat "$T/err")" "" "opened again: nothing to upgrade, nothing said"

# the first command of a day copies the day's backup before it runs (the
# screens copy theirs in steps after the first screen): said first as well
rm -f "$T"/antt-backups/big-*.db
DB="$T/big.db" run summary 2025
expect_rc 0 "the first command of the day"
expect_err "chép bản sao lưu của ngày (6" "  says the day's backup is copied first, and how big"
expect_eq "$(ls "$T"/antt-backups/big-*.db 2>/dev/null | wc -l)" "1" "  and copies it"
fits80 "  in lines of 80 columns"
DB="$T/big.db" run summary 2025
expect_eq "$(cat "$T/err")" "" "the next command: nothing to copy, nothing said"
rm -f "$T"/antt-backups/small-*.db
DB="$T/small.db" run summary 2025
expect_eq "$(cat "$T/err")" "" "a small database's first command of the day says nothing"
finish
