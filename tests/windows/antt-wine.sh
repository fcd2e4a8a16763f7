#!/bin/sh
# antt.exe under wine, called like ./antt: the CLI tests run through this
# (ANTT=tests/windows/antt-wine.sh).  Unix paths in arguments work because
# the prefix's Z: drive is / and the working folder is on it.
here=$(cd "$(dirname "$0")/../.." && pwd)
export WINEPREFIX="${WINEPREFIX:-$here/build/windows/wineprefix}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# ncurses in antt.exe knows only the Windows console: a Unix TERM (tmux's)
# would send it looking for a terminfo entry it does not have
unset TERM
exec wine "$here/build/windows/antt.exe" "$@"
