/* The rows of a package new here — a province brings 30,000 forms and
 * 370,000 answers, nearly all new on a national machine — added in a few
 * statements each instead of several per row, with the checks merge_rows
 * makes row by row (merge.c): the unit in the signer's scope, the
 * criteria set, an approval the signer may not give withheld, a base
 * newer than the row kept, a uuid used twice refused in words. */
#include "merge_int.h"
#include "content.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new form's or answer's uuid is its own: one used here for another
 * unit's row, or twice among the package's new rows (only a forged
 * package or a broken sender does either), failed the insert with
 * SQLite's words ("UNIQUE constraint failed"). Asked only once an insert
 * failed on a constraint, so a good package pays nothing. in_pkg: the new
 * rows sharing a uuid, by uuid (the first two are a pair); in_main: a new
 * row whose uuid is another row's here (not its own copy, put in by an
 * earlier slice of this import). Each row: unit id, year,
 * uuid, and for in_main the other's unit id and year. what: "phiếu" or
 * "một câu trả lời của phiếu". */
static antt_status clash_words(merger *m, const char *in_pkg, const char *in_main, const char *what, antt_status s)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 unit[2];
	int year[2];
	char uuid[80] = "", a[300], b[300];

	if ((sqlite3_extended_errcode(m->db->sql) & 0xff) != SQLITE_CONSTRAINT)
		return s;
	for (int q = 0; q < 2; q++) {
		int n = 0;

		if (sqlite3_prepare_v2(m->db->sql, q ? in_main : in_pkg, -1, &st, NULL) != SQLITE_OK)
			return s;
		while (n < 2 && sqlite3_step(st) == SQLITE_ROW) {
			unit[n] = sqlite3_column_int64(st, 0);
			year[n] = sqlite3_column_int(st, 1);
			snprintf(uuid, sizeof(uuid), "%s", merge_col(st, 2) ? merge_col(st, 2) : "");
			if (q) {   /* the other is here */
				unit[1] = sqlite3_column_int64(st, 3);
				year[1] = sqlite3_column_int(st, 4);
				n = 2;
			} else
				n++;
		}
		sqlite3_finalize(st);
		st = NULL;
		if (n < 2)
			continue;
		merge_unit_words(m, unit[0], a, sizeof(a));
		merge_unit_words(m, unit[1], b, sizeof(b));
		return err_set(m->err, ANTT_ERR_INVALID, "gói ghi %s năm %d của đơn vị %s với mã \"%s\", nhưng %s mã đó cho "
			"%s năm %d của đơn vị %s. Mỗi phiếu, mỗi câu trả lời có một mã riêng: gói bị sửa hoặc máy gửi bị lỗi. "
			"Không nhập gì từ gói này; cơ sở dữ liệu không bị thay đổi. Hãy báo máy gửi kiểm tra lại gói.",
			what, year[0], a, uuid, q ? "máy này đã dùng" : "gói cũng ghi", what, year[1], b);
	}
	return s;
}

/* The rows new here (ROWS: a query giving unit id and year; UNIT: its
 * unit id column) must all be in the signer's scope (temp.import_sub,
 * merge.c): the first that is not refuses the package, as check_unit_of
 * would row by row. */
static antt_status new_rows_in_scope(merger *m, const char *rows, const char *unit, const char *what)
{
	sqlite3_stmt *st = NULL;
	char *q;
	antt_status s;
	int rc;

	if (m->t->whole)
		return ANTT_OK;
	if (!(q = sqlite3_mprintf("%s WHERE %s NOT IN (SELECT id FROM temp.import_sub) LIMIT 1", rows, unit)))
		return ANTT_ERR_NOMEM;
	s = db_prepare(m->db, q, &st, m->err);
	sqlite3_free(q);
	if (s != ANTT_OK)
		return s;
	rc = sqlite3_step(st);
	s = rc == SQLITE_ROW ? merge_check_unit_of(m, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1))
		: rc == SQLITE_DONE ? ANTT_OK : db_fail(m->db, rc, m->err, what);
	sqlite3_finalize(st);
	return s;
}

