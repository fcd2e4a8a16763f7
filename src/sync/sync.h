/* Exchanging data between offline machines as files: a package is itself a
 * SQLite database (open it with sqlite3 to look inside) holding the units,
 * assessments, answers, recognitions (with their decisions) and audit rows
 * in scope, the criteria sets they use,
 * and a manifest with a SHA-256 of the content, signed with the sender's
 * machine key (keys.h). A receiver takes packages only from senders its
 * admin enrolled, and from each only changes inside the unit it was
 * enrolled for (trust.c). Import merges in one
 * transaction, row by row on natural keys and revisions: a row changed on
 * both sides since they last exchanged, or an assessment already approved
 * here, becomes a conflict for a person to settle, never an overwrite. */
#ifndef ANTT_SYNC_H
#define ANTT_SYNC_H

#include "db.h"
#include "keys.h"

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
	char fingerprint[KEYS_FP], key[2 * KEYS_PUB + 1];   /* the signer */
	int seen_before;      /* this very package was imported before */
	int untrusted;        /* refused: the signer is not enrolled here */
	int enrolled;         /* first set-up: the signer is now enrolled */
	long long withheld;   /* approval states not taken (no --may-approve) */
	long long recognised, unrecognised;  /* recognitions taken, withdrawals taken */
	long long stays_withdrawn;           /* recognitions withdrawn here, left so */
	long long own_kept;                  /* withdrawals of this machine's own, not taken */
	long long sets_accepted;
	char unknown_set[65]; /* refused: a criteria set nobody accepted here */
	char kept[4200];      /* where the package is kept (backup.h), or "" */
} sync_result;

typedef struct {
	const char *attach_under;  /* where the package's top units go when they
	                              are new here (an office under the province),
	                              or NULL to keep them at the top */
	int dry_run;               /* report, change nothing */
	const char *const *accept_sets;  /* SHA-256 of criteria sets an admin accepts */
	int n_accept;
} sync_import_opts;

/* Check and merge a package: signed by an enrolled sender, changing only
 * units in its scope, with criteria sets known here or accepted. An empty
 * database (no units, nobody enrolled) takes its first package from
 * anyone and enrols that sender for everything: setting up a commune
 * machine from the office's package. */
antt_status sync_import(antt_db *db, const char *path, const sync_import_opts *o, sync_result *r, antt_err *err);

/* What an import did (or would do), one line at a time as the command line
 * and the screens both show it: i = 0, 1, 2 the units, forms and answers
 * added, changed, unchanged and in conflict, 3 the audit rows, 4 the
 * recognitions. Returns buf, or NULL when i is past the last line. */
char *sync_result_line(const sync_result *r, int i, char *buf, size_t n);

typedef struct {
	const char *fingerprint, *name;
	const char *under_code, *under_name;   /* NULL: the whole database */
	int may_approve;
	const char *added_by, *added_at;
} sync_trusted;

/* Enrol the machine that signed the package at path: it may change the
 * unit under and everything below it, and its approvals count when
 * may_approve. expect_fp: the fingerprint read out by phone, if already
 * known (NULL: none); a different one refuses. Needs an admin; audited.
 * r tells the fingerprint. */
antt_status sync_trust_add(antt_db *db, const char *path, const char *under, int may_approve,
                           const char *expect_fp, sync_result *r, antt_err *err);
antt_status sync_trust_list(antt_db *db, int (*fn)(const sync_trusted *t, void *ctx), void *ctx, antt_err *err);
/* fingerprint as typed (any case, dashes or not). Needs an admin; audited. */
antt_status sync_trust_remove(antt_db *db, const char *fingerprint, antt_err *err);

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
