# Attacks on the accounts, each tried through the real binary: taking over
# an account without its password, acting under a name nobody proved,
# changing data or the exchange state without logging in, and locking
# everybody out by removing the last admin. Commands run with setsid, so
# no terminal can be asked for a password unless the test gives one.
. "$(dirname "$0")/lib.sh"

A() { setsid -w "$ANTT" --db "$DB" "$@"; }
hash_of() { sql "SELECT hash FROM users WHERE login = '$1'"; }
runs() { setsid -w "$ANTT" --db "$DB" "$@" > "$T/out" 2> "$T/err" < /dev/null; rc=$?; out=$(cat "$T/out"); err=$(cat "$T/err"); }

A demo > /dev/null
ANTT_NEW_PASSWORD=quantri1 A user add qt "Nguyễn Quản Trị" --role admin > /dev/null
export ANTT_USER=qt ANTT_PASSWORD=quantri1
ANTT_NEW_PASSWORD=lanhdao1 A user add lanhdao "Lê Văn Bình" --role reviewer > /dev/null
ANTT_NEW_PASSWORD=canbo123 A user add canbo "Trần Văn Nam" --role entry > /dev/null
unset ANTT_USER ANTT_PASSWORD

# 1. a new password on someone else's account, without the old one
before=$(hash_of lanhdao)
ANTT_USER=lanhdao ANTT_NEW_PASSWORD=chiemquyen runs user passwd lanhdao
expect_rc 1 "the leader's password without the leader's password: refused"
expect_err "không có mật khẩu" "the refusal says no password was given"
ANTT_NEW_PASSWORD=chiemquyen runs user passwd lanhdao
expect_rc 1 "no login at all: refused"
ANTT_USER=lanhdao ANTT_PASSWORD= ANTT_NEW_PASSWORD=chiemquyen runs user passwd lanhdao
expect_rc 1 "an empty password: a failed login"
expect_err "sai tên đăng nhập hoặc mật khẩu" "empty password message"
ANTT_USER=canbo ANTT_PASSWORD=canbo123 ANTT_NEW_PASSWORD=chiemquyen runs user passwd lanhdao
expect_rc 1 "an entry officer cannot reset the leader's"
expect_eq "$(hash_of lanhdao)" "$before" "the leader's password is unchanged"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE tbl = 'users' AND row_uuid = 'lanhdao' AND action = 'update'")" "0" \
	"and nothing was audited as changed"

# Ctrl-D at the password prompt on a terminal is no password either
if [ -n "${ANTT_WINDOWS:-}" ]; then
	ok "Ctrl-D at the password prompt # SKIP a Windows console ends input with Ctrl-Z, not Ctrl-D"
elif command -v tmux > /dev/null; then
	S="antt-acc-$$"
	tmux new-session -d -s "$S" -x 100 -y 10 "env ANTT_USER=lanhdao ANTT_NEW_PASSWORD=chiemquyen $ANTT --db $DB user passwd lanhdao; echo rc=\$?; sleep 30"
	i=0; while [ $i -lt 100 ] && ! tmux capture-pane -p -t "$S" | grep -q "Mật khẩu của lanhdao"; do sleep 0.05; i=$((i + 1)); done
	tmux send-keys -t "$S" C-d
	i=0; while [ $i -lt 100 ] && ! tmux capture-pane -p -t "$S" | grep -q "rc="; do sleep 0.05; i=$((i + 1)); done
	pane=$(tmux capture-pane -p -t "$S")
	tmux kill-session -t "$S"
	case "$pane" in *"rc=1"*) ok "Ctrl-D at the terminal's password prompt: refused";; *) out=$pane; not_ok "Ctrl-D: $pane";; esac
	expect_eq "$(hash_of lanhdao)" "$before" "the leader's password is still unchanged"
else
	ok "Ctrl-D at the password prompt # SKIP tmux is not installed"
fi

