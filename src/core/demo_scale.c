/* The demo at scale (antt demo --scale N): copies of the demo made once, so
 * a database of N provinces under one root (for the benchmarks: 30× a
 * province) builds in minutes instead of N times the demo's own time. The
 * rows are copied table by table with INSERT ... SELECT inside the demo's
 * transaction, and so is their audit history (status steps, verdicts,
 * changed answers, at their times), rewritten to the copy's uuids: the
 * audit triggers are off while the big tables are copied (writing the
 * history a second time through them would triple the work). The units'
 * own audit rows are the triggers', as for any unit added. */
#include "demo.h"

#include <stdio.h>

/* Copy k of a row's uuid: the copy number in the second group of hex
 * digits and "c" where db_uuid writes its version (8; 4 in rows made
 * before db/018), so a copy meets no original, and no other copy of its
 * row. The first eight digits stay the original's: its origin's (the
 * commune whose machine the demo says typed it, demo.c), so each copy of
 * a commune's rows lies in a run of its own in every uuid index, as the
 * rows of another province's communes would. With the copy number first
 * instead, 29 of 30 provinces sat in 29 narrow runs and a package imported
 * into the copies met only the one province spread across the index
 * (22.7 s at 30x, where 30 real provinces in a row took 28 to 49 s each:
 * bench/import_many.sh), when rows were random everywhere. */
/* Rows copied per statement: a slice of the largest rows (the audit's) is
 * about a megabyte. */
#define DEMO_SLICE 4096

#define COPY_UUID(col) "substr(" col ", 1, 9) || printf('%04x', ?1) || '-c' || substr(" col ", 16)"

/* ?1 the copy number, ?2..?6 the id offsets of units, assessments,
 * answers, decisions and recognitions; ?7 the root's id; ?8, ?9 the ids
 * (first excluded, last included) of the slice of the original copied.
 * Rows are written in id order, parents before children. A table read
 * while written to goes through a temporary copy of what is read: in
 * slices, that copy stays small and in memory. */
static const char *const copy_sql[] = {
	"INSERT INTO units (id, uuid, rev, code, name, name_key, type, parent_id, valid_from, valid_to,"
	" excluded, merged_into, updated_by, updated_at)"
	" SELECT id + ?2, " COPY_UUID("uuid") ", rev, printf('P%02d-', ?1) || code,"
	" name || printf(' (%d)', ?1), name_key || printf(' (%d)', ?1), type,"
	" CASE WHEN parent_id = ?7 THEN parent_id ELSE parent_id + ?2 END, valid_from, valid_to,"
	" excluded, merged_into + ?2, updated_by, updated_at"
	" FROM units WHERE id > ?8 AND id <= ?9 AND id <> ?7 ORDER BY id",
	"INSERT INTO assessments (id, uuid, rev, unit_id, year, criteria_set_id, status, verdict,"
	" registered_at, updated_by, updated_at, detail, reason)"
	" SELECT id + ?3, " COPY_UUID("uuid") ", rev, unit_id + ?2, year, criteria_set_id, status, verdict,"
	" registered_at, updated_by, updated_at, detail, reason"
	" FROM assessments WHERE id > ?8 AND id <= ?9 ORDER BY id",
	"INSERT INTO answers (id, uuid, rev, assessment_id, criterion, value, exception, note,"
	" updated_by, updated_at)"
	" SELECT id + ?4, " COPY_UUID("uuid") ", rev, assessment_id + ?3, criterion, value, exception, note,"
	" updated_by, updated_at FROM answers WHERE id > ?8 AND id <= ?9 ORDER BY id",
	"INSERT INTO decisions (id, uuid, number, date, authority, signer, updated_by, updated_at)"
	" SELECT id + ?5, " COPY_UUID("uuid") ", number, date, authority || printf(' (%d)', ?1), signer,"
	" updated_by, updated_at FROM decisions WHERE id > ?8 AND id <= ?9 ORDER BY id",
	"INSERT INTO recognitions (id, uuid, assessment_id, decision_id, withdrawn_at, withdrawn_by,"
	" reason, updated_by, updated_at)"
	" SELECT id + ?6, " COPY_UUID("uuid") ", assessment_id + ?3, decision_id + ?5, withdrawn_at,"
	" withdrawn_by, reason, updated_by, updated_at FROM recognitions WHERE id > ?8 AND id <= ?9 ORDER BY id",
	/* the uuid and the authority inside the values are the copy's too */
	"INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value, origin)"
	" SELECT at, who, tbl, " COPY_UUID("row_uuid") ", " COPY_UUID("scope") ", action,"
	" CASE WHEN tbl = 'recognitions' AND old_value IS NOT NULL"
	"  THEN json_set(old_value, '$.authority', json_extract(old_value, '$.authority') || printf(' (%d)', ?1))"
	"  ELSE old_value END,"
	" CASE WHEN tbl = 'assessments' AND action = 'insert'"
	"  THEN json_set(new_value, '$.unit', " COPY_UUID("json_extract(new_value, '$.unit')") ")"
	"  WHEN tbl IN ('decisions', 'recognitions') AND action = 'insert'"
	"  THEN json_set(new_value, '$.authority', json_extract(new_value, '$.authority') || printf(' (%d)', ?1))"
	"  ELSE new_value END, origin"
	" FROM audit WHERE id > ?8 AND id <= ?9 AND tbl IN ('answers', 'assessments', 'decisions', 'recognitions') ORDER BY id",
};

