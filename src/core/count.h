/* The one counting model: how many units there are, how many registered,
 * were assessed, assessed themselves đạt, were approved đạt by a leader and
 * were recognised by a decision, per unit type, per commune, or per row of
 * the report; and one rate. `antt summary`, the progress figures, the
 * report and the classification counts all read it, so they cannot
 * disagree. Three figures stay apart: tự đánh giá đạt (passed), đã duyệt
 * (approved) and được công nhận (recognised); "Đạt" in what goes up to the
 * province means recognised. */
#ifndef ANTT_COUNT_H
#define ANTT_COUNT_H

#include "db.h"
#include "score.h"

typedef struct {
	char type[32];          /* the unit type's code (rows per type), else "" */
	char name[64];          /* the type's name, or the row's label */
	long long total;        /* units in force that year, excluded ones included */
	long long excluded;     /* không thuộc diện đánh giá */
	long long registered;   /* đăng ký (not excluded, as every figure below) */
	long long assessed;     /* with a complete verdict: đạt or chưa đạt */
	long long passed;       /* tự đánh giá đạt: the verdict is đạt */
	long long approved;     /* đã duyệt: approved by a leader with the verdict đạt */
	long long recognised;   /* được công nhận: a decision in force */
} count_row;

/* Units to assess: total less excluded. */
long long count_in_scope(const count_row *r);

/* part as a percentage of whole (97.6), or -1 when whole is 0. The only
 * rate function: screens, summary and report print what it gives. */
double count_pct(long long part, long long whole);

/* The rate a report states: recognised as a percentage of the units to
 * assess, or -1 when there are none. */
double count_rate(const count_row *r);

/* Add the figures of b to a (the labels stay). */
void count_add(count_row *a, const count_row *b);

/* Count the units of assessed types below each of tops[0..n) (each unit
 * counted under the top it sits below; the tops themselves too when
 * with_tops), per type, for a year. fn gets the top's index and a row
 * whose type is set; it returns non-zero to stop. */
antt_status count_below(antt_db *db, int year, const sqlite3_int64 *tops, size_t n, int with_tops,
                        int (*fn)(size_t top, const count_row *r, void *ctx), void *ctx, antt_err *err);

/* Rows per assessed unit type with at least one unit, in the types'
 * order, under a unit (itself included) or, with under NULL, everywhere.
 * Caller frees *rows. */
antt_status count_by_type(antt_db *db, int year, const char *under, count_row **rows, size_t *n, antt_err *err);

/* count_row's figures without its labels: a commune's units (a national
 * database has 6,000 communes, Progress keeps two years of them). */
#define COUNT_FIELDS(X) X(total) X(excluded) X(registered) X(assessed) X(passed) X(approved) X(recognised)
typedef struct {
#define COUNT_FIELD(f) long long f;
	COUNT_FIELDS(COUNT_FIELD)
#undef COUNT_FIELD
} count_units;

/* Add a row's figures to a commune's; a commune's to another's; set a
 * row's figures (its labels kept) from a commune's. */
void count_add_units(count_units *a, const count_row *b);
void count_units_add(count_units *a, const count_units *b);
void count_row_set(count_row *a, const count_units *b);
/* A commune's units to assess: count_in_scope's reading. */
long long count_units_in_scope(const count_units *u);

typedef struct {
	const char *code;       /* code, '\0', name, after the rows in their block */
	const char *name;       /* (packed.h): free(rows) lets them go */
	int verdict;            /* the commune's own: RULE_PASS/FAIL/MISSING, or -2 when not registered */
	int recognised;         /* the commune itself is recognised */
	count_units units;      /* its units (all types, the commune itself not included) */
} count_commune;

/* Every commune in force that year, by code, with its units' figures.
 * Caller frees *rows. */
antt_status count_by_commune(antt_db *db, int year, count_commune **rows, size_t *n, antt_err *err);
/* rows' names pointed at, each right after its code in the block
 * (count_by_commune, tree_tally). */
void count_communes_named(count_commune *rows, size_t n);

/* The results paragraph ("Năm 2024, toàn huyện có 9/14 khu dân cư, 1/2 xã
 * … được công nhận đạt tiêu chuẩn …; so với năm 2023 …; so với chỉ tiêu
 * …."), under a unit or, with under NULL, everywhere. *out is a new string
 * the caller frees. */
antt_status count_results_text(antt_db *db, int year, const char *under, char **out, antt_err *err);
/* The same from the counts by type of year and the year before
 * (count_by_type), when the caller has them already. */
antt_status count_results_text_of(antt_db *db, int year, const char *under, const count_row *now, size_t nn,
                                  const count_row *prev, size_t np, char **out, antt_err *err);

/* Classification (Xếp loại, QĐ 510) per commune and type over the units
 * with a score sheet that year, under a unit (NULL: all): n[class] per
 * row, rows by commune then type; and the totals per type (commune "").
 * Caller frees *rows and *totals. */
typedef struct {
	char commune[256];
	char type_name[64];
	long long n[CLASS_COUNT];
} count_class;

antt_status count_classes(antt_db *db, int year, const char *under, count_class **rows, size_t *n,
                          count_class **totals, size_t *nt, antt_err *err);

/* Every unit with a score sheet that year under a unit (NULL: all), by
 * commune, type and code, whatever its class: the dossier's list of scores
 * and proposed classes (QĐ 510). score->cls is -1 while the sheet is not
 * complete. The strings and score live for the call only. fn returns 0 to
 * go on, 1 to stop, -1 when out of memory (ANTT_ERR_NOMEM). */
typedef struct {
	const char *code, *name, *type_name, *commune;
	const score_result *score;
} count_scored_unit;

antt_status count_scored(antt_db *db, int year, const char *under, int (*fn)(const count_scored_unit *u, void *ctx),
                         void *ctx, antt_err *err);

#endif
