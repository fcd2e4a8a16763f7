/* The year's figures per unit type: the numbers the report prints. */
#ifndef ANTT_SUMMARY_H
#define ANTT_SUMMARY_H

#include "db.h"

typedef struct {
	char type[32];
	char name[64];
	long long total;       /* units in force that year */
	long long excluded;    /* không thuộc diện */
	long long registered;
	long long assessed;    /* with a complete verdict */
	long long passed;      /* đạt */
} summary_row;

/* Rows per assessed unit type with at least one unit, in the types' order.
 * under: a unit code, or NULL for every unit. Caller frees *rows. */
antt_status summary_compute(antt_db *db, int year, const char *under,
                            summary_row **rows, size_t *n, antt_err *err);

/* đạt as a percentage of the units to assess (total less excluded);
 * negative when there are none. */
double summary_rate(const summary_row *r);

#endif
