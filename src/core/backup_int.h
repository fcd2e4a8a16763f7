/* What the backup files share (backup.c: names, rotation, the copy;
 * backup_mark.c: the import marks; backup_steps.c: the screen's copy in
 * steps; backup_restore.c). Only they include it. It does not include
 * backup.h: backup.c includes this header, and the include graph of
 * src/core has no loops (tests/cli/test_include_graph.sh). */
#ifndef ANTT_BACKUP_INT_H
#define ANTT_BACKUP_INT_H

#include "db.h"

/* dir/antt-backups and the database's base name without .db. */
void backup_names(const char *db_path, char *dir, size_t dn, char *base, size_t bn);

/* The setting backup_keep (at least 1), and the rotation that keeps the
 * newest that many of each kind, never made (the one just written). */
long backup_keep_setting(antt_db *db);
void backup_rotate(const char *db_path, long keep, const char *made);

/* A new backup's name and the temporary file it is written under, the
 * folder made; the folder's entry of a renamed file, synced. */
antt_status backup_new_names(const char *db_path, const char *why, char *path, size_t pn, char *tmp, size_t tn,
                             antt_err *err);
void backup_sync_dir(const char *path);
/* The same for another kind of file beside the backups:
 * dir/BASE-[kind-]STAMP[-why].ext, its temporary name (tmp may be NULL)
 * .antt-backup-PID.tmp[kind]. */
antt_status backup_new_file(const char *db_path, const char *kind, const char *why, const char *ext, char *path,
                            size_t pn, char *tmp, size_t tn, antt_err *err);

/* 1 when the database at db_path has a backup made today. */
int backup_made_today(const char *db_path);

/* A copy of the database read through src into a new backup, with VACUUM
 * INTO; db names the file and the setting. */
antt_status backup_copy(antt_db *db, antt_db *src, const char *why, char *out, size_t n, antt_err *err);

/* The import mark: backup, plus the imports since, gives back state
 * (backup_mark.c). */
void backup_mark_write(const char *db_path, const char *backup, const char *state);

/* The temporary file of a restore that replaces the whole file (pid < 0:
 * the name's start, for removing what a killed one left; backup_restore.c). */
void backup_restore_tmp(const char *db_path, char *out, size_t n, long pid);

#endif
