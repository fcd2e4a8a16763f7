#!/bin/sh
# Turn db/NNN_*.sql into a C array of migration scripts, in file order,
# so the binary carries its schema and needs no files at run time.
set -eu
echo '/* Generated from the db/ SQL files by scripts/embed-sql.sh: do not edit. */'
echo 'const char *const db_migrations[] = {'
for f in "$@"; do
	echo "	/* $f */"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/	"/' -e 's/$/\\n"/' "$f"
	echo '	,'
done
echo '};'
echo "const int db_migrations_count = $#;"
