/* Restoring a backup: the file checked first (an antt database of this
 * version or older, with only antt's own code in it), the current state
 * kept, then the content written into the live database, or the file
 * replaced whole when it is too damaged for that. */
#include "backup.h"
#include "backup_int.h"

#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Opened through storage with this module's care, and upgraded: restoring
 * an older backup gives it this version's structure at once, since other
 * connections (the screen) go on in it. */
static antt_status open_upgraded(const char *db_path, int flags, antt_db **out, antt_err *err)
{
	antt_status s = db_open(db_path, flags, backup_care(), out, err);

	if (s == ANTT_OK && (s = backup_migrate(*out, err)) != ANTT_OK) {
		db_close(*out);
		*out = NULL;
	}
	return s;
}

/* The migrations (db/, built into gen/db_migrations.c). */
extern const char *const db_migrations[];

#define CODE_OBJECTS "SELECT CASE type WHEN 'view' THEN 'khung nhìn (view) \"' ELSE 'đoạn lệnh tự chạy (trigger) \"' END" \
	" || name || '\"', coalesce(sql, '') FROM sqlite_master" \
	" WHERE type IN ('trigger', 'view') ORDER BY name"

/* Triggers and views run on every write and read: a backup must hold
 * exactly those antt made at its version (a trigger slipped into a file
 * handed over as a backup would go on approving or erasing after the
 * restore). NULL when they match, else the first object that differs. */
static char *foreign_code(sqlite3 *c, int version)
{
	sqlite3 *ref = NULL;
	sqlite3_stmt *a = NULL, *b = NULL;
	char *bad = NULL;
	int ra, rb, v;

	if (sqlite3_open(":memory:", &ref) != SQLITE_OK)
		goto out;
	for (v = 0; v < version; v++)
		if (sqlite3_exec(ref, db_migrations[v], NULL, NULL, NULL) != SQLITE_OK)
			goto out;
	if (sqlite3_prepare_v2(c, CODE_OBJECTS, -1, &a, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ref, CODE_OBJECTS, -1, &b, NULL) != SQLITE_OK) {
		bad = strdup("?");
		goto out;
	}
	do {
		ra = sqlite3_step(a);
		rb = sqlite3_step(b);
		if (ra != rb || (ra == SQLITE_ROW && (strcmp((const char *)sqlite3_column_text(a, 0), (const char *)sqlite3_column_text(b, 0)) ||
		    strcmp((const char *)sqlite3_column_text(a, 1), (const char *)sqlite3_column_text(b, 1))))) {
			bad = strdup(ra == SQLITE_ROW ? (const char *)sqlite3_column_text(a, 0) :
				rb == SQLITE_ROW ? (const char *)sqlite3_column_text(b, 0) : "?");
			break;
		}
	} while (ra == SQLITE_ROW);
out:
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	sqlite3_close(ref);
	return bad;
}

/* The first virtual table of a file, before anything else reads it: antt
 * makes none, and one runs its module's code on the file's data. */
