/* When forms/ changes (a corrected criterion, a new version, a province
 * addition), stored assessments keep the criteria set they were made with.
 * This finds those whose verdict would change if re-assessed under the set
 * forms/ gives their type and year today, so an officer can choose. */
#ifndef ANTT_DRIFT_H
#define ANTT_DRIFT_H

#include "db.h"

typedef struct {
	const char *unit_code, *unit_name;
	int year;
	const char *old_regulation;   /* the stored set's regulation */
	const char *new_source;       /* the file(s) a new assessment would use */
	int old_verdict, new_verdict; /* RULE_PASS, RULE_FAIL, RULE_MISSING */
	const char *new_text;         /* "CHƯA ĐẠT — không đạt tiêu chí: 2.3" under the new set */
} drift_row;

/* Nonzero stops the scan. */
typedef int (*drift_fn)(const drift_row *row, void *ctx);

/* Call fn for every stored assessment whose verdict would change; *other
 * counts the assessments made with a set other than today's (changed or
 * not). Reads only. */
antt_status drift_scan(antt_db *db, drift_fn fn, void *ctx, int *other, antt_err *err);

#endif
