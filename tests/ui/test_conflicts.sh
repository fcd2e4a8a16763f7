# End to end in tmux: a conflict from a package is shown in words (F4) and
# settled with one key; the packages view of the progress screen.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }

"$ANTT" --db "$DB" demo > /dev/null
A test.db export --under X001 -o "$T/seed.antt" > /dev/null
A commune.db import "$T/seed.antt" > /dev/null
A test.db answer set X001-K02 2024 2 không --note "huyện sửa" > /dev/null
A commune.db answer set X001-K02 2024 2 không --note "xã sửa" > /dev/null
A commune.db export --under X001 -o "$T/c.antt" > /dev/null
A test.db trust add "$T/c.antt" --under X001 > /dev/null
A test.db import "$T/c.antt" > /dev/null
leaders

start TZ=Asia/Ho_Chi_Minh
wait_for "Lọc: loại"
keys F4
wait_for "X001-K02 năm 2024, tiêu chí 2 — hai bên cùng sửa"
wait_for "máy này: trả lời không; ghi chú: huyện sửa"
wait_for "trong gói: trả lời không; ghi chú: xã sửa"
keys 2
leader_login lanhdao lanhdao1
wait_for "đã lấy bản trong gói"
wait_for "Không có xung đột nào đang chờ."
expect_eq "$(sql "SELECT x.note FROM answers x JOIN assessments a ON a.id = x.assessment_id JOIN units u ON u.id = a.unit_id WHERE u.code = 'X001-K02' AND a.year = 2024 AND x.criterion = '2'")" \
	"xã sửa" "the chosen version is stored"
keys Escape
wait_for "Lọc: loại"
keys p
wait_for "Tiến độ năm 2024"
keys g
wait_for "Gói dữ liệu gần nhất"
row=$(row_of "Xã Hòa Bình")
# in the machine's time (UTC+7 here), day first, not the stored UTC
local_time=$(sql "SELECT strftime('%d/%m/%Y %H:%M', max(imported_at), '+7 hours') FROM packages")
case "$row" in *"$local_time"*) ok "the commune's last package is shown in local time";; *) not_ok "packages row: $row (want $local_time)";; esac
case "$(screen)" in *UTC*) not_ok "the packages view still says UTC";; *) ok "no UTC on the packages view";; esac
row=$(row_of "Xã An Phú")
case "$row" in *"chưa gửi gói nào"*) ok "a commune that has not sent is shown";; *) not_ok "packages row: $row";; esac
keys q
finish
