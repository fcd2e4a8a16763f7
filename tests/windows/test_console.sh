# The command line's output written to the Windows console (not a pipe)
# reaches the screen intact: UTF-8 through the relay thread of
# platform_filter_stdio, in pieces of any size, with the console set to
# UTF-8; the filter writes whole letters only (wine's console showed a
# letter split between two writes as two U+FFFD, CI 1/12 — now and then:
# here it does not happen at will, so tests/cli/test_output_pieces.sh
# checks each write).  The pane must show what the Linux antt prints.
# (Under wine, LANG of the wine process decides how its console is written
# to the tmux pane: lib.sh sets C.UTF-8; without it wine writes ASCII.)
. "$(dirname "$0")/../ui/lib.sh"
LINUX=${ANTT_LINUX:-$(cd "$(dirname "$0")/../.." && pwd)/antt}
if [ ! -x "$LINUX" ]; then
	echo "ok - console output # SKIP no Linux ./antt built (make all)"
	exit 0
fi
"$LINUX" --db "$DB" demo > /dev/null
# and villages named in letters of three bytes, so that pieces of any
# size fall inside letters (the demo's names are mostly ASCII bytes: the
# listing split a letter only now and then, CI 1/12)
{
	echo "code,parent_code,type,name"
	i=100
	while [ $i -lt 190 ]; do
		echo "X001-U$i,X001,Khu dân cư,Ấp Ưởng Ựa Ữ Ợ Ở Ờ Ấ Ầ Ẩ Ẫ Ậ Ắ $i"
		i=$((i + 1))
	done
} > "$T/units.csv"
"$LINUX" --db "$DB" unit import "$T/units.csv" > /dev/null
"$LINUX" --db "$DB" unit list | sed 's/ *$//' > "$T/linux.txt"
[ "$(wc -c < "$T/linux.txt")" -gt 8192 ] && ok "the listing is longer than two relay pieces" || not_ok "listing too short"
stop
tmux new-session -d -s "$S" -x 120 -y 420 "$ANTT --db $DB unit list; echo XONG; sleep 30"
wait_for XONG 60
tmux capture-pane -p -t "$S" | sed 's/ *$//' | sed '/^XONG$/,$d' > "$T/console.txt"
if cmp -s "$T/console.txt" "$T/linux.txt"; then ok "the console shows what the Linux antt prints"
else out=$(diff "$T/linux.txt" "$T/console.txt" | head -10); not_ok "the console differs"; fi
grep -q "$(printf '\357\277\275')" "$T/console.txt" && not_ok "a replacement character on the console" ||
	ok "no replacement character (no letter split between pieces)"
finish
