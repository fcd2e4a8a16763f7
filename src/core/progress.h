/* The progress screen's model: per unit type, this year beside last year
 * and the target (settings target_<type>); per commune, how its units are
 * doing. */
#ifndef ANTT_PROGRESS_H
#define ANTT_PROGRESS_H

#include "db.h"
#include "count.h"
#include "tree.h"

/* The figures come from the counting model (count.h): passed is the
 * units' own verdict (tự đánh giá đạt), approved the leader's approval of a
 * đạt, recognised the decisions; the rate an office is held to is
 * recognised over the units to assess. */
typedef struct {
	count_row now, prev;     /* prev.total == 0 when last year had none */
	double target;           /* percent, or -1 when not set */
} progress_type;

typedef struct {
	const char *code;        /* code, '\0', name, after the rows in their block */
	const char *name;        /* (packed.h): free(rows) lets them go */
	int verdict;             /* the commune's own: RULE_PASS/FAIL/MISSING, or -2 when not registered */
	int recognised;          /* the commune itself is recognised */
	long long units, assessed, passed;     /* its units this year (not excluded) */
	long long approved, recognised_units;  /* of them: approved đạt, recognised */
	long long prev_units, prev_passed;     /* last year */
	long long prev_recognised;
} progress_commune;

antt_status progress_types(antt_db *db, int year, progress_type **rows, size_t *n, antt_err *err);
antt_status progress_communes(antt_db *db, int year, progress_commune **rows, size_t *n, antt_err *err);

/* The same from figures counted already (count_by_type / count_by_commune,
 * or tree_tally) for the year and the year before; communes by code, as
 * both give them. */
antt_status progress_types_of(antt_db *db, const count_row *now, size_t nn, const count_row *prev, size_t np,
                              progress_type **rows, size_t *n);
antt_status progress_communes_of(const count_commune *now, size_t nn, const count_commune *prev, size_t np,
                                 progress_commune **rows, size_t *n);

typedef struct {
	char label[64];       /* "khu dân cư", "xã, cơ quan, doanh nghiệp, cơ sở giáo dục" */
	char date[16];        /* DD/MM/YYYY */
	long long due;        /* registered, not excluded, not yet approved */
	int late;             /* the deadline has passed (today > date) */
} progress_deadline;

/* The cycle's two deadlines for a year (settings deadline_khu-dan-cu and
 * deadline_others, month-day) with what is still to approve; today is
 * YYYY-MM-DD (NULL: the real today). */
antt_status progress_deadlines(antt_db *db, int year, const char *today, progress_deadline out[2], antt_err *err);

/* QĐ 510's three deadlines for classifying the movement (settings
 * deadline_510_khu-dan-cu, _others, _above): khu dân cư and then xã, cơ
 * quan, doanh nghiệp, cơ sở giáo dục, due = registered units with no score
 * yet; the level above (15/12), due = scored units with no reviewer's
 * score yet. */
antt_status progress_movement_deadlines(antt_db *db, int year, const char *today, progress_deadline out[3],
                                        antt_err *err);

/* Both at once (either array may be NULL), from one pass over the year's
 * forms: what the progress screen shows. */
antt_status progress_all_deadlines(antt_db *db, int year, const char *today, progress_deadline out[2],
                                   progress_deadline movement[3], antt_err *err);

/* The same in steps, for the screen to work it out between keys: each
 * call reads at most rows rows (-1: all) of what is due in year, begun
 * when *job is NULL; *done once all are read. Then the deadlines from
 * it, and the job let go. */
typedef struct progress_due progress_due;
antt_status progress_due_step(antt_db *db, progress_due **job, int year, long rows, int *done, antt_err *err);
antt_status progress_due_deadlines(antt_db *db, const progress_due *d, const char *today, progress_deadline out[2],
                                   progress_deadline movement[3], antt_err *err);
void progress_due_free(progress_due *d);
/* A finished d for t's year follows t's last tree_update (the caller
 * checks d was read at t->last.from): the forms it changed counted again. */
antt_status progress_due_follow(antt_db *db, progress_due *d, const tree_view *t, antt_err *err);

/* a as a percentage of b, or -1 when b is 0: the counting model's one
 * rate function under the name the screen knows. */
#define progress_pct count_pct

#endif
