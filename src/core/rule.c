/* Rule compilation and evaluation on a private, bare in-memory SQLite. The
 * authorizer lets a rule read only the row of bound answer values (no
 * table, pragma or attach) and call only deterministic functions, so a
 * verdict cannot change by itself; limits, a VM step count and a heap
 * ceiling stop a rule that would hang an import or eat the machine. */
#include "rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#define RULE_PREFIX "SELECT ("
#define RULE_SUFFIX ") FROM (SELECT ?1 AS value, ?2 AS exception, ?3 AS total, " \
	"?4 AS registered, ?5 AS assessed, ?6 AS recognised) AS answer"

/* The bounds. Counted in VM instructions, not seconds, so a rule is
 * stopped at the same point on a fast and a slow PC: the real forms take
 * under a hundred steps; a million takes a few milliseconds. One
 * instruction can still take long (instr() or LIKE over long strings is
 * length times length, unseen by the step count), so the strings a rule
 * may build and the rule itself are kept short: the real rules are under
 * a hundred bytes and compare answers of a few words. */
#define RULE_STEP_CHUNK  1000
#define RULE_MAX_CHUNKS  1000
#define RULE_MAX_STEPS   (RULE_STEP_CHUNK * RULE_MAX_CHUNKS)
#define RULE_MAX_LENGTH  10000            /* bytes in one text or blob value */
#define RULE_MAX_EXPR    2000             /* bytes in one rule */
#define RULE_MAX_HEAP    (64LL << 20)     /* bytes a rule may add to the heap */

/* Functions that give the same result for the same arguments. Missing on
 * purpose: random, randomblob, zeroblob, the date and time functions
 * ('now' or no argument reads the clock, and the argument can be built at
 * run time), changes and last_insert_rowid, sqlite_* and fts3_tokenizer,
 * load_extension, group_concat and printf (strings grown without need). */
static const char *const allowed_functions[] = {
	"abs", "avg", "ceil", "ceiling", "char", "coalesce", "count", "floor",
	"if", "ifnull", "iif", "instr", "length", "like", "glob", "likely",
	"likelihood", "lower", "ltrim", "max", "min", "mod", "nullif",
	"octet_length", "replace", "round", "rtrim", "sign", "substr",
	"substring", "sum", "total", "trim", "trunc", "typeof", "unicode",
	"unlikely", "upper", NULL
};

static const char *const clock_functions[] = {
	"date", "time", "datetime", "julianday", "unixepoch", "strftime",
	"timediff", "current_date", "current_time", "current_timestamp", NULL
};

struct rule_engine {
	sqlite3 *sql;
	int compiling;
	int refs;
	int chunks;              /* progress callbacks in the running rule */
	char denied[64];         /* function refused while compiling */
	int denied_clock;
};

/* One engine for the process: every form needs one to compile its
 * rules, and their statements stay prepared on it. antt is
 * single-threaded; the engine stays for the next form once the last one
 * is freed (it remains reachable, so it is not a leak). */
static rule_engine *shared;

static int in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcasecmp(*list, name))
			return 1;
	return 0;
}

