/* Rule compilation and evaluation on a private in-memory SQLite. The
 * authorizer lets a rule read only the row of bound answer values: no table
 * of the database, no pragma, no attach. */
#include "rule.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE_PREFIX "SELECT ("
#define RULE_SUFFIX ") FROM (SELECT ?1 AS value, ?2 AS exception, ?3 AS total, " \
	"?4 AS registered, ?5 AS assessed, ?6 AS recognised) AS answer"

struct rule_engine {
	antt_db *db;
	int compiling;
	int refs;
};

/* One engine for the process: opening an in-memory database with the
 * schema costs milliseconds, and every form needs one to compile its
 * rules. antt is single-threaded; the engine stays for the next form once
 * the last one is freed (it remains reachable, so it is not a leak). */
static rule_engine *shared;

static int authorize(void *ud, int action, const char *a, const char *b,
                     const char *dbname, const char *trigger)
{
	struct rule_engine *re = ud;

	(void)a; (void)b; (void)dbname; (void)trigger;
	if (!re->compiling)
		return SQLITE_OK;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_FUNCTION:
		return SQLITE_OK;
	case SQLITE_READ:
		/* Columns of the answer row come from a subquery, which the
		 * authorizer does not report; any real table is refused. */
		return SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

antt_status rule_engine_new(rule_engine **out, antt_err *err)
{
	rule_engine *re;
	antt_status st;

	*out = NULL;
	if (shared) {
		shared->refs++;
		*out = shared;
		return ANTT_OK;
	}
	if (!(re = calloc(1, sizeof(*re))))
		return ANTT_ERR_NOMEM;
	st = db_open(":memory:", DB_CREATE, &re->db, err);
	if (st != ANTT_OK) {
		free(re);
		return st;
	}
	sqlite3_set_authorizer(re->db->sql, authorize, re);
	re->refs = 1;
	*out = shared = re;
	return ANTT_OK;
}

void rule_engine_free(rule_engine *re)
{
	if (re)
		re->refs--;
}

int rule_engine_type_known(rule_engine *re, const char *code)
{
	sqlite3_stmt *st = NULL;
	int known = 0;

	if (sqlite3_prepare_v2(re->db->sql, "SELECT 1 FROM unit_types WHERE code = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		known = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return known;
}

antt_status rule_compile(rule_engine *re, const char *expr, sqlite3_stmt **out,
                         int *offset, char *msg, size_t msglen)
{
	size_t n = strlen(RULE_PREFIX) + strlen(expr) + strlen(RULE_SUFFIX) + 1;
	const char *tail = NULL;
	char *sql = malloc(n);
	int rc, off;

	*out = NULL;
	*offset = -1;
	if (!sql)
		return ANTT_ERR_NOMEM;
	if (strchr(expr, ';')) {
		const char *semi = strchr(expr, ';');
		*offset = (int)(semi - expr);
		snprintf(msg, msglen, "quy tắc chỉ được là một biểu thức, không có dấu ';'");
		free(sql);
		return ANTT_ERR_RULE;
	}
	snprintf(sql, n, "%s%s%s", RULE_PREFIX, expr, RULE_SUFFIX);
	re->compiling = 1;
	rc = sqlite3_prepare_v2(re->db->sql, sql, -1, out, &tail);
	re->compiling = 0;
	if (rc != SQLITE_OK) {
		off = sqlite3_error_offset(re->db->sql);
		if (off >= (int)strlen(RULE_PREFIX) && off < (int)(strlen(RULE_PREFIX) + strlen(expr)))
			*offset = off - (int)strlen(RULE_PREFIX);
		if (rc == SQLITE_AUTH)
			snprintf(msg, msglen, "quy tắc chỉ được đọc câu trả lời "
				"(value, exception, total, registered, assessed, recognised), "
				"không được đọc bảng hay thay đổi dữ liệu");
		else
			snprintf(msg, msglen, "SQLite không hiểu biểu thức: %s", sqlite3_errmsg(re->db->sql));
		free(sql);
		sqlite3_finalize(*out);
		*out = NULL;
		return ANTT_ERR_RULE;
	}
	if (!*out || (tail && *tail)) {
		snprintf(msg, msglen, "quy tắc chỉ được là một biểu thức");
		sqlite3_finalize(*out);
		*out = NULL;
		free(sql);
		return ANTT_ERR_RULE;
	}
	free(sql);
	return ANTT_OK;
}

static void bind_value(sqlite3_stmt *st, int i, const rule_value *v)
{
	switch (v->kind) {
	case RV_INT:  sqlite3_bind_int64(st, i, v->i); break;
	case RV_REAL: sqlite3_bind_double(st, i, v->d); break;
	case RV_TEXT: sqlite3_bind_text(st, i, v->s, -1, SQLITE_TRANSIENT); break;
	default:      sqlite3_bind_null(st, i); break;
	}
}

antt_status rule_eval(sqlite3_stmt *st, const rule_input *in, int *result, antt_err *err)
{
	int rc;

	sqlite3_reset(st);
	bind_value(st, 1, &in->value);
	sqlite3_bind_int(st, 2, in->exception);
	sqlite3_bind_int64(st, 3, in->total);
	sqlite3_bind_int64(st, 4, in->registered);
	sqlite3_bind_int64(st, 5, in->assessed);
	sqlite3_bind_int64(st, 6, in->recognised);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return err_set(err, ANTT_ERR_RULE, "không tính được quy tắc: %s",
			sqlite3_errmsg(sqlite3_db_handle(st)));
	}
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		*result = RULE_MISSING;
	else
		*result = sqlite3_column_int64(st, 0) != 0 ? RULE_PASS : RULE_FAIL;
	sqlite3_reset(st);
	return ANTT_OK;
}
