/* The one registry of YAML-defined sets (criteria sets, province additions,
 * score sheets), kept on the database handle: the files under forms/ are
 * read once per handle, and the sets stored whole in criteria_sets are
 * remembered by SHA-256, not row id (a rolled-back transaction gives its id
 * back, and the next set stored may get it). One rule for which file
 * applies to a unit type and year: exactly one, or a refusal naming both. */
#ifndef ANTT_REGISTRY_H
#define ANTT_REGISTRY_H

#include "db.h"

/* What the registry needs to know of a set, whatever its kind. The
 * pointers belong to the set. */
typedef struct {
	const char *source, *regulation, *version;
	const char *text;
	size_t text_len;
	const char *sha256;
} registry_info;

/* A kind of set: where its files are and how to read one. A module that
 * defines a kind keeps it as a static const object; the registry tells
 * kinds apart by its address. */
typedef struct registry_kind {
	const char *what;      /* "bộ tiêu chí": named in messages */
	const char *pattern;   /* glob of its files under the forms folder */
	int required;          /* finding no file of this kind is an error */
	antt_status (*load)(const char *source, const char *text, size_t len, void **out, antt_err *err);
	/* a file that loads but does not belong here (NULL: every one does) */
	antt_status (*check)(const void *set, const char *path, antt_err *err);
	void (*free)(void *set);
	int (*applies)(const void *set, const char *type, int year);
	void (*info)(const void *set, registry_info *out);
} registry_kind;

/* Every file of this kind, read on first use (a bad file is an error each
 * time it is asked for, never skipped). The sets belong to the handle. */
antt_status registry_files(antt_db *db, const registry_kind *k, void *const **sets, size_t *n, antt_err *err);

/* The one file of this kind for the unit type and year. None, or two that
 * both apply, is refused with a message that says which. */
antt_status registry_find(antt_db *db, const registry_kind *k, const char *type, int year,
                          const void **set, antt_err *err);

/* Hand a set the caller made (a merge) to the registry: when one with the
 * same SHA-256 is known, *set is freed and replaced by that one. Either way
 * the set then belongs to the handle. */
antt_status registry_adopt(antt_db *db, const registry_kind *k, void **set, antt_err *err);

/* Store set in criteria_sets (once per text) and remember it; *id is its
 * row. Must run inside a transaction. */
antt_status registry_store(antt_db *db, const registry_kind *k, const void *set, sqlite3_int64 *id,
                           antt_err *err);

/* The stored set with this id, read from its stored text on first use.
 * The set belongs to the handle. */
antt_status registry_stored(antt_db *db, const registry_kind *k, sqlite3_int64 id, const void **set,
                            antt_err *err);

/* 1 when the files were read from a folder other than antt's own
 * (ANTT_FORMS or ./forms, which anyone may have edited). */
int registry_outside(antt_db *db);

/* The forms folder: $ANTT_FORMS, else forms/ beside the executable, else
 * ../share/antt/forms beside it, else ./forms. *own (may be NULL) says
 * whether it is antt's own. Caller frees. */
char *registry_dir(int *own);

/* The files matching dir/pattern, sorted; none is not an error here. Free
 * the list with registry_paths_free(). */
antt_status registry_glob(const char *dir, const char *pattern, char ***paths, size_t *n, antt_err *err);
void registry_paths_free(char **paths, size_t n);

#endif
