/* Shared helpers for the cmocka unit tests: each test gets its own
 * temporary folder and database; forms come from the repository. */
#ifndef ANTT_TESTUTIL_H
#define ANTT_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "session.h"
#include "answer.h"
#include "workflow.h"
#include "status.h"

static char tu_dir[256];

/* A fresh folder; ANTT_FORMS points at the repository's forms unless the
 * test sets it. */
static inline const char *tu_mkdir(void)
{
	snprintf(tu_dir, sizeof(tu_dir), "/tmp/antt-test-XXXXXX");
	assert_non_null(mkdtemp(tu_dir));
	setenv("ANTT_FORMS", "forms", 0);
	setenv("ANTT_USER", "kiemthu", 1);
	return tu_dir;
}

static inline const char *tu_path(const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tu_dir, name);
	return buf[k];
}

static inline void tu_write(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static inline antt_db *tu_open(void)
{
	antt_db *db = NULL;
	antt_err err = { "" };

	tu_mkdir();
	if (session_open(tu_path("test.db"), DB_CREATE, &db, &err) != ANTT_OK)
		fail_msg("session_open: %s", err.msg);
	return db;
}

static inline void tu_cleanup(antt_db *db)
{
	char cmd[300];
	db_close(db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tu_dir);
	assert_int_equal(system(cmd), 0);
}

/* A whole file into *out (malloc'd); its size. */
static inline long tu_file_bytes(const char *path, char **out)
{
	FILE *fp = fopen(path, "rb");
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	*out = malloc((size_t)n);
	assert_non_null(*out);
	assert_int_equal(fread(*out, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return n;
}

/* Two files the same, byte for byte; their size. */
static inline long tu_same_files(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	long nx = tu_file_bytes(a, &x), ny = tu_file_bytes(b, &y);

	assert_int_equal(nx, ny);
	assert_memory_equal(x, y, (size_t)nx);
	free(x);
	free(y);
	return nx;
}

/* layout_load's check of a type's code: every code is known. */
static inline int tu_any_type(const char *code, void *ctx)
{
	(void)code;
	(void)ctx;
	return 1;
}

/* The first column of the first row of a query, as an integer. */
static inline long long tu_int(antt_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Approving needs a proven leader login (auth.c): a leader account and its
 * login, for tests whose subject is not the accounts themselves. Login
 * stays optional for everything else (no login_required). */
#include "auth.h"
static inline void tu_as_leader(antt_db *db)
{
	antt_err err = { "" };
	int wait;

	if (!auth_accounts(db, ROLE_NONE)) {
		if (auth_user_add(db, "tu-qt", "Quản trị kiểm thử", ROLE_ADMIN, "tu-quantri", &err) != ANTT_OK ||
		    db_setting_set(db, "login_required", "0", &err) != ANTT_OK)
			fail_msg("tu_as_leader: %s", err.msg);
		db->role = auth_initial_role(db);
		if (auth_login(db, "tu-qt", "tu-quantri", &wait, &err) != ANTT_OK ||
		    auth_user_add(db, "tu-ld", "Lãnh đạo kiểm thử", ROLE_REVIEWER, "tu-lanhdao", &err) != ANTT_OK)
			fail_msg("tu_as_leader: %s", err.msg);
	}
	if (auth_login(db, "tu-ld", "tu-lanhdao", &wait, &err) != ANTT_OK)
		fail_msg("tu_as_leader: %s", err.msg);
}

/* A commune X1 "Xã Hòa Bình" with n khu dân cư K1..Kn ("Thôn 1" ...). */
#include "unit.h"
static inline antt_db *tu_commune(int n)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	char code[16], name[32];

	if (unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err) != ANTT_OK)
		fail_msg("tu_commune: %s", err.msg);
	for (int i = 1; i <= n; i++) {
		snprintf(code, sizeof(code), "K%d", i);
		snprintf(name, sizeof(name), "Thôn %d", i);
		if (unit_add(db, code, "khu-dan-cu", name, "X1", &err) != ANTT_OK)
			fail_msg("tu_commune: %s", err.msg);
	}
	return db;
}

/* Approve code's year (as a leader would; the rights are test_auth's
 * concern) and recognise it by a decision of the commune's chairman. */
#include "recognise.h"
static inline void tu_recognise(antt_db *db, const char *code, int year)
{
	antt_err err = { "" };
	char sql[256], date[16];
	int added = 0;

	snprintf(sql, sizeof(sql), "UPDATE assessments SET status = 'approved' WHERE year = %d"
		" AND unit_id = (SELECT id FROM units WHERE code = '%s')", year, code);
	assert_int_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	snprintf(date, sizeof(date), "10/11/%d", year);
	if (recognise_record_tx(db, &(recognise_decision){ "12/QĐ-UBND", date, "Chủ tịch UBND xã Hòa Bình", NULL },
		year, &code, 1, &added, &err) != ANTT_OK)
		fail_msg("tu_recognise: %s", err.msg);
	assert_int_equal(added, 1);
}

/* Assert that haystack contains needle, showing both when not. */
#define assert_contains(haystack, needle) do { \
	if (!strstr((haystack), (needle))) \
		fail_msg("expected \"%s\" in \"%s\"", (needle), (haystack)); \
} while (0)

#endif
