# The command line's output reaches its reader in whole letters: every
# write() antt makes ends on a character boundary. A Windows console (wine's
# one in CI, 1/12) shows a letter whose bytes come in two writes as two
# replacement characters ("Khu dân c��"). The filter of control characters
# (src/cli/output.c) sits under stdout on both systems; here its writes
# are caught one by one through a pipe in packet mode (O_DIRECT: each
# write() a packet of its own, read back as it was written).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
if ! "$PY" -c 'import os; os.O_DIRECT' 2>/dev/null; then
	echo "ok - output in whole letters # SKIP no /usr/bin/python3"
	exit 0
fi
"$ANTT" --db "$DB" demo > /dev/null
# then villages whose names are letters of three bytes, short enough to
# be listed whole
{
	echo "code,parent_code,type,name"
	i=100
	while [ $i -lt 190 ]; do
		echo "X001-U$i,X001,Khu dân cư,Ấp Ưởng Ựa Ữ Ợ Ở Ờ Ấ Ầ Ẩ Ẫ Ậ Ắ $i"
		i=$((i + 1))
	done
} > "$T/units.csv"
"$ANTT" --db "$DB" unit import "$T/units.csv" > /dev/null || not_ok "the villages were not imported"
# pieces CMD...: run antt with stdout a packet pipe; print "writes N bad B"
# (B = writes that do not end on a letter's end) and the text to $T/text
pieces() {
	"$PY" - "$ANTT" "$DB" "$T/text" "$@" <<'PYEOF'
import os, subprocess, sys
antt, db, text, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
r, w = os.pipe2(os.O_DIRECT)
p = subprocess.Popen([antt, "--db", db] + args, stdout=w, stderr=subprocess.DEVNULL)
os.close(w)
writes = bad = 0
data = b""
while True:
    b = os.read(r, 4096)
    if not b:
        break
    writes += 1
    data += b
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        bad += 1
p.wait()
open(text, "wb").write(data)
print("writes", writes, "bad", bad, "rc", p.returncode)
PYEOF
}
# the listing three times, each one byte longer ("Ấp UU", "Ấp ƯU", "Ấp ƯƯ":
# the same columns), so a piece's end falls on each byte of a letter
bad=0 writes=0 same=1
for name in "Ấp UU" "Ấp ƯU" "Ấp ƯƯ"; do
	"$ANTT" --db "$DB" unit rename X001-U100 "$name" > /dev/null
	set -- $(pieces unit list)
	writes=$((writes + $2)) bad=$((bad + $4))
	"$ANTT" --db "$DB" unit list > "$T/plain"
	cmp -s "$T/text" "$T/plain" || same=0
done
[ "$writes" -ge 9 ] && ok "the unit list comes in $writes writes" || not_ok "unit list in $writes writes (expected several)"
expect_eq "$bad" 0 "every write of the unit list ends on a letter's end"
expect_eq "$same" 1 "the pieces join into the listing written to a file"
# the writes are full pieces, not a letter at a time
[ "$(wc -c < "$T/plain")" -gt $(( writes / 3 * 1024 )) ] && ok "writes are large pieces" ||
	not_ok "$writes writes for $(wc -c < "$T/plain") bytes"
exit $failed
