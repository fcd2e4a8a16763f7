/* Recognitions (công nhận) from a package, after its units and assessments
 * are merged. A recognition is a leader-level fact (a People's Committee
 * decision), so one from another machine is taken only from a signer
 * enrolled with the right to approve, for a unit in its scope, and only for
 * an assessment approved here with verdict đạt; anything else refuses the
 * whole package naming the unit. Withdrawal is final: a withdrawal in the
 * package withdraws the recognition here (or is kept as a withdrawn row when
 * it was never in force here, db/011), unless this machine recorded it
 * itself (its own decisions, like its own approvals, are never undone by a
 * package; the import says so), and a recognition withdrawn here
 * stays withdrawn whatever a package says (an older one replayed), so the
 * order packages arrive in does not matter. Rows match by uuid; a decision
 * by uuid or by its number, authority and date (recorded on both machines). */
#include "sync.h"
#include "sync_int.h"
#include "workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* withdrawals first: a package that withdraws a unit's recognition and
 * records a new one for it is taken in that order */
static const char *const rows_q =
	"SELECT r.uuid, r.year, r.withdrawn_at, r.withdrawn_by, r.reason, r.updated_by,"
	"  u.id, u.code || ' (' || u.name || ')', a.id, a.status, a.verdict, l.id, l.withdrawn_at IS NOT NULL,"
	"  d.uuid, d.number, d.date, d.authority, d.signer, d.updated_by, l.assessment_id,"
	"  EXISTS (SELECT 1 FROM main.audit o WHERE o.scope = (SELECT uuid FROM main.assessments WHERE id = l.assessment_id)"
	"   AND o.tbl = 'recognitions' AND o.row_uuid = l.uuid"
	"   AND o.action = 'insert' AND o.origin IS NULL)"
	" FROM pkg.recognitions r JOIN pkg.decisions d ON d.uuid = r.decision_uuid"
	" LEFT JOIN main.units u ON u.uuid = r.unit_uuid"
	" LEFT JOIN main.assessments a ON a.unit_id = u.id AND a.year = r.year"
	" LEFT JOIN main.recognitions l ON l.uuid = r.uuid"
	" ORDER BY r.withdrawn_at IS NULL, u.code, r.year, r.uuid";
enum { C_UUID, C_YEAR, C_WITHDRAWN_AT, C_WITHDRAWN_BY, C_REASON, C_BY, C_UNIT, C_UNIT_WORDS, C_AID, C_STATUS,
       C_VERDICT, C_LOCAL, C_LOCAL_WITHDRAWN, C_DUUID, C_NUMBER, C_DATE, C_AUTHORITY, C_SIGNER, C_DBY, C_LOCAL_AID,
       C_OWN };

typedef struct {
	antt_db *db;
	const sync_trust *t;
	sync_result *r;
	antt_err *err;
	sqlite3_stmt *row, *up, *other, *decision, *add_decision, *add, *add_withdrawn, *withdraw;
	sqlite3_int64 in_unit;   /* the last unit found in the signer's scope (0: none yet) */
} rmerge;

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

static antt_status refuse(rmerge *m, const char *why)
{
	return err_set(m->err, ANTT_ERR_DENIED, "gói ghi quyết định công nhận %s năm %d (quyết định số %s), %s. Không "
		"nhập gì từ gói này; cơ sở dữ liệu không bị thay đổi.", col(m->row, C_UNIT_WORDS),
		sqlite3_column_int(m->row, C_YEAR), col(m->row, C_NUMBER), why);
}

