/* The office's units as a hierarchy of any depth. Types are rows of the
 * unit_types table; a type may be typed as its code or its Vietnamese name,
 * without regard to case or accents. */
#ifndef ANTT_UNIT_H
#define ANTT_UNIT_H

#include "db.h"

typedef struct {
	sqlite3_int64 id;
	char uuid[37];
	char code[64];
	char name[256];
	char type[32];
	char type_name[64];
	char parent_code[64];
	char valid_from[16];
	char valid_to[16];
	char merged_into[64];
	int excluded;
	int managed_above;   /* managed by a level above the commune it is placed under:
	                        not counted in the commune's criterion 4 (TT 124, Điều 5.4) */
	int depth;           /* 0 for the top of the listing */
} unit_row;

/* Resolve a typed type ("Khu dân cư", "khu dan cu", "khu-dan-cu") to its
 * code, written into code (size n). */
antt_status unit_type_resolve(antt_db *db, const char *typed, char *code, size_t n, antt_err *err);

/* Look a unit up by code. */
antt_status unit_get(antt_db *db, const char *code, unit_row *out, antt_err *err);

/* Changes; each runs in its own transaction and is audited. */
/* A unit code: 1 to UNIT_CODE_MAX of A-Z a-z 0-9 - _ . / (1 when valid). */
#define UNIT_CODE_MAX 63
#define UNIT_CODE_RULE "cần từ 1 đến 63 ký tự, chỉ gồm chữ không dấu, chữ số và - _ . /"
int unit_code_valid(const char *code);

/* A unit's name: at most UNIT_NAME_MAX characters, and within unit_row's
 * name (80 Vietnamese letters are 240 bytes at most; the longest names of
 * a province are under 50). Without a bound a pasted page was taken as a
 * name and cut where it was read back. 1 when name (NFC) fits. */
#define UNIT_NAME_MAX 80
#define UNIT_NAME_MAX_S "80"
int unit_name_fits(const char *name);

antt_status unit_add(antt_db *db, const char *code, const char *type, const char *name,
                     const char *parent_code, antt_err *err);
/* Insert inside the caller's transaction, for bulk work: type is a type
 * code and name is NFC already; nothing but the database's own
 * constraints is checked. */
antt_status unit_add_tx(antt_db *db, const char *code, const char *type, const char *name,
                        const char *parent_code, int excluded, antt_err *err);
antt_status unit_rename(antt_db *db, const char *code, const char *name, antt_err *err);
antt_status unit_move(antt_db *db, const char *code, const char *parent_code, antt_err *err);
/* Retire from date (typed 1/7/2025 or 2025-07-01; NULL: today), optionally
 * merged into another. */
antt_status unit_retire(antt_db *db, const char *code, const char *date,
                        const char *merged_into, antt_err *err);
/* Mark a unit as not assessed (excluded 1) or take the mark off, inside
 * the caller's transaction: the communes' verdicts follow it
 * (assess_set_excluded does both). A unit already so is left unwritten
 * and *changed (may be NULL) says 0. */
antt_status unit_mark_excluded(antt_db *db, const char *code, int excluded, int *changed, antt_err *err);
/* Mark (above 1) or unmark a unit as managed by a level above the commune
 * it is placed under, inside the caller's transaction: the communes'
 * verdicts follow it (assess_set_managed_above does both). Only a type
 * unit_type_managed_above_ok allows may be marked; a unit already so is
 * left unwritten (no revision, no audit row) and *changed (may be NULL)
 * says 0. */
antt_status unit_mark_managed_above(antt_db *db, const char *code, int above, int *changed, antt_err *err);
/* TT 124, Điều 5 khoản 4 counts the units "thuộc thẩm quyền hoặc được ủy
 * quyền quản lý" of the commune: a cơ quan, doanh nghiệp or cơ sở giáo dục
 * placed under a commune may be managed by a level above it; a khu dân cư
 * is the commune's own, and communes and the levels above are not among
 * the units counted. 1 when a unit of type (a code) may be marked. */
int unit_type_managed_above_ok(const char *type);
/* Those types, for the code and for SQL that checks rows (a package's) */
#define UNIT_MANAGED_ABOVE_TYPES(X) X("co-quan") X("doanh-nghiep") X("co-so-giao-duc")
#define UNIT_MANAGED_ABOVE_RULE "chỉ đánh dấu được cơ quan, doanh nghiệp hoặc cơ sở giáo dục do cấp trên quản lý " \
	"(khu dân cư luôn thuộc xã; xã và các cấp trên xã không thuộc diện này)"

typedef struct {
	const char *type;     /* code or name; NULL for all */
	const char *under;    /* unit code; NULL for the whole tree */
	const char *search;   /* accent-insensitive part of the name or code */
	int year;             /* only units in force that year; 0: all not retired */
	int all;              /* include retired units */
} unit_filter;

/* Call fn for each unit in tree order. fn returns non-zero to stop. */
antt_status unit_list(antt_db *db, const unit_filter *flt,
                      int (*fn)(const unit_row *u, void *ctx), void *ctx, antt_err *err);

/* SQL: the columns cols of the rows a walk starts from, the unit coded by
 * parameter p, or the roots when p is NULL. Two arms, so each is an index
 * look-up (a CASE choosing between the two conditions reads every unit). */
#define UNIT_SEED_OF(cols, p) \
	"SELECT " cols " FROM units WHERE " p " IS NULL AND parent_id IS NULL" \
	" UNION ALL SELECT " cols " FROM units WHERE code = " p
/* the ids a scope starts from, for unit ?1 */
#define UNIT_SEED_SQL UNIT_SEED_OF("id", "?1")

/* SQL prefix: the CTE scope(id) of unit ?1 and every unit below it (?1 NULL:
 * every tree from its roots), for queries that take --under. */
#define UNIT_SCOPE_SQL \
	"WITH RECURSIVE scope(id) AS (" UNIT_SEED_SQL \
	" UNION ALL SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) "

/* SQL condition: the unit id col is in scope. Without ?1 every unit is (all
 * hang from a root), so the walk is not made: made, it would drive the
 * query, walking every unit even when the table asked holds no row. */
#define UNIT_IN_SCOPE(col) "(?1 IS NULL OR " col " IN (SELECT id FROM scope))"

#endif

/* SQL condition: unit alias u is in force in year (a bound parameter). A
 * unit retired during a year no longer counts for that year. */
#define UNIT_IN_YEAR(u, y) \
	"((" u ".valid_from IS NULL OR CAST(substr(" u ".valid_from, 1, 4) AS INTEGER) <= " y ") AND " \
	"(" u ".valid_to IS NULL OR CAST(substr(" u ".valid_to, 1, 4) AS INTEGER) > " y "))"
