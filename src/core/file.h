/* Whole-file reads for the small inputs antt takes (forms, CSV files), and
 * the removal of temporary files a killed run left behind. */
#ifndef ANTT_FILE_H
#define ANTT_FILE_H

#include <stddef.h>
#include "status.h"

/* Read path into *buf (NUL-terminated, caller frees) and its length. */
antt_status file_read_all(const char *path, char **buf, size_t *len, antt_err *err);

/* Remove dir/PREFIX<pid>[-<hex>]SUFFIX[...] files left by a process that
 * is gone (one killed during a report or a restore), their journals
 * included, in one pass over dir. The files of a live process, those
 * changed less than min_age seconds ago (in a shared folder, another
 * machine's file in use: its pid says nothing here), and every other
 * name, are left alone. */
void file_remove_stale(const char *dir, const char *prefix, const char *suffix, long min_age);

/* 1 when writing to path would replace the database at db_path or its
 * -wal, -shm or -journal file (the same spelling, or the same device and
 * inode where the system has them): an output file named so would lose
 * the data. -1 when out of memory. */
int file_is_database_own(const char *db_path, const char *path);

/* Copy the file from into to (made or replaced), synced to the disk; on
 * failure to is removed. */
antt_status file_copy(const char *from, const char *to, antt_err *err);

/* 1 when path names a folder. */
int file_is_dir(const char *path);
/* 1 when path names something that is neither a file nor a folder (a
 * device, a pipe): reading it may never end, or never answer. */
int file_is_special(const char *path);

#endif