/* The assessments new here: what merge_rows would decide for each is
 * "add", so they go in a few statements instead of two per row (a
 * province brings 30,000). The checks stay: each one's unit in the
 * signer's scope, and its criteria set one its unit's type and year are
 * assessed by (checked once for each set, type and year); an approval
 * the signer may not give is withheld as merge_rows does; a base newer
 * than the row is kept. */
#define MERGE_NEW_A_BOUND "SELECT max(prow) FROM (SELECT prow FROM temp.merge_new_a WHERE prow >= ?1 ORDER BY prow LIMIT ?2)"

antt_status merge_add_assessments(merger *m)
{
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;
	int rc;

	if (sqlite3_exec(m->db->sql, "CREATE TEMP TABLE IF NOT EXISTS merge_new_a (prow INTEGER PRIMARY KEY,"
		" unit_id INTEGER, status TEXT, reason TEXT, withheld INTEGER, older INTEGER);"
		"DELETE FROM temp.merge_new_a;", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(m->db, sqlite3_errcode(m->db->sql), m->err, "nhập phiếu đánh giá");
	if ((s = db_prepare(m->db, "INSERT INTO temp.merge_new_a SELECT p.rowid, u.id, " EFFECTIVE_STATUS ", "
		EFFECTIVE_REASON ", " WITHHELD ", b.rev IS NOT NULL AND p.rev < b.rev"
		" FROM pkg.assessments p JOIN main.units u ON u.uuid = p.unit_uuid"
		" LEFT JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" LEFT JOIN main.sync_base b ON b.key = p.unit_uuid || '/' || p.year WHERE a.id IS NULL", &st, m->err)) != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, m->t->may_approve);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		return db_fail(m->db, rc, m->err, "nhập phiếu đánh giá");
	if ((s = new_rows_in_scope(m, "SELECT n.unit_id, p.year FROM temp.merge_new_a n"
		" JOIN pkg.assessments p ON p.rowid = n.prow", "n.unit_id", "nhập phiếu đánh giá")) != ANTT_OK)
		return s;
	/* each set once for each unit type and year it is given to */
	if ((s = db_prepare(m->db, "SELECT p.set_sha, EXISTS (SELECT 1 FROM main.criteria_sets WHERE sha256 = p.set_sha),"
		" u.type, p.year, min(u.id) FROM temp.merge_new_a n JOIN pkg.assessments p ON p.rowid = n.prow"
		" JOIN main.units u ON u.id = n.unit_id GROUP BY p.set_sha, u.type, p.year", &st, m->err)) != ANTT_OK)
		return s;
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		s = merge_check_set_of(m, merge_col(st, 0), sqlite3_column_int(st, 1), merge_col(st, 2), sqlite3_column_int(st, 3),
			sqlite3_column_int64(st, 4));
	sqlite3_finalize(st);
	st = NULL;
	if (s != ANTT_OK)
		return s;
	if (rc != SQLITE_DONE)
		return db_fail(m->db, rc, m->err, "nhập phiếu đánh giá");
	if ((s = db_prepare(m->db, "SELECT count(*) FROM temp.merge_new_a WHERE withheld", &st, m->err)) != ANTT_OK)
		return s;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		m->r->withheld += sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(m->db, rc, m->err, "nhập phiếu đánh giá");
	if ((s = sync_slices(m->db, "INSERT INTO assessments (uuid, rev, unit_id, year, criteria_set_id, status, verdict,"
		" detail, reason, registered_at, updated_by) SELECT p.uuid, p.rev, n.unit_id, p.year,"
		" (SELECT id FROM main.criteria_sets WHERE sha256 = p.set_sha), n.status, p.verdict, p.detail, n.reason,"
		" p.registered_at, p.updated_by FROM temp.merge_new_a n JOIN pkg.assessments p ON p.rowid = n.prow"
		" WHERE n.prow BETWEEN ?1 AND ?2 ORDER BY n.prow",
		MERGE_NEW_A_BOUND, &m->r->added[K_ASSESSMENT], m->err, "nhập phiếu đánh giá")) != ANTT_OK)
		return clash_words(m, "SELECT n.unit_id, p.year, p.uuid FROM temp.merge_new_a n JOIN pkg.assessments p"
			" ON p.rowid = n.prow WHERE p.uuid IN (SELECT q.uuid FROM temp.merge_new_a k JOIN pkg.assessments q"
			" ON q.rowid = k.prow GROUP BY q.uuid HAVING count(*) > 1) ORDER BY p.uuid, n.prow",
			"SELECT n.unit_id, p.year, p.uuid, o.unit_id, o.year FROM temp.merge_new_a n JOIN pkg.assessments p"
			" ON p.rowid = n.prow JOIN main.assessments o ON o.uuid = p.uuid"
			" WHERE o.unit_id <> n.unit_id OR o.year <> p.year ORDER BY n.prow LIMIT 1", "phiếu", s);
	if ((s = sync_slices(m->db, "INSERT OR REPLACE INTO sync_base (key, rev, content)"
		" SELECT p.unit_uuid || '/' || p.year, p.rev, " ASSESSMENT_JSON("n.status", "p.set_sha", "n.reason")
		" FROM temp.merge_new_a n JOIN pkg.assessments p ON p.rowid = n.prow WHERE n.prow BETWEEN ?1 AND ?2"
		" AND NOT n.older ORDER BY n.prow", MERGE_NEW_A_BOUND, NULL, m->err, "ghi mốc trao đổi")) != ANTT_OK)
		return s;
	return sqlite3_exec(m->db->sql, "DELETE FROM temp.merge_new_a", NULL, NULL, NULL) == SQLITE_OK ? ANTT_OK
		: db_fail(m->db, sqlite3_errcode(m->db->sql), m->err, "nhập phiếu đánh giá");
}

/* The answers new here, in assessments not approved here before the
 * package: what merge_rows would decide for each is "add" (with no local
 * row there is nothing to compare), so they are added in three statements
 * instead of three per row (a province brings 370,000: the per-row way
 * took twice as long). The checks stay: every one's unit must be in the
 * signer's scope (the first that is not refuses the package, as
 * check_answer would), and a base newer than the row (an old package
 * replayed) is kept, as set_base's caller does. */
#define MERGE_NEW_BOUND "SELECT max(prow) FROM (SELECT prow FROM temp.merge_new WHERE prow >= ?1 ORDER BY prow LIMIT ?2)"

antt_status merge_add_answers(merger *m)
{
	antt_status s;

	if (sqlite3_exec(m->db->sql, "CREATE TEMP TABLE IF NOT EXISTS merge_new (prow INTEGER PRIMARY KEY, aid INTEGER, older INTEGER);"
		"DELETE FROM temp.merge_new;"
		"INSERT INTO temp.merge_new SELECT p.rowid, a.id, b.rev IS NOT NULL AND p.rev < b.rev"
		" FROM pkg.answers p JOIN main.units u ON u.uuid = p.unit_uuid"
		" JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" LEFT JOIN main.answers x ON x.assessment_id = a.id AND x.criterion = p.criterion"
		" LEFT JOIN main.sync_base b ON b.key = p.unit_uuid || '/' || p.year || '/' || p.criterion"
		" WHERE x.id IS NULL AND a.id NOT IN (SELECT id FROM temp.merge_locked)", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(m->db, sqlite3_errcode(m->db->sql), m->err, "nhập câu trả lời");
	if ((s = new_rows_in_scope(m, "SELECT a.unit_id, a.year FROM temp.merge_new n"
		" JOIN main.assessments a ON a.id = n.aid", "a.unit_id", "nhập câu trả lời")) != ANTT_OK)
		return s;
	if ((s = sync_slices(m->db, "INSERT INTO answers (uuid, rev, assessment_id, criterion, value, exception, note, updated_by)"
		" SELECT p.uuid, p.rev, n.aid, p.criterion, p.value, p.exception, p.note, p.updated_by"
		" FROM temp.merge_new n JOIN pkg.answers p ON p.rowid = n.prow WHERE n.prow BETWEEN ?1 AND ?2 ORDER BY n.prow",
		MERGE_NEW_BOUND, &m->r->added[K_ANSWER], m->err, "nhập câu trả lời")) != ANTT_OK)
		return clash_words(m, "SELECT a.unit_id, a.year, p.uuid FROM temp.merge_new n JOIN pkg.answers p"
			" ON p.rowid = n.prow JOIN main.assessments a ON a.id = n.aid WHERE p.uuid IN (SELECT q.uuid"
			" FROM temp.merge_new k JOIN pkg.answers q ON q.rowid = k.prow GROUP BY q.uuid HAVING count(*) > 1)"
			" ORDER BY p.uuid, n.prow",
			"SELECT a.unit_id, a.year, p.uuid, o.unit_id, o.year FROM temp.merge_new n JOIN pkg.answers p"
			" ON p.rowid = n.prow JOIN main.assessments a ON a.id = n.aid JOIN main.answers x ON x.uuid = p.uuid"
			" JOIN main.assessments o ON o.id = x.assessment_id WHERE x.assessment_id <> n.aid"
			" OR x.criterion <> p.criterion ORDER BY n.prow LIMIT 1", "một câu trả lời của phiếu", s);
	if ((s = sync_slices(m->db, "INSERT OR REPLACE INTO sync_base (key, rev, content)"
		" SELECT p.unit_uuid || '/' || p.year || '/' || p.criterion, p.rev, " ANSWER_JSON("p.value", "p.exception", "p.note")
		" FROM temp.merge_new n JOIN pkg.answers p ON p.rowid = n.prow WHERE n.prow BETWEEN ?1 AND ?2"
		" AND NOT n.older ORDER BY n.prow", MERGE_NEW_BOUND, NULL, m->err, "ghi mốc trao đổi")) != ANTT_OK)
		return s;
	return sqlite3_exec(m->db->sql, "DELETE FROM temp.merge_new", NULL, NULL, NULL) == SQLITE_OK ? ANTT_OK
		: db_fail(m->db, sqlite3_errcode(m->db->sql), m->err, "nhập câu trả lời");
}

antt_status sync_slices(antt_db *db, const char *sql, const char *bound_sql, long long *changes, antt_err *err,
                        const char *what)
{
	sqlite3_stmt *st = NULL, *bound = NULL;
	sqlite3_int64 lo = INT64_MIN, hi;
	antt_status s;
	int rc;

	if ((s = db_prepare(db, bound_sql, &bound, err)) != ANTT_OK || (s = db_prepare(db, sql, &st, err)) != ANTT_OK)
		goto out;
	/* each slice ends at the key SYNC_SLICE rows on (keys come from the
	 * package: they may be anywhere in 64 bits, so no fixed steps) */
	for (;;) {
		sqlite3_bind_int64(bound, 1, lo);
		sqlite3_bind_int(bound, 2, SYNC_SLICE);
		if ((rc = sqlite3_step(bound)) != SQLITE_ROW || sqlite3_column_type(bound, 0) == SQLITE_NULL)
			break;
		hi = sqlite3_column_int64(bound, 0);
		sqlite3_reset(bound);
		sqlite3_bind_int64(st, 1, lo);
		sqlite3_bind_int64(st, 2, hi);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE && changes)
			*changes += sqlite3_changes(db->sql);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE || hi == INT64_MAX)
			break;
		lo = hi + 1;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		s = db_fail(db, rc, err, what);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(bound);
	return s;
}