/* The largest id of each table copied, the root's id and the last audit
 * row: the offsets the statements above bind, and where the original ends. */
static antt_status extents(antt_db *db, sqlite3_int64 v[7], antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, "SELECT (SELECT max(id) FROM units), (SELECT max(id) FROM assessments),"
		" (SELECT max(id) FROM answers), (SELECT max(id) FROM decisions), (SELECT max(id) FROM recognitions),"
		" (SELECT id FROM units WHERE parent_id IS NULL), (SELECT max(id) FROM audit)", &st, err);
	int rc;

	if (s != ANTT_OK)
		return s;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		s = db_fail(db, rc, err, "dữ liệu mẫu");
	for (int i = 0; s == ANTT_OK && i < 7; i++)
		v[i] = sqlite3_column_int64(st, i);
	sqlite3_finalize(st);
	return s;
}

/* The copied tables' own indexes (not those SQLite makes for a UNIQUE or
 * PRIMARY KEY constraint, which stay with the table) are dropped and
 * made again once the rows are in. A copy's uuids are spread over the
 * whole of every uuid index (above), so each of its rows went into a page
 * of its own of the history's index by scope — 800 MB at 30 provinces, far past the
 * demo's cache — and each page was read, spilled and read again: 15.5
 * minutes for --scale 30, 5.6 of them in the kernel. Made after the
 * copies, an index is one sort (with the slices below: 6.6 minutes). */
#define DEMO_INDEXED "('units', 'assessments', 'answers', 'decisions', 'recognitions', 'audit')"

/* What is dropped and made again, as two scripts, and the temporary
 * storage to give back. */
typedef struct {
	char *drop, *make;   /* NULL: no index to drop */
	int temp_store;
} index_plan;

static void index_plan_free(index_plan *x)
{
	sqlite3_free(x->drop);
	sqlite3_free(x->make);
	x->drop = x->make = NULL;
}

/* Read the indexes' definitions whole, then drop them. */
static antt_status indexes_drop(antt_db *db, index_plan *x, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, "SELECT group_concat('DROP INDEX \"' || replace(name, '\"', '\"\"') || '\"', ';'),"
		" group_concat(sql, ';'), (SELECT temp_store FROM pragma_temp_store())"
		" FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN " DEMO_INDEXED, &st, err);
	int rc;

	if (s != ANTT_OK)
		return s;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		s = db_fail(db, rc, err, "nhân bản dữ liệu mẫu");
	} else if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		x->temp_store = sqlite3_column_int(st, 2);
		/* a NULL beside a text is SQLite out of memory: taken as "" it
		 * would drop the indexes and make them again from nothing */
		if (!sqlite3_column_text(st, 0) || !sqlite3_column_text(st, 1) ||
		    !(x->drop = sqlite3_mprintf("%s", sqlite3_column_text(st, 0))) ||
		    !(x->make = sqlite3_mprintf("%s", sqlite3_column_text(st, 1))))
			s = err_set(err, ANTT_ERR_NOMEM, "%s", antt_strerror(ANTT_ERR_NOMEM));
	}
	sqlite3_finalize(st);
	if (s == ANTT_OK && x->drop && (rc = sqlite3_exec(db->sql, x->drop, NULL, NULL, NULL)) != SQLITE_OK)
		s = db_fail(db, rc, err, "nhân bản dữ liệu mẫu");
	return s;
}

