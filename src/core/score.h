/* Score sheets of the movement (Quyết định 510/QĐ-BCA-V05): items with a
 * maximum, groups of sub-items, items that deduct points per incident; a
 * self-score and a reviewer's score per item; the class a total reaches
 * (yếu / trung bình / khá / xuất sắc) from cut-offs that are settings of
 * the sheet (the office may override them: class_min_kha, ...), with the
 * optional rule "not xuất sắc unless the unit met the standard". */
#ifndef ANTT_SCORE_H
#define ANTT_SCORE_H

#include "db.h"
#include "unit.h"

enum { CLASS_YEU, CLASS_TRUNG_BINH, CLASS_KHA, CLASS_XUAT_SAC, CLASS_COUNT };

typedef struct {
	char *id, *label;
	int parent;       /* enclosing item, -1 at the top */
	int leaf;
	double max;       /* points (for a deduction: the most it takes away) */
	double deduct;    /* > 0: points taken per incident; the value typed is a count */
} score_item;

typedef struct score_sheet {
	char *source, *regulation, *version, *title;
	char **unit_types;
	size_t n_unit_types;
	int year_from, year_to;
	score_item *items;
	size_t n_items;
	double cut[CLASS_COUNT];   /* minimum total of each class, increasing */
	int xs_requires_standard;
	char *text;
	size_t text_len;
	char sha256[65];
} score_sheet;

const char *score_class_name(int c);      /* "Xuất sắc", ... */
const char *score_class_code(int c);      /* "xuat-sac", ... */

antt_status score_sheet_load_text(const char *source, const char *text, size_t len, score_sheet **out, antt_err *err);
antt_status score_sheet_load_file(const char *path, score_sheet **out, antt_err *err);
void score_sheet_free(score_sheet *s);
int score_sheet_find(const score_sheet *s, const char *id);

/* The registry of sheets on the database handle. */
struct score_registry;
void score_registry_free(struct score_registry *r);

typedef struct {
	int has_self, has_reviewer;
	double self, reviewer;     /* as typed: points, or a count for a deduction */
} score_entry;

typedef struct {
	unit_row unit;
	int year;
	const score_sheet *sheet;  /* owned by the database handle */
	score_entry *e;            /* one per item */
	double self_total, reviewer_total;
	int has_self, has_reviewer;
	int cls;                   /* the class reached (reviewer's score first); -1 until the
	                              sheet is complete: a half-scored sheet is no class yet */
	int missing;               /* items still without a score in the column that decides
	                              (the reviewer's once the reviewer has begun, else the self-score) */
	int capped;                /* xuất sắc was withheld: the unit did not meet the standard */
	double cut[CLASS_COUNT];   /* the cut-offs used */
} score_result;

/* The sheet for a unit type and year from forms/ (for a blank one to
 * print); it belongs to the database handle. */
antt_status score_sheet_for(antt_db *db, const char *type, int year, const score_sheet **out, antt_err *err);

antt_status score_load(antt_db *db, const char *unit_code, int year, score_result *out, antt_err *err);
void score_result_free(score_result *r);

/* Points an item gives (negative for a deduction) for a typed value. */
double score_points(const score_item *it, double value);

/* Set one item's scores (NULL: leave as is; "": clear). Values are checked
 * against the item: 0..max points, or a count whose deduction stays within
 * the item's maximum. */
antt_status score_set(antt_db *db, const char *unit_code, int year, const char *item,
                      const char *self, const char *reviewer, antt_err *err);

/* unit_code,year,item,self[,reviewer]: all or nothing. */
antt_status score_import_csv(antt_db *db, const char *path, int *count, antt_err *err);

#endif
