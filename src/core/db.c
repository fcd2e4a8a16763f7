/* Opening, migrating and writing the database. Every write the application
 * makes goes through a transaction opened here. Storage only: it includes
 * nothing of antt's but its own header (tests/cli/test_include_graph.sh). */
#include "db.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* Generated at build time from db/NNN_*.sql (see Makefile). */
extern const char *const db_migrations[];
extern const int db_migrations_count;

int db_schema_version(void)
{
	return db_migrations_count;
}

/* Less than 64 KiB left where the database lives. */
static int disk_full(const char *path)
{
	char dir[4096], *slash;
	struct statvfs sv;

	snprintf(dir, sizeof(dir), "%s", *path ? path : ".");
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	return statvfs(*dir ? dir : "/", &sv) == 0 && (unsigned long long)sv.f_bavail * sv.f_frsize < 65536;
}

antt_status db_fail(antt_db *db, int rc, antt_err *err, const char *what)
{
	const char *detail = db && db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc);
	const char *path = db && db->path ? db->path : "";

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(err, ANTT_ERR_DB_BUSY,
			"%s: cơ sở dữ liệu đang bị chương trình khác khóa (%s). "
			"Hãy đóng chương trình antt khác đang mở tệp này rồi thử lại.", path, what);
	case SQLITE_READONLY:
		if (db && db->damaged) {
			char latest[4096];
			if (db->care && db->care->latest(path, latest, sizeof(latest)))
				return err_set(err, ANTT_ERR_DB_CORRUPT,
					"%s: cơ sở dữ liệu bị hỏng nên chỉ mở để xem; chưa ghi gì (%s). "
					"Bản sao lưu gần nhất: %s", path, what, latest);
			return err_set(err, ANTT_ERR_DB_CORRUPT,
				"%s: cơ sở dữ liệu bị hỏng nên chỉ mở để xem; chưa ghi gì (%s). "
				"Chưa có bản sao lưu nào.", path, what);
		}
		return err_set(err, ANTT_ERR_DB_READONLY,
			"%s: không ghi được vì tệp chỉ đọc (%s). "
			"Hãy chép tệp sang nơi ghi được hoặc kiểm tra quyền ghi.", path, what);
	case SQLITE_FULL:
		return err_set(err, ANTT_ERR_DB_FULL,
			"%s: ổ đĩa đầy, chưa ghi gì (%s). Hãy giải phóng chỗ trống rồi thử lại.", path, what);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: {
		char latest[4096];
		/* checked again (and refused writes while damaged) on the next
		 * open: the error may also come from an attached package */
		if (db && db->care && *path && strcmp(path, ":memory:"))
			db->care->mark(path, 1);
		if (db && db->care && *path && db->care->latest(path, latest, sizeof(latest)))
			return err_set(err, ANTT_ERR_DB_CORRUPT,
				"%s: tệp bị hỏng hoặc không phải cơ sở dữ liệu antt (%s). Bản sao lưu gần nhất: %s",
				path, detail, latest);
		return err_set(err, ANTT_ERR_DB_CORRUPT,
			"%s: tệp bị hỏng hoặc không phải cơ sở dữ liệu antt (%s); cần khôi phục từ một bản sao lưu",
			path, detail);
	}
	case SQLITE_IOERR:
		/* a full disk often shows as an I/O error (the WAL cannot grow) */
		if (disk_full(path))
			return err_set(err, ANTT_ERR_DB_FULL,
				"%s: ổ đĩa đầy, chưa ghi gì (%s). Hãy giải phóng chỗ trống rồi thử lại.", path, what);
		return err_set(err, ANTT_ERR_IO,
			"%s: lỗi đọc/ghi đĩa khi %s (%s). Kiểm tra ổ đĩa hoặc USB, rồi thử lại.", path, what, detail);
	case SQLITE_CANTOPEN:
		return err_set(err, ANTT_ERR_IO,
			"%s: không mở được tệp cơ sở dữ liệu (%s). "
			"Kiểm tra đường dẫn và quyền truy cập.", path, detail);
	case SQLITE_NOMEM:
		return err_set(err, ANTT_ERR_NOMEM, "hết bộ nhớ (%s)", what);
	default:
		return err_set(err, ANTT_ERR_DB, "%s: lỗi cơ sở dữ liệu khi %s: %s", path, what, detail);
	}
}

antt_status db_prepare(antt_db *db, const char *sql, sqlite3_stmt **st, antt_err *err)
{
	int rc = sqlite3_prepare_v2(db->sql, sql, -1, st, NULL);

	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, "chuẩn bị truy vấn");
	return ANTT_OK;
}

