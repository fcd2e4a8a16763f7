/* Backups and restore. */
#include "backup.h"
#include "file.h"
#include "platform.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* dir/antt-backups and the database's base name without .db */
static void names(const char *db_path, char *dir, size_t dn, char *base, size_t bn)
{
	char a[PATH_MAX], b[PATH_MAX], *dot;

	snprintf(a, sizeof(a), "%s", db_path);
	snprintf(b, sizeof(b), "%s", db_path);
	snprintf(dir, dn, "%s/antt-backups", dirname(a));
	snprintf(base, bn, "%s", basename(b));
	if ((dot = strrchr(base, '.')) && !strcmp(dot, ".db"))
		*dot = '\0';
}

/* Only this database's backups: BASE-YYYYMMDD-HHMMSS[mmm][-tag].db, so that
 * huyen.db never counts (and rotation never deletes) those of huyen-2024.db.
 * *tag (may be NULL): where "-tag.db" or ".db" starts. */
static int is_own_tag(const char *path, const char *base, const char **tag)
{
	const char *p = strrchr(path, '/'), *q;
	size_t bl = strlen(base), digits = 0;

	p = p ? p + 1 : path;
	if (strncmp(p, base, bl) != 0 || p[bl] != '-')
		return 0;
	p += bl + 1;
	for (q = p; q - p < 8; q++)
		if (*q < '0' || *q > '9')
			return 0;
	if (*q++ != '-')
		return 0;
	while (*q >= '0' && *q <= '9')
		q++, digits++;
	if (digits != 6 && digits != 9)
		return 0;
	if (tag)
		*tag = q;
	if (*q == '-')          /* the tag: lower-case letters and dashes */
		for (q++; (*q >= 'a' && *q <= 'z') || *q == '-'; q++)
			;
	return !strcmp(q, ".db");
}

static int is_own(const char *path, const char *base)
{
	return is_own_tag(path, base, NULL);
}

/* The backups, oldest first (names sort by time); g holds every candidate,
 * is_own picks this database's among them. */
static int list(const char *db_path, glob_t *g, char *base, size_t bn)
{
	char dir[PATH_MAX], pattern[PATH_MAX + 300];

	names(db_path, dir, sizeof(dir), base, bn);
	snprintf(pattern, sizeof(pattern), "%s/%s-[0-9]*.db", dir, base);
	return glob(pattern, 0, NULL, g) == 0;
}

int backup_latest(const char *db_path, char *out, size_t n)
{
	char base[256];
	glob_t g;
	int found = 0;

	if (list(db_path, &g, base, sizeof(base))) {
		for (size_t i = g.gl_pathc; i-- > 0 && !found;)
			if (is_own(g.gl_pathv[i], base)) {
				snprintf(out, n, "%s", g.gl_pathv[i]);
				found = 1;
			}
		globfree(&g);
	}
	return found;
}

/* Keep the newest backup_keep of each kind: the daily and manual ones, and
 * those made before an import, a restore or an upgrade, each on their own.
 * A day of imports (one backup before each) must not push out the day's
 * first backup, nor the copy of what a restore replaced. Never the one just
 * made: names sort by the clock, and a clock set back (a flat CMOS battery)
 * would make it the oldest. */
static long keep_setting(antt_db *db)
{
	char *keep_s = db_setting_get(db, "backup_keep", "10");
	long keep = keep_s ? strtol(keep_s, NULL, 10) : 10;

	free(keep_s);
	return keep < 1 ? 1 : keep;
}

static void rotate(const char *db_path, long keep, const char *made)
{
	char base[256];
	const char *tag, *other;
	glob_t g;

	if (!list(db_path, &g, base, sizeof(base)))
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t newer = 0;
		if (!is_own_tag(g.gl_pathv[i], base, &tag))
			continue;
		for (size_t j = i + 1; j < g.gl_pathc; j++)
			newer += is_own_tag(g.gl_pathv[j], base, &other) && !strcmp(tag, other);
		if (newer >= (size_t)keep && strcmp(g.gl_pathv[i], made))
			unlink(g.gl_pathv[i]);
	}
	globfree(&g);
}

