#!/bin/sh
# The walk down from --under starts from an index look-up: a seed written
# as one CASE (CASE WHEN ?N IS NULL THEN parent_id IS NULL ELSE code = ?N
# END) reads every unit, so src/core writes its seeds through unit.h's
# UNIT_SEED macros. The pattern is tried on a made-up file first, so a
# check that cannot fail would show here.
. "$(dirname "$0")/lib.sh"
root=$(dirname "$0")/../..
pat='CASE WHEN ?[0-9]* IS NULL THEN parent_id IS NULL'

printf '"SELECT id FROM units WHERE CASE WHEN ?2 IS NULL THEN parent_id IS NULL"\n' > "$T/x.c"
grep -q "$pat" "$T/x.c" && ok "a CASE seed in a made-up file is found" || not_ok "the pattern misses a CASE seed"

out=$(grep -n "$pat" "$root"/src/core/*.c "$root"/src/core/*.h 2>&1); rc=$?
expect_rc 1 "src/core has no CASE seed (every walk starts from an index look-up)"
exit $failed
