#!/bin/sh
# Turn db/NNN_*.sql into a C array of migration scripts, in file order,
# so the binary carries its schema and needs no files at run time.
# A database's user_version is the number of migrations it has run, so the
# files must be numbered 001, 002, … with no gap and no number twice: two
# branches that each add the same number, or a file renamed, would
# otherwise shift every later migration onto the wrong version.  The build
# stops instead.
set -eu
n=0
for f in "$@"; do
	n=$((n + 1))
	want=$(printf '%03d_' "$n")
	case $(basename "$f") in
	"$want"*.sql) ;;
	*) echo "embed-sql.sh: $f: expected migration number ${want%_} here (db/NNN_name.sql, numbered from 001 with no gap)" >&2; exit 1 ;;
	esac
done
echo '/* Generated from the db/ SQL files by scripts/embed-sql.sh: do not edit. */'
echo 'const char *const db_migrations[] = {'
for f in "$@"; do
	echo "	/* $f */"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/	"/' -e 's/$/\\n"/' "$f"
	echo '	,'
done
echo '};'
echo "const int db_migrations_count = $#;"
# The unit types the migrations leave (rule.c checks a form's types against
# them without building the whole schema), by running them here once
types=$(for f in "$@"; do cat "$f"; echo; done |
	sqlite3 -bail :memory: ".read /dev/stdin" "SELECT group_concat('\"' || code || '\"', ', ') FROM (SELECT code FROM unit_types ORDER BY code)") || {
	echo "embed-sql.sh: the migrations do not run in sqlite3 (Debian's sqlite3 package)" >&2; exit 1; }
[ -n "$types" ] || { echo "embed-sql.sh: the migrations leave no unit type" >&2; exit 1; }
echo "const char *const db_unit_types[] = { $types, 0 };"
