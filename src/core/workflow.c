/* The workflow of one assessment: đang nhập -> đã trình -> đã duyệt or trả
 * lại, and reopening an approved one; each step checks the right, is
 * audited and runs in its own transaction. */
#include "workflow.h"
#include "assess.h"
#include "auth.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *assess_status_name(const char *s)
{
	if (!s || !*s)                return "chưa đăng ký";
	if (!strcmp(s, "registered")) return "đã đăng ký";
	if (!strcmp(s, "draft"))      return "đang nhập";
	if (!strcmp(s, "submitted"))  return "đã trình";
	if (!strcmp(s, "approved"))   return "đã duyệt";
	if (!strcmp(s, "returned"))   return "trả lại";
	return s;
}

/* Move one assessment from one of the statuses in `from` (comma-separated)
 * to `to`, checking the right and, where asked, the reason. */
static antt_status transition(antt_db *db, const char *code, int year, const char *from, const char *to,
                              auth_cap cap, const char *what, const char *reason, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	assess_result r;
	char *nreason = NULL, allowed[64];
	antt_status s;
	int rc, ok = 0;

	if ((s = auth_require(db, cap, what, err)) != ANTT_OK)
		return s;
	if (reason && (s = text_clean(reason, "lý do", &nreason, err)) != ANTT_OK)
		return s;
	if (reason && !*nreason) {
		free(nreason);
		return err_set(err, ANTT_ERR_INVALID, "cần ghi lý do khi %s", what);
	}
	if ((s = db_begin(db, err)) != ANTT_OK)
		goto out;
	if ((s = assess_load(db, code, year, &r, err)) != ANTT_OK)
		goto rollback;
	snprintf(allowed, sizeof(allowed), ",%s,", from);
	{
		char probe[32];
		snprintf(probe, sizeof(probe), ",%s,", r.status);
		ok = r.id && strstr(allowed, probe) != NULL;
	}
	if (!ok) {
		s = err_set(err, ANTT_ERR_INVALID, "không thể %s: phiếu của %s năm %d đang ở trạng thái \"%s\"",
			what, r.unit.name, year, assess_status_name(r.id ? r.status : ""));
	} else if (!strcmp(to, "submitted") && r.verdict == RULE_MISSING) {
		char v[512];
		s = err_set(err, ANTT_ERR_INVALID, "chưa trình được: %s", assess_verdict_text(&r, v, sizeof(v)));
	} else if ((s = db_prepare(db, "UPDATE assessments SET status = ?1, reason = coalesce(?2, ''),"
		" rev = rev + 1, updated_by = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?4",
		&st, err)) == ANTT_OK) {
		sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
		if (nreason)
			sqlite3_bind_text(st, 2, nreason, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, db->user, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, r.id);
		rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			s = db_fail(db, rc, err, what);
		sqlite3_finalize(st);
	}
	/* a reopened assessment follows its answers again */
	if (s == ANTT_OK && !strcmp(to, "draft"))
		s = assess_recompute_up(db, &r.unit, year, err);
	assess_result_free(&r);
	if (s == ANTT_OK) {
		s = db_commit(db, err);
		goto out;
	}
rollback:
	db_rollback(db);
out:
	free(nreason);
	return s;
}

antt_status assess_submit(antt_db *db, const char *code, int year, antt_err *err)
{
	return transition(db, code, year, "registered,draft,returned", "submitted", CAN_ENTER, "trình duyệt", NULL, err);
}

antt_status assess_approve(antt_db *db, const char *code, int year, antt_err *err)
{
	return transition(db, code, year, "submitted", "approved", CAN_REVIEW, "duyệt", NULL, err);
}

antt_status assess_return(antt_db *db, const char *code, int year, const char *reason, antt_err *err)
{
	return transition(db, code, year, "submitted", "returned", CAN_REVIEW, "trả lại",
		reason ? reason : "", err);
}

antt_status assess_reopen(antt_db *db, const char *code, int year, const char *reason, antt_err *err)
{
	return transition(db, code, year, "approved", "draft", CAN_REVIEW, "mở lại phiếu đã duyệt",
		reason ? reason : "", err);
}