/* The name of a new backup (path) and the temporary file it is written
 * under (tmp), making the folder; the stamp has milliseconds, so two
 * backups in one second keep both. */
static antt_status new_names(const char *db_path, const char *why, char *path, size_t pn, char *tmp, size_t tn,
                             antt_err *err)
{
	char dir[PATH_MAX], base[256], stamp[32];
	struct tm tm;
	struct timespec ts;

	names(db_path, dir, sizeof(dir), base, sizeof(base));
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return err_set(err, ANTT_ERR_IO, "%s: không tạo được thư mục sao lưu", dir);
	/* a file of that name (not made by antt): said, not "cannot open" */
	if (!file_is_dir(dir))
		return err_set(err, ANTT_ERR_IO, "%s: đây là một tệp, không phải thư mục sao lưu; hãy đổi tên hoặc "
			"chuyển tệp đó đi để antt tạo thư mục sao lưu ở đây", dir);
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(stamp + strlen(stamp), sizeof(stamp) - strlen(stamp), "%03ld", ts.tv_nsec / 1000000);
	snprintf(path, pn, "%s/%s-%s%s%s.db", dir, base, stamp, why ? "-" : "", why ? why : "");
	/* written under a temporary name and renamed when whole: a run killed
	 * half-way leaves no truncated file that looks like the latest backup
	 * (backup_remove_stale removes it once this process is gone) */
	snprintf(tmp, tn, "%s/.antt-backup-%ld.tmp", dir, (long)getpid());
	unlink(tmp);
	return ANTT_OK;
}

/* The folder's entry of a renamed file, synced: after a power cut the new
 * name exists with its content, or the old state does. */
static void sync_dir(const char *path)
{
	char d[PATH_MAX + 400];

	snprintf(d, sizeof(d), "%s", path);
	platform_sync_dir(dirname(d));
}

/* The mark beside the backups: which backup, plus the imports made since
 * (each one a package file the officer still has), gives back the
 * database as it is in the state named on its second line. */
static void mark_name(const char *db_path, char *out, size_t n)
{
	char dir[PATH_MAX], base[256];

	names(db_path, dir, sizeof(dir), base, sizeof(base));
	snprintf(out, n, "%s/.%s.moc", dir, base);
}

/* Written whole under a temporary name: a mark cut short reads as none,
 * which only costs the next import a backup. */
static void mark_write(const char *db_path, const char *backup, const char *state)
{
	char path[PATH_MAX + 300], tmp[PATH_MAX + 340];
	const char *name;
	FILE *f;

	mark_name(db_path, path, sizeof(path));
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	if (!(f = fopen(tmp, "w")))
		return;
	/* the name only: the folder is the mark's, however the database was named (./x.db, x.db) */
	name = strrchr(backup, '/');
	if (fprintf(f, "%s\n%s\n", name ? name + 1 : backup, state) < 0) {
		fclose(f);
		unlink(tmp);
		return;
	}
	/* Windows renames over no existing file: the old mark goes first
	 * there (a mark lost between costs the next import a copy) */
	if (fclose(f) != 0 || (rename(tmp, path) != 0 && (unlink(path), rename(tmp, path) != 0)))
		unlink(tmp);
}

/* The state of the database, as one line that changes with every change
 * a restore would undo: the last row of the audit (every table of data
 * writes one there, through its triggers) and the tables that have no
 * audit (the exchange state, the machine key). Read inside a transaction
 * it is that transaction's. */
static antt_status state_of(antt_db *db, char *out, size_t n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, "SELECT coalesce((SELECT id || ' ' || at || ' ' || coalesce(row_uuid, '')"
		" FROM audit ORDER BY id DESC LIMIT 1), '-')"
		" || ' ' || (SELECT coalesce(max(rowid), 0) FROM sync_base) || ' ' || (SELECT count(*) FROM packages)"
		" || ' ' || (SELECT coalesce(max(id), 0) FROM conflicts) || ' ' || (SELECT coalesce(max(id), 0) FROM criteria_sets)"
		" || ' ' || coalesce((SELECT hex(public_key) FROM machine_key), '-')", &st, err);
	int rc;

	if (s != ANTT_OK)
		return s;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	else
		s = db_fail(db, rc, err, "đọc trạng thái cơ sở dữ liệu");
	sqlite3_finalize(st);
	return s;
}

