/* The report's layout as data (a YAML file in forms/reports): the column groups of
 * the summary sheet and their unit types, the columns of each group, and
 * the words of the title and the signature block, so a province with
 * another template changes a file, not the program. */
#ifndef ANTT_LAYOUT_H
#define ANTT_LAYOUT_H

#include <stddef.h>
#include "status.h"

/* A column's figure (count.h): total (units to assess), registered, passed
 * ("Đạt": được công nhận by a decision; "recognised" in a layout names the
 * same), rate (passed / total), self_passed (tự đánh giá đạt), approved
 * (đã duyệt đạt). */
typedef enum {
	MEASURE_TOTAL, MEASURE_REGISTERED, MEASURE_PASSED, MEASURE_RATE, MEASURE_SELF_PASSED, MEASURE_APPROVED,
	MEASURE_COUNT
} layout_measure;

typedef struct {
	char *label;
	char **types;
	size_t n_types;
} layout_group;

typedef struct {
	layout_measure measure;
	char *label;
} layout_column;

typedef struct {
	char *title, *subject, *row_header, *totals_label, *previous_label, *target_label;
	char *preparer, *recipients_label;
	char *period;          /* the assessment periods, a sentence ({year}, {prev}); NULL when not given */
	char *old_period;      /* the periods of the years up to old_until (an earlier regulation's); NULL: none */
	int old_until;
	char **recipients;
	size_t n_recipients;
	layout_group *groups;
	size_t n_groups;
	layout_column *columns;
	size_t n_columns;
} report_layout;

/* Load a layout; unknown unit types are refused when known_type is given
 * (it returns 1 for a type code the database has). Free with layout_free. */
antt_status layout_load(const char *path, int (*known_type)(const char *code, void *ctx), void *ctx,
                        report_layout **out, antt_err *err);
void layout_free(report_layout *l);

/* The periods sentence for a year (period, or old_period up to old_until),
 * unexpanded; NULL when the layout gives none. */
const char *layout_period(const report_layout *l, int year);

/* Where page 1 lists a unit type: the place of its first mention in the
 * groups, in order (a type named in two groups counts once); SIZE_MAX for
 * one the layout leaves out (listed after, in the types' own order). */
size_t layout_type_rank(const report_layout *l, const char *type);

/* Replace {year} and {prev} in text; a new string the caller frees. */
char *layout_expand(const char *text, int year);

#endif
