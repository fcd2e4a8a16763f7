# End to end: the way back from an import. A refused import changes
# nothing (the database and its backups as they were); an import copies
# the database first only when the newest backup plus the imports made
# since do not already give back the state before it (backup.h): a second
# package right after a first makes no copy, a change typed in between
# does. Both ways back are walked: the copy restored is the state before
# the import; the older copy restored, then the earlier package imported
# again, is the state before the second import, row for row.
# Each import keeps a copy of its package beside the backups
# (office-goi-STAMP.antt), so going back needs no file from the officer:
# the copy restored, then the kept packages after it imported in order;
# kept packages older than the oldest backup go with the rotation; when
# the package cannot be kept (a full disk), the import is refused whole.
. "$(dirname "$0")/lib.sh"
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }

{
	echo "code,parent_code,type,name"
	echo "H,,huyện,Huyện Sông Lam"
	echo "X1,H,xã,Xã Hòa Bình"
	echo "X1-K1,X1,khu dân cư,Thôn Một"
	echo "X1-K2,X1,khu dân cư,Thôn Hai"
} > "$T/units.csv"
A office.db unit import "$T/units.csv" > /dev/null
A office.db export --under X1 -o "$T/seed.antt" > /dev/null
A commune.db import "$T/seed.antt" > /dev/null
for i in 1 2 3 4; do
	A commune.db answer set X1-K1 2024 '*' đạt > /dev/null
	A commune.db answer set X1-K1 2024 2 đạt --note "lần $i" > /dev/null || not_ok "commune notes X1-K1 ($i)"
	A commune.db answer set X1-K2 2024 2 không --note "gói $i" > /dev/null
	A commune.db export --under X1 -o "$T/c$i.antt" > /dev/null
done
A office.db trust add "$T/c1.antt" --under X1 > /dev/null || not_ok "office enrols the commune"

# every unit, assessment and answer, and the exchange state, as text
state() {
	sqlite3 "$T/$1" "SELECT group_concat(x, '|') FROM (
		SELECT u.uuid || ':' || u.code || ':' || u.name AS x FROM units u
		UNION ALL SELECT u.uuid || ':' || a.year || ':' || a.status || ':' || a.verdict FROM assessments a JOIN units u ON u.id = a.unit_id
		UNION ALL SELECT x.uuid || ':' || x.criterion || ':' || quote(x.value) || ':' || x.note FROM answers x
		UNION ALL SELECT key || ':' || rev || ':' || content FROM sync_base
		UNION ALL SELECT 'pkg:' || sha256 FROM packages ORDER BY 1)" | md5sum
}
copies() { ls "$T/antt-backups" | grep -c -- "^office-.*-truoc-nhap-goi\.db$"; }
kept() { ls "$T/antt-backups" | grep -- "^office-goi-[0-9]\{8\}-[0-9]\{9\}\.antt$"; }

# a refused import: a package from a machine never enrolled here
A other.db import "$T/seed.antt" > /dev/null
A other.db export --under X1 -o "$T/other.antt" > /dev/null
before=$(state office.db)
ls "$T/antt-backups" > "$T/list.before"
A office.db import "$T/other.antt" > /dev/null 2>&1
expect_eq "$?" "1" "a package from a machine not enrolled is refused"
expect_eq "$(state office.db)" "$before" "the refused import changed nothing"
ls "$T/antt-backups" > "$T/list.after"
cmp -s "$T/list.before" "$T/list.after" && ok "and wrote no backup" || not_ok "a refused import wrote a backup"
# a package changed after it was signed: import copies a package beside
# the backups before checking it (the bytes checked are the bytes read),
# so a refused one must leave no copy behind
cp "$T/c1.antt" "$T/forged.antt"
sqlite3 "$T/forged.antt" "UPDATE answers SET note = 'sửa sau khi ký' WHERE rowid = (SELECT min(rowid) FROM answers)"
A office.db import "$T/forged.antt" > /dev/null 2> "$T/err"
expect_eq "$?" "1" "a package changed after signing is refused"
grep -q "^antt: $T/forged.antt: mã kiểm tra SHA-256 không khớp" "$T/err" && ok "the refusal names the officer's file" ||
	not_ok "refusal does not name the file given: $(cat "$T/err")"