/* schema's cache_size, or 0 when it cannot be read. */
static long long cache_of(antt_db *db, const char *schema)
{
	sqlite3_stmt *st = NULL;
	char pragma[64];
	long long n = 0;

	snprintf(pragma, sizeof(pragma), "PRAGMA %s.cache_size", schema);
	if (sqlite3_prepare_v2(db->sql, pragma, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

long long db_cache_swap(antt_db *db, const char *schema, long long size)
{
	char pragma[96];
	long long was = cache_of(db, schema);

	if (was) {
		snprintf(pragma, sizeof(pragma), "PRAGMA %s.cache_size = %lld", schema, size);
		sqlite3_exec(db->sql, pragma, NULL, NULL, NULL);
	}
	return was;
}

long long db_bytes(antt_db *db)
{
	sqlite3_stmt *st = NULL;
	long long n = 0;

	if (sqlite3_prepare_v2(db->sql, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
	                       -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

antt_status db_cached(antt_db *db, const char *sql, sqlite3_stmt **st, antt_err *err)
{
	size_t n = sizeof(db->cache) / sizeof(*db->cache), oldest = 0;
	sqlite3_stmt *fresh;
	antt_status s;

	for (size_t i = 0; i < n; i++) {
		if (db->cache[i].sql == sql) {
			db->cache[i].used = ++db->tick;
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			*st = db->cache[i].st;
			return ANTT_OK;
		}
		if (db->cache[i].used < db->cache[oldest].used)
			oldest = i;
	}
	if ((s = db_prepare(db, sql, &fresh, err)) != ANTT_OK)
		return s;
	sqlite3_finalize(db->cache[oldest].st);
	db->cache[oldest].sql = sql;
	db->cache[oldest].st = fresh;
	db->cache[oldest].used = ++db->tick;
	*st = fresh;
	return ANTT_OK;
}

static antt_status exec(antt_db *db, const char *sql, antt_err *err, const char *what)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? ANTT_OK : db_fail(db, rc, err, what);
}

antt_status db_begin(antt_db *db, antt_err *err)
{
	return exec(db, "BEGIN IMMEDIATE", err, "bắt đầu ghi");
}

antt_status db_commit(antt_db *db, antt_err *err)
{
	antt_status st = exec(db, "COMMIT", err, "lưu thay đổi");

	if (st != ANTT_OK)
		db_rollback(db);
	return st;
}

void db_rollback(antt_db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

/* n random bytes; where the system gives none, the process and the clock
 * stand in (two processes then still start their counters apart). */
static void random_bytes(unsigned char *b, size_t n)
{
	size_t got = 0;
	struct timespec ts;
	uint64_t mix;

	while (got < n) {
		ssize_t k = getrandom(b + got, n - got, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	if (got == n)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	mix = ((uint64_t)getpid() << 40) ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)ts.tv_nsec;
	for (size_t i = got; i < n; i++, mix = mix * 6364136223846793005ULL + 1442695040888963407ULL)
		b[i] = (unsigned char)(mix >> 56);
}

/* The origin's 6 bytes: the database's (db/018), read once a connection,
 * or a random one where it has none (a file of an older structure, opened
 * without migrating). */
static const unsigned char *origin_of(antt_db *db)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (db->uuid_origin_set)
		return db->uuid_origin;
	if (sqlite3_prepare_v2(db->sql, "SELECT origin FROM uuid_origin WHERE id = 1", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ok = db_uuid_origin_set(db, (const char *)sqlite3_column_text(st, 0)) == 0;
	sqlite3_finalize(st);
	if (!ok) {
		random_bytes(db->uuid_origin, sizeof(db->uuid_origin));
		db->uuid_origin_set = 1;
	}
	return db->uuid_origin;
}

int db_uuid_origin_set(antt_db *db, const char *hex)
{
	unsigned char b[6];

	if (!hex) {
		db->uuid_origin_set = 0;
		return 0;
	}
	if (strlen(hex) != 12)
		return -1;
	for (int i = 0; i < 6; i++) {
		unsigned v = 0;
		for (int j = 0; j < 2; j++) {
			char c = hex[2 * i + j];
			if (c >= '0' && c <= '9')
				v = v * 16 + (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v = v * 16 + (unsigned)(c - 'a' + 10);
			else
				return -1;
		}
		b[i] = (unsigned char)v;
	}
	memcpy(db->uuid_origin, b, sizeof(b));
	db->uuid_origin_set = 1;
	return 0;
}

void db_uuid_origin(antt_db *db, char out[13])
{
	const unsigned char *o;

	db->uuid_origin_set = 0;   /* the database's, not one the demo gave */
	o = origin_of(db);
	snprintf(out, 13, "%02x%02x%02x%02x%02x%02x", o[0], o[1], o[2], o[3], o[4], o[5]);
}

void db_uuid(antt_db *db, char out[37])
{
	static uint64_t counter;   /* from a random start in each process */
	static int seeded;
	const unsigned char *o = origin_of(db);
	time_t now = time(NULL);
	uint32_t t = now > DB_UUID_EPOCH ? (uint32_t)(now - DB_UUID_EPOCH) : 0;
	uint64_t c;
	unsigned char b[16];

	if (!seeded) {
		random_bytes((unsigned char *)&counter, sizeof(counter));
		seeded = 1;
	}
	c = counter++ & ((UINT64_C(1) << 42) - 1);
	memcpy(b, o, 6);
	b[6] = (unsigned char)(0x80 | ((t >> 28) & 0x0f));   /* version 8 */
	b[7] = (unsigned char)(t >> 20);
	b[8] = (unsigned char)(0x80 | ((t >> 14) & 0x3f));   /* variant 10 */
	b[9] = (unsigned char)(t >> 6);
	b[10] = (unsigned char)(((t & 0x3f) << 2) | (unsigned)(c >> 40));
	for (int i = 0; i < 5; i++)
		b[11 + i] = (unsigned char)(c >> (32 - 8 * i));
	snprintf(out, 37,
		"%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
		b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

int db_uuid_valid(const char *s, size_t n)
{
	if (!s || n != 36)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23 ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return 0;
	}
	return 1;
}

int db_uuid_legacy(const char *s, size_t n)
{
	if (!s || n != 32)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

antt_status db_migrate(antt_db *db, antt_err *err)
{
	antt_status st;
	char pragma[64];

	if (db->version < db_migrations_count && db->readonly)
		return err_set(err, ANTT_ERR_DB_READONLY,
			"%s: cơ sở dữ liệu cần nâng cấp cấu trúc nhưng đang mở chỉ đọc. "
			"Hãy mở ở nơi ghi được.", db->path);
	for (; db->version < db_migrations_count; db->version++) {
		st = db_begin(db, err);
		if (st != ANTT_OK)
			return st;
		st = exec(db, db_migrations[db->version], err, "nâng cấp cấu trúc dữ liệu");
		if (st == ANTT_OK) {
			snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", db->version + 1);
			st = exec(db, pragma, err, "nâng cấp cấu trúc dữ liệu");
		}
		if (st == ANTT_OK)
			st = db_commit(db, err);
		if (st != ANTT_OK) {
			db_rollback(db);
			return st;
		}
	}
	return ANTT_OK;
}

static antt_status user_version(antt_db *db, int *out, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(db, rc, err, "đọc phiên bản cơ sở dữ liệu");
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ANTT_OK;
}

/* The database cannot be written where it is: the file, or the folder
 * that must hold its -wal and -shm (read-only media, a locked folder). */
static int cannot_write(const char *path, int *folder)
{
	char dir[4096], *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		slash == dir ? (void)(dir[1] = '\0') : (void)(*slash = '\0');
	else
		snprintf(dir, sizeof(dir), ".");
	*folder = access(dir, W_OK) != 0;
	return access(path, F_OK) == 0 && (*folder || access(path, W_OK) != 0);
}

/* A non-empty -wal: writes not yet copied into the main file. */
static int wal_pending(const char *path)
{
	char wal[4200];
	struct stat sb;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	return stat(wal, &sb) == 0 && sb.st_size > 0;
}

/* Open read-only through a URI (file:PATH?mode=ro). Where the folder cannot
 * be written, SQLite cannot make the -shm a WAL database needs even to read:
 * then immutable=1, which needs none, unless a -wal holds writes it would
 * ignore. */
static int open_ro(antt_db *db, const char *path, int folder)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *uri = malloc(3 * n + 40), *u;
	int rc;

	if (!uri)
		return SQLITE_NOMEM;
	u = uri + sprintf(uri, "file:%s", path[0] == '/' ? "//" : "");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f) {
			*u++ = '%';
			*u++ = hex[*p >> 4];
			*u++ = hex[*p & 15];
		} else {
			*u++ = (char)*p;
		}
	strcpy(u, "?mode=ro");
	rc = sqlite3_open_v2(uri, &db->sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->sql, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	/* read-only media give "cannot open"; a folder this user may not
	 * write (permissions) gives "read-only" */
	if (((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) && folder && !wal_pending(path)) {
		sqlite3_close_v2(db->sql);
		db->sql = NULL;
		strcat(u, "&immutable=1");
		rc = sqlite3_open_v2(uri, &db->sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	}
	free(uri);
	return rc;
}

/* PRAGMA quick_check says "ok": every page of the database reads. */
static int sound(antt_db *db)
{
	sqlite3_stmt *st = NULL;
	int ok = sqlite3_prepare_v2(db->sql, "PRAGMA quick_check(1)", -1, &st, NULL) == SQLITE_OK &&
	         sqlite3_step(st) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "ok");

	sqlite3_finalize(st);
	return ok;
}

void db_set_damaged(antt_db *db)
{
	db->damaged = db->readonly = 1;
	sqlite3_exec(db->sql, "PRAGMA query_only = 1", NULL, NULL, NULL);
	if (db->care)
		db->care->mark(db->path, 1);
}

antt_status db_open(const char *path, int flags, const db_care *care, antt_db **out, antt_err *err)
{
	antt_db *db;
	antt_status st;
	int rc, oflags, memory, folder = 0;

	*out = NULL;
	if (!(flags & DB_CREATE) && access(path, F_OK) != 0)
		return err_set(err, ANTT_ERR_NOT_FOUND,
			"%s: không có tệp cơ sở dữ liệu này; hãy kiểm tra lại đường dẫn", path);

	db = calloc(1, sizeof(*db));
	if (!db)
		return ANTT_ERR_NOMEM;
	db->path = strdup(path);
	if (!db->path) {
		st = ANTT_ERR_NOMEM;
		goto fail;
	}
	db->care = care;
	memory = !strcmp(path, ":memory:");
	/* a database on read-only media (a write-protected USB stick), or a
	 * file or folder that cannot be written: open it to read, and say so */
	db->readonly = (flags & DB_READONLY) || (!memory && cannot_write(path, &folder));
	if (db->readonly && !memory) {
		rc = open_ro(db, path, folder);
	} else {
		oflags = db->readonly ? SQLITE_OPEN_READONLY
		                      : SQLITE_OPEN_READWRITE | ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
		oflags |= SQLITE_OPEN_URI;   /* packages are attached read-only as file:...?mode=ro */
		/* a connection is used by one thread (the only threads antt
		 * starts copy bytes to the Windows console): no lock taken
		 * around every call, a few percent of a key's or an import's CPU */
		oflags |= SQLITE_OPEN_NOMUTEX;
		rc = sqlite3_open_v2(path, &db->sql, oflags, NULL);
	}
	if (rc != SQLITE_OK && db->readonly && ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) &&
	    wal_pending(path)) {
		st = err_set(err, ANTT_ERR_DB_READONLY,
			"%s: tệp ở nơi chỉ đọc và còn phần ghi dở trong tệp %s-wal, mà ở nơi chỉ đọc thì "
			"không đọc được phần đó. Hãy chép cả hai tệp sang nơi ghi được (ổ cứng) rồi mở ở đó.", path, path);
		goto fail;
	}
	if (rc != SQLITE_OK) {
		st = db_fail(db, rc, err, "mở tệp");
		goto fail;
	}
	sqlite3_extended_result_codes(db->sql, 0);
	sqlite3_busy_timeout(db->sql, DB_BUSY_MS);

	/* Read the version before anything writes: a newer database must be
	 * left exactly as it is. This is also where a non-database shows. */
	st = user_version(db, &db->version, err);
	if (st != ANTT_OK)
		goto fail;
	/* found damaged before: look again; while it fails, only reading */
	if (!memory && !(flags & DB_NO_CHECK) && care && care->marked(path)) {
		if (sound(db))
			care->mark(path, 0);
		else
			db_set_damaged(db);
	}
	if (db->version > db_migrations_count) {
		st = err_set(err, ANTT_ERR_DB_NEWER,
			"%s: cơ sở dữ liệu do một bản antt mới hơn tạo ra (cấu trúc số %d, bản này chỉ "
			"hiểu đến số %d). Hãy cập nhật antt; tệp chưa bị thay đổi.", path, db->version, db_migrations_count);
		goto fail;
	}

	if (!db->readonly) {
		sqlite3_stmt *jm = NULL;
		int rc = sqlite3_prepare_v2(db->sql, "PRAGMA journal_mode = WAL", -1, &jm, NULL);
		if (rc == SQLITE_OK && (rc = sqlite3_step(jm)) == SQLITE_ROW) {
			const unsigned char *mode = sqlite3_column_text(jm, 0);
			db->wal = mode && !strcmp((const char *)mode, "wal");
			rc = SQLITE_OK;
		}
		sqlite3_finalize(jm);
		if (rc != SQLITE_OK) {
			st = db_fail(db, rc, err, "bật nhật ký WAL");
			goto fail;
		}
	}
	st = exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", err, "cấu hình");
	if (st != ANTT_OK)
		goto fail;

	*out = db;
	return ANTT_OK;
fail:
	db_close(db);
	return st;
}

void db_close(antt_db *db)
{
	if (!db)
		return;
	if (db->kept_free)
		db->kept_free(db->kept);
	for (size_t i = 0; i < sizeof(db->cache) / sizeof(*db->cache); i++)
		sqlite3_finalize(db->cache[i].st);
	if (db->sql)
		sqlite3_close_v2(db->sql);
	free(db->path);
	free(db);
}

antt_status db_setting_read(antt_db *db, const char *key, const char *def, char **out, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	const char *v = def;
	antt_status s;
	int rc;

	*out = NULL;
	if ((s = db_prepare(db, "SELECT value FROM settings WHERE key = ?", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = (const char *)sqlite3_column_text(st, 0);
	else if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc thiết lập");
	if (s == ANTT_OK && v && !(*out = strdup(v)))
		s = ANTT_ERR_NOMEM;
	sqlite3_finalize(st);
	return s;
}

char *db_setting_get(antt_db *db, const char *key, const char *def)
{
	char *v;

	if (db_setting_read(db, key, def, &v, NULL) == ANTT_OK)
		return v;
	return def ? strdup(def) : NULL;   /* a failed read reads as not set */
}

antt_status db_setting_set(antt_db *db, const char *key, const char *value, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_begin(db, err);
	if (s != ANTT_OK)
		return s;
	s = db_prepare(db,
		"INSERT INTO settings (key, value, updated_by) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
		"updated_by = excluded.updated_by, "
		"updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", &st, err);
	if (s != ANTT_OK)
		goto out;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, db->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "lưu thiết lập");
out:
	sqlite3_finalize(st);
	if (s == ANTT_OK)
		return db_commit(db, err);
	db_rollback(db);
	return s;
}

antt_status db_settings_each(antt_db *db, int (*fn)(const char *key, const char *value, void *ctx),
                             void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((s = db_prepare(db, "SELECT key, value FROM settings ORDER BY key", &st, err)) != ANTT_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), ctx))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc thiết lập");
	sqlite3_finalize(st);
	return s;
}

char *db_state_get(antt_db *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (db_prepare(db, "SELECT value FROM ui_state WHERE key = ?", &st, NULL) == ANTT_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = strdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return v;
}

/* A pragma run at every key (db_state_set's): kept prepared, as the
 * statement it goes with, not parsed again each time. */
static void pragma_kept(antt_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (db_cached(db, sql, &st, NULL) == ANTT_OK) {
		sqlite3_step(st);
		sqlite3_reset(st);
	}
}

antt_status db_state_set(antt_db *db, const char *key, const char *value, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc, own;

	if (db->readonly)
		return ANTT_OK;
	/* written only when it changed: the screens save their place after
	 * every answer, mostly the same */
	s = db_cached(db, "INSERT INTO ui_state (key, value) VALUES (?1, ?2)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value", &st, err);
	if (s != ANTT_OK)
		return s;
	/* and, on its own in WAL, without waiting for the disk (three syncs
	 * after each answer's own, the slowest keys on a slow disk): a power
	 * cut may lose the place, never data nor the database's soundness
	 * (WAL with synchronous NORMAL), and the next commit of data syncs
	 * the log with it */
	own = db->wal && sqlite3_get_autocommit(db->sql);
	if (own)
		pragma_kept(db, "PRAGMA synchronous = NORMAL");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	/* a place is no data: never waited for. While another program
	 * writes (an import, a backup), each of a key's three places waited
	 * the 5 s any write waits, and leaving a form froze the screen 15 s
	 * without a word; now the place stays as it was, and the next move
	 * writes it */
	sqlite3_busy_timeout(db->sql, 0);
	rc = sqlite3_step(st);
	sqlite3_busy_timeout(db->sql, DB_BUSY_MS);
	if (rc == SQLITE_DONE)
		db->quiet += sqlite3_changes64(db->sql);
	else if (rc != SQLITE_BUSY)
		s = db_fail(db, rc, err, "ghi vị trí làm việc");
	sqlite3_reset(st);
	if (own)
		pragma_kept(db, "PRAGMA synchronous = FULL");
	return s;
}
