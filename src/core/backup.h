/* Backups beside the database (antt-backups/NAME-YYYYMMDD-HHMMSS[-why].db):
 * once per day of use, before every import and migration, keeping the
 * newest N (setting backup_keep). Each is written under a temporary name,
 * synced, then renamed, and older ones are rotated away only after that:
 * a run killed half-way (Ctrl-C, a power cut) leaves the earlier backups as
 * they were and a temporary file the next start removes.
 *
 * The commands write theirs with VACUUM INTO, at once: a consistent copy
 * that also parses every page, so it doubles as the daily integrity check.
 *
 * The screen must not wait for that (21 s on a national database), so it
 * takes the day's backup in steps between keys (backup_daily_begin, then
 * backup_step while the officer is idle) with SQLite's backup API. What
 * the day's backup guarantees, and why this keeps it: the backup holds
 * the database as it was before the day's first change. The copy reads
 * through a connection of its own that opens one read transaction in
 * backup_daily_begin, before the screen is shown, and holds it to the end;
 * in WAL mode that is a snapshot, so the officer's changes meanwhile are
 * written (to the WAL) without waiting, and the copy is still exactly the
 * state at start, as VACUUM INTO at start gave. What it does not give:
 * the page copy reads every page (a read error shows) but does not parse
 * them, so damage inside a page is found by the next command's daily
 * backup, or by `antt backup`, not by the screen's. Quitting before the
 * copy is done finishes it first (Esc there gives up: the next start of
 * the day tries again, as no backup of today exists yet). */
#ifndef ANTT_BACKUP_H
#define ANTT_BACKUP_H

#include "db.h"

/* Write a backup now; out receives its path. why: a short tag of lower-case
 * ASCII letters and dashes, or NULL. */
antt_status backup_now(antt_db *db, const char *why, char *out, size_t n, antt_err *err);

/* Before an import, inside the import's write transaction (so nothing
 * else changes the database meanwhile): a backup of the database as it is
 * now, unless one already gives it back. The import is one transaction,
 * so a refused or interrupted one changes nothing; the backup is for
 * undoing one that went in. Each backup and each import leaves a mark
 * (antt-backups/.NAME.moc): the backup it builds on and the state it left
 * (state_of in backup_mark.c). When the database is still in that state, the
 * state before this import is that backup plus the packages imported since
 * (imported again, in order, they give the same rows), so no copy is
 * made: a national database is GBs, and copying it before each of 30
 * provinces' packages took longer than the imports. Any other change since
 * (an answer typed, a restore, an export) breaks the chain and the next
 * import copies again. out: the backup; *made: whether this call wrote it;
 * state (sn bytes) receives the state now, for backup_after_import. */
antt_status backup_before_import(antt_db *db, char *out, size_t n, int *made, char *state, size_t sn, antt_err *err);

/* The database's state now (inside the import's transaction, before its
 * commit). */
antt_status backup_state(antt_db *db, char *out, size_t n, antt_err *err);

/* The package kept, so that walking a chain back needs no file from the
 * officer: before the import, the package at path copied whole and synced
 * under a temporary name beside the backups (tmp; "" when it could not be
 * made, e.g. a full disk), and the import reads that copy (its content
 * checked again against the signed checksum), so what goes in and what is
 * kept are the bytes checked, whatever the medium gives on another read. After the commit (the package no longer attached:
 * Windows renames no open file), backup_after_import keeps it as
 * antt-backups/NAME-goi-YYYYMMDD-HHMMSSmmm.antt (kept; "" when not) and
 * writes the mark: backup, plus the packages kept since, gives state.
 * Without the package kept the mark stays as it was, so the next import
 * copies the database first: the chain is never one that cannot be walked
 * back. Kept packages older than the oldest backup go with the rotation. */
antt_status backup_package_copy(antt_db *db, const char *path, char *tmp, size_t tn, antt_err *err);
void backup_after_import(antt_db *db, const char *backup, const char *state, const char *pkg, char *kept, size_t kn);

/* A backup unless one was made today. *made says whether one was. When the
 * copy finds the database damaged, it is made read-only (db_set_damaged). */
antt_status backup_daily(antt_db *db, int *made, antt_err *err);
/* The same in two steps, for a caller that says something between them:
 * 1 when the day's backup is still to make (it looks through the backups'
 * folder), then the copy (whatever the day's state). */
int backup_daily_due(const antt_db *db);
antt_status backup_daily_copy(antt_db *db, antt_err *err);

/* Upgrade the database's structure (db_migrate), after a backup of it
 * (tagged truoc-nang-cap) when it holds an older one's data. */
antt_status backup_migrate(antt_db *db, antt_err *err);
/* 1 when backup_migrate will copy the database first. */
int backup_migrate_copies(const antt_db *db);

/* What storage asks about damaged files (db_care): backup_damaged_marked,
 * backup_damaged_mark and backup_latest, for db_open. */
const db_care *backup_care(void);

/* The screen's daily backup in steps (see above). *job is NULL when
 * today's backup exists already (or the database is read-only); else the
 * caller owns it and frees it with backup_job_free, which removes an
 * unfinished copy. */
typedef struct backup_job backup_job;
antt_status backup_daily_begin(antt_db *db, backup_job **job, antt_err *err);
/* Copy up to pages more pages (-1: all); *done when the backup is whole and
 * in place. A database found damaged reads ANTT_ERR_DB_CORRUPT. */
antt_status backup_step(backup_job *job, int pages, int *done, antt_err *err);
/* How much is copied, 0..100. */
int backup_progress(const backup_job *job);
void backup_job_free(backup_job *job);

/* The newest backup of the database at db_path; 0 when there is none. */
int backup_latest(const char *db_path, char *out, size_t n);

/* Replace the database at db_path with a backup, after checking it and
 * keeping the current state (saved: where). The content is written into the
 * live database, so connections other processes have open (the screen) go
 * on in the restored one. A file too damaged for that is replaced whole,
 * only when no other process has it open; else it is refused. The caller
 * must hold no connection to it. */
antt_status backup_restore(const char *db_path, const char *file, char *saved, size_t n, antt_err *err);

/* 0 when the backup file was written by another machine than the database
 * at db_path (both have a machine key, and they differ): restoring it makes
 * this machine sign packages as that one and trust its senders. 1 when the
 * same, or when either cannot tell. */
int backup_same_machine(const char *db_path, const char *file);

/* Remove what a backup or restore killed half-way (kill -9, a power cut)
 * left beside the database at db_path, when that process is gone. */
void backup_remove_stale(const char *db_path);

/* The mark of a database found damaged (by the daily copy or an error):
 * db_open checks such a one again and opens it read-only while it fails. */
int backup_damaged_marked(const char *db_path);
void backup_damaged_mark(const char *db_path, int damaged);

#endif
