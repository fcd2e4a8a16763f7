#!/bin/sh
# The end-to-end tests with every run of the antt binary under valgrind
# memcheck: a wrapper stands in for the binary, each process writes its own
# log, and a run fails on any memory error or definite/indirect leak.
# Usage: tests/valgrind.sh [TEST.sh ...]   (default: every CLI and UI test)
cd "$(dirname "$0")/.." || exit 2
export ANTT_FORMS="$PWD/forms"
dir="$PWD/build/valgrind"
rm -rf "$dir"
mkdir -p "$dir/logs"

# The wrapper keeps the binary's own exit status (the tests check it) and
# leaves memcheck's verdict in the log; ANTT_TEST_SLOW tells the tmux
# helpers to wait longer.
cat > "$dir/antt" <<EOF
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \\
  --errors-for-leak-kinds=definite,indirect --track-origins=no \\
  --log-file="$dir/logs/%p.log" "$PWD/antt" "\$@"
EOF
chmod +x "$dir/antt"
export ANTT_TEST_SLOW=10

tests=$*
[ -n "$tests" ] || tests=$(ls tests/cli/test_*.sh tests/ui/test_*.sh)
pass=0
fail=0
for t in $tests; do
	out="$dir/$(basename "$t" .sh).out"
	ANTT="$dir/antt" sh "$t" > "$out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		printf '  FAIL   %s (%d passed, %d failed)\n' "$t" "$p" "$f"
		grep -A6 '^not ok' "$out" | sed 's/^/         /' | head -30
	else
		printf '  PASS   %s (%d)\n' "$t" "$p"
	fi
done

# A process killed on purpose (the crash tests) leaves a log cut short,
# which is not an error; any log with content is one.
runs=$(ls "$dir/logs" | wc -l)
bad=0
for l in "$dir"/logs/*.log; do
	[ -s "$l" ] || continue
	bad=$((bad + 1))
	echo "  memcheck: $l"
	head -40 "$l" | sed 's/^/         /'
done
echo "valgrind: $runs runs of antt, $bad with memory errors or leaks; tests $pass passed, $fail failed"
[ "$bad" -eq 0 ] && [ "$fail" -eq 0 ]
