# Vietnamese typed as Unicode keystrokes (what Unikey or a Vietnamese
# keyboard layout send to a Windows console) reaches antt.exe intact:
# ncurses is patched to read the console as UTF-16 (scripts/windows/).
# wine turns the UTF-8 that tmux types into console key events with
# UnicodeChar set, and an AsciiChar in the console code page.
. "$(dirname "$0")/../ui/lib.sh"
"$ANTT" --db "$DB" demo > /dev/null || not_ok "demo database"
start
wait_for "Sông Lam" 30 || finish
keys /
wait_for "Tìm" 10
type_text "Việt Nam đổi"
i=0
while [ $i -lt 200 ] && ! screen | grep -qF "Việt Nam đổi"; do sleep 0.05; i=$((i + 1)); done
if screen | grep -qF "Việt Nam đổi"; then ok "typed \"Việt Nam đổi\" arrives intact"
else out=$(screen); not_ok "typed \"Việt Nam đổi\" did not arrive intact"; fi
finish
