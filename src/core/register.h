/* The registers of the movement: models (mô hình) kept and new, campaign
 * launches, forums and propaganda sessions, tip-offs, commendations; the
 * year's figures they add up to; and the model-unit candidates (units that
 * met the standard and are classed khá or above). The kinds of models,
 * activities and commendations are a data file (forms/registers).
 * register.c writes, register_year.c reads. */
#ifndef ANTT_REGISTER_H
#define ANTT_REGISTER_H

#include "db.h"

typedef struct {
	char **model_kinds;
	size_t n_model_kinds;
	char **activity_codes, **activity_names;
	size_t n_activities;
	char **level_codes, **level_names;
	size_t n_levels;
} reg_lists;

antt_status reg_lists_load(reg_lists **out, antt_err *err);
void reg_lists_free(reg_lists *l);

antt_status reg_model_add(antt_db *db, const char *unit, const char *name, const char *kind, int started,
                          long long places, long long teams, long long members, antt_err *err);
antt_status reg_model_end(antt_db *db, long long id, int last_year, antt_err *err);
antt_status reg_activity_add(antt_db *db, const char *unit, int year, const char *kind, const char *date,
                             long long participants, const char *note, antt_err *err);
antt_status reg_tipoff_set(antt_db *db, const char *unit, int year, long long total, long long valuable,
                           const char *outcome, antt_err *err);
antt_status reg_commendation_add(antt_db *db, const char *unit, int year, const char *level, int collective,
                                 const char *recipient, const char *reason, const char *decision_no,
                                 const char *decision_date, antt_err *err);

/* CSV import, all or nothing; what: models (unit_code,name,kind,year_started,
 * places,teams,members), activities (unit_code,year,kind,date,participants[,note]),
 * commendations (unit_code,year,level,collective,recipient,reason,decision_no,
 * decision_date), tipoffs (unit_code,year,total,valuable[,outcome]). */
antt_status reg_import_csv(antt_db *db, const char *what, const char *path, int *count, antt_err *err);
/* The same; on a refused file *errors gets every error, one per line (the
 * caller frees it), where err holds the first ones. errors may be NULL. */
antt_status reg_import_csv_list(antt_db *db, const char *what, const char *path, int *count, char **errors,
                                antt_err *err);

/* Commendation levels the lists file may name: the figures hold one count
 * per level, and a longer list is refused when the file is read. */
enum { REG_LEVELS_MAX = 8 };

typedef struct {
	long long launches, launch_participants, forums, sessions;
	long long models, models_kept, models_new, places, teams, members;
	long long tipoffs, tipoffs_valuable;
	long long commendations[REG_LEVELS_MAX];     /* per level, in the lists' order */
	long long collective, individual;
} reg_figures;

/* The year's figures under a unit (NULL: everything). */
antt_status reg_year_figures(antt_db *db, const reg_lists *l, int year, const char *under, reg_figures *f, antt_err *err);

typedef struct {
	const char *code, *name, *type_name, *commune;
	double total;
	int cls;
	int proposed;
} reg_candidate;

antt_status reg_candidates(antt_db *db, int year, const char *under, int (*fn)(const reg_candidate *c, void *ctx),
                           void *ctx, antt_err *err);
/* The registers' rows under a unit for a year, as lines for a screen:
 * section "Mô hình", "Hoạt động", "Khen thưởng", "Tin báo"; id (a model's
 * id, for ending it) and the text. */
antt_status reg_rows(antt_db *db, const char *unit, int year,
                     int (*fn)(const char *section, long long id, const char *text, void *ctx), void *ctx, antt_err *err);

/* A date of an activity, typed 15/03/2024 or 2024-03-15, in the year;
 * iso gets YYYY-MM-DD. */
antt_status reg_check_date(const char *date, int year, char iso[11], antt_err *err);

antt_status reg_propose(antt_db *db, const char *unit, int year, int proposed, antt_err *err);

#endif
