/* Recognition (công nhận): a decision of the People's Committee (number,
 * date, issuing authority, signer) that recognises units for a year. Only an
 * approved assessment whose verdict is đạt can be recognised; reopening it
 * withdraws the recognition (a trigger, db/009). "Được công nhận" is what the
 * report's "Đạt" and a commune's criterion 4 count. */
#ifndef ANTT_RECOGNISE_H
#define ANTT_RECOGNISE_H

#include "db.h"

typedef struct {
	const char *number;     /* "45/QĐ-UBND" */
	const char *date;       /* DD/MM/YYYY (or YYYY-MM-DD) */
	const char *authority;  /* "Chủ tịch UBND xã Hòa Bình" */
	const char *signer;     /* NULL or "" when not given */
} recognise_decision;

/* Longest decision number and texts taken, in characters. */
#define RECOGNISE_NUMBER_MAX 40
#define RECOGNISE_TEXT_MAX 200
#define RECOGNISE_NUMBER_MAX_S "40"   /* the same, for SQL text */
#define RECOGNISE_TEXT_MAX_S "200"

/* Record one decision recognising the units codes[0..n) for year, in one
 * transaction: all or nothing, with every refused unit named in err. A
 * unit already recognised by this same decision is left as it is. Needs a
 * leader's proven login (as approving). *added: units newly recognised. */
antt_status recognise_record(antt_db *db, const recognise_decision *d, int year, const char *const *codes,
                             size_t n, int *added, antt_err *err);

/* The same inside the caller's transaction and without the rights check,
 * for building data (the demo). */
antt_status recognise_record_tx(antt_db *db, const recognise_decision *d, int year, const char *const *codes,
                                size_t n, int *added, antt_err *err);

/* unit_code,year,decision_no,date,authority[,signer] rows (a header row is
 * skipped): all or nothing. *count: units newly recognised. */
antt_status recognise_import_csv(antt_db *db, const char *path, int *count, antt_err *err);

/* Withdraw a unit's recognition for a year (a revoked decision), with a
 * reason; audited. */
antt_status recognise_withdraw(antt_db *db, const char *code, int year, const char *reason, antt_err *err);

typedef struct {
	const char *code, *name, *type_name;
	const char *number, *date;   /* date as DD/MM/YYYY */
	const char *authority, *signer;
	const char *type;            /* the unit's type code */
} recognise_row;

/* The recognitions in force for year under a unit (NULL: all), by decision
 * then unit code. fn returns non-zero to stop. */
antt_status recognise_list(antt_db *db, int year, const char *under,
                           int (*fn)(const recognise_row *r, void *ctx), void *ctx, antt_err *err);

/* SQL: col (over the decision d) of the decision recognising assessment
 * alias a, or NULL when it is not recognised. */
#define RECOGNISE_DECISION_OF(col, a) \
	"(SELECT " col " FROM recognitions r" \
	" JOIN decisions d ON d.id = r.decision_id WHERE r.assessment_id = " a ".id AND r.withdrawn_at IS NULL)"
/* The decision d as written: "45/QĐ-UBND ngày 10/11/2024"; the same of
 * the decision recognising assessment alias a. */
#define RECOGNISE_DECISION_WORDS "d.number || ' ngày ' || strftime('%d/%m/%Y', d.date)"
#define RECOGNISE_DECISION_SQL(a) RECOGNISE_DECISION_OF(RECOGNISE_DECISION_WORDS, a)

/* A decision number as written on the paper (45/QĐ-UBND): 1 when valid,
 * at most RECOGNISE_NUMBER_MAX characters. */
int recognise_number_valid(const char *s);

#endif
