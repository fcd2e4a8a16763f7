/* The import marks (antt-backups/.NAME.moc): a backup plus the packages
 * imported since gives back the state named in the mark, so an import
 * into a database still in that state needs no copy (see backup.h,
 * backup_before_import). */
#include "backup.h"
#include "backup_int.h"
#include "file.h"
#include "platform.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The mark beside the backups: which backup, plus the imports made since
 * (each one's package kept beside it, backup_after_import), gives back the
 * database as it is in the state named on its second line. */
static void mark_name(const char *db_path, char *out, size_t n)
{
	char dir[PATH_MAX], base[256];

	backup_names(db_path, dir, sizeof(dir), base, sizeof(base));
	snprintf(out, n, "%s/.%s.moc", dir, base);
}

/* Written whole under a temporary name: a mark cut short reads as none,
 * which only costs the next import a backup. */
void backup_mark_write(const char *db_path, const char *backup, const char *state)
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
	backup_names(db->path, dir, sizeof(dir), base, sizeof(base));
	snprintf(out, n, "%s/%s", dir, line);
	if (line[0] && !strchr(line, '/') && !strcmp(had, state) && access(out, R_OK) == 0)
		return ANTT_OK;
	/* a copy through a second connection: this one holds the write lock,
	 * so the copy is exactly the state just read. Read-only: it reads as
	 * well in the WAL as in the rollback journal an import may use
	 * (db_journal_alone), and sets no journal of its own */
	if ((s = db_open(db->path, DB_READONLY, NULL, &src, err)) != ANTT_OK)
		return s;
	s = backup_copy(db, src, "truoc-nhap-goi", out, n, err);
	db_close(src);
	if (s == ANTT_OK) {
		*made = 1;
		backup_mark_write(db->path, out, state);
	}
	return s;
}

antt_status backup_package_copy(antt_db *db, const char *path, char *tmp, size_t tn, antt_err *err)
{
	char name[PATH_MAX + 400];
	antt_status s;

	tmp[0] = '\0';
	if ((s = backup_new_file(db->path, "goi", NULL, "antt", name, sizeof(name), tmp, tn, err)) == ANTT_OK &&
	    (s = file_copy(path, tmp, err)) != ANTT_OK)
		tmp[0] = '\0';
	return s;
}

/* The mark moves on only with the package kept: a chain whose package is
 * missing could not be walked back, so without it the state named stays
 * the one before this import and the next import copies the database. */
void backup_after_import(antt_db *db, const char *backup, const char *state, const char *pkg, char *kept, size_t kn)
{
	antt_err e;

	kept[0] = '\0';
	if (!pkg || !pkg[0])
		return;
	/* the name is new by its time to the millisecond: a second antt on the
	 * same database in that millisecond leaves this one unkept, not its own
	 * copy replaced */
	if (backup_new_file(db->path, "goi", NULL, "antt", kept, kn, NULL, 0, &e) != ANTT_OK ||
	    platform_rename_new(pkg, kept) != 0) {
		unlink(pkg);
		kept[0] = '\0';
		return;
	}
	backup_sync_dir(kept);
	backup_mark_write(db->path, backup, state);
}

antt_status backup_state(antt_db *db, char *out, size_t n, antt_err *err)
{
	return state_of(db, out, n, err);
}
