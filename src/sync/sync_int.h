/* Shared between the package writer and the importer. */
#ifndef ANTT_SYNC_INT_H
#define ANTT_SYNC_INT_H

#include <sqlite3.h>
#include "status.h"
#include "unit.h"
#include "sync.h"

/* What a package's signature is made over: this, then the checksum in hex. */
#define SYNC_SIGNED_PREFIX "antt-package-v1\n"

/* The oldest database structure (PRAGMA user_version, db_schema_version)
 * whose packages read as this one's: the package's tables (package.c) and
 * what their rows mean are the same since. A migration that changes only
 * this machine's triggers or indexes leaves it, so an office updated first
 * still takes the packages of communes not updated yet; one that changes
 * the package moves it to the new version. A package from a newer antt is
 * never taken: what it means cannot be known here. */
#define SYNC_PACKAGE_SAME_SINCE 13

/* The structure a package says it is written in (its manifest's
 * schema_version): the newest migration a receiver needs to take it, not
 * always this machine's. db/015 only dropped an index here, db/016
 * changed only this machine's triggers and db/017 how this machine keeps
 * senders' names (a package carries them in full), so packages written
 * after them still go to offices that have not updated to them. */
#define SYNC_PACKAGE_WRITTEN 14

/* SHA-256 over a package's content in schema ("pkg", "main"). */
antt_status sync_checksum(sqlite3 *sql, const char *schema, char out[65], antt_err *err);

/* The objects in schema ("main", "pkg") are exactly the tables a package
 * is written with: no view, trigger or other table, whose reads could
 * differ between the connection that checks the signature and the one
 * that merges. */
antt_status sync_check_schema(sqlite3 *sql, const char *schema, antt_err *err);

/* Text from a package (anyone can write one) with every control byte (C0,
 * DEL, C1 in UTF-8) made a space, so none reaches a terminal; cut to n. */
void sync_clean_text(const char *in, char *out, size_t n);

/* Everything about a package that can be checked without the database:
 * fills r's sender, scope, dates, checksum, key and fingerprint. */
antt_status sync_verify(const char *path, sync_result *r, antt_err *err);
/* The same, reading file (import's own copy of the package) and naming
 * path, the file the officer gave, in every message. A file other than
 * path is opened twice (the checksum on a second core): it must be one
 * this process wrote where no one else writes. The officer's own file
 * (file == path) is read through one connection. */
antt_status sync_verify_as(const char *file, const char *path, sync_result *r, antt_err *err);
/* 1 when path is worth copying before it is checked: a file (not a folder,
 * a device or a pipe) that is an SQLite database with a package's manifest
 * table. Cheap: reads the schema only. Anything else is not copied (a film
 * picked by mistake is GBs) and sync_verify refuses it. */
int sync_looks_like_package(const char *path);
/* path as an SQLite URI (file:PATH?query), its ?, # and % escaped. */
void sync_file_uri(const char *path, const char *query, char *out, size_t n);

/* What the signer of a package may do here (trust.c). */
typedef struct {
	int first;                /* empty database: set up from this package */
	int whole;                /* may change every unit */
	sqlite3_int64 root_id;    /* else the unit it may change, with those below */
	int may_approve;
	char scope[400];          /* the root unit in words, for messages */
	char origin[300];         /* "name [fingerprint]": the sender of the audit rows
	                             it brings (kept once, audit_origins) */
} sync_trust;

/* The enrolment of r's signer; an error naming its fingerprint (and
 * r->untrusted set) when it is not enrolled and this is not a set-up. */
antt_status sync_trust_find(antt_db *db, const char *path, sync_result *r, sync_trust *t, antt_err *err);

/* Enrol (or change the enrolment of) r's signer inside the caller's
 * transaction; audited as db->user. under_uuid NULL: everything. */
antt_status sync_trust_enrol(antt_db *db, const sync_result *r, const char *under_uuid, int may_approve, antt_err *err);

/* Merge the attached package ("pkg") row by row inside the caller's
 * transaction (merge.c). attach_id: where new top units go, or 0. */
antt_status sync_merge(antt_db *db, const sync_trust *t, sqlite3_int64 attach_id, sync_result *r, antt_err *err);

/* Run sql (an INSERT ... SELECT over the keys ?1 <= key <= ?2) over every
 * slice of SYNC_SLICE rows, from the smallest key: bound_sql reads where a
 * slice ends (the largest of the first ?2 keys from ?1; NULL when none is
 * left). Adds the rows written to *changes (may be NULL). In slices
 * because SQLite keeps a copy of every page a statement changes until that
 * statement ends (to undo it alone): one statement over a province's rows
 * held 320 MB of them at 3 provinces, and would hold GBs at 30. */
#define SYNC_SLICE 2048
antt_status sync_slices(antt_db *db, const char *sql, const char *bound_sql, long long *changes, antt_err *err,
                        const char *what);

/* Its recognitions and their decisions, after the assessments
 * (merge_recognitions.c); called by sync_merge. */
antt_status sync_merge_recognitions(antt_db *db, const sync_trust *t, sync_result *r, antt_err *err);

#endif
