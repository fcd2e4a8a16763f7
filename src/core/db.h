/* Storage, and nothing above it: opening the SQLite database safely (WAL,
 * synchronous=FULL, foreign keys, busy timeout), numbered migrations,
 * transactions, statements, settings. Who works, the sets and the backup
 * before an upgrade are session.c's, which opens through here. */
#ifndef ANTT_DB_H
#define ANTT_DB_H

#include <sqlite3.h>
#include "status.h"

enum {
	DB_CREATE   = 1 << 0, /* create the file when it does not exist */
	DB_READONLY = 1 << 1, /* never write (and never migrate) */
	DB_NO_CHECK = 1 << 2, /* open even when marked damaged (restore writes over it) */
};

/* What storage asks of the layer above about a file found damaged: the
 * mark kept beside it (so the next open checks it again) and the newest
 * backup, named in the message. NULL (storage alone): damage is reported
 * and refused for this handle only. */
typedef struct db_care {
	int (*marked)(const char *path);
	void (*mark)(const char *path, int damaged);
	int (*latest)(const char *path, char *out, size_t n);   /* 0: none */
} db_care;

typedef struct antt_db {
	sqlite3 *sql;
	char *path;
	const db_care *care;          /* may be NULL */
	int version;                  /* PRAGMA user_version: the migrations applied */
	char user[64];                /* who writes, recorded in updated_by (set by session.c) */
	int role;                     /* auth_role of the user (auth.h, set by session.c) */
	int readonly;                 /* read-only media, or damaged (below) */
	int damaged;                  /* found damaged: writes refused until restored */
	void *kept;                   /* what a layer above keeps with the handle (registry.c: */
	void (*kept_free)(void *);    /* the sets), freed by db_close with kept_free */
	struct {                      /* statements kept prepared (db_cached) */
		const char *sql;
		sqlite3_stmt *st;
		unsigned used;
	} cache[32];
	unsigned tick;
	long long quiet;              /* rows written that are no data (ui_state, the screens'
	                                 place): tree_stamp leaves them out */
	int wal;                      /* the journal is WAL (db_state_set's writes) */
	unsigned char uuid_origin[6]; /* db_uuid's origin, once read (uuid_origin_set) */
	int uuid_origin_set;
} antt_db;

/* Open the database at path, without migrating it (db_migrate; the
 * application opens with session_open, which does both). On success *out
 * is owned by the caller and released with db_close(). A database written
 * by a newer antt is refused with ANTT_ERR_DB_NEWER and left untouched. One
 * that cannot be written (read-only media, folder or file) opens read-only;
 * one care says is marked damaged is checked again and opens read-only
 * while the check fails. care (may be NULL) must outlive the handle. */
antt_status db_open(const char *path, int flags, const db_care *care, antt_db **out, antt_err *err);
void db_close(antt_db *db);

/* Apply the migrations this build has and the file has not, each in its
 * own transaction. A read-only handle that needs them is refused. */
antt_status db_migrate(antt_db *db, antt_err *err);

/* The database was found damaged: refuse every write from now on (and on
 * the next opens, until a check passes or it is restored). */
void db_set_damaged(antt_db *db);

/* The schema version this build writes (number of migrations in db/). */
int db_schema_version(void);

/* Transactions: BEGIN IMMEDIATE, so a second writer waits (busy timeout)
 * instead of failing half-way through. */
antt_status db_begin(antt_db *db, antt_err *err);
antt_status db_commit(antt_db *db, antt_err *err);
void db_rollback(antt_db *db);

/* Map a SQLite result code to a status, and describe it in err. */
antt_status db_fail(antt_db *db, int rc, antt_err *err, const char *what);

/* Prepare a statement or report through err. */
antt_status db_prepare(antt_db *db, const char *sql, sqlite3_stmt **st, antt_err *err);

/* A statement kept prepared on the handle, for the queries run once per
 * answer (preparing one that fires the audit triggers costs more than
 * running it). sql must be a string literal: the cache is keyed by its
 * address. The statement comes reset with no bindings; the caller does not
 * finalize it, and calls sqlite3_reset() when done so no read stays open. */
antt_status db_cached(antt_db *db, const char *sql, sqlite3_stmt **st, antt_err *err);