expect_eq "$(state office.db)" "$before" "the forged package changed nothing"
ls "$T/antt-backups" > "$T/list.after"
cmp -s "$T/list.before" "$T/list.after" && ok "and left no copy of it beside the backups" ||
	not_ok "a refused package left files: $(diff "$T/list.before" "$T/list.after")"
# the same marked for WAL: SQLite makes -wal and -shm beside the copy even
# to read it, and those are not left behind either
cp "$T/forged.antt" "$T/forged-wal.antt"
sqlite3 "$T/forged-wal.antt" "PRAGMA journal_mode = WAL" > /dev/null
A office.db import "$T/forged-wal.antt" > /dev/null 2>&1
expect_eq "$?" "1" "a package changed after signing, in WAL mode, is refused"
left=$(ls -a "$T/antt-backups" | grep -- '-wal$\|-shm$')
expect_eq "$left" "" "and left no -wal or -shm of its copy"
left=$(ls -a "$T" | grep -- '^forged-wal\.antt-')
expect_eq "$left" "" "nor any beside the officer's file (the stick)"
# a good package marked for WAL, only looked at (--dry-run, as the screens'
# preview reads it): read where it is, and nothing made beside it either
cp "$T/c1.antt" "$T/good-wal.antt"
sqlite3 "$T/good-wal.antt" "PRAGMA journal_mode = WAL" > /dev/null
A office.db import "$T/good-wal.antt" --dry-run > /dev/null 2> "$T/err"
expect_eq "$?" "0" "a package marked for WAL is read on a dry run"
left=$(ls -a "$T" | grep -- '^good-wal\.antt-')
expect_eq "$left" "" "and nothing is made beside it on the stick"
# what is not a package is refused before anything is copied: a film
# picked by mistake (GBs from a slow stick, copied whole to find out), the
# office's own database (an SQLite file, but no package), a device (endless:
# /dev/zero filled the disk) or a pipe (never answers: the screen hung)
head -c 300000 /dev/urandom > "$T/phim.antt"
# traced ARGS: antt's file opens into $T/trace (LeakSanitizer cannot run
# under strace: the ASan build without it)
traced() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -e trace=openat -o "$T/trace" "$ANTT" "$@"; }
if traced help > /dev/null 2>&1; then
	for f in "$T/phim.antt" "$T/office.db"; do
		traced --db "$T/office.db" import "$f" > /dev/null 2> "$T/err"
		expect_eq "$?" "1" "$(basename "$f") is refused as a package"
		grep -q "tmpgoi.*O_CREAT" "$T/trace" && not_ok "$(basename "$f") was copied beside the backups before it was checked" ||
			ok "$(basename "$f") was not copied before it was checked"
	done
else
	ok "no copy of what is not a package # SKIP strace cannot trace here"
fi
mkfifo "$T/ong.antt"
timeout 10 "$ANTT" --db "$T/office.db" import "$T/ong.antt" > /dev/null 2> "$T/err"
expect_eq "$?" "1" "a pipe named as a package is refused at once"
# (antt.exe under wine sees the Linux pipe as a file, not a package)
if [ -n "${ANTT_WINDOWS:-}" ]; then grep -q "không phải gói antt" "$T/err" && ok "the message says it is no package" ||
	not_ok "pipe: $(cat "$T/err")"
else grep -q "không phải một tệp" "$T/err" && ok "the message says it is not a file" || not_ok "pipe: $(cat "$T/err")"; fi
expect_eq "$(state office.db)" "$before" "the refusals changed nothing"
ls "$T/antt-backups" > "$T/list.after"
cmp -s "$T/list.before" "$T/list.after" && ok "and left nothing beside the backups" ||
	not_ok "refused files left: $(diff "$T/list.before" "$T/list.after")"

