# End to end in tmux: Backspace goes back like Esc wherever Esc does, and
# deletes a letter in a prompt, whether it arrives as the function key, as
# ^? (tmux, some terminals) or as ^H (the Windows console).
. "$(dirname "$0")/lib.sh"
"$ANTT" --db "$DB" demo > /dev/null || not_ok "demo database"
start
wait_for "Sông Lam" 30 || finish
keys F1
wait_for "Trợ giúp — các phím" 10
keys BSpace
wait_for "Lọc: loại" 10 && ok "Backspace (^?) leaves the help screen"
keys F1
wait_for "Trợ giúp — các phím" 10
keys C-h
wait_for "Lọc: loại" 10 && ok "Backspace as ^H leaves the help screen"
keys /
wait_for "Tìm" 10
type_text "Lamx"
if wait_for "Lamx" 10; then
	keys BSpace
	i=0
	while [ $i -lt $((100 * SLOW)) ] && screen | grep -qF "Lamx"; do sleep 0.05; i=$((i + 1)); done
	if screen | grep -qF "Lamx"; then out=$(screen); not_ok "Backspace in a prompt deletes a letter"
	else ok "Backspace in a prompt deletes a letter"; fi
fi
quit_app
finish