# 2. one's own password needs the old one; an admin resets anyone's
ANTT_USER=canbo ANTT_PASSWORD=sai-roi ANTT_NEW_PASSWORD=canbo456 runs user passwd canbo
expect_rc 1 "own password with a wrong old one: refused"
ANTT_USER=canbo ANTT_PASSWORD=canbo123 ANTT_NEW_PASSWORD=canbo456 runs user passwd canbo
expect_rc 0 "own password with the old one"
ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=datlai99 runs user passwd canbo
expect_rc 0 "the admin resets it"
expect_eq "$(sql "SELECT who FROM audit WHERE tbl = 'users' AND row_uuid = 'canbo' AND action = 'update' ORDER BY id DESC LIMIT 1")" \
	"qt" "the reset is audited as the admin's"
ANTT_USER=canbo ANTT_PASSWORD=datlai99 runs answer set X001-K02 2024 2 không --note "sau sao lưu"
expect_rc 0 "the new password works"

# 3. changing data or the exchange state needs a proven login
runs export --under X001 -o "$T/x.antt"
expect_rc 1 "export (it writes sync_base) without login: refused"
expect_err "cần đăng nhập" "export refusal"
[ ! -e "$T/x.antt" ] && ok "no package written" || not_ok "a package was written"
ANTT_USER=canbo ANTT_PASSWORD=datlai99 runs export --under X001 -o "$T/x.antt"
expect_rc 0 "export with a login"
runs import "$T/x.antt"
expect_rc 1 "import without login: refused"
runs import "$T/x.antt" --dry-run
expect_rc 1 "even a dry run needs a login"
runs conflicts resolve 1 incoming
expect_rc 1 "conflicts resolve without login: refused"
bk=$(ls "$T"/antt-backups/* | head -1)
[ -s "$bk" ] && ok "a backup to restore: $(basename "$bk")" || not_ok "no backup in $T/antt-backups"
runs restore "$bk" --yes
expect_rc 1 "restore without login: refused"
expect_err "cần đăng nhập" "restore refusal"
ANTT_USER=canbo ANTT_PASSWORD=datlai99 runs restore "$bk" --yes
expect_rc 1 "restore by an entry officer: refused"
expect_err "dành cho quản trị" "restore is the admin's"
expect_eq "$(sql "SELECT count(*) FROM answers WHERE note = 'sau sao lưu' AND updated_by = 'canbo'")" "1" \
	"nothing was restored over today's answer"
# a backup rotates the oldest away: ten of them without a login would wipe
# the office's history of backups
nb=$(ls "$T"/antt-backups | wc -l)
runs backup
expect_rc 1 "backup without login: refused"
expect_err "cần đăng nhập" "  backup refusal"
expect_eq "$(ls "$T"/antt-backups | wc -l)" "$nb" "  no backup made, none rotated away"
ANTT_USER=canbo ANTT_PASSWORD=datlai99 runs backup
expect_rc 0 "backup with a login"
# guessing the admin's password through restore is counted like any login
for i in 1 2 3; do ANTT_USER=qt ANTT_PASSWORD=doan-$i runs restore "$bk" --yes; done
expect_eq "$(sql "SELECT failures FROM users WHERE login = 'qt'")" "3" "wrong passwords given to restore are counted"
ANTT_USER=qt ANTT_PASSWORD=doan-4 runs restore "$bk" --yes
expect_err "đợi" "and make the next try wait"
sql "UPDATE users SET failures = 0, locked_until = NULL WHERE login = 'qt'"

# 4. with login off, a name is not believed: nobody's writes, no approval
ANTT_USER=qt ANTT_PASSWORD=quantri1 runs settings login_required 0
expect_rc 0 "login switched off"
runs answer set X001-K03 2024 '*' đạt
expect_rc 0 "anyone enters answers"
runs submit X001-K03 2024
expect_rc 0 "and submits"
ANTT_USER=lanhdao runs approve X001-K03 2024
expect_rc 1 "ANTT_USER=lanhdao with no password cannot approve"
runs approve X001-K03 2024
expect_rc 1 "nobody cannot approve"
expect_err "việc duyệt cần lãnh đạo duyệt đăng nhập" "approval needs the leader's own login"
expect_eq "$(sql "SELECT status FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X001-K03' AND year = 2024")" \
	"submitted" "still submitted"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE who = 'lanhdao'")" "0" "nothing recorded under the leader's name"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE who LIKE '(không đăng nhập) %' AND json_valid(new_value) AND json_extract(new_value, '$.status') = 'submitted'")" \
	"1" "the submission is recorded as nobody's"
ANTT_NEW_PASSWORD=matkhau9 runs user add kegian "Kẻ Gian" --role reviewer
expect_rc 1 "login off does not let anyone add a leader's account"
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 runs approve X001-K03 2024
expect_rc 0 "the leader approves with a password"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE who = 'lanhdao' AND json_valid(new_value) AND json_extract(new_value, '$.status') = 'approved'")" \
	"1" "the approval is the leader's"

# 5. the last admin cannot be disabled or demoted
export ANTT_USER=qt ANTT_PASSWORD=quantri1
runs user disable qt
expect_rc 1 "disabling the last admin: refused"
expect_err "quản trị cuối cùng" "last admin message"
runs user role qt entry
expect_rc 1 "demoting the last admin: refused"
ANTT_NEW_PASSWORD=quantri2 runs user add qt2 "Phạm Quản Trị" --role admin
runs user role qt reviewer
expect_rc 0 "with a second admin, the first may step down"
unset ANTT_USER ANTT_PASSWORD
ANTT_USER=qt2 ANTT_PASSWORD=quantri2 runs user disable qt2
expect_rc 1 "the new last admin stays too"
expect_eq "$(sql "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1")" "1" "one active admin"

# 6. a login or a name that would print a terminal escape, or pass for nobody
export ANTT_USER=qt2 ANTT_PASSWORD=quantri2
esc=$(printf '\033[2J')
ANTT_NEW_PASSWORD=matkhau1 runs user add "x${esc}" "Tên" --role entry
expect_rc 1 "a login with an escape sequence: refused"
ANTT_NEW_PASSWORD=matkhau1 runs user add "(không" "Tên" --role entry
expect_rc 1 "a login that looks like nobody's: refused"
ANTT_NEW_PASSWORD=matkhau1 runs user add ab "Tên${esc}" --role entry
expect_rc 1 "a name with an escape sequence: refused"
expect_err "ký tự điều khiển" "the refusal names the control character"
# a password longer than antt keeps is refused, not cut short in silence
long=$(printf '%0300d' 7)
ANTT_NEW_PASSWORD=$long runs user add dai "Tên Dài" --role entry
expect_rc 1 "a 300-character new password: refused"
expect_err "dài quá" "  the refusal says it is too long"
expect_eq "$(sql "SELECT count(*) FROM users")" "4" "no account added (qt, lanhdao, canbo, qt2)"
unset ANTT_USER ANTT_PASSWORD

# 7. an edited copy of the official forms (ANTT_FORMS) does not decide
# verdicts: a set this database has not seen, from outside antt's own
# folder, is taken only by a proven admin
cp -r "$ANTT_FORMS" "$T/forms-gian"
find "$T/forms-gian" -name '*.yaml' -exec sh -c 'echo "# bản sửa" >> "$1"' _ {} \;
sets=$(sql "SELECT count(*) FROM criteria_sets")
ANTT_FORMS="$T/forms-gian" ANTT_USER=canbo ANTT_PASSWORD=datlai99 runs answer set X001-K04 2025 '*' đạt
expect_rc 1 "an officer's edited criteria set: refused"
expect_err "cần quản trị đăng nhập để dùng bộ tiêu chí mới" "the refusal says who may"
ANTT_FORMS="$T/forms-gian" runs answer set X001-K04 2025 '*' đạt
expect_rc 1 "login off is not enough either"
expect_eq "$(sql "SELECT count(*) FROM criteria_sets")" "$sets" "no set stored"
ANTT_FORMS="$T/forms-gian" ANTT_USER=qt2 ANTT_PASSWORD=quantri2 runs answer set X001-K04 2025 '*' đạt
expect_rc 0 "the admin takes it"
expect_eq "$(sql "SELECT count(*) FROM criteria_sets")" "$((sets + 1))" "one set stored"
finish
