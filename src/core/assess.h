/* Assessments: one per unit and year, made with one criteria set; the
 * verdict derived from the answers by the set's rules and kept current,
 * also for the communes whose criteria are computed from their units.
 * Answers are saved through answer.h, the workflow is in workflow.h. */
#ifndef ANTT_ASSESS_H
#define ANTT_ASSESS_H

#include "db.h"
#include "form.h"
#include "unit.h"

typedef struct {
	int state;          /* RULE_PASS, RULE_FAIL or RULE_MISSING */
	int answered;
	rule_value value;   /* text values are owned */
	int exception;
	char *note;
	rule_input counts;  /* for computed items: the child-unit counts */
} assess_item;

typedef struct {
	unit_row unit;
	int year;
	sqlite3_int64 id;   /* 0: the unit has not registered this year */
	char status[16];
	const form *f;      /* owned by the database handle */
	assess_item *items; /* one per form item, same order */
	int verdict;        /* RULE_PASS, RULE_FAIL, RULE_MISSING */
	char *reason;       /* the leader's reason for the last return or reopening, or NULL */
} assess_result;

/* Load and evaluate a unit's assessment for a year. Free with
 * assess_result_free(). */
antt_status assess_load(antt_db *db, const char *unit_code, int year, assess_result *out, antt_err *err);
void assess_result_free(assess_result *r);

/* The same assessment's answers evaluated with another criteria set f
 * (the caller keeps f alive while *out is used): what the verdict would be
 * if it were re-assessed under f. Nothing is stored. */
antt_status assess_load_with(antt_db *db, const char *unit_code, int year, const form *f,
                             assess_result *out, antt_err *err);

/* Record the registration (đăng ký phấn đấu). Registering twice is fine. */
antt_status assess_register(antt_db *db, const char *unit_code, int year, antt_err *err);
antt_status assess_register_tx(antt_db *db, const unit_row *u, int year, antt_err *err);

/* Find or create the unit's assessment for the year, inside the caller's
 * transaction: its id, and (f not NULL) the criteria set it is made with,
 * owned by the database handle. Refuses an excluded unit or a type no set
 * assesses. */
antt_status assess_ensure(antt_db *db, const unit_row *u, int year, sqlite3_int64 *aid,
                          const form **f, antt_err *err);

/* Recompute and store every verdict of a year, units before their
 * communes. Runs inside the caller's transaction. */
antt_status assess_recompute_year(antt_db *db, int year, antt_err *err);

/* Recompute and store the verdict of one unit, inside the caller's
 * transaction (approved assessments keep theirs); a caller recomputing
 * several orders them units before their communes, as the year's does. */
antt_status assess_recompute_unit(antt_db *db, const unit_row *u, int year, antt_err *err);

/* Recompute and store the verdict of the unit and of every unit above it
 * (a commune's criterion 4 follows its units), inside the caller's
 * transaction; approved assessments keep theirs. */
antt_status assess_recompute_up(antt_db *db, const unit_row *u, int year, antt_err *err);

/* "ĐẠT", "CHƯA ĐẠT — không đạt tiêu chí: 4b, 5.2" or "CHƯA ĐỦ THÔNG TIN —
 * còn thiếu 2 tiêu chí: 1.1, 3dd" into buf. */
char *assess_verdict_text(const assess_result *r, char *buf, size_t n);

/* The ids behind a verdict, comma-separated: the failed criteria of a
 * "chưa đạt", the missing ones otherwise; empty for "đạt". Stored with the
 * verdict (assessments.detail). */
void assess_detail(const assess_result *r, char *buf, size_t n);

/* The latest year with an assessment, or 0. */
int assess_latest_year(antt_db *db);

/* The year screens and reports start on: the setting current_year, else
 * the latest year with an assessment, else this calendar year. */
int assess_start_year(antt_db *db);

/* Words for a verdict or a state: "đạt", "chưa đạt", "chưa đủ thông tin". */
const char *assess_verdict_name(int verdict);

/* Mark (above 1) or unmark a unit as managed by a level above the commune
 * it is placed under ("không thuộc thẩm quyền hoặc được ủy quyền quản lý"
 * of the commune, TT 124 Điều 5 khoản 4), and recompute the stored
 * verdicts of the communes above it; an administrator's change. */
antt_status assess_set_managed_above(antt_db *db, const char *code, int above, antt_err *err);
/* Mark (1) a unit as not assessed (not among the units a commune's
 * criterion 4 counts) or take the mark off, and recompute the stored
 * verdicts of the communes above it; an administrator's change. */
antt_status assess_set_excluded(antt_db *db, const char *code, int excluded, antt_err *err);


#endif
