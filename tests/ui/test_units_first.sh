# End to end in tmux (issue 19): on a large database the first screen shows
# only its own rows (tree_preview) and the whole tree follows before any
# key is handled. ANTT_PREVIEW_ABOVE=0 makes the demo "large". Once read,
# the screen is the one a whole load gives; the cursor goes back to the
# unit the officer left, beyond the first screen; a key typed on the first
# screen is handled on the whole tree, after the cursor is put back.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
n=$(sqlite3 "$DB" "SELECT count(*) FROM units")

start
wait_for "($n/$n đơn vị)"
whole=$(screen)
quit_app

start ANTT_PREVIEW_ABOVE=0
wait_for "($n/$n đơn vị)"
[ "$(screen)" = "$whole" ] && ok "with the first rows first, the screen read whole is the same" ||
	{ out=$(screen); not_ok "the screens differ after the rest was read"; }
case "$(row_of "Được công nhận")" in *"Xã "*/*) ok "the counts are there without a key";;
	*) not_ok "no counts: $(row_of "Được công nhận")";; esac

# leave the cursor on the last unit, far below the first screen
search_units "X020-K06"
wait_for "(1/$n đơn vị)"
keys Enter
wait_for "Thôn Hạ Kim Đường (X020-K06)"
keys Escape
wait_for "Lọc: loại"
quit_app
expect_eq "$(sqlite3 "$DB" "SELECT value FROM ui_state WHERE key = 'unit'")" "X020-K06" "the unit left is kept"

# back on it, and a key typed as the first screen shows (Down; at the demo's
# size the rest may be read already) moves on from it: Enter opens the next
# unit's checklist
start ANTT_PREVIEW_ABOVE=0
wait_for "Lọc: loại"   # the first screen: keys sent before it are tmux's, not antt's
keys Down
wait_for "($n/$n đơn vị)"
keys Enter
wait_for "Thôn Trung Kim Đường (X020-K07)"
keys Escape
quit_app

# a search typed before the rest is read finds units beyond the first rows
start ANTT_PREVIEW_ABOVE=0
wait_for "Lọc: loại"
keys /
type_text "X019-K01"
keys Enter
wait_for "(1/$n đơn vị)"
wait_for "X019-K01"
quit_app

# left on the checklist of a unit beyond the first screen: it opens again
# once the rest is read, as when the whole tree is read first
start ANTT_PREVIEW_ABOVE=0
search_units "X020-K06"
keys Enter
wait_for "Thôn Hạ Kim Đường (X020-K06)"
quit_app
expect_eq "$(sqlite3 "$DB" "SELECT value FROM ui_state WHERE key = 'screen'")" "checklist" "left on a checklist"
start ANTT_PREVIEW_ABOVE=0
wait_for "Phiếu tiêu chí — Thôn Hạ Kim Đường (X020-K06)"
keys Escape
wait_for "($n/$n đơn vị)"
case "$(row_of "X020-K06")" in *"Thôn Hạ Kim Đường"*) ok "back on the list, X020-K06 is shown";;
	*) not_ok "X020-K06 not on the screen";; esac
quit_app
exit $failed
