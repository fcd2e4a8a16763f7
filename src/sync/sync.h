/* Exchanging data between offline machines as files: a package is itself a
 * SQLite database (open it with sqlite3 to look inside) holding the units,
 * assessments, answers and audit rows in scope, the criteria sets they use,
 * and a manifest with a SHA-256 of the content. Import merges in one
 * transaction, row by row on natural keys and revisions: a row changed on
 * both sides since they last exchanged, or an assessment already approved
 * here, becomes a conflict for a person to settle, never an overwrite. */
#ifndef ANTT_SYNC_H
#define ANTT_SYNC_H

#include "db.h"

typedef struct {
	const char *under;    /* unit code, or NULL for the whole database */
	int year;             /* 0 for every year */
	const char *path;
	int force;            /* replace an existing file */
} sync_export_opts;

typedef struct {
	long long units, assessments, answers, audit;
	char sha256[65];
} sync_counts;

antt_status sync_export(antt_db *db, const sync_export_opts *o, sync_counts *out, antt_err *err);

typedef struct {
	long long added[3], changed[3], unchanged[3], conflicts[3];   /* units, assessments, answers */
	long long audit;
	char sender[256], under[64], years[64], created[32], sha256[65];
	int seen_before;      /* this very package was imported before */
} sync_result;

/* Check and merge a package. attach_under: where the package's top units
 * go when they are new here (an office's district under the province), or
 * NULL to keep them at the top. dry_run: report, change nothing. */
antt_status sync_import(antt_db *db, const char *path, const char *attach_under, int dry_run,
                        sync_result *r, antt_err *err);

typedef struct {
	long long id;
	const char *kind, *label, *why, *local, *incoming, *detected_at, *resolution;
} sync_conflict;

/* Open conflicts (all when every_one), oldest first. */
antt_status sync_conflicts(antt_db *db, int every_one, int (*fn)(const sync_conflict *c, void *ctx),
                           void *ctx, antt_err *err);

/* Settle one conflict: keep this machine's version, or take the package's.
 * Needs a reviewer; audited. */
antt_status sync_resolve(antt_db *db, long long id, int take_incoming, antt_err *err);

typedef struct {
	const char *code, *name;
	const char *last;     /* when its last package arrived (UTC), or NULL */
	int this_year;        /* a package with data for the year arrived */
} sync_sender;

/* Each commune (and each unit directly under the office) and its packages. */
antt_status sync_senders(antt_db *db, int year, int (*fn)(const sync_sender *s, void *ctx), void *ctx,
                         antt_err *err);

#endif
