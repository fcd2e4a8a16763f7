/* Backups beside the database (see backup.h): their names, the list and
 * the newest N kept, the copy with VACUUM INTO (backup_now, the daily one,
 * the one before an upgrade), and the mark of a damaged database. The
 * import marks are in backup_mark.c, the screen's backup in steps in
 * backup_steps.c, the restore in backup_restore.c. */
#include "backup.h"
#include "backup_int.h"
#include "file.h"
#include "platform.h"

#include <errno.h>
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
void backup_names(const char *db_path, char *dir, size_t dn, char *base, size_t bn)
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

	backup_names(db_path, dir, sizeof(dir), base, bn);
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
long backup_keep_setting(antt_db *db)
{
	char *keep_s = db_setting_get(db, "backup_keep", "10");
	long keep = keep_s ? strtol(keep_s, NULL, 10) : 10;

	free(keep_s);
	return keep < 1 ? 1 : keep;
}

/* A backup's stamp (BASE-STAMP..., skip: BASE-) or a kept package's
 * (BASE-goi-STAMP.antt) as YYYYMMDD-HHMMSSmmm, so the two compare. */
static void stamp_of(const char *name, size_t skip, char *out)
{
	const char *p = strrchr(name, '/');

	p = (p ? p + 1 : name) + skip;
	memcpy(out, p, 15);
	memcpy(out + 15, p[15] >= '0' && p[15] <= '9' ? p + 15 : "000", 3);
	out[18] = '\0';
}

/* The kept packages (backup_package_copy) older than the oldest backup
 * left: no way back starts before that backup, so none needs them. */
static void rotate_packages(const char *dir, const char *base, const char *oldest)
{
	char pattern[PATH_MAX + 300], stamp[19];
	size_t skip = strlen(base) + sizeof("-goi-") - 1;
	glob_t g;

	snprintf(pattern, sizeof(pattern), "%s/%s-goi-[0-9]*.antt", dir, base);
	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *name = strrchr(g.gl_pathv[i], '/') + 1;
		if (strlen(name) != skip + 23 || name[skip + 8] != '-' || strcmp(name + skip + 18, ".antt"))
			continue;
		stamp_of(name, skip, stamp);
		if (strcmp(stamp, oldest) < 0)
			unlink(g.gl_pathv[i]);
	}
	globfree(&g);
}

void backup_rotate(const char *db_path, long keep, const char *made)
{
	char base[256], dir[PATH_MAX], oldest[19] = "";
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
		else if (!oldest[0])    /* names sort by time: the first left is the oldest */
			stamp_of(g.gl_pathv[i], strlen(base) + 1, oldest);
	}
	globfree(&g);
	backup_names(db_path, dir, sizeof(dir), base, sizeof(base));
	if (oldest[0])
		rotate_packages(dir, base, oldest);
}

/* The name of a new backup (path) and the temporary file it is written
 * under (tmp), making the folder; the stamp has milliseconds, so two
 * backups in one second keep both. */
antt_status backup_new_names(const char *db_path, const char *why, char *path, size_t pn, char *tmp, size_t tn,
                             antt_err *err)
{
	return backup_new_file(db_path, NULL, why, "db", path, pn, tmp, tn, err);
}

antt_status backup_new_file(const char *db_path, const char *kind, const char *why, const char *ext, char *path,
                            size_t pn, char *tmp, size_t tn, antt_err *err)
{
	char dir[PATH_MAX], base[256], stamp[32];
	struct tm tm;
	struct timespec ts;

	backup_names(db_path, dir, sizeof(dir), base, sizeof(base));
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
	snprintf(path, pn, "%s/%s-%s%s%s%s%s.%s", dir, base, kind ? kind : "", kind ? "-" : "", stamp, why ? "-" : "",
		why ? why : "", ext);
	/* written under a temporary name and renamed when whole: a run killed
	 * half-way leaves no truncated file that looks like the latest backup
	 * (backup_remove_stale removes it once this process is gone) */
	if (tmp) {
		snprintf(tmp, tn, "%s/.antt-backup-%ld.tmp%s", dir, (long)getpid(), kind ? kind : "");
		unlink(tmp);
	}
	return ANTT_OK;
}

/* The folder's entry of a renamed file, synced: after a power cut the new
 * name exists with its content, or the old state does. */
