#!/bin/sh
# The include graph of one source folder, by module (foo.c and foo.h are
# one node "foo"), derived from its #include "..." lines: the headers found
# in the folder itself. Prints "from to" per edge; with -c prints nothing
# on a graph without loops, else one loop ("a -> b -> a") and exits 1.
# With -u also fails on a quoted include that is not in the folder (a
# layer reaching outside itself, as src/core reaching into ui or sync).
#   scripts/include-graph.sh [-c] [-u] src/core
check=0
upward=0
while [ $# -gt 1 ]; do
	case $1 in
	-c) check=1 ;;
	-u) upward=1 ;;
	*) break ;;
	esac
	shift
done
dir=${1:?usage: include-graph.sh [-c] [-u] DIR}
[ -d "$dir" ] || { echo "include-graph: $dir: no such folder" >&2; exit 2; }

for f in "$dir"/*.c "$dir"/*.h; do
	[ -f "$f" ] || continue
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
	while read -r inc; do
		echo "$f $inc"
	done
done | awk -v dir="$dir" -v check="$check" -v upward="$upward" '
function node(path,   n) { n = path; sub(/.*\//, "", n); sub(/\.[ch]$/, "", n); return n }
function exists(p,   line, r) { r = (getline line < p) >= 0; close(p); return r }
# depth-first search; on a back edge, print the loop from its start
function visit(u,   i, v, k, s) {
	state[u] = 1; stack[++depth] = u
	for (i = 1; i <= nout[u]; i++) {
		v = out[u, i]
		if (state[v] == 1) {
			for (k = 1; stack[k] != v; k++) ;
			for (s = ""; k <= depth; k++) s = s stack[k] " -> "
			print s v
			found = 1
			return 1
		}
		if (!state[v] && visit(v)) return 1
	}
	state[u] = 2; depth--
	return 0
}
{
	from = node($1); inc = $2
	if (inc ~ /\// || !exists(dir "/" inc)) {
		if (upward) { print $1 ": includes \"" inc "\", which is not in " dir; outside = 1 }
		next
	}
	to = node(inc)
	if (from == to || seen[from, to]++) next
	out[from, ++nout[from]] = to
	nodes[from] = nodes[to] = 1
	if (!check) print from, to
}
END {
	if (check)
		for (u in nodes)
			if (!state[u] && visit(u)) break
	exit (found || outside) ? 1 : 0
}'
