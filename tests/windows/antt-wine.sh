#!/bin/sh
# antt.exe under wine, called like ./antt: the tests run through this
# (ANTT=tests/windows/antt-wine.sh).  Unix paths in arguments work because
# the working folder is on a drive (Z: is /; in the prefix without Z:, D:
# holds /tmp and the checkout at the same paths, see run.sh).  antt.exe
# writes the paths it names the Windows way; output that goes to a file or
# a pipe has them turned back into the Unix paths the tests gave
# (unwin.sed), unless ANTT_WINE_RAW is set.  On a terminal or /dev/null
# antt.exe is exec'd: kill reaches it.
here=$(cd "$(dirname "$0")/../.." && pwd)
export WINEPREFIX="${WINEPREFIX:-$here/build/windows/wineprefix}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# ncurses in antt.exe knows only the Windows console: a Unix TERM (tmux's)
# would send it looking for a terminfo entry it does not have
unset TERM
# in the prefix without Z: (run.sh), the exe and the working folder by
# their paths inside D:, where wine finds them on a drive
exe="${ANTT_WINE_NS:-}$here/build/windows/antt.exe"
if [ -n "${ANTT_WINE_NS:-}" ]; then
	case "$PWD" in "$ANTT_WINE_NS"*) ;; *) cd "$ANTT_WINE_NS$PWD" 2> /dev/null;; esac
fi
direct() { [ -t "$1" ] || [ "$(readlink "/proc/$$/fd/$1")" = /dev/null ]; }
if [ -n "${ANTT_WINE_RAW:-}" ] || { direct 1 && direct 2; }; then
	exec wine "$exe" "$@"
fi
o=$(mktemp) e=$(mktemp)
wine "$exe" "$@" > "$o" 2> "$e"
rc=$?
# antt.exe never fails without a word ("antt: ..." on stderr): a failure
# with no output at all is wine not starting it (seen in CI now and then,
# not alone). Run once more, and say so in the run's list of such restarts
# (run.sh prints how many); a program that really fails silently fails
# the same way again.
if [ "$rc" -ne 0 ] && [ ! -s "$o" ] && [ ! -s "$e" ]; then
	echo "$rc $*" >> "$here/build/windows/wine-restarts.log"
	wine "$exe" "$@" > "$o" 2> "$e"
	rc=$?
fi
sed -E -f "$here/tests/windows/unwin.sed" "$o"
sed -E -f "$here/tests/windows/unwin.sed" "$e" >&2
rm -f "$o" "$e"
exit $rc
