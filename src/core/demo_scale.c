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
 * digits and version 8 (RFC 9562's own-layout UUIDs) where the demo's
 * random ones say 4, so a copy meets no original, and no other copy of its
 * row (two copies of different rows would need them to agree in the 106
 * random bits kept; the uuid's UNIQUE would stop the demo). The first
 * eight digits stay the original's, random: with the copy number there
 * instead, 29 of 30 provinces sat in 29 narrow runs of every uuid index,
 * and a package imported into the copies met only the one province spread
 * across the index (22.7 s at 30×, where 30 real provinces in a row took
 * 28 to 49 s each: bench/import_many.sh). */
/* Rows copied per statement: a slice of the largest rows (the audit's) is
 * about a megabyte. */
#define DEMO_SLICE 4096

#define COPY_UUID(col) "substr(" col ", 1, 9) || printf('%04x', ?1) || '-8' || substr(" col ", 16)"

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

antt_status demo_copies_tx(antt_db *db, int copies, antt_err *err)
{
	sqlite3_stmt *st[sizeof(copy_sql) / sizeof(*copy_sql)] = { NULL };
	const size_t n = sizeof(copy_sql) / sizeof(*copy_sql);
	/* the table each statement reads: its last id in v[] */
	static const int last[] = { 0, 1, 2, 3, 4, 6 };
	sqlite3_int64 v[7];
	antt_status s;

	if (copies < 2)
		return ANTT_OK;
	if (copies > DEMO_COPIES_MAX)   /* the number is four hex digits of the uuid */
		return err_set(err, ANTT_ERR_INVALID, "số bản của dữ liệu mẫu quá lớn: nhiều nhất %d", DEMO_COPIES_MAX);
	if ((s = extents(db, v, err)) != ANTT_OK)
		return s;
	for (size_t i = 0; s == ANTT_OK && i < n; i++)
		s = db_prepare(db, copy_sql[i], &st[i], err);
	for (int k = 2; s == ANTT_OK && k <= copies; k++) {
		for (size_t i = 0; s == ANTT_OK && i < n; i++) {
			int rc;

			/* after the units (audited by the triggers), the rest with its history */
			sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_TRIGGER, i == 0, NULL);
			for (sqlite3_int64 lo = 0; s == ANTT_OK && lo < v[last[i]]; lo += DEMO_SLICE) {
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
	return s;
}
