# Helpers for the end-to-end tests: run the real binary on a scratch
# database and print TAP lines ("ok - ..." / "not ok - ...").
set -u
ANTT=${ANTT:-./antt}
T=$(mktemp -d /tmp/antt-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
DB="$T/test.db"
# a name is believed only once its password is proven (auth.c)
unset ANTT_USER ANTT_PASSWORD
failed=0

# run ARGS...: run antt on $DB; sets $rc, $out, $err
run() {
	"$ANTT" --db "$DB" "$@" > "$T/out" 2> "$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}

ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	echo "# stdout: ${out:-}" | head -20
	echo "# stderr: ${err:-}" | head -20
	failed=1
}

expect_rc() { [ "$rc" -eq "$1" ] && ok "$2 (exit $1)" || not_ok "$2: exit $rc, expected $1"; }
expect_out() { case "$out" in *"$1"*) ok "$2";; *) not_ok "$2: stdout lacks '$1'";; esac; }
expect_err() { case "$err" in *"$1"*) ok "$2";; *) not_ok "$2: stderr lacks '$1'";; esac; }
expect_no_out() { case "$out" in *"$1"*) not_ok "$2: stdout has '$1'";; *) ok "$2";; esac; }
expect_eq() { [ "$1" = "$2" ] && ok "$3" || not_ok "$3: '$1' != '$2'"; }

# sql QUERY: read the database with sqlite3
sql() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }

# leaders [DB]: an admin (qt / quantri1) and a leader (lanhdao / lanhdao1),
# with login left off: anyone enters, only a proven leader approves
leaders() {
	ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "${1:-$DB}" user add qt "Nguyễn Quản Trị" --role admin > /dev/null &&
	ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=lanhdao1 "$ANTT" --db "${1:-$DB}" \
		user add lanhdao "Lê Văn Bình" --role reviewer > /dev/null &&
	ANTT_USER=qt ANTT_PASSWORD=quantri1 "$ANTT" --db "${1:-$DB}" settings login_required 0 > /dev/null
}

finish() { exit $failed; }
