# Helpers for driving the real binary in tmux: start it in an 80x24 pane,
# send keys, wait for text on the screen, and print TAP lines.
. "$(dirname "$0")/../cli/lib.sh"
S="antt-test-$$"
# ANTT_TEST_SLOW=N multiplies every wait (N=10 under valgrind)
SLOW=${ANTT_TEST_SLOW:-1}
export LANG=C.UTF-8

stop() { tmux kill-session -t "$S" 2>/dev/null; true; }
trap 'stop; rm -rf "$T"' EXIT

# start [ENV=VALUE ...]: antt on $DB in a fresh pane. When the last
# session has just ended, its tmux server is going away and may take the
# new client with it ("server exited unexpectedly": seen 1 run in 6 under
# ASan, test_units_managed): tried again, a few times
start() { start_pane "$@"; }
start_pane() {
	stop
	start_try=0
	until tmux new-session -d -s "$S" -x 80 -y 24 "exec env $* $ANTT --db $DB"; do
		start_try=$((start_try + 1))
		[ $start_try -lt 5 ] || return 1
		sleep 0.2
	done
}
keys() { tmux send-keys -t "$S" "$@"; }
# type TEXT: literal keys
type_text() { tmux send-keys -t "$S" -l "$1"; }
screen() { tmux capture-pane -p -t "$S"; }
pane_pid() { tmux list-panes -t "$S" -F '#{pane_pid}'; }

# polled SECONDS CMD...: run CMD every 50 ms (SLOW times as long in all)
# until it succeeds; 0 if it did in time
polled() {
	i=0 limit=$(( $1 * 20 * SLOW ))
	shift
	while [ $i -lt $limit ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
screen_has() { screen | grep -qF -- "$1"; }
bar_begins() { case "$(screen | tail -1)" in "$1"*) return 0;; esac; return 1; }

# wait_for TEXT [SECONDS]: until TEXT is on the screen; then ok/not ok
wait_for() {
	if polled "${2:-5}" screen_has "$1"; then
		ok "screen shows: $1"
		return 0
	fi
	out=$(screen)
	err=""
	not_ok "screen never showed: $1"
	return 1
}

# bar_starts PREFIX NAME: until the hint bar (the last line) begins with
# PREFIX; then ok NAME. The title of a new screen is drawn before its bar
# reaches the terminal: checking the bar at once failed under ASan
bar_starts() {
	if polled 5 bar_begins "$1"; then
		ok "$2"
		return 0
	fi
	not_ok "$2: the bar is '$(screen | tail -1)'"
	return 1
}

# quit: q, then wait until the application has ended (its writes are done)
quit_app() {
	keys q
	wait_gone
}
# wait_gone: until the application has ended; 0 if it has
wait_gone() {
	i=0
	while tmux has-session -t "$S" 2>/dev/null && [ $i -lt $((100 * SLOW)) ]; do sleep 0.05; i=$((i + 1)); done
	! tmux has-session -t "$S" 2>/dev/null
}

# leader_login LOGIN PASSWORD: answer the two prompts a leader's action asks
leader_login() {
	wait_for "Lãnh đạo duyệt đăng nhập — tên đăng nhập:"
	type_text "$1"
	keys Enter
	wait_for "Mật khẩu:"
	type_text "$2"
	keys Enter
}

# the row of the screen that contains TEXT; not the unit list's filter line
# (it shows a search as typed: "tìm: X001-K01") unless TEXT is on it only
row_of() { screen | grep -F -- "$1" | { grep -v '^ Lọc:' || screen | grep -F -- "$1"; } | head -1; }

# login_as LOGIN PASSWORD: answer the login screen's two prompts
login_as() {
	wait_for "Tên đăng nhập:"
	type_text "$1"
	keys Enter
	wait_for "Mật khẩu:"
	type_text "$2"
	keys Enter
}

# search_units TEXT: on the unit list, search and wait for the result
search_units() {
	wait_for "Lọc: loại"
	keys /
	type_text "$1"
	keys Enter
	wait_for "Tìm thấy"
}

# resize ROWS: the pane to 80 columns by ROWS rows, then a key to redraw
resize() { tmux resize-window -t "$S" -x 80 -y "$1"; sleep 0.5; keys Up Down; sleep 0.3; }
# blank_rows FROM TO: how many screen rows FROM..TO are empty
blank_rows() { screen | sed -n "$1,$2p" | grep -c '^ *$'; }

# find_unit CODE: search the unit list for CODE and select the first match
find_unit() {
	keys /
	keys C-u
	type_text "$1"
	keys Enter
	wait_for "Tìm thấy"
	keys Home
}

# open_form CODE: from the unit list, the unit found by its code and its
# form opened
open_form() {
	keys /
	type_text "$1"
	keys Enter Enter
	wait_for "($1)"
}

# antt.exe under wine (make check-windows): keys and paths translated
[ -z "${ANTT_WINDOWS:-}" ] || . "$(dirname "$0")/../windows/ui.sh"

# package_file FILE: at the package dialog's "Tệp gói cần nhận" line (which
# starts with the Documents folder), the line cleared, FILE typed, Enter
package_file() {
	wait_for "Tệp gói cần nhận"
	keys C-u
	type_text "$1"
	keys Enter
}
