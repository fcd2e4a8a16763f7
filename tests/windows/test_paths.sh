# antt.exe names the files it writes the Windows way: '\' between folders
# and no doubled separators, whatever the path it was given (backups,
# reports, packages, the database).  Read raw, without antt-wine.sh's
# translation back to Unix paths.
. "$(dirname "$0")/../cli/lib.sh"
export ANTT_WINE_RAW=1
win=$(printf '%s' "$T" | tr / '\\')
run demo
expect_out "Đã tạo dữ liệu mẫu trong $win\\test.db:" "demo names the database with '\\'"
run backup
expect_out "Đã sao lưu vào $win\\antt-backups\\test-" "backup names its file with '\\'"
case "$out" in */*) not_ok "a '/' in the backup's name";; *) ok "no '/' in the backup's name";; esac
good=$(printf '%s' "$out" | sed 's/^Đã sao lưu vào //')
run restore "$good" --yes
expect_out "Đã khôi phục $win\\test.db từ $win\\antt-backups\\test-" "restore names both files with '\\'"
run report --year 2024 --date 15/12/2024 -o "$T//bc.xlsx"
expect_out "vào $win\\bc.xlsx (" "report: a doubled separator shown once"
run export -o "$T/goi.antt"
expect_out "Đã ghi gói $win\\goi.antt:" "package: named with '\\'"
DB="$T\\test.db"
run backup
expect_out "Đã sao lưu vào $win\\antt-backups\\test-" "a database given with '\\' gives the same names"
finish
