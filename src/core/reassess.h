/* Re-assessing stored assessments under today's criteria sets, the
 * officer's choice after forms/ changed (a corrected criterion, a province
 * addition): drift.h finds which verdicts would change; this rebinds the
 * chosen assessments to the set forms/ gives their type and year today. */
#ifndef ANTT_REASSESS_H
#define ANTT_REASSESS_H

#include "db.h"

typedef struct {
	const char *unit_code, *unit_name;
	const char *new_regulation;
	int old_verdict, new_verdict;  /* RULE_PASS, RULE_FAIL, RULE_MISSING */
	int reopened;                  /* was approved; its verdict changed, so back to đang nhập */
} reassess_row;

/* Rebind every assessment of year (of unit and every unit below it, when
 * not NULL) made with
 * a set other than today's, store the verdict under the new set, bump its
 * revision (a package carries the change) and recompute the communes
 * above; the audit records each (db/011). Approved assessments only with
 * approved set, which needs a leader; an approved one whose verdict
 * changes goes back to đang nhập with the reason; a recognised one whose
 * verdict would change is refused (its recognition is withdrawn first).
 * All or nothing: with any refusal nothing changes and err lists them.
 * fn (may be NULL) sees each re-assessed one after the commit; *count
 * says how many. */
antt_status reassess_run(antt_db *db, int year, const char *unit, int approved,
                         int (*fn)(const reassess_row *r, void *ctx), void *ctx, int *count, antt_err *err);

#endif
