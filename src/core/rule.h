/* Pass rules: SQLite expressions over one answer (and, for computed
 * criteria, counts over the child units), prepared once when a form loads
 * and evaluated by SQLite with the answer bound as parameters. No home-made
 * expression parser: SQLite parses, type-checks and evaluates. */
#ifndef ANTT_RULE_H
#define ANTT_RULE_H

#include <sqlite3.h>
#include "status.h"

typedef struct rule_engine rule_engine;

/* An in-memory SQLite holding the schema (so unit type codes can be
 * checked) where rules are compiled. Free with rule_engine_free(). */
antt_status rule_engine_new(rule_engine **out, antt_err *err);
void rule_engine_free(rule_engine *re);

/* 1 if code is a unit type of the schema. */
int rule_engine_type_known(rule_engine *re, const char *code);

/* Compile expr. On failure returns ANTT_ERR_RULE, *offset is the byte in
 * expr where SQLite saw the problem (or -1) and msg says what. The
 * statement belongs to the engine's connection: finalize it before
 * rule_engine_free(). Names a rule may use: value, exception, total,
 * registered, assessed, recognised. */
antt_status rule_compile(rule_engine *re, const char *expr, sqlite3_stmt **out,
                         int *offset, char *msg, size_t msglen);

typedef enum { RV_NULL, RV_INT, RV_REAL, RV_TEXT } rule_value_kind;

typedef struct {
	rule_value_kind kind;
	long long i;
	double d;
	const char *s;
} rule_value;

typedef struct {
	rule_value value;
	int exception;
	/* computed criteria: child units in scope, registered among them,
	 * with a settled outcome (recognised, or assessed chưa đạt), and
	 * recognised by a decision (được công nhận) */
	long long total, registered, assessed, recognised;
} rule_input;

enum { RULE_FAIL = 0, RULE_PASS = 1, RULE_MISSING = -1 };

/* Evaluate: *result is RULE_PASS, RULE_FAIL, or RULE_MISSING when the
 * expression yields NULL. */
antt_status rule_eval(sqlite3_stmt *st, const rule_input *in, int *result, antt_err *err);

#endif