# the first import after a change typed here: a copy first
A office.db settings office_name "Công an huyện Sông Lam" > /dev/null
A office.db import "$T/c1.antt" > /dev/null || not_ok "import 1"
expect_eq "$(copies)" "1" "the first import copies the database first"
first=$(ls "$T/antt-backups"/office-*-truoc-nhap-goi.db)
# right after it, nothing else changed: the copy plus package 1 give the
# state before package 2, so no second copy
before2=$(state office.db)
A office.db import "$T/c2.antt" > "$T/out2" || not_ok "import 2"
expect_eq "$(copies)" "1" "a second import right after the first makes no copy"
expect_eq "$(kept | wc -l)" "2" "both packages are kept beside the backups"
k1=$T/antt-backups/$(kept | head -1); k2=$T/antt-backups/$(kept | tail -1)
cmp -s "$k1" "$T/c1.antt" && ok "the first kept copy is package 1, byte for byte" || not_ok "kept copy 1 differs"
cmp -s "$k2" "$T/c2.antt" && ok "the second kept copy is package 2, byte for byte" || not_ok "kept copy 2 differs"
grep -q "Gói được giữ lại để có đường lui: $k2" "$T/out2" && ok "import names where the package is kept" ||
	not_ok "no line naming the kept package: $(cat "$T/out2")"
# a change typed in between: the next import copies again
A office.db answer set X1-K2 2024 3a có --note "gõ ở huyện" > /dev/null
before3=$(state office.db)
A office.db import "$T/c3.antt" > /dev/null || not_ok "import 3"
expect_eq "$(copies)" "2" "an import after a change typed here copies again"
second=$(ls "$T/antt-backups"/office-*-truoc-nhap-goi.db | grep -v "$first")
expect_eq "$(sqlite3 "$T/office.db" "SELECT note FROM answers WHERE note LIKE 'gói%'")" "gói 3" "package 3 went in"
k3=$T/antt-backups/$(kept | tail -1)
before4=$(state office.db)
A office.db import "$T/c4.antt" > /dev/null || not_ok "import 4"
expect_eq "$(copies)" "2" "import 4 right after import 3 makes no copy"
# the officer no longer has the packages: the way back needs none of them
mkdir "$T/gone" && mv "$T"/c[1-4].antt "$T/gone/"

# undo import 4: the copy made before import 3, then the kept package 3
A office.db restore "$second" --yes > /dev/null || not_ok "restore before import 3"
A office.db import "$k3" > /dev/null || not_ok "kept package 3 again"
expect_eq "$(state office.db)" "$before4" "the copy before import 3 plus kept package 3 give the state before import 4"
# undo import 3: its copy restored is the state before it, typed change included
A office.db restore "$second" --yes > /dev/null || not_ok "restore before import 3"
expect_eq "$(state office.db)" "$before3" "restoring the copy made before import 3 gives the state before it"
# undo import 2: the first copy restored, then package 1 imported again
A office.db restore "$first" --yes > /dev/null || not_ok "restore before import 1"
A office.db import "$k1" > /dev/null || not_ok "kept package 1 again"
expect_eq "$(state office.db)" "$before2" "the first copy plus kept package 1 give the state before import 2"

# rotation: with one backup of each kind kept, the kept packages older
# than the oldest backup left go too; the newer ones stay
[ -f "$k1" ] && ok "kept package 1 is there before the rotation" || not_ok "kept package 1 gone before the rotation"
A office.db settings backup_keep 1 > /dev/null
A office.db backup > /dev/null || not_ok "a backup"
A office.db answer set X1-K2 2024 3a không --note "gõ lại" > /dev/null
A office.db import "$T/gone/c2.antt" > /dev/null || not_ok "import after the rotation setting"
oldest=$(ls "$T/antt-backups" | grep -- "^office-[0-9]\{8\}-" | sed 's/^office-\([0-9]\{8\}-[0-9]\{6\}\).*/\1/' | sort | head -1)
expect_eq "$(kept | sed 's/^office-goi-\([0-9]\{8\}-[0-9]\{6\}\).*/\1/' | awk -v o="$oldest" '$0 < o' | wc -l)" "0" \
	"no kept package older than the oldest backup is left"
