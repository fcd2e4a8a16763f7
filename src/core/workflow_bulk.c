/* The season's volume: submit or approve every complete form below a unit
 * in one transaction, counting what was done and what was left and why. */
#include "workflow.h"
#include "assess.h"
#include "auth.h"
#include "num.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *assess_bulk_reason(assess_bulk_kind k)
{
	switch (k) {
	case BULK_DONE:           return "đã làm";
	case BULK_NOT_REGISTERED: return "chưa đăng ký";
	case BULK_EXCLUDED:       return "không thuộc diện đánh giá";
	case BULK_INCOMPLETE:     return "chưa đủ thông tin để kết luận (còn tiêu chí chưa trả lời, hoặc xã còn chờ "
	                                 "quyết định công nhận các đơn vị của mình)";
	case BULK_WAITING:        return "đã trình, đang chờ lãnh đạo duyệt";
	case BULK_APPROVED:       return "đã duyệt";
	case BULK_NOT_SUBMITTED:  return "chưa trình lãnh đạo";
	default:                  return "";
	}
}

void assess_bulk_free(assess_bulk *b)
{
	for (int k = 0; k < BULK_COUNT; k++) {
		free(b->codes[k]);
		b->codes[k] = NULL;
		b->len[k] = b->room[k] = 0;
	}
}

/* Append code to the comma-separated list of its kind (its length kept:
 * a province's 30,000 units were each a strlen of the list so far). */
static antt_status note(assess_bulk *b, assess_bulk_kind k, const char *code)
{
	size_t old = b->len[k], add = strlen(code) + (old ? 2 : 0);
	char *g = grow_bytes(b->codes[k], &b->room[k], old + add + 1);

	if (!g)
		return ANTT_ERR_NOMEM;
	snprintf(g + old, add + 1, "%s%s", old ? ", " : "", code);
	b->codes[k] = g;
	b->len[k] = old + add;
	b->n[k]++;
	return ANTT_OK;
}

/* What one unit's assessment is, for the step wanted. */
static assess_bulk_kind classify(int approve, int excluded, const char *status, const char *verdict)
{
	if (excluded)
		return BULK_EXCLUDED;
	if (!status)
		return BULK_NOT_REGISTERED;
	if (!strcmp(status, "approved"))
		return BULK_APPROVED;
	if (!strcmp(status, "submitted"))
		return approve ? (strcmp(verdict, "missing") ? BULK_DONE : BULK_INCOMPLETE) : BULK_WAITING;
	if (approve)
		return BULK_NOT_SUBMITTED;
	return strcmp(verdict, "missing") ? BULK_DONE : BULK_INCOMPLETE;
}

static antt_status bulk(antt_db *db, const char *code, int year, int approve, assess_bulk *out, antt_err *err)
{
	sqlite3_stmt *st = NULL, *up = NULL;
	antt_status s;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((s = auth_require(db, approve ? CAN_REVIEW : CAN_ENTER, approve ? "duyệt" : "trình duyệt", err)) != ANTT_OK)
		return s;
	if ((s = num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err)) != ANTT_OK)
		return s;
	{
		unit_row u;
		if ((s = unit_get(db, code, &u, err)) != ANTT_OK)
			return s;
	}
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	s = db_prepare(db,
		"WITH RECURSIVE below(id) AS (SELECT id FROM units WHERE code = ?1"
		"  UNION ALL SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id)"
		" SELECT u.code, u.excluded, a.id, a.status, a.verdict FROM below b JOIN units u ON u.id = b.id"
		" JOIN unit_types t ON t.code = u.type AND t.assessed"
		" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?2"
		" WHERE " UNIT_IN_YEAR("u", "?2") " ORDER BY u.code", &st, err);
	if (s == ANTT_OK)
		s = db_prepare(db, "UPDATE assessments SET status = ?1, reason = '', rev = rev + 1, updated_by = ?2,"
			" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?3", &up, err);
	if (s != ANTT_OK)
		goto out;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(up, 1, approve ? "approved" : "submitted", -1, SQLITE_STATIC);
	sqlite3_bind_text(up, 2, db->user, -1, SQLITE_STATIC);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(st, 3), *verdict = (const char *)sqlite3_column_text(st, 4);
		assess_bulk_kind k = classify(approve, sqlite3_column_int(st, 1), status, verdict);

		if (k == BULK_DONE) {
			sqlite3_bind_int64(up, 3, sqlite3_column_int64(st, 2));
			if ((rc = sqlite3_step(up)) != SQLITE_DONE) {
				s = db_fail(db, rc, err, approve ? "duyệt" : "trình duyệt");
				break;
			}
			sqlite3_reset(up);
		}
		s = note(out, k, (const char *)sqlite3_column_text(st, 0));
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc các phiếu");
out:
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	if (s == ANTT_OK)
		s = db_commit(db, err);
	else
		db_rollback(db);
	if (s != ANTT_OK) {
		assess_bulk_free(out);
		memset(out, 0, sizeof(*out));
	}
	return s;
}

antt_status assess_submit_under(antt_db *db, const char *code, int year, assess_bulk *out, antt_err *err)
{
	return bulk(db, code, year, 0, out, err);
}

antt_status assess_approve_under(antt_db *db, const char *code, int year, assess_bulk *out, antt_err *err)
{
	return bulk(db, code, year, 1, out, err);
}
