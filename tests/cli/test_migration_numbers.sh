# A database's user_version counts the migrations it has run, so the build
# refuses db/ files that are not numbered 001, 002, … with no gap and no
# number twice (scripts/embed-sql.sh): two branches each adding the same
# number would otherwise move every later migration onto another version.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
embed="$here/scripts/embed-sql.sh"

out=$(sh "$embed" "$here"/db/[0-9][0-9][0-9]_*.sql 2> "$T/err"); rc=$?; err=$(cat "$T/err")
n=$(ls "$here"/db/[0-9][0-9][0-9]_*.sql | wc -l)
expect_rc 0 "the project's own migrations are numbered 001…$n"
expect_out "db_migrations_count = $n;" "one migration per file, the count is the last number"
expect_eq "$(ls "$here"/db/[0-9][0-9][0-9]_*.sql | tail -1 | sed 's|.*/0*\([0-9]*\)_.*|\1|')" "$n" "the last file's number is the count"

mkdir "$T/db"
cp "$here"/db/[0-9][0-9][0-9]_*.sql "$T/db/"
last=$(ls "$T"/db/*.sql | tail -1)
cp "$last" "$T/db/$(basename "$last" | cut -c1-4)twice.sql"
out=$(sh "$embed" "$T"/db/*.sql 2> "$T/err"); rc=$?; err=$(cat "$T/err")
expect_rc 1 "a number used twice stops the build"
expect_err "expected migration number" "it says which file and what number was expected"

rm "$T"/db/*twice.sql "$T"/db/002_*.sql
out=$(sh "$embed" "$T"/db/*.sql 2> "$T/err"); rc=$?; err=$(cat "$T/err")
expect_rc 1 "a gap in the numbers stops the build"
expect_err "expected migration number 002" "it names the missing number"
exit $failed
