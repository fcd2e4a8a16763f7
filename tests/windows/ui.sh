# The UI tests on antt.exe under wine (tests/ui/lib.sh sources this only
# when ANTT_WINDOWS is set): keys and paths.  tmux writes keys to the pane
# as terminal sequences; wine 8's console turns them into Windows key events
# but does not know all of them.  Each key below is sent as a sequence wine
# does read as the same key; a real Windows console gets the real key events.
# keys_to SESSION KEY...: like tmux send-keys -t SESSION KEY...
WIN_TESTS=$(cd "$(dirname "$0")/../windows" && pwd)
keys_to() {
	_s=$1
	shift
	for _k; do
		case $_k in
		# tmux sends ESC [1~ and ESC [4~, which wine 8 does not map
		Home) tmux send-keys -t "$_s" -H 1b 5b 48;;
		End) tmux send-keys -t "$_s" -H 1b 5b 46;;
		# wine 8 drops an ESC with nothing after it; ESC ESC reads as
		# Alt+Esc, which ncurses gives as one Esc
		Escape|Esc) tmux send-keys -t "$_s" -H 1b 1b;;
		# a Ctrl-Z from the pane never reaches the Windows program (nor does
		# Ctrl-C): the test goes on with the key bound to the same action
		C-z) echo "ok - Ctrl-Z sent as u # SKIP wine's console gets no Ctrl-Z from a tmux pane"
		     tmux send-keys -t "$_s" u;;
		*) tmux send-keys -t "$_s" "$_k";;
		esac
	done
}
keys() { keys_to "$S" "$@"; }
# The screen once it has settled: wine copies its console to the pane a
# part at a time, so a title can be there before the rest of the screen.
# The paths antt.exe shows (D:\tmp\...) read as the Unix paths the test
# gave (unwin.sed).
screen() {
	_prev="" _i=0
	while [ $_i -lt 40 ]; do
		# the session gone (the program ended): nothing more will come
		_cur=$(tmux capture-pane -p -t "$S" 2> /dev/null) || break
		[ -n "$_prev" ] && [ "$_cur" = "$_prev" ] && break
		_prev=$_cur _i=$((_i + 1))
		sleep 0.15
	done
	printf '%s\n' "$_cur" | sed -E -f "$WIN_TESTS/unwin.sed"
}

# start [ENV=VALUE ...]: as lib.sh's, and then until antt.exe has drawn
# anything at all. Now and then wine does not start the program (CI, on a
# busy machine: test_units_first had five starts in a row with a blank pane
# for 25 s, or a session that ended without a word, and the same test
# passed alone). The CLI runs are tried again in that case (antt-wine.sh);
# so is a pane left blank for 3 s x ANTT_TEST_SLOW (15 s in run.sh) or
# gone without ever showing a character: twice more at most, each written
# in wine-restarts.log (run.sh counts them). antt.exe draws its first
# screen, or why it cannot start, in about a second under wine; the tests'
# databases are small (a first run's set-up or a migration is no longer).
start() {
	_try=0
	while :; do
		start_pane "$@" || return 1
		_i=0
		while [ $_i -lt $((30 * SLOW)) ]; do
			_cur=$(tmux capture-pane -p -t "$S" 2> /dev/null) || break
			case $_cur in *[![:space:]]*) return 0;; esac
			sleep 0.1
			_i=$((_i + 1))
		done
		[ $_try -lt 2 ] || return 0   # the test's own waits say what is missing
		_try=$((_try + 1))
		echo "ui $(basename "$0" .sh): a pane blank for $((_i / 10)) s, started again" \
			>> "$WIN_TESTS/../../build/windows/wine-restarts.log"
	done
}