/* The signer may record or withdraw this unit's recognition. */
static antt_status may_decide(rmerge *m)
{
	char why[900];
	int in = m->t->whole, here = sqlite3_column_type(m->row, C_UNIT) != SQLITE_NULL;   /* before its value */
	sqlite3_int64 unit = sqlite3_column_int64(m->row, C_UNIT);

	/* the rows come unit by unit (a unit's years together): its walk up
	 * once, not once a year; no unit moves while they are read */
	if (!in && m->t->root_id && here && m->in_unit && unit == m->in_unit)
		in = 1;
	if (!in && m->t->root_id) {
		sqlite3_reset(m->up);
		sqlite3_bind_int64(m->up, 1, unit);
		sqlite3_bind_int64(m->up, 2, m->t->root_id);
		in = sqlite3_step(m->up) == SQLITE_ROW && sqlite3_column_int(m->up, 0);
		sqlite3_reset(m->up);
		if (in && here)
			m->in_unit = unit;
	}
	if (!in) {
		snprintf(why, sizeof(why), "ngoài phạm vi mà máy gửi \"%s\" được ghi nhận ở máy này (%s và các đơn vị "
			"trực thuộc)", m->t->origin, m->t->scope);
		return refuse(m, why);
	}
	if (!m->t->may_approve) {
		snprintf(why, sizeof(why), "nhưng máy gửi \"%s\" không được ghi nhận quyền gửi phiếu đã duyệt ở máy này: "
			"công nhận là việc của lãnh đạo. Nếu máy gửi đúng là máy của lãnh đạo có thẩm quyền, quản trị viên máy "
			"này cần ghi nhận lại máy gửi với quyền duyệt", m->t->origin);
		return refuse(m, why);
	}
	return ANTT_OK;
}

/* A refusal over a row here that holds what the package names: WORDS (an
 * SQL of ?1 giving the words that say whose it is; FALLBACK when they
 * cannot be read), so that the office can see which unit's row it is. */
