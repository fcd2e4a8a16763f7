/* Backups beside the database (antt-backups/NAME-YYYYMMDD-HHMMSS[-why].db),
 * written with VACUUM INTO (a consistent copy that also reads every page,
 * so it doubles as the daily integrity check): once per day of use, before
 * every import and migration, keeping the newest N (setting backup_keep). */
#ifndef ANTT_BACKUP_H
#define ANTT_BACKUP_H

#include "db.h"

/* Write a backup now; out receives its path. why: a short tag of lower-case
 * ASCII letters and dashes, or NULL. */
antt_status backup_now(antt_db *db, const char *why, char *out, size_t n, antt_err *err);

/* A backup unless one was made today. *made says whether one was. When the
 * copy finds the database damaged, it is made read-only (db_set_damaged). */
antt_status backup_daily(antt_db *db, int *made, antt_err *err);

/* Upgrade the database's structure (db_migrate), after a backup of it
 * (tagged truoc-nang-cap) when it holds an older one's data. */
antt_status backup_migrate(antt_db *db, antt_err *err);

/* What storage asks about damaged files (db_care): backup_damaged_marked,
 * backup_damaged_mark and backup_latest, for db_open. */
const db_care *backup_care(void);

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
