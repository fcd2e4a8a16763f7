#!/bin/sh
# Functions longer than LIMIT lines (default 80) in the given C files
# (default: src/core src/cli src/sync), longest first. Lines that are only
# string text (SQL, messages) are not counted: a long statement is data.
# Usage: scripts/long-functions.sh [-n LIMIT] [FILE...]
limit=80
[ "${1:-}" = "-n" ] && { limit=$2; shift 2; }
[ $# -eq 0 ] && set -- src/core/*.c src/cli/*.c src/sync/*.c
awk -v limit="$limit" '
	FNR == 1 { inbody = 0 }
	/^[A-Za-z_].*\(/ && !inbody { sig = $0; sigline = FNR }
	/^\{/ && !inbody { inbody = 1; n = 0; start = sigline; next }
	inbody && /^\}/ {
		inbody = 0
		if (n > limit) {
			name = sig; sub(/\(.*/, "", name); sub(/.*[ *]/, "", name)
			printf "%5d  %s:%d  %s\n", n, FILENAME, start, name
		}
		next
	}
	inbody && !/^[ \t]*"/ && !/^[ \t]*$/ { n++ }
' "$@" | sort -rn
