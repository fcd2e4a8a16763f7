/* The workflow of assessments (workflow.c), one at a time or every
 * complete form below a unit at once (workflow_bulk.c). */
#ifndef ANTT_WORKFLOW_H
#define ANTT_WORKFLOW_H

#include "db.h"

/* The workflow: đang nhập -> đã trình -> đã duyệt (recognised with its
 * verdict, then read-only) or trả lại (returned with a reason); a reviewer
 * may reopen an approved assessment, with a reason. Each in its own
 * transaction, audited with who and why. */
antt_status assess_submit(antt_db *db, const char *unit_code, int year, antt_err *err);
antt_status assess_approve(antt_db *db, const char *unit_code, int year, antt_err *err);
antt_status assess_return(antt_db *db, const char *unit_code, int year, const char *reason, antt_err *err);
antt_status assess_reopen(antt_db *db, const char *unit_code, int year, const char *reason, antt_err *err);

/* The same for every complete form below a unit (itself included), in one
 * transaction: what was done and what was left, by reason, with the codes
 * of each (comma-separated, owned: assess_bulk_free). Submitting takes the
 * forms being entered or returned whose verdict is complete; approving the
 * submitted ones. */
typedef enum {
	BULK_DONE, BULK_NOT_REGISTERED, BULK_EXCLUDED, BULK_INCOMPLETE, BULK_WAITING, BULK_APPROVED,
	BULK_NOT_SUBMITTED, BULK_COUNT
} assess_bulk_kind;

typedef struct {
	long long n[BULK_COUNT];
	char *codes[BULK_COUNT];
	size_t len[BULK_COUNT], room[BULK_COUNT];   /* of codes[k] */
} assess_bulk;

antt_status assess_submit_under(antt_db *db, const char *code, int year, assess_bulk *out, antt_err *err);
antt_status assess_approve_under(antt_db *db, const char *code, int year, assess_bulk *out, antt_err *err);
void assess_bulk_free(assess_bulk *b);
/* Why units were left, in words ("chưa đăng ký" ...). */
const char *assess_bulk_reason(assess_bulk_kind k);

/* Vietnamese words for a workflow status ("đang nhập", "đã duyệt" ...). */
const char *assess_status_name(const char *status);

#endif
