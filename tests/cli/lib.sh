# Helpers for the end-to-end tests: run the real binary on a scratch
# database and print TAP lines ("ok - ..." / "not ok - ...").
set -u
ANTT=${ANTT:-./antt}
T=$(mktemp -d /tmp/antt-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
# a signal ends the test through exit, so the EXIT trap still runs: a test
# the runner stops (timeout's TERM) or Ctrl-C leaves no folder behind
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP
# each test its own tmux server, its socket in the test's folder: on one
# shared server (tmux's default, or the developer's own when make check runs
# inside tmux) anything else that ends the server's last session or starts
# one in the same instant took a test's panes with it ("no server running
# on /tmp/tmux-0/default", CI 29/11)
# (the runner's job gives one of its own, ended after the test: job.sh)
export TMUX_TMPDIR="${ANTT_JOB_TMUX:-$T}"
unset TMUX
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
# a random uuid as antt writes them (lowercase, 8-4-4-4-12)
new_uuid() { cat /proc/sys/kernel/random/uuid; }

# leaders [DB]: an admin (qt / quantri1) and a leader (lanhdao / lanhdao1),
# with login left off: anyone enters, only a proven leader approves
leaders() {
	ANTT_NEW_PASSWORD=quantri1 "$ANTT" --db "${1:-$DB}" user add qt "Nguyễn Quản Trị" --role admin > /dev/null &&
	ANTT_USER=qt ANTT_PASSWORD=quantri1 ANTT_NEW_PASSWORD=lanhdao1 "$ANTT" --db "${1:-$DB}" \
		user add lanhdao "Lê Văn Bình" --role reviewer > /dev/null &&
	ANTT_USER=qt ANTT_PASSWORD=quantri1 "$ANTT" --db "${1:-$DB}" settings login_required 0 > /dev/null
}

# trusted_commune [CSV_ROW ...]: the office ($T/office.db) with the units
# H (huyện), X1 (xã) and the rows given, a commune machine ($T/commune.db)
# seeded from it under X1, and the office trusting the commune's key under
# X1 (the commune's first package, $T/c1.antt, imported): where every test
# of what a trusted commune's package may do starts
trusted_commune() {
	{
		echo "code,parent_code,type,name"
		echo "H,,huyện,Huyện Sông Lam"
		echo "X1,H,xã,Xã Hòa Bình"
		for row in "$@"; do echo "$row"; done
	} > "$T/units.csv"
	"$ANTT" --db "$T/office.db" unit import "$T/units.csv" > /dev/null &&
	"$ANTT" --db "$T/office.db" export --under X1 -o "$T/seed.antt" > /dev/null &&
	"$ANTT" --db "$T/commune.db" import "$T/seed.antt" > /dev/null &&
	"$ANTT" --db "$T/commune.db" export --under X1 -o "$T/c1.antt" > /dev/null &&
	"$ANTT" --db "$T/office.db" trust add "$T/c1.antt" --under X1 > /dev/null &&
	"$ANTT" --db "$T/office.db" import "$T/c1.antt" > /dev/null
}

# two_communes N: the office ($T/office.db, district H, with leaders)
# and its communes X1 (Hòa Bình) and X2 (An Phú), each with the khu dân cư
# X1-K1..X1-KN, X2-K1..X2-KN, and a machine for each commune ($T/c1.db,
# $T/c2.db) set up from the office's package of it, and each commune's
# first package ($T/c1-0.antt, $T/c2-0.antt), not yet enrolled: where
# every test of what one commune may do to the other starts
two_communes() {
	{
		echo "code,parent_code,type,name"
		echo "H,,huyện,Huyện Sông Lam"
		echo "X1,H,xã,Xã Hòa Bình"
		for k in $(seq "$1"); do echo "X1-K$k,X1,khu dân cư,Thôn $k Hòa Bình"; done
		echo "X2,H,xã,Xã An Phú"
		for k in $(seq "$1"); do echo "X2-K$k,X2,khu dân cư,Thôn $k An Phú"; done
	} > "$T/units.csv"
	"$ANTT" --db "$T/office.db" unit import "$T/units.csv" > /dev/null &&
	"$ANTT" --db "$T/office.db" settings office_name "Công an huyện Sông Lam" > /dev/null &&
	leaders "$T/office.db" &&
	"$ANTT" --db "$T/office.db" export --under X1 -o "$T/seed1.antt" > /dev/null &&
	"$ANTT" --db "$T/office.db" export --under X2 -o "$T/seed2.antt" > /dev/null &&
	"$ANTT" --db "$T/c1.db" import "$T/seed1.antt" > /dev/null &&
	"$ANTT" --db "$T/c1.db" settings office_name "Công an xã Hòa Bình" > /dev/null &&
	"$ANTT" --db "$T/c2.db" import "$T/seed2.antt" > /dev/null &&
	"$ANTT" --db "$T/c2.db" settings office_name "Công an xã An Phú" > /dev/null &&
	"$ANTT" --db "$T/c1.db" export --under X1 -o "$T/c1-0.antt" > /dev/null &&
	"$ANTT" --db "$T/c2.db" export --under X2 -o "$T/c2-0.antt" > /dev/null
}

# mount_tmpfs DIR SIZE: a small tmpfs at DIR, unmounted at exit; without
# root the test says "skipped" and ends there
mount_tmpfs() {
	mkdir -p "$1"
	if ! mount -t tmpfs -o size="$2" tmpfs "$1" 2>/dev/null; then
		echo "ok - ${3:-tests on a small disk} # SKIP cannot mount a tmpfs here (needs root)"
		exit 0
	fi
	MOUNTED=$1
	# a program just ended (the screen in tmux) may still hold it: detach
	trap 'umount "$MOUNTED" 2>/dev/null || umount -l "$MOUNTED" 2>/dev/null; rm -rf "$T"' EXIT
}

# screen_shows TEXT: the application on $DB in tmux; true once the screen
# holds TEXT (within 3 s). $shown has the screen. Returns 2 without tmux.
screen_shows() {
	command -v tmux > /dev/null || return 2
	s=antt-shows-$$
	tmux new-session -d -s "$s" -x 160 -y 30 "LANG=C.UTF-8 ANTT_FORMS='${ANTT_FORMS:-}' '$ANTT' --db '$DB'; sleep 5"
	shown=""
	for i in 1 2 3 4 5 6 7 8 9 10; do
		sleep 0.3
		shown=$(tmux capture-pane -p -t "$s" 2>/dev/null)
		case "$shown" in *"$1"*) break;; esac
	done
	tmux kill-session -t "$s" 2>/dev/null
	case "$shown" in *"$1"*) return 0;; esac
	out=$shown
	return 1
}