[ -f "$k1" ] && not_ok "kept package 1 survived the rotation" || ok "kept package 1 went with the rotation"
[ "$(kept | wc -l)" -ge 1 ] && ok "the newest kept package stays" || not_ok "no kept package left"

# a full disk where the backups go: the package cannot be kept. The import
# right after the last one needs no copy (its way back is the copy made
# before the last import plus that one's kept package), so it goes in; the
# chain stops there: the next import must copy the database, and on the
# full disk it is refused and changes nothing
mv "$T/antt-backups" "$T/bk"
mount_tmpfs "$T/antt-backups" "$(( $(du -sk "$T/bk" | cut -f1) + 64 ))k" "a full backup folder"
cp -a "$T/bk/." "$T/antt-backups/" || not_ok "the backups fit on the small disk"
dd if=/dev/zero of="$T/antt-backups/filler" bs=4096 2>/dev/null
base=$(ls "$T/antt-backups"/office-*-truoc-nhap-goi.db); kc2=$T/antt-backups/$(kept | tail -1)
before5=$(state office.db)
ls "$T/antt-backups" > "$T/list.before"
A office.db import "$T/gone/c3.antt" > "$T/out" 2> "$T/err"
expect_eq "$?" "0" "with no room to keep the package, an import that needs no copy goes in"
grep -q "giữ lại" "$T/out" && not_ok "it says a package is kept: $(cat "$T/out")" || ok "and names no kept package"
ls "$T/antt-backups" > "$T/list.after"
cmp -s "$T/list.before" "$T/list.after" && ok "nothing half-written left in the backups" || not_ok "backups folder changed: $(diff "$T/list.before" "$T/list.after")"
before6=$(state office.db)
A office.db import "$T/gone/c4.antt" > "$T/out" 2> "$T/err"
expect_eq "$?" "1" "the next import, which must copy the database first, is refused on the full disk"
grep -q "ổ đĩa đầy" "$T/err" && ok "the message says the disk is full" || not_ok "message: $(cat "$T/err")"
expect_eq "$(state office.db)" "$before6" "the refused import changed nothing"
# with room again, the way back from the import that kept nothing is whole
rm -f "$T/antt-backups/filler"
mkdir "$T/bk2" && cp -a "$T/antt-backups/." "$T/bk2/" && umount "$T/antt-backups" && cp -a "$T/bk2/." "$T/antt-backups/" ||
	not_ok "the backups moved off the small disk"
A office.db restore "$base" --yes > /dev/null || not_ok "restore the copy"
A office.db import "$kc2" > /dev/null || not_ok "kept package again"
expect_eq "$(state office.db)" "$before5" "the copy plus the kept package give the state before the import that kept nothing"

# a first package with no units sets nothing up: refused, its sender not
# enrolled (the office's real package would then be a stranger's), no copy kept
A empty.db settings office_name "Công an xã chưa có đơn vị" > /dev/null
A empty.db export -o "$T/empty.antt" > /dev/null 2>&1 || not_ok "a package of an empty database"
A new.db import "$T/empty.antt" > /dev/null 2> "$T/err"
expect_eq "$?" "1" "a first package with no units is refused"
grep -q "gói không có đơn vị nào" "$T/err" && ok "and says why" || not_ok "no reason: $(cat "$T/err")"
expect_eq "$(sqlite3 "$T/new.db" "SELECT count(*) FROM trusted_senders")" "0" "its sender is not enrolled"
expect_eq "$(ls "$T/antt-backups" | grep -c '^new-goi-')" "0" "and no copy of it is kept"
exit $failed