/* A copy of the database read through src into a new backup (see the top
 * of backup.h); db, the caller's handle, names the file and the setting. */
static antt_status copy_to_backup(antt_db *db, antt_db *src, const char *why, char *out, size_t n, antt_err *err)
{
	char path[PATH_MAX + 400], tmp[PATH_MAX + 40];
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((s = new_names(db->path, why, path, sizeof(path), tmp, sizeof(tmp), err)) != ANTT_OK)
		return s;
	if ((s = db_prepare(src, "VACUUM INTO ?", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		unlink(tmp);
		return db_fail(src, rc, err, "sao lưu");
	}
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		return err_set(err, ANTT_ERR_IO, "%s: không đặt được tên cho bản sao lưu", path);
	}
	sync_dir(path);
	if (out)
		snprintf(out, n, "%s", path);
	rotate(db->path, keep_setting(db), path);
	return ANTT_OK;
}

antt_status backup_now(antt_db *db, const char *why, char *out, size_t n, antt_err *err)
{
	char path[PATH_MAX + 400], state[400];
	antt_status s;

	/* the state read before the copy: a change made in between by
	 * another window is in the copy and not in the mark, so the mark
	 * never names a state the copy lacks */
	if ((s = state_of(db, state, sizeof(state), err)) != ANTT_OK ||
	    (s = copy_to_backup(db, db, why, path, sizeof(path), err)) != ANTT_OK)
		return s;
	mark_write(db->path, path, state);
	if (out)
		snprintf(out, n, "%s", path);
	return ANTT_OK;
}

antt_status backup_before_import(antt_db *db, char *out, size_t n, int *made, char *state, size_t sn, antt_err *err)
{
	char mark[PATH_MAX + 300], line[PATH_MAX], had[400] = "", dir[PATH_MAX], base[256];
	antt_db *src = NULL;
	antt_status s;
	FILE *f;

	*made = 0;
	if ((s = state_of(db, state, sn, err)) != ANTT_OK)
		return s;
	mark_name(db->path, mark, sizeof(mark));
	line[0] = '\0';
	if ((f = fopen(mark, "r"))) {
		if (!fgets(line, sizeof(line), f) || !fgets(had, sizeof(had), f))
			line[0] = had[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	had[strcspn(had, "\n")] = '\0';
	names(db->path, dir, sizeof(dir), base, sizeof(base));
	snprintf(out, n, "%s/%s", dir, line);
	if (line[0] && !strchr(line, '/') && !strcmp(had, state) && access(out, R_OK) == 0)
		return ANTT_OK;
	/* a copy through a second connection: this one holds the write lock,
	 * so the copy is exactly the state just read */
	if ((s = db_open(db->path, 0, NULL, &src, err)) != ANTT_OK)
		return s;
	s = copy_to_backup(db, src, "truoc-nhap-goi", out, n, err);
	db_close(src);
	if (s == ANTT_OK) {
		*made = 1;
		mark_write(db->path, out, state);
	}
	return s;
}

void backup_after_import(antt_db *db, const char *backup, const char *state)
{
	mark_write(db->path, backup, state);
}

antt_status backup_state(antt_db *db, char *out, size_t n, antt_err *err)
{
	return state_of(db, out, n, err);
}

/* 1 when the database at db_path has a backup made today. */
static int made_today(const char *db_path)
{
	char latest[PATH_MAX], today[16], base[256], dir[PATH_MAX];
	struct tm tm;
	time_t now = time(NULL);
	const char *p;

	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y%m%d", &tm);
	names(db_path, dir, sizeof(dir), base, sizeof(base));
	if (!backup_latest(db_path, latest, sizeof(latest)))
		return 0;
	p = strrchr(latest, '/');
	p = p ? p + 1 : latest;
	return strlen(p) > strlen(base) + 9 && !strncmp(p + strlen(base) + 1, today, 8);
}

antt_status backup_daily(antt_db *db, int *made, antt_err *err)
{
	antt_status s;

	*made = 0;
	if (db->readonly || !strcmp(db->path, ":memory:") || made_today(db->path))
		return ANTT_OK;
	*made = 1;
	s = backup_now(db, NULL, NULL, 0, err);
	if (s == ANTT_ERR_DB_CORRUPT)
		db_set_damaged(db);
	return s;
}

antt_status backup_migrate(antt_db *db, antt_err *err)
{
	char saved[4096];
	antt_status s;

	/* a copy of the old state before its structure changes */
	if (db->version > 0 && db->version < db_schema_version() && !db->readonly &&
	    (s = backup_now(db, "truoc-nang-cap", saved, sizeof(saved), err)) != ANTT_OK)
		return s;
	return db_migrate(db, err);
}

const db_care *backup_care(void)
{
	static const db_care care = { backup_damaged_marked, backup_damaged_mark, backup_latest };
	return &care;
}

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

/* The screen's daily backup, in steps (see backup.h). src is a connection
 * of its own holding one read transaction from begin to the end: in WAL
 * mode that is a snapshot, so what the screen writes meanwhile neither
 * restarts the copy nor lands in it. */
struct backup_job {
	sqlite3 *src, *dst;
	sqlite3_backup *b;
	char *db_path;
	char path[PATH_MAX + 400], tmp[PATH_MAX + 40];
	long keep;
	int done;
};

void backup_job_free(backup_job *job)
{
	if (!job)
		return;
	if (job->b)
		sqlite3_backup_finish(job->b);
	sqlite3_close_v2(job->dst);
	if (job->src)
		sqlite3_exec(job->src, "COMMIT", NULL, NULL, NULL);
	sqlite3_close_v2(job->src);
	if (!job->done && job->tmp[0])
		unlink(job->tmp);   /* unfinished: the next start tries again */
	free(job->db_path);
	free(job);
}

antt_status backup_daily_begin(antt_db *db, backup_job **out, antt_err *err)
{
	backup_job *job;
	antt_status s = ANTT_OK;

	*out = NULL;
	if (db->readonly || !strcmp(db->path, ":memory:") || made_today(db->path))
		return ANTT_OK;
	if (!(job = calloc(1, sizeof(*job))) || !(job->db_path = strdup(db->path))) {
		free(job);
		return err_set(err, ANTT_ERR_NOMEM, "hết bộ nhớ khi sao lưu");
	}
	job->keep = keep_setting(db);
	if ((s = new_names(db->path, NULL, job->path, sizeof(job->path), job->tmp, sizeof(job->tmp), err)) != ANTT_OK)
		goto out;
	/* the snapshot starts here, before the screen can write anything */
	if (sqlite3_open_v2(db->path, &job->src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_exec(job->src, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
		s = err_set(err, ANTT_ERR_IO, "%s: không đọc được để sao lưu (%s)", db->path, sqlite3_errmsg(job->src));
		goto out;
	}
	/* no journal for a file nobody uses until it is whole and renamed;
	 * synced once at the end (backup_step) */
	if (sqlite3_open(job->tmp, &job->dst) != SQLITE_OK ||
	    sqlite3_exec(job->dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK ||
	    !(job->b = sqlite3_backup_init(job->dst, "main", job->src, "main"))) {
		s = err_set(err, ANTT_ERR_IO, "%s: không ghi được bản sao lưu (%s)", job->tmp, sqlite3_errmsg(job->dst));
		goto out;
	}
out:
	if (s != ANTT_OK) {
		backup_job_free(job);
		return s;
	}
	*out = job;
	return ANTT_OK;
}

/* The copy is whole: synced, renamed to its name, the folder synced, the
 * oldest rotated away. */
static antt_status finish(backup_job *job, antt_err *err)
{
	int rc = sqlite3_backup_finish(job->b);
	FILE *f;

	job->b = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_close(job->dst);
	job->dst = NULL;
	if (rc != SQLITE_OK)
		return err_set(err, ANTT_ERR_IO, "%s: không ghi xong bản sao lưu (%s)", job->tmp, sqlite3_errstr(rc));
	/* the copy carries the source's WAL mark (header bytes 18 and 19);
	 * a backup is a plain rollback-journal file, as VACUUM INTO writes
	 * it, so opening one to look at it leaves no -wal beside it */
	if (!(f = fopen(job->tmp, "rb+")) || fseek(f, 18, SEEK_SET) != 0 || fwrite("\1\1", 1, 2, f) != 2 ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0) {
		if (f)
			fclose(f);
		return err_set(err, ANTT_ERR_DB_FULL, "%s: không ghi xong bản sao lưu (ổ đĩa đầy hoặc lỗi ghi)", job->tmp);
	}
	fclose(f);
	if (rename(job->tmp, job->path) != 0)
		return err_set(err, ANTT_ERR_IO, "%s: không đặt được tên cho bản sao lưu", job->path);
	job->done = 1;
	sync_dir(job->path);
	rotate(job->db_path, job->keep, job->path);
	return ANTT_OK;
}

antt_status backup_step(backup_job *job, int pages, int *done, antt_err *err)
{
	int rc;

	*done = job->done;
	if (job->done)
		return ANTT_OK;
	rc = sqlite3_backup_step(job->b, pages);
	switch (rc) {
	case SQLITE_OK:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ANTT_OK;   /* more to copy, or try again at the next step */
	case SQLITE_DONE:
		*done = 1;
		return finish(job, err);
	default:
		if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
			return err_set(err, ANTT_ERR_DB_CORRUPT, "%s: cơ sở dữ liệu bị hỏng (đọc khi sao lưu: %s)",
				job->db_path, sqlite3_errstr(rc));
		if ((rc & 0xff) == SQLITE_FULL)
			return err_set(err, ANTT_ERR_DB_FULL, "%s: ổ đĩa đầy, chưa sao lưu được", job->tmp);
		return err_set(err, ANTT_ERR_IO, "%s: chưa sao lưu được (%s)", job->tmp, sqlite3_errstr(rc));
	}
}

int backup_progress(const backup_job *job)
{
	int total, left;

	if (!job || job->done || !job->b)
		return 100;
	total = sqlite3_backup_pagecount(job->b);
	left = sqlite3_backup_remaining(job->b);
	return total > 0 ? (int)((long long)(total - left) * 100 / total) : 0;
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

/* A backup must be an antt database this version can open: not an
 * exchange package (which has tables of the same names), not a newer
 * antt's, with only antt's own triggers and views. */
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

	names(db_path, dir, sizeof(dir), base, sizeof(base));
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
static void restore_tmp(const char *db_path, char *out, size_t n, long pid)
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
	restore_tmp(db_path, tmp, sizeof(tmp), (long)getpid());
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

void backup_remove_stale(const char *db_path)
{
	char dir[PATH_MAX], base[256], file[PATH_MAX], prefix[PATH_MAX + 16];

	names(db_path, dir, sizeof(dir), base, sizeof(base));
	file_remove_stale(dir, ".antt-backup-", ".tmp");   /* and VACUUM INTO's .tmp-journal */
	restore_tmp(db_path, prefix, sizeof(prefix), -1);
	snprintf(file, sizeof(file), "%s", db_path);
	file_remove_stale(dirname(file), prefix, "");
}

/* dir/antt-backups/BASE.hong: the database was found damaged; it opens
 * read-only until a check passes or it is restored. */
static void marker(const char *db_path, char *out, size_t n)
{
	char dir[PATH_MAX], base[256];

	names(db_path, dir, sizeof(dir), base, sizeof(base));
	snprintf(out, n, "%s/%s.hong", dir, base);
}

int backup_damaged_marked(const char *db_path)
{
	char m[PATH_MAX + 300];

	marker(db_path, m, sizeof(m));
	return access(m, F_OK) == 0;
}

void backup_damaged_mark(const char *db_path, int damaged)
{
	char m[PATH_MAX + 300];
	FILE *f;

	marker(db_path, m, sizeof(m));
	if (!damaged) {
		unlink(m);
		return;
	}
	/* only beside a database antt has used (its backups folder exists),
	 * not beside any file given by mistake; on read-only media it cannot
	 * be kept, which is fine */
	if ((f = fopen(m, "w"))) {
		fputs("antt: cơ sở dữ liệu này bị hỏng; chỉ mở để xem cho đến khi khôi phục.\n", f);
		fclose(f);
	}
}