# print_check FILE.xlsx [check_doc.py options]: FILE.pdf beside it, printed
# by LibreOffice with a profile of its own, then both read back by
# tests/report/check_doc.py (its TAP lines); says "skipped" without
# LibreOffice or pdftotext (scripts/deps.sh installs them)
print_check() {
	f=$1
	shift
	if ! command -v libreoffice > /dev/null || ! command -v pdftotext > /dev/null; then
		echo "ok - $f as printed # SKIP LibreOffice or pdftotext is not installed (scripts/deps.sh)"
		return 0
	fi
	HOME="$T/lo" timeout 300 libreoffice --headless --convert-to pdf --outdir "$(dirname "$f")" "$f" > "$T/lo.log" 2>&1
	if [ ! -s "${f%.xlsx}.pdf" ]; then
		not_ok "LibreOffice did not print $f: $(cat "$T/lo.log")"
		return 0
	fi
	/usr/bin/python3 "$(cd "$(dirname "$0")/../report" && pwd)/check_doc.py" "$f" "${f%.xlsx}.pdf" "$@" || failed=1
}

# xlsx_row FILE.xlsx TEXT: the row of the first sheet whose first cell is
# TEXT, its cells joined by " | " (empty cells empty)
xlsx_row() {
	/usr/bin/python3 -c "import openpyxl, sys
for r in openpyxl.load_workbook(sys.argv[1]).worksheets[0].iter_rows(values_only=True):
    if r[0] == sys.argv[2]:
        print(' | '.join('' if v is None else str(v) for v in r))" "$1" "$2"
}

finish() { exit $failed; }