static int authorize(void *ud, int action, const char *a, const char *b,
                     const char *dbname, const char *trigger)
{
	struct rule_engine *re = ud;

	(void)a; (void)dbname; (void)trigger;
	if (!re->compiling)
		return SQLITE_OK;
	switch (action) {
	case SQLITE_SELECT:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		if (b && in_list(allowed_functions, b))
			return SQLITE_OK;
		if (!re->denied[0]) {
			snprintf(re->denied, sizeof(re->denied), "%s", b ? b : "?");
			re->denied_clock = b && in_list(clock_functions, b);
		}
		return SQLITE_DENY;
	case SQLITE_READ:
		/* Columns of the answer row come from a subquery, which the
		 * authorizer does not report; any real table is refused. */
		return SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

/* Called every RULE_STEP_CHUNK VM instructions: non-zero stops the rule. */
static int progress(void *ud)
{
	struct rule_engine *re = ud;

	return ++re->chunks > RULE_MAX_CHUNKS;
}

/* The unit types the schema's migrations leave (listed at build time by
 * scripts/embed-sql.sh) let form.c check the types a form names; nothing
 * of db.c is needed, and the engine's own database stays empty: building
 * the whole schema in it cost ~25 ms of every process that read a form. */
extern const char *const db_unit_types[];

static antt_status engine_open(rule_engine *re, antt_err *err)
{
	static const struct { int id, value; } limits[] = {
		{ SQLITE_LIMIT_LENGTH, RULE_MAX_LENGTH },
		{ SQLITE_LIMIT_SQL_LENGTH, RULE_MAX_EXPR + 200 },
		{ SQLITE_LIMIT_COLUMN, 100 },
		{ SQLITE_LIMIT_EXPR_DEPTH, 100 },
		{ SQLITE_LIMIT_COMPOUND_SELECT, 20 },
		{ SQLITE_LIMIT_FUNCTION_ARG, 16 },
		{ SQLITE_LIMIT_ATTACHED, 0 },
		{ SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100 },
		{ SQLITE_LIMIT_VARIABLE_NUMBER, 6 },
		{ SQLITE_LIMIT_TRIGGER_DEPTH, 1 },
		{ SQLITE_LIMIT_WORKER_THREADS, 0 },
	};
	char *msg = NULL;
	int rc;

	rc = sqlite3_open_v2(":memory:", &re->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
		SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(re->sql, "PRAGMA temp_store = MEMORY", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		err_set(err, rc == SQLITE_NOMEM ? ANTT_ERR_NOMEM : ANTT_ERR_DB,
			"không mở được nơi tính quy tắc: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return rc == SQLITE_NOMEM ? ANTT_ERR_NOMEM : ANTT_ERR_DB;
	}
	for (size_t i = 0; i < sizeof(limits) / sizeof(*limits); i++)
		sqlite3_limit(re->sql, limits[i].id, limits[i].value);
	sqlite3_db_config(re->sql, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(re->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(re->sql, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_progress_handler(re->sql, RULE_STEP_CHUNK, progress, re);
	sqlite3_set_authorizer(re->sql, authorize, re);
	return ANTT_OK;
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
	st = engine_open(re, err);
	if (st != ANTT_OK) {
		sqlite3_close(re->sql);
		free(re);
		return st;
	}
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
	(void)re;
	for (const char *const *t = db_unit_types; code && *t; t++)
		if (!strcmp(*t, code))
			return 1;
	return 0;
}

/* Byte offset of the first call of name in expr, or -1: SQLite gives no
 * offset for a refused function. */
static int find_call(const char *expr, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = expr; *p; p++) {
		const char *q = p + n;
		if (strncasecmp(p, name, n) || (p > expr && (p[-1] == '_' || isalnum((unsigned char)p[-1]))))
			continue;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (*q == '(')
			return (int)(p - expr);
	}
	return -1;
}

/* Step st once within the bounds. The heap ceiling is process-wide in
 * SQLite (there is no per-connection one), so it is raised to "what is in
 * use now plus RULE_MAX_HEAP" only while the rule runs: antt has one
 * thread, so during that step the rule is the only thing allocating. */
static int run_bounded(rule_engine *re, sqlite3_stmt *st, char *msg, size_t msglen)
{
	sqlite3_int64 old = sqlite3_hard_heap_limit64(-1);
	sqlite3_int64 cap = sqlite3_memory_used() + RULE_MAX_HEAP;
	int rc;

	if (old <= 0 || old > cap)
		sqlite3_hard_heap_limit64(cap);
	re->chunks = 0;
	rc = sqlite3_step(st);
	sqlite3_hard_heap_limit64(old);
	if (rc == SQLITE_ROW)
		return rc;
	if (re->chunks > RULE_MAX_CHUNKS)
		snprintf(msg, msglen, "quy tắc chạy quá %d bước tính mà chưa xong nên đã bị dừng "
			"(quy tắc chỉ nên so sánh câu trả lời, không duyệt danh sách lớn)", RULE_MAX_STEPS);
	else if (rc == SQLITE_TOOBIG)
		snprintf(msg, msglen, "quy tắc tạo ra giá trị dài quá %d byte nên đã bị dừng", RULE_MAX_LENGTH);
	else if (rc == SQLITE_NOMEM)
		snprintf(msg, msglen, "quy tắc cần quá %lld MB bộ nhớ nên đã bị dừng", RULE_MAX_HEAP >> 20);
	else
		snprintf(msg, msglen, "không tính được quy tắc: %s", sqlite3_errmsg(re->sql));
	sqlite3_reset(st);
	return rc;
}

static void refused_message(rule_engine *re, const char *expr, int *offset, char *msg, size_t msglen)
{
	if (!re->denied[0]) {
		snprintf(msg, msglen, "quy tắc chỉ được đọc câu trả lời "
			"(value, exception, total, registered, assessed, recognised), "
			"không được đọc bảng hay thay đổi dữ liệu");
		return;
	}
	*offset = find_call(expr, re->denied);
	if (re->denied_clock)
		snprintf(msg, msglen, "quy tắc không được gọi hàm ngày giờ %s(): kết quả có thể đổi "
			"theo đồng hồ máy ('now'), nên kết luận sẽ tự thay đổi; hãy so sánh ngày "
			"dạng chuỗi 'YYYY-MM-DD', ví dụ value >= '2024-01-01'", re->denied);
	else
		snprintf(msg, msglen, "quy tắc không được gọi hàm %s(): chỉ dùng được các hàm cho "
			"cùng một kết quả mỗi lần tính (abs, coalesce, ifnull, iif, length, lower, "
			"upper, trim, substr, replace, instr, round, min, max ...)", re->denied);
}

antt_status rule_compile(rule_engine *re, const char *expr, sqlite3_stmt **out,
                         int *offset, char *msg, size_t msglen)
{
	size_t n = strlen(RULE_PREFIX) + strlen(expr) + strlen(RULE_SUFFIX) + 1;
	const char *tail = NULL;
	char *sql = NULL;
	int rc, off;

	*out = NULL;
	*offset = -1;
	if (strlen(expr) > RULE_MAX_EXPR) {
		snprintf(msg, msglen, "quy tắc dài %zu byte, quá %d byte: quy tắc chỉ nên so sánh câu trả lời, "
			"hãy viết ngắn lại", strlen(expr), RULE_MAX_EXPR);
		return ANTT_ERR_RULE;
	}
	if (strchr(expr, ';')) {
		*offset = (int)(strchr(expr, ';') - expr);
		snprintf(msg, msglen, "quy tắc chỉ được là một biểu thức, không có dấu ';'");
		return ANTT_ERR_RULE;
	}
	if (!(sql = malloc(n)))
		return ANTT_ERR_NOMEM;
	snprintf(sql, n, "%s%s%s", RULE_PREFIX, expr, RULE_SUFFIX);
	re->compiling = 1;
	re->denied[0] = '\0';
	rc = sqlite3_prepare_v2(re->sql, sql, -1, out, &tail);
	re->compiling = 0;
	if (rc != SQLITE_OK) {
		off = sqlite3_error_offset(re->sql);
		if (off >= (int)strlen(RULE_PREFIX) && off < (int)(strlen(RULE_PREFIX) + strlen(expr)))
			*offset = off - (int)strlen(RULE_PREFIX);
		/* the engine has no tables: one named is a table of antt's */
		if (rc == SQLITE_AUTH || re->denied[0] || !strncmp(sqlite3_errmsg(re->sql), "no such table", 13))
			refused_message(re, expr, offset, msg, msglen);
		else
			snprintf(msg, msglen, "SQLite không hiểu biểu thức: %s", sqlite3_errmsg(re->sql));
		goto fail;
	}
	if (!*out || (tail && *tail)) {
		snprintf(msg, msglen, "quy tắc chỉ được là một biểu thức");
		goto fail;
	}
	/* A trial run with no answer: a rule that hangs or grows whatever
	 * the answer is refused now, when the form loads, not in the middle
	 * of an import. */
	if (run_bounded(re, *out, msg, msglen) != SQLITE_ROW)
		goto fail;
	sqlite3_reset(*out);
	free(sql);
	return ANTT_OK;
fail:
	sqlite3_finalize(*out);
	*out = NULL;
	free(sql);
	return ANTT_ERR_RULE;
}

static antt_status bind_value(sqlite3_stmt *st, int i, const rule_value *v)
{
	switch (v->kind) {
	case RV_INT:  return sqlite3_bind_int64(st, i, v->i) == SQLITE_OK ? ANTT_OK : ANTT_ERR_RULE;
	case RV_REAL: return sqlite3_bind_double(st, i, v->d) == SQLITE_OK ? ANTT_OK : ANTT_ERR_RULE;
	case RV_TEXT: return sqlite3_bind_text(st, i, v->s, -1, SQLITE_TRANSIENT) == SQLITE_OK ? ANTT_OK : ANTT_ERR_RULE;
	default:      return sqlite3_bind_null(st, i) == SQLITE_OK ? ANTT_OK : ANTT_ERR_RULE;
	}
}

antt_status rule_eval(sqlite3_stmt *st, const rule_input *in, int *result, antt_err *err)
{
	char msg[256];

	sqlite3_reset(st);
	if (!shared || sqlite3_db_handle(st) != shared->sql)
		return err_set(err, ANTT_ERR_RULE, "quy tắc không thuộc nơi tính quy tắc");
	if (bind_value(st, 1, &in->value) != ANTT_OK)
		return err_set(err, ANTT_ERR_RULE, "câu trả lời dài quá %d byte, quy tắc không tính được",
			RULE_MAX_LENGTH);
	sqlite3_bind_int(st, 2, in->exception);
	sqlite3_bind_int64(st, 3, in->total);
	sqlite3_bind_int64(st, 4, in->registered);
	sqlite3_bind_int64(st, 5, in->assessed);
	sqlite3_bind_int64(st, 6, in->recognised);
	if (run_bounded(shared, st, msg, sizeof(msg)) != SQLITE_ROW)
		return err_set(err, ANTT_ERR_RULE, "%s", msg);
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		*result = RULE_MISSING;
	else
		*result = sqlite3_column_int64(st, 0) != 0 ? RULE_PASS : RULE_FAIL;
	sqlite3_reset(st);
	return ANTT_OK;
}