/* Each index sorted in files of its own: the demo keeps SQLite's
 * temporary files in memory (demo.c), where sorting the history's 20
 * million keys at 30 provinces held 1.3 GB. The switch is refused inside
 * a transaction once the connection has a temporary table: the indexes
 * are then sorted in memory, as before, and are the same. */
static antt_status indexes_make(antt_db *db, const index_plan *x, antt_err *err)
{
	char back[40];
	int rc;

	if (!x->make)
		return ANTT_OK;
	sqlite3_exec(db->sql, "PRAGMA temp_store = FILE", NULL, NULL, NULL);
	rc = sqlite3_exec(db->sql, x->make, NULL, NULL, NULL);
	snprintf(back, sizeof(back), "PRAGMA temp_store = %d", x->temp_store);
	sqlite3_exec(db->sql, back, NULL, NULL, NULL);
	return rc == SQLITE_OK ? ANTT_OK : db_fail(db, rc, err, "nhân bản dữ liệu mẫu");
}

antt_status demo_copies_tx(antt_db *db, int copies, antt_err *err)
{
	index_plan idx = { NULL, NULL, 0 };
	sqlite3_stmt *st[sizeof(copy_sql) / sizeof(*copy_sql)] = { NULL };
	const size_t n = sizeof(copy_sql) / sizeof(*copy_sql);
	/* the table each statement reads: its last id in v[] */
	static const int last[] = { 0, 1, 2, 3, 4, 6 };
	sqlite3_int64 v[7];
	antt_status s;

	if (copies < 2)
		return ANTT_OK;
	/* the indexes are dropped below: only inside the caller's transaction
	 * does an error bring them back */
	if (sqlite3_get_autocommit(db->sql))
		return err_set(err, ANTT_ERR_INVALID, "nhân bản dữ liệu mẫu phải nằm trong một giao dịch");
	if (copies > DEMO_COPIES_MAX)   /* the number is four hex digits of the uuid */
		return err_set(err, ANTT_ERR_INVALID, "số bản của dữ liệu mẫu quá lớn: nhiều nhất %d", DEMO_COPIES_MAX);
	if ((s = extents(db, v, err)) != ANTT_OK)
		return s;
	for (size_t i = 0; s == ANTT_OK && i < n; i++)
		s = db_prepare(db, copy_sql[i], &st[i], err);
	if (s == ANTT_OK)
		s = indexes_drop(db, &idx, err);
	/* a slice of the original into every copy before the next slice: the
	 * copies of a row sit side by side in each uuid index, so the slice's
	 * pages of it are read once for all the copies, not once a copy */
	for (size_t i = 0; s == ANTT_OK && i < n; i++) {
		/* after the units (audited by the triggers), the rest with its history */
		sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_TRIGGER, i == 0, NULL);
		for (sqlite3_int64 lo = 0; s == ANTT_OK && lo < v[last[i]]; lo += DEMO_SLICE) {
			for (int k = 2; s == ANTT_OK && k <= copies; k++) {
				int rc;

				sqlite3_bind_int(st[i], 1, k);
				for (int j = 0; j < 5; j++)   /* copy k's ids follow copy k-1's */
					sqlite3_bind_int64(st[i], 2 + j, v[j] * (k - 1));
				sqlite3_bind_int64(st[i], 7, v[5]);
				sqlite3_bind_int64(st[i], 8, lo);
				/* never past the original: the copies made follow it */
				sqlite3_bind_int64(st[i], 9, lo + DEMO_SLICE < v[last[i]] ? lo + DEMO_SLICE : v[last[i]]);
				if ((rc = sqlite3_step(st[i])) != SQLITE_DONE)
					s = db_fail(db, rc, err, "nhân bản dữ liệu mẫu");
				sqlite3_reset(st[i]);
			}
		}
	}
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
	for (size_t i = 0; i < n; i++)
		sqlite3_finalize(st[i]);
	/* on an error the caller rolls back, and the indexes with it */
	if (s == ANTT_OK)
		s = indexes_make(db, &idx, err);
	index_plan_free(&idx);
	return s;
}
