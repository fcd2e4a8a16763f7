/* The figures of the province report: one row per unit one level below the
 * office (the communes), counts per column group of the layout, totals, the
 * previous year's totals (from the counting model, count.h); and the unit
 * lists of the detail sheets. The report writer only lays them out. */
#ifndef ANTT_TALLY_H
#define ANTT_TALLY_H

#include "db.h"
#include "count.h"
#include "layout.h"

typedef struct {
	char code[64];
	char name[320];
	int orphan;            /* gathers units that are under no commune */
	count_row *cells;      /* one per layout group */
} tally_row;

typedef struct {
	int year;
	char office_name[256];
	size_t n_groups;
	tally_row *rows;
	size_t n_rows;
	count_row *totals;     /* per group, this year */
	count_row *prev;       /* per group, the year before */
	long long orphans;     /* units counted in the orphan row */
	long long units;       /* all units counted this year */
	/* without --under: count_by_type's rows of this year and the year
	 * before, made in the same pass (else NULL) */
	count_row *types_now, *types_prev;
	size_t n_types_now, n_types_prev;
} tally;

/* Count year for the office (under: a unit code, or NULL for the whole
 * database). Free with tally_free(). */
antt_status tally_compute(antt_db *db, int year, const char *under, const report_layout *l,
                          tally *out, antt_err *err);
void tally_free(tally *t);

/* One unit for the detail sheets. */
typedef struct {
	const char *code, *name, *type, *type_name, *commune;
	int excluded;
	int managed_above;         /* not counted in its commune's criterion 4 (unit.h) */
	const char *verdict;       /* "pass", "fail", "missing", or NULL: not registered */
	const char *status;        /* workflow status ("approved" ...), or NULL */
	const char *decision;      /* "45/QĐ-UBND ngày 10/11/2024" when recognised, else NULL */
	const char *detail;        /* failed (or missing) criteria ids, comma-separated */
	const char *failed_words;  /* the failed (or, incomplete, missing) criteria with their labels */
	const char *notes;         /* the answers' notes */
} tally_unit;

/* Call fn for every unit under the office in force that year, by type (in
 * the layout's order, as page 1 lists them; l NULL: the types' own),
 * commune and code. fn returns non-zero to stop. The order is kept in a
 * temporary table while fn is called: fn may write rows, but a table it
 * made or dropped on db would stop the reading. tally_order makes that
 * table beforehand (the report does, while it counts on another
 * connection): tally_units given ordered 1 and the same arguments then
 * reads it; ordered 0, it makes its own, whatever table is there. Either
 * way it drops it after. tally_order_drop drops it when the list is not
 * read. */
antt_status tally_order(antt_db *db, int year, const char *under, const report_layout *l, antt_err *err);
void tally_order_drop(antt_db *db);
antt_status tally_units(antt_db *db, int year, const char *under, const report_layout *l, int ordered,
                        int (*fn)(const tally_unit *u, void *ctx), void *ctx, antt_err *err);

#endif
