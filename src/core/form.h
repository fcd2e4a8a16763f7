/* Criteria sets: one YAML file per unit type and regulation (forms/),
 * loaded with libyaml into a flat list of criteria and their items, with
 * every pass rule compiled. A set loaded from a file and the same set loaded
 * from the copy stored in the database give the same form. */
#ifndef ANTT_FORM_H
#define ANTT_FORM_H

#include <sqlite3.h>
#include <stddef.h>
#include "status.h"
#include "rule.h"
#include "form_item.h"
#include "form_value.h"

typedef struct form {
	char *source;        /* file name (or "db:<id>" when loaded from the db) */
	char *regulation;
	char *version;
	char *title;
	char *note;
	char *recognition;        /* who assesses, verifies and recognises (text) */
	char *period;             /* the assessment period, as the text gives it */
	int is_addition;          /* a province's additions (adds_to), not a set */
	char *additions;          /* the province additions merged in, or NULL */
	char **unit_types;
	size_t n_unit_types;
	int year_from, year_to;   /* 0 when open-ended */
	form_item *items;
	size_t n_items;
	char *text;               /* the file as read, stored in the database */
	size_t text_len;
	char sha256[65];
	rule_engine *engine;
} form;

/* Load a form. The error, if any, reads "file:line:column: problem".
 * The caller frees *out with form_free(). */
antt_status form_load_file(const char *path, form **out, antt_err *err);
antt_status form_load_text(const char *source, const char *text, size_t len,
                           form **out, antt_err *err);
void form_free(form *f);

/* Index of the item with this id, or -1. */
int form_find(const form *f, const char *id);

/* 1 if the form is the one for this unit type in this year. */
int form_applies(const form *f, const char *type, int year);

/* The type's name as written in form files ("yesno", "count", ...). */
const char *form_type_name(form_type t);


/* The directory of form files: $ANTT_FORMS, else forms/ beside the
 * executable, else ../share/antt/forms beside it. Caller frees. */
char *form_dir(void);

/* 1 when form_dir() is antt's own folder (beside the program or installed
 * with it), 0 for ANTT_FORMS or ./forms, which anyone may have edited. */
int form_dir_own(void);

/* The criteria-set files under dir (YAML files in the tt... folders), sorted. Free the list
 * with form_files_free(). */
antt_status form_files(const char *dir, char ***paths, size_t *n, antt_err *err);
void form_files_free(char **paths, size_t n);

/* The province additions under dir (the YAML files in tinh/: a province's criteria added
 * to the sets of some unit types for some years, "adds_to"), sorted; an
 * empty list when there are none. Loaded with form_load_file (is_addition). */
antt_status form_addition_files(const char *dir, char ***paths, size_t *n, antt_err *err);

/* The set f with the additions adds[0..n) merged in, as a new form the
 * caller frees: its text is f's, then each addition's after "---", so the
 * stored set holds all of it and reloads to the same form. */
antt_status form_merge(const form *f, const form *const *adds, size_t n, form **out, antt_err *err);

/* Load every criteria-set file under dir (see form_files). On the first
 * bad file, returns its error. The caller frees the array and each form. */
antt_status form_load_dir(const char *dir, form ***out, size_t *n, antt_err *err);

#endif
