/* Opening a database for the application, above storage (db.c): the file
 * is opened, a backup taken before its structure is upgraded, upgraded,
 * given the SQL functions the criteria sets provide, and given who works
 * (the system user, and the role before anyone logs in). The handle is
 * released with db_close(), which also frees the sets read on it. */
#ifndef ANTT_SESSION_H
#define ANTT_SESSION_H

#include "db.h"

/* flags as db_open's (DB_CREATE, DB_READONLY, DB_NO_CHECK). */
antt_status session_open(const char *path, int flags, antt_db **out, antt_err *err);

/* The same, telling upgrading(ctx, path, bytes) first when the file is of
 * an older structure: its copy before the upgrade (bytes, the file's size)
 * can take minutes at a national size, with nothing else to see. */
typedef struct {
	void (*upgrading)(void *ctx, const char *path, long long bytes);
	void *ctx;
} session_notice;
antt_status session_open_noticed(const char *path, int flags, const session_notice *n, antt_db **out,
                                 antt_err *err);

/* A setting changed at the user's request: needs an admin's rights. */
antt_status session_setting_set(antt_db *db, const char *key, const char *value, antt_err *err);

#endif