static char *virtual_table(sqlite3 *c)
{
	sqlite3_stmt *st = NULL;
	char *name = NULL;

	sqlite3_db_config(c, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (sqlite3_prepare_v2(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'",
		-1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		name = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return name;
}

/* 1 when the file holds the mark of an import under way: a row in
 * sync_origin (db/007), which an import fills only inside its
 * transaction, or in import_trace (db/016), emptied before it commits.
 * Restored, the audit triggers would take every later change for an
 * import's: into import_trace instead of the audit, answers unwritten
 * (db/014); the history silent from then on. */
static int import_mark(sqlite3 *c, int version)
{
	sqlite3_stmt *st = NULL;
	int marked;

	if (version < 7)
		return 0;
	if (sqlite3_prepare_v2(c, version < 16 ? "SELECT EXISTS (SELECT 1 FROM sync_origin)" :
		"SELECT EXISTS (SELECT 1 FROM sync_origin) OR EXISTS (SELECT 1 FROM import_trace)", -1, &st, NULL) != SQLITE_OK)
		marked = 1;   /* antt's own table unreadable: not its backup */
	else
		marked = sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return marked;
}

/* A backup must be an antt database this version can open: not an
 * exchange package (which has tables of the same names), not a newer
 * antt's, with only antt's own triggers and views, not marked as inside
 * an import. */
static antt_status check_file(const char *file, antt_err *err)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;
	char *bad = NULL;
	int version, tables;

	if (access(file, R_OK) != 0)
		return err_set(err, ANTT_ERR_NOT_FOUND, "%s: không có tệp sao lưu này", file);
	if (sqlite3_open_v2(file, &c, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		s = err_set(err, ANTT_ERR_DB_CORRUPT, "%s: không mở được tệp sao lưu; chọn một bản khác", file);
	else if ((bad = virtual_table(c)))
		s = err_set(err, ANTT_ERR_INVALID, "%s: tệp có bảng ảo (virtual table) \"%s\" mà antt không bao giờ tạo (đã "
			"bị thêm bằng chương trình khác), nên không phải bản sao lưu nguyên vẹn của antt. Chưa khôi phục gì; "
			"chọn một bản sao lưu khác.", file, bad);
	else if (sqlite3_prepare_v2(c, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW ||
	         strcmp((const char *)sqlite3_column_text(st, 0), "ok"))
		s = err_set(err, ANTT_ERR_DB_CORRUPT, "%s: tệp sao lưu bị hỏng; chọn một bản khác", file);
	sqlite3_finalize(st);
	st = NULL;
	if (s != ANTT_OK)
		goto out;
	if (sqlite3_prepare_v2(c, "SELECT (SELECT user_version FROM pragma_user_version),"
		" (SELECT count(*) FROM sqlite_master WHERE name IN ('units', 'assessments', 'answers')),"
		" (SELECT count(*) FROM sqlite_master WHERE name = 'manifest')", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		s = err_set(err, ANTT_ERR_INVALID, "%s: không đọc được tệp sao lưu; chọn một bản khác", file);
		goto out;
	}
	version = sqlite3_column_int(st, 0);
	tables = sqlite3_column_int(st, 1);
	if (version == 0 && tables == 3 && sqlite3_column_int(st, 2))
		s = err_set(err, ANTT_ERR_INVALID, "%s: tệp là một gói trao đổi dữ liệu giữa các máy, không phải bản sao lưu; "
			"khôi phục từ nó sẽ thay toàn bộ dữ liệu bằng phần nhỏ trong gói. Gói được nhận bằng lệnh nhập gói. "
			"Chưa khôi phục gì.", file);
	else if (version < 1 || tables != 3)
		s = err_set(err, ANTT_ERR_INVALID, "%s: không phải bản sao lưu của antt; chọn một tệp trong thư mục "
			"antt-backups. Chưa khôi phục gì.", file);
	else if (version > db_schema_version())
		s = err_set(err, ANTT_ERR_DB_NEWER, "%s: bản sao lưu do một bản antt mới hơn ghi (cấu trúc số %d, bản này "
			"chỉ hiểu đến số %d): hãy cập nhật antt rồi khôi phục. Chưa khôi phục gì.", file, version, db_schema_version());
	else if ((bad = foreign_code(c, version)))
		s = err_set(err, ANTT_ERR_INVALID, "%s: tệp có %s khác với những gì antt tạo ra (đã bị thêm hoặc sửa "
			"bằng chương trình khác), nên không phải bản sao lưu nguyên vẹn của antt. Chưa khôi phục gì; "
			"chọn một bản sao lưu khác.", file, bad);
	else if (import_mark(c, version))
		s = err_set(err, ANTT_ERR_INVALID, "%s: tệp đang ở giữa một lần nhập gói (bảng sync_origin hoặc "
			"import_trace có dữ liệu), điều mà bản sao lưu do antt ghi không bao giờ có: nếu khôi phục từ tệp này, "
			"mọi thay đổi về sau sẽ không được ghi vào nhật ký. Chưa khôi phục gì; chọn một bản sao lưu khác.", file);
out:
	free(bad);
	sqlite3_finalize(st);
	sqlite3_close_v2(c);
	return s;
}

/* Copy the rest of in to a new file at to, synced; the file is removed
 * when it cannot be written whole. then: what the message adds. */
static antt_status copy_to(FILE *in, const char *to, const char *then, antt_err *err)
{
	char buf[65536];
	FILE *out = fopen(to, "wb");
	size_t r;
	int ok = 1;

	if (!out)
		return err_set(err, ANTT_ERR_IO, "%s: không ghi được tệp; %s", to, then);
	while ((r = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, r, out) != r)
			ok = 0;
	if (ferror(in) || fflush(out) != 0 || fsync(fileno(out)) != 0)
		ok = 0;
	if (fclose(out) != 0 || !ok) {
		unlink(to);
		return err_set(err, ANTT_ERR_DB_FULL, "%s: không ghi xong tệp (ổ đĩa đầy hoặc lỗi ghi); %s", to, then);
	}
	return ANTT_OK;
}

static antt_status copy_path(const char *from, const char *to, const char *then, antt_err *err)
{
	FILE *in = fopen(from, "rb");
	antt_status s;

	if (!in)
		return err_set(err, ANTT_ERR_IO, "%s: không đọc được tệp; %s", from, then);
	s = copy_to(in, to, then, err);
	fclose(in);
	return s;
}

/* A byte copy of a damaged database, with its WAL (its latest writes),
 * beside the backups; the name is outside the backups' pattern, so it is
 * never rotated away nor offered as the backup to restore. */
static antt_status copy_raw(const char *db_path, char *saved, size_t n, antt_err *err)
{
	char dir[PATH_MAX], base[256], path[PATH_MAX + 300], wal[PATH_MAX + 8], wal_to[PATH_MAX + 310];
	const char *keep = "chưa giữ lại được tệp hiện tại nên chưa khôi phục gì";
	struct stat sb;
	antt_status s;

	backup_names(db_path, dir, sizeof(dir), base, sizeof(base));
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/%s-%ld-hong.db", dir, base, (long)time(NULL));
	snprintf(wal, sizeof(wal), "%s-wal", db_path);
	snprintf(wal_to, sizeof(wal_to), "%s-wal", path);
	if ((s = copy_path(db_path, path, keep, err)) == ANTT_OK && stat(wal, &sb) == 0 && sb.st_size > 0 &&
	    (s = copy_path(wal, wal_to, keep, err)) != ANTT_OK)
		unlink(path);
	if (s != ANTT_OK)
		return s;
	snprintf(saved, n, "%s", path);
	return ANTT_OK;
}

/* The current state, kept before it is replaced: a backup if it can still
 * be read, else a plain copy of the damaged file, so that nothing is thrown
 * away. On its own connection: the restoring one may hold the write lock. */
static antt_status keep_current(const char *db_path, char *saved, size_t n, antt_err *err)
{
	antt_db *cur = NULL;
	antt_status s;

	if ((s = open_upgraded(db_path, DB_NO_CHECK, &cur, err)) == ANTT_OK) {
		s = backup_now(cur, "truoc-khoi-phuc", saved, n, err);
		db_close(cur);
	}
	/* any other failure (a full disk) stops the restore, with its reason */
	/* a file antt cannot open as its own (damaged, or failing to take
	 * this version's structure) is copied as it is */
	return s == ANTT_ERR_DB_CORRUPT || s == ANTT_ERR_DB ? copy_raw(db_path, saved, n, err) : s;
}

/* Write the backup into the live database with SQLite's backup API: every
 * other connection (the screen) reads the restored content on its next
 * read, and what it writes afterwards lands in it. The first step, of no
 * pages, takes the write lock and holds it to the end, so nothing another
 * connection writes can fall between the state kept and the restore.
 * *kept: keep_current ran; *live: restored (else the file is too damaged
 * for SQLite to write into, and the caller replaces it). */
static antt_status copy_live(antt_db *db, sqlite3 *src, char *saved, size_t n, int *kept, int *live, antt_err *err)
{
	sqlite3_backup *b = sqlite3_backup_init(db->sql, "main", src, "main");
	antt_status s = ANTT_OK;
	int rc = b ? sqlite3_backup_step(b, 0) : sqlite3_errcode(db->sql), finish;

	if (rc == SQLITE_OK) {
		*kept = 1;
		if ((s = keep_current(db->path, saved, n, err)) == ANTT_OK)
			rc = sqlite3_backup_step(b, -1);
	}
	finish = b ? sqlite3_backup_finish(b) : SQLITE_OK;   /* rolls back unless done */
	if (s != ANTT_OK)
		return s;
	if (rc == SQLITE_DONE)
		rc = finish;
	switch (rc & 0xff) {
	case SQLITE_OK:   /* the whole database sits in the WAL now */
		sqlite3_exec(db->sql, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
		*live = 1;
		return ANTT_OK;
	case SQLITE_READONLY:   /* another page size, in WAL mode; or read-only media */
		if (db->readonly)
			break;
		/* fall through */
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return ANTT_OK;
	default:
		break;
	}
	/* busy, a full disk, an I/O error, read-only media: say so */
	return db_fail(db, rc, err, "khôi phục");
}

/* The temporary file of a restore that replaces the whole file, beside the
 * database: DIR/.BASE.antt-restore-PID (pid < 0: without the PID). A name no
 * officer gives a copy of their own (huyen.db.restore-1 may be one), since
 * what a killed restore left is removed at the next start. */
void backup_restore_tmp(const char *db_path, char *out, size_t n, long pid)
{
	char a[PATH_MAX], b[PATH_MAX];

	snprintf(a, sizeof(a), "%s", db_path);
	snprintf(b, sizeof(b), "%s", db_path);
	if (pid < 0)
		snprintf(out, n, ".%s.antt-restore-", basename(b));
	else
		snprintf(out, n, "%s/.%s.antt-restore-%ld", dirname(a), basename(b), pid);
}

/* The byte of the -shm file every open WAL connection holds a shared lock
 * on for its lifetime (SQLite's os_unix.c: UNIX_SHM_DMS). */
#define SHM_DMS_BYTE 128

/* Replace the file itself, for a database too damaged for copy_live, or
 * with another page size than the backup (the backup API cannot write that
 * into a WAL database). Only when no other process has it open: one that
 * had would go on writing into the old file, and its writes would be lost
 * without a word. Our own process must have no connection to it (POSIX
 * locks are per process). */
static antt_status replace_file(const char *db_path, FILE *in, antt_err *err)
{
	char tmp[PATH_MAX + 40], wal[PATH_MAX + 8], shm[PATH_MAX + 8];
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHM_DMS_BYTE, .l_len = 1 };
	antt_status s;
	int shm_fd;

	snprintf(wal, sizeof(wal), "%s-wal", db_path);
	snprintf(shm, sizeof(shm), "%s-shm", db_path);
	if ((shm_fd = open(shm, O_RDWR | O_CLOEXEC)) >= 0 && fcntl(shm_fd, F_SETLK, &fl) != 0) {
		close(shm_fd);
		return err_set(err, ANTT_ERR_DB_BUSY,
			"%s: tệp phải được thay cả tệp (hỏng, hoặc khác cỡ trang với bản sao lưu) nhưng đang được mở "
			"ở chương trình khác (màn hình antt hoặc sqlite3); chưa khôi phục gì. "
			"Hãy đóng chương trình đó rồi khôi phục lại.", db_path);
	}
	backup_restore_tmp(db_path, tmp, sizeof(tmp), (long)getpid());
	rewind(in);
	if ((s = copy_to(in, tmp, "cơ sở dữ liệu hiện tại chưa bị thay", err)) == ANTT_OK) {
		/* the old WAL first: replayed onto the restored file it would
		 * bring the damaged state back (it was kept by copy_raw) */
		unlink(wal);
		if (rename(tmp, db_path) != 0) {
			unlink(tmp);
			s = err_set(err, ANTT_ERR_IO, "không thay được %s", db_path);
		} else if (shm_fd >= 0 && ftruncate(shm_fd, 0) != 0) {
			/* harmless: the next opener rebuilds the index anyway */
		}
	}
	if (shm_fd >= 0)
		close(shm_fd);
	return s;
}

antt_status backup_restore(const char *db_path, const char *file, char *saved, size_t n, antt_err *err)
{
	sqlite3 *src = NULL;
	FILE *in = NULL;
	antt_db *db = NULL;
	antt_err e2;
	antt_status s;
	int exists = access(db_path, F_OK) == 0, kept = 0, live = 0;

	if (n)
		saved[0] = '\0';
	if ((s = check_file(file, err)) != ANTT_OK)
		return s;
	/* opened (and read once) now: rotating the backups below may delete it */
	if (!(in = fopen(file, "rb")) || sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_exec(src, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
		s = err_set(err, ANTT_ERR_IO, "%s: không đọc được tệp sao lưu", file);
		goto out;
	}
	if (exists && open_upgraded(db_path, DB_NO_CHECK, &db, &e2) == ANTT_OK) {
		s = copy_live(db, src, saved, n, &kept, &live, err);
		db_close(db);
		db = NULL;
		if (s != ANTT_OK)
			goto out;
	}
	if (!live) {
		if (exists && !kept && (s = keep_current(db_path, saved, n, err)) != ANTT_OK)
			goto out;
		if ((s = replace_file(db_path, in, err)) != ANTT_OK)
			goto out;
	}
	backup_damaged_mark(db_path, 0);
	/* an older backup takes this version's structure now */
	if ((s = open_upgraded(db_path, 0, &db, err)) != ANTT_OK)
		goto out;
out:
	db_close(db);
	sqlite3_close_v2(src);
	if (in)
		fclose(in);
	return s;
}

/* The public key of the database at path, malloc'd; NULL if none. */
static char *machine_key(const char *path)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	char *key = NULL;

	if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(c, "SELECT public_key FROM machine_key", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		key = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close_v2(c);
	return key;
}

int backup_same_machine(const char *db_path, const char *file)
{
	char *a = access(db_path, F_OK) == 0 ? machine_key(db_path) : NULL, *b = a ? machine_key(file) : NULL;
	int same = !a || !b || !strcmp(a, b);

	free(a);
	free(b);
	return same;
}