static antt_status refuse_held(rmerge *m, const char *words, sqlite3_int64 id, const char *fallback)
{
	sqlite3_stmt *st = NULL;
	char why[900];

	snprintf(why, sizeof(why), "%s", fallback);
	if (sqlite3_prepare_v2(m->db->sql, words, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(why, sizeof(why), "%.600s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	snprintf(why + strlen(why), sizeof(why) - strlen(why), ": gói đã bị sửa, hoặc một máy khác đã gửi mã đó trước. Hãy "
		"báo lãnh đạo kiểm tra hai đơn vị ấy");
	return refuse(m, why);
}

/* A recognition known here (by its uuid) is the one of its form here: a
 * package may not name it under another unit or year. The signer's scope
 * is checked on the unit the package names, so without this a signer of
 * one commune could withdraw a recognition of another by giving a row of
 * its own the other's uuid. */
static antt_status same_form(rmerge *m)
{
	if (sqlite3_column_type(m->row, C_LOCAL) == SQLITE_NULL)
		return ANTT_OK;
	if (sqlite3_column_type(m->row, C_AID) != SQLITE_NULL &&
	    sqlite3_column_int64(m->row, C_AID) == sqlite3_column_int64(m->row, C_LOCAL_AID))
		return ANTT_OK;
	return refuse_held(m, "SELECT 'nhưng mã của công nhận đó ở máy này là công nhận của ' || u.code || ' (' || u.name || ')"
		" năm ' || a.year FROM main.assessments a JOIN main.units u ON u.id = a.unit_id WHERE a.id = ?1",
		sqlite3_column_int64(m->row, C_LOCAL_AID), "nhưng mã của công nhận đó ở máy này là công nhận của đơn vị hay năm khác");
}

static antt_status step(rmerge *m, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ANTT_OK : db_fail(m->db, rc, m->err, what);
}

static antt_status decision_id(rmerge *m, sqlite3_int64 *id);

/* A withdrawal: of a recognition in force here, or kept as a withdrawn row
 * (the unit's year registered here) so that no package can bring it back. */
static antt_status take_withdrawal(rmerge *m)
{
	sqlite3_int64 did;
	antt_status s;

	if (sqlite3_column_int(m->row, C_LOCAL_WITHDRAWN) ||
	    (sqlite3_column_type(m->row, C_LOCAL) == SQLITE_NULL && sqlite3_column_type(m->row, C_AID) == SQLITE_NULL))
		return ANTT_OK;   /* withdrawn already, or nothing here to keep it on */
	if ((s = may_decide(m)) != ANTT_OK)
		return s;
	if (sqlite3_column_int(m->row, C_OWN)) {
		m->r->own_kept++;
		return ANTT_OK;
	}
	if (sqlite3_column_type(m->row, C_LOCAL) == SQLITE_NULL) {
		if ((s = decision_id(m, &did)) != ANTT_OK)
			return s;
		sqlite3_bind_value(m->add_withdrawn, 1, sqlite3_column_value(m->row, C_UUID));
		sqlite3_bind_int64(m->add_withdrawn, 2, sqlite3_column_int64(m->row, C_AID));
		sqlite3_bind_int64(m->add_withdrawn, 3, did);
		for (int i = 0; i < 4; i++)
			sqlite3_bind_value(m->add_withdrawn, i + 4, sqlite3_column_value(m->row, C_WITHDRAWN_AT + i));
		return step(m, m->add_withdrawn, "ghi công nhận đã rút");
	}
	sqlite3_bind_value(m->withdraw, 1, sqlite3_column_value(m->row, C_WITHDRAWN_AT));
	sqlite3_bind_value(m->withdraw, 2, sqlite3_column_value(m->row, C_WITHDRAWN_BY));
	sqlite3_bind_value(m->withdraw, 3, sqlite3_column_value(m->row, C_REASON));
	sqlite3_bind_value(m->withdraw, 4, sqlite3_column_value(m->row, C_BY));
	sqlite3_bind_value(m->withdraw, 5, sqlite3_column_value(m->row, C_LOCAL));
	if ((s = step(m, m->withdraw, "rút công nhận")) == ANTT_OK)
		m->r->unrecognised++;
	return s;
}

/* Which units a decision here recognises, in words for a message: the
 * first recorded and how many more (sqlite3_free it; NULL when it cannot
 * be read). */
static char *holders_of(antt_db *db, sqlite3_int64 decision)
{
	sqlite3_stmt *st = NULL;
	char *words = NULL;

	if (sqlite3_prepare_v2(db->sql, "SELECT coalesce((SELECT 'công nhận cho ' || u.code || ' (' || u.name || ')'"
		"  FROM main.recognitions r JOIN main.assessments a ON a.id = r.assessment_id JOIN main.units u ON u.id = a.unit_id"
		"  WHERE r.decision_id = ?1 ORDER BY r.id LIMIT 1)"
		" || (SELECT iif(count(*) > 1, ' và ' || (count(*) - 1) || ' đơn vị khác', '') FROM main.recognitions"
		"  WHERE decision_id = ?1), 'chưa công nhận đơn vị nào')", -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, decision);
	if (sqlite3_step(st) == SQLITE_ROW)
		words = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
out:
	sqlite3_finalize(st);
	return words;
}

/* The decision's row here: found by uuid or by number, authority and date,
 * or added with the package's uuid. One found by uuid must say the same:
 * a recognition cannot be hung on another decision known here (say the
 * district's) by naming its uuid. And one decision has one signer, as
 * `recognise` holds here (recognise.c): a package naming another signer
 * than the row here, none where it has one or one where it has none, is
 * refused, whoever came first — else a commune recording its own unit
 * under a neighbour's coming decision number (numbers run in order) would
 * set the signer the office prints for the neighbour's units, and the
 * neighbour's genuine package would take it. */
static antt_status decision_id(rmerge *m, sqlite3_int64 *id)
{
	antt_status s;
	int rc;

	for (int i = 0; i < 5; i++)
		sqlite3_bind_value(m->decision, i + 1, sqlite3_column_value(m->row, C_DUUID + i));
	rc = sqlite3_step(m->decision);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(m->decision, 0) : 0;
	if (rc == SQLITE_ROW && !sqlite3_column_int(m->decision, 1)) {
		char why[900];
		snprintf(why, sizeof(why), "nhưng mã của quyết định đó ở máy này là của quyết định số %s: gói đã bị sửa. "
			"Hãy xin máy gửi ghi lại gói", (const char *)sqlite3_column_text(m->decision, 2));
		sqlite3_reset(m->decision);
		return refuse(m, why);
	}
	if (rc == SQLITE_ROW && sqlite3_column_int(m->decision, 3)) {
		char why[1400], *signer = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(m->decision, 4));
		char *holders = NULL;

		sqlite3_reset(m->decision);
		holders = holders_of(m->db, *id);
		snprintf(why, sizeof(why), "người ký \"%.200s\", nhưng quyết định đó đã được ghi ở máy này với người ký "
			"\"%.200s\" (%.200s). Một quyết định chỉ có một người ký: một trong hai bản ghi sai hoặc đã bị giả. "
			"Hãy đối chiếu bản giấy của quyết định; nếu gói ghi sai, xin máy gửi sửa rồi ghi lại gói",
			*col(m->row, C_SIGNER) ? col(m->row, C_SIGNER) : "(không ghi)", signer && *signer ? signer : "(không ghi)",
			holders ? holders : "công nhận cho đơn vị nào không đọc được");
		sqlite3_free(signer);
		sqlite3_free(holders);
		return refuse(m, why);
	}
	sqlite3_reset(m->decision);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(m->db, rc, m->err, "tìm quyết định");
	if (*id)
		return ANTT_OK;
	for (int i = 0; i < 6; i++)
		sqlite3_bind_value(m->add_decision, i + 1, sqlite3_column_value(m->row, C_DUUID + i));
	if ((s = step(m, m->add_decision, "ghi quyết định")) == ANTT_OK)
		*id = sqlite3_last_insert_rowid(m->db->sql);
	return s;
}

/* A recognition in force in the package. */
static antt_status take_recognition(rmerge *m)
{
	const char *status = col(m->row, C_STATUS), *verdict = col(m->row, C_VERDICT);
	int year = sqlite3_column_int(m->row, C_YEAR), dy = atoi(col(m->row, C_DATE));
	sqlite3_int64 did;
	char why[900];
	antt_status s;
	int rc;

	if (sqlite3_column_type(m->row, C_LOCAL) != SQLITE_NULL) {
		/* known here: the same, or withdrawn here, which is final */
		m->r->stays_withdrawn += sqlite3_column_int(m->row, C_LOCAL_WITHDRAWN);
		return ANTT_OK;
	}
	if (sqlite3_column_type(m->row, C_UNIT) == SQLITE_NULL)
		return err_set(m->err, ANTT_ERR_INVALID, "gói ghi quyết định công nhận (số %s) năm %d cho một đơn vị mà cả "
			"gói và máy này đều không có: gói bị hỏng hoặc đã bị sửa. Không nhập gì từ gói này; cơ sở dữ liệu không "
			"bị thay đổi.", col(m->row, C_NUMBER), year);
	if ((s = may_decide(m)) != ANTT_OK)
		return s;
	if (sqlite3_column_type(m->row, C_AID) == SQLITE_NULL)
		return refuse(m, "nhưng đơn vị này chưa đăng ký năm đó ở máy này");
	if (strcmp(status, "approved")) {
		snprintf(why, sizeof(why), "nhưng phiếu của đơn vị ở máy này chưa được duyệt (đang ở trạng thái \"%s\"); "
			"chỉ phiếu đã được lãnh đạo duyệt, kết luận đạt, mới được công nhận", assess_status_name(status));
		return refuse(m, why);
	}
	if (strcmp(verdict, "pass")) {
		snprintf(why, sizeof(why), "nhưng ở máy này kết luận của phiếu là \"%s\"; chỉ đơn vị đạt mới được công nhận",
			!strcmp(verdict, "fail") ? "chưa đạt" : "chưa đủ thông tin");
		return refuse(m, why);
	}
	if (dy != year && dy != year + 1) {
		snprintf(why, sizeof(why), "nhưng quyết định ngày %s không thể công nhận kết quả năm %d", col(m->row, C_DATE), year);
		return refuse(m, why);
	}
	/* another recognition in force here for the unit's year: the same
	 * decision recorded on both machines is one fact; another is refused */
	sqlite3_bind_int64(m->other, 1, sqlite3_column_int64(m->row, C_AID));
	for (int i = 0; i < 3; i++)
		sqlite3_bind_value(m->other, i + 2, sqlite3_column_value(m->row, C_NUMBER + i));
	rc = sqlite3_step(m->other);
	if (rc == SQLITE_ROW) {
		int same = sqlite3_column_int(m->other, 1);
		snprintf(why, sizeof(why), "nhưng ở máy này đơn vị đã được công nhận năm đó theo quyết định số %s. Nếu "
			"quyết định ở máy này sai, hãy rút công nhận đó rồi nhập lại gói", col(m->other, 0));
		sqlite3_reset(m->other);
		if (same)
			return ANTT_OK;
		return refuse(m, why);
	}
	sqlite3_reset(m->other);
	if (rc != SQLITE_DONE)
		return db_fail(m->db, rc, m->err, "đọc công nhận");
	if ((s = decision_id(m, &did)) != ANTT_OK)
		return s;
	sqlite3_bind_value(m->add, 1, sqlite3_column_value(m->row, C_UUID));
	sqlite3_bind_int64(m->add, 2, sqlite3_column_int64(m->row, C_AID));
	sqlite3_bind_int64(m->add, 3, did);
	sqlite3_bind_value(m->add, 4, sqlite3_column_value(m->row, C_BY));
	if ((s = step(m, m->add, "ghi công nhận")) == ANTT_OK)
		m->r->recognised++;
	return s;
}

antt_status sync_merge_recognitions(antt_db *db, const sync_trust *t, sync_result *r, antt_err *err)
{
	rmerge m = { .db = db, .t = t, .r = r, .err = err };
	antt_status s;
	int rc = SQLITE_DONE;

	if ((s = db_prepare(db, rows_q, &m.row, err)) != ANTT_OK ||
	    (s = db_prepare(db, "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT u.parent_id FROM main.units u"
		" JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL) SELECT count(*) FROM up WHERE id = ?2", &m.up, err)) != ANTT_OK ||
	    (s = db_prepare(db, "SELECT d.number || ' ngày ' || strftime('%d/%m/%Y', d.date) || ' của ' || d.authority,"
		" d.number = ?2 AND d.date = ?3 AND d.authority = ?4 FROM main.recognitions o JOIN main.decisions d"
		" ON d.id = o.decision_id WHERE o.assessment_id = ?1 AND o.withdrawn_at IS NULL", &m.other, err)) != ANTT_OK ||
	    (s = db_prepare(db, "SELECT id, number = ?2 AND date = ?3 AND authority = ?4,"
		" number || ' ngày ' || strftime('%d/%m/%Y', date) || ' của ' || authority,"
		" signer IS NOT coalesce(?5, ''), signer"
		" FROM main.decisions WHERE uuid = ?1 OR (number = ?2 AND date = ?3 AND authority = ?4)"
		" ORDER BY uuid = ?1 DESC LIMIT 1", &m.decision, err)) != ANTT_OK ||
	    (s = db_prepare(db, "INSERT INTO main.decisions (uuid, number, date, authority, signer, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, ''))", &m.add_decision, err)) != ANTT_OK ||
	    (s = db_prepare(db, "INSERT INTO main.recognitions (uuid, assessment_id, decision_id, updated_by)"
		" VALUES (?1, ?2, ?3, coalesce(?4, ''))", &m.add, err)) != ANTT_OK ||
	    (s = db_prepare(db, "INSERT INTO main.recognitions (uuid, assessment_id, decision_id, withdrawn_at, withdrawn_by,"
		" reason, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, ''))", &m.add_withdrawn, err)) != ANTT_OK ||
	    (s = db_prepare(db, "UPDATE main.recognitions SET withdrawn_at = ?1, withdrawn_by = ?2, reason = ?3,"
		" updated_by = coalesce(?4, ''), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
		" WHERE id = ?5 AND withdrawn_at IS NULL", &m.withdraw, err)) != ANTT_OK)
		goto out;
	while (s == ANTT_OK && (rc = sqlite3_step(m.row)) == SQLITE_ROW)
		if ((s = same_form(&m)) == ANTT_OK)
			s = sqlite3_column_type(m.row, C_WITHDRAWN_AT) != SQLITE_NULL ? take_withdrawal(&m) : take_recognition(&m);
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc công nhận trong gói");
out:
	sqlite3_finalize(m.row);
	sqlite3_finalize(m.up);
	sqlite3_finalize(m.other);
	sqlite3_finalize(m.decision);
	sqlite3_finalize(m.add_decision);
	sqlite3_finalize(m.add);
	sqlite3_finalize(m.add_withdrawn);
	sqlite3_finalize(m.withdraw);
	return s;
}