/* Set schema's ("main", "temp") page cache to size (the pragma's: negative
 * is KiB) and return the size before, to give back (a step that takes
 * more, or less); 0 when it could not be read (then nothing is changed). */
long long db_cache_swap(antt_db *db, const char *schema, long long size);
/* For one large write (an import), outside any transaction: a rollback
 * journal instead of the WAL when no other connection has the database
 * open (db_journal.c says why). 1 when it was changed: db_journal_wal,
 * after the write's commit or rollback, puts the WAL back (db_open does
 * too, should the program stop first). 0: the WAL stays. */
int db_journal_alone(antt_db *db);
void db_journal_wal(antt_db *db);
/* The database's size in bytes, as SQLite counts its pages (0 if it
 * cannot say): stat's is 32 bits on Windows. */
long long db_bytes(antt_db *db);

/* A new row's uuid, as 36 characters plus NUL: RFC 9562's version 8 (a
 * layout of one's own), so that the rows one database makes sit together
 * in every uuid index, here and wherever its packages go (db/018 says
 * why). 48 bits the database's origin (db/018; db_uuid_origin_set), 32
 * bits the seconds since 2020 (to 2156), 42 bits a counter from a random
 * start in each process: unique while two writers of one origin do not
 * meet in the same second at the same count. Rows made before 2/12/2026
 * hold random version 4 uuids. */
void db_uuid(antt_db *db, char out[37]);
#define DB_UUID_EPOCH 1577836800   /* 2020-01-01T00:00:00Z */
/* The origin db_uuid writes for db from now on: 12 lower-case hex digits
 * (the demo gives each commune's rows one, as if typed on its own
 * machine), or NULL for the database's own again. -1 when hex is not 12
 * lower-case hex digits (nothing changed). */
int db_uuid_origin_set(antt_db *db, const char *hex);
/* The database's own origin, as 12 hex digits (a random one where the
 * file has none). */
void db_uuid_origin(antt_db *db, char out[13]);
/* 1 when s (n bytes) is a uuid as db_uuid writes it: 36 characters,
 * lower-case hex in groups of 8-4-4-4-12 (what a package's rows are
 * checked against: keys are built as "uuid/year/criterion"). */
int db_uuid_valid(const char *s, size_t n);
/* 1 when s (n bytes) is 32 lower-case hex digits: the uuid a resolved
 * conflict gave a new answer until 1/12/2026 (lower(hex(randomblob(16)))).
 * Still accepted for answers, which no key is built from, so that the
 * offices that resolved one can still send their packages. */
int db_uuid_legacy(const char *s, size_t n);

/* Settings: db_setting_read sets *out to a new string (caller frees), the
 * stored value, or a copy of def when the key is not set, or NULL when it
 * is not set and def is NULL; ANTT_ERR_NOMEM when no copy could be made
 * and a database error when the read failed (*out NULL for both), so "not
 * set" is never a failure in disguise. db_setting_set checks no role: a
 * change a user asks for goes through session_setting_set, which does. */
antt_status db_setting_read(antt_db *db, const char *key, const char *def, char **out, antt_err *err);
/* The same for a caller to whom a failed read is as good as "not set" (a
 * default that is safe anyway): a failed read gives a copy of def, and
 * NULL is "not set" (def NULL) and "no memory" alike. Where the difference
 * matters, db_setting_read. */
char *db_setting_get(antt_db *db, const char *key, const char *def);
antt_status db_setting_set(antt_db *db, const char *key, const char *value, antt_err *err);

/* How long a write waits for another program's (an import, a backup, a
 * second antt) before it is refused with words: SQLite's busy timeout. */
#define DB_BUSY_MS 5000

/* What the screens remember between runs (table ui_state, not audited).
 * db_state_get returns a new string or NULL. */
char *db_state_get(antt_db *db, const char *key);
antt_status db_state_set(antt_db *db, const char *key, const char *value, antt_err *err);

/* Call fn for every setting, by key. fn returns non-zero to stop. */
antt_status db_settings_each(antt_db *db, int (*fn)(const char *key, const char *value, void *ctx),
                             void *ctx, antt_err *err);

#endif