void backup_sync_dir(const char *path)
{
	char d[PATH_MAX + 400];

	snprintf(d, sizeof(d), "%s", path);
	platform_sync_dir(dirname(d));
}

/* A copy of the database read through src into a new backup (see the top
 * of backup.h); db, the caller's handle, names the file and the setting. */
antt_status backup_copy(antt_db *db, antt_db *src, const char *why, char *out, size_t n, antt_err *err)
{
	char path[PATH_MAX + 400], tmp[PATH_MAX + 40];
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((s = backup_new_names(db->path, why, path, sizeof(path), tmp, sizeof(tmp), err)) != ANTT_OK)
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
	backup_sync_dir(path);
	if (out)
		snprintf(out, n, "%s", path);
	backup_rotate(db->path, backup_keep_setting(db), path);
	return ANTT_OK;
}

antt_status backup_now(antt_db *db, const char *why, char *out, size_t n, antt_err *err)
{
	char path[PATH_MAX + 400], state[400];
	antt_status s;

	/* the state read before the copy: a change made in between by
	 * another window is in the copy and not in the mark, so the mark
	 * never names a state the copy lacks */
	if ((s = backup_state(db, state, sizeof(state), err)) != ANTT_OK ||
	    (s = backup_copy(db, db, why, path, sizeof(path), err)) != ANTT_OK)
		return s;
	backup_mark_write(db->path, path, state);
	if (out)
		snprintf(out, n, "%s", path);
	return ANTT_OK;
}

/* 1 when the database at db_path has a backup made today. */
int backup_made_today(const char *db_path)
{
	char latest[PATH_MAX], today[16], base[256], dir[PATH_MAX];
	struct tm tm;
	time_t now = time(NULL);
	const char *p;

	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y%m%d", &tm);
	backup_names(db_path, dir, sizeof(dir), base, sizeof(base));
	if (!backup_latest(db_path, latest, sizeof(latest)))
		return 0;
	p = strrchr(latest, '/');
	p = p ? p + 1 : latest;
	return strlen(p) > strlen(base) + 9 && !strncmp(p + strlen(base) + 1, today, 8);
}

int backup_daily_due(const antt_db *db)
{
	return !db->readonly && strcmp(db->path, ":memory:") && !backup_made_today(db->path);
}

antt_status backup_daily_copy(antt_db *db, antt_err *err)
{
	antt_status s = backup_now(db, NULL, NULL, 0, err);

	if (s == ANTT_ERR_DB_CORRUPT)
		db_set_damaged(db);
	return s;
}

antt_status backup_daily(antt_db *db, int *made, antt_err *err)
{
	*made = backup_daily_due(db);
	return *made ? backup_daily_copy(db, err) : ANTT_OK;
}

int backup_migrate_copies(const antt_db *db)
{
	return db->version > 0 && db->version < db_schema_version() && !db->readonly;
}

antt_status backup_migrate(antt_db *db, antt_err *err)
{
	char saved[4096];
	antt_status s;

	/* a copy of the old state before its structure changes */
	if (backup_migrate_copies(db) && (s = backup_now(db, "truoc-nang-cap", saved, sizeof(saved), err)) != ANTT_OK)
		return s;
	return db_migrate(db, err);
}

const db_care *backup_care(void)
{
	static const db_care care = { backup_damaged_marked, backup_damaged_mark, backup_latest };
	return &care;
}

void backup_remove_stale(const char *db_path)
{
	char dir[PATH_MAX], base[256], file[PATH_MAX], prefix[PATH_MAX + 16];

	backup_names(db_path, dir, sizeof(dir), base, sizeof(base));
	file_remove_stale(dir, ".antt-backup-", ".tmp", 0);   /* and VACUUM INTO's .tmp-journal */
	backup_restore_tmp(db_path, prefix, sizeof(prefix), -1);
	snprintf(file, sizeof(file), "%s", db_path);
	file_remove_stale(dirname(file), prefix, "", 0);
}

/* dir/antt-backups/BASE.hong: the database was found damaged; it opens
 * read-only until a check passes or it is restored. */
static void marker(const char *db_path, char *out, size_t n)
{
	char dir[PATH_MAX], base[256];

	backup_names(db_path, dir, sizeof(dir), base, sizeof(base));
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
