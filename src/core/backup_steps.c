/* The screen's daily backup in steps between keys, with SQLite's backup
 * API on a snapshot of its own (see the top of backup.h for what it
 * guarantees and what it does not). */
#include "backup.h"
#include "backup_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The screen's daily backup, in steps (see backup.h). src is a connection
 * of its own holding one read transaction from begin to the end: in WAL
 * mode that is a snapshot, so what the screen writes meanwhile neither
 * restarts the copy nor lands in it. */
struct backup_job {
	sqlite3 *src, *dst;
	sqlite3_backup *b;
	char *db_path;
	char path[PATH_MAX + 400], tmp[PATH_MAX + 40];
	char state[400];   /* the database's state before the snapshot ("": unknown) */
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
	if (db->readonly || !strcmp(db->path, ":memory:") || backup_made_today(db->path))
		return ANTT_OK;
	if (!(job = calloc(1, sizeof(*job))) || !(job->db_path = strdup(db->path))) {
		free(job);
		return err_set(err, ANTT_ERR_NOMEM, "hết bộ nhớ khi sao lưu");
	}
	job->keep = backup_keep_setting(db);
	if ((s = backup_new_names(db->path, NULL, job->path, sizeof(job->path), job->tmp, sizeof(job->tmp), err)) != ANTT_OK)
		goto out;
	/* the state, for the import mark, read before the snapshot: a change
	 * another program makes in between is in the copy and not in the
	 * mark, so the mark never names a state the copy lacks (backup_now) */
	if (backup_state(db, job->state, sizeof(job->state), err) != ANTT_OK)
		job->state[0] = '\0';   /* no mark then: the next import copies */
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
	backup_sync_dir(job->path);
	backup_rotate(job->db_path, job->keep, job->path);
	if (job->state[0])   /* as antt backup leaves it: an import in that state needs no copy */
		backup_mark_write(job->db_path, job->path, job->state);
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
