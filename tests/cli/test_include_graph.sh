#!/bin/sh
# The layers by their #include lines (scripts/include-graph.sh): src/core
# has no include loop and reaches no folder above it. The script is tried
# on made-up folders first, so a check that cannot fail would show here.
. "$(dirname "$0")/lib.sh"
root=$(dirname "$0")/../..
graph=$root/scripts/include-graph.sh

mkdir -p "$T/loop" "$T/up"
printf '#include "b.h"\n' > "$T/loop/a.h"
printf '#include "a.h"\n' > "$T/loop/a.c"
printf '#include <stdio.h>\n#include "a.h"\n' > "$T/loop/b.c"
: > "$T/loop/b.h"
out=$(sh "$graph" -c "$T/loop"); rc=$?
expect_rc 1 "a loop in a made-up folder is found"
case "$out" in "a -> b -> a"|"b -> a -> b") ok "  and shown as the loop it is";; *) not_ok "  shown as '$out'";; esac

printf '#include "../ui/ui.h"\n' > "$T/up/x.c"
out=$(sh "$graph" -c -u "$T/up"); rc=$?
expect_rc 1 "an include from outside the folder is found"
expect_out 'includes "../ui/ui.h"' "  and named"

out=$(sh "$graph" "$root/src/core"); rc=$?
expect_rc 0 "the graph of src/core is derived"
expect_out "session db" "  with its edges (session includes db)"

out=$(sh "$graph" -c -u "$root/src/core"); rc=$?
expect_rc 0 "src/core has no include loop and includes nothing above it"
[ -z "$out" ] || echo "# $out"
exit $failed
