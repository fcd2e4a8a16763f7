/* Criteria sets and province additions as kinds of the one registry
 * (registry.c): which set applies, merged with the province's additions,
 * stored whole on first use; a stored set read back by its row. */
#include "form_store.h"
#include "auth.h"
#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static antt_status set_load(const char *source, const char *text, size_t len, void **out, antt_err *err)
{
	form *f;
	antt_status st = form_load_text(source, text, len, &f, err);

	*out = f;
	return st;
}

static void set_free(void *f)
{
	form_free(f);
}

static int set_applies(const void *f, const char *type, int year)
{
	return form_applies(f, type, year);
}

static void set_info(const void *set, registry_info *out)
{
	const form *f = set;

	*out = (registry_info){ f->source, f->regulation, f->version, f->text, f->text_len, f->sha256 };
}

/* Each folder holds one kind: sets in tt..., a province's additions in tinh. */
static antt_status is_set(const void *f, const char *path, antt_err *err)
{
	if (!((const form *)f)->is_addition)
		return ANTT_OK;
	return err_set(err, ANTT_ERR_FORM, "%s: phần bổ sung của tỉnh (adds_to) phải đặt trong thư mục tinh, "
		"không đặt cùng bộ tiêu chí", path);
}

static antt_status is_addition(const void *f, const char *path, antt_err *err)
{
	if (((const form *)f)->is_addition)
		return ANTT_OK;
	return err_set(err, ANTT_ERR_FORM, "%s: tệp trong thư mục tinh phải là phần bổ sung của tỉnh (có \"adds_to\")",
		path);
}

/* Criteria sets live in one folder per regulation (tt124-2021, ...);
 * report layouts and score sheets have folders and loaders of their own. */
static const registry_kind sets = {
	"bộ tiêu chí", "tt*/*.yaml", 1, set_load, is_set, set_free, set_applies, set_info,
};
static const registry_kind additions = {
	"phần bổ sung của tỉnh", "tinh/*.yaml", 0, set_load, is_addition, set_free, set_applies, set_info,
};

char *form_dir(void)
{
	return registry_dir(NULL);
}

int form_dir_own(void)
{
	int own;
	free(registry_dir(&own));
	return own;
}

/* A criteria set decides every verdict made with it. Once accounts are in
 * use, one this database has not seen that comes from a folder other than
 * antt's own (ANTT_FORMS: an edited copy of the official form whose rule
 * says 1 would pass every unit) is taken only by a proven admin. */
static antt_status may_store(antt_db *db, const form *f, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	int known = 0;

	if (!registry_outside(db) || !auth_accounts(db, ROLE_NONE) || db->role == ROLE_ADMIN)
		return ANTT_OK;
	if (db_prepare(db, "SELECT 1 FROM criteria_sets WHERE sha256 = ?", &st, NULL) == ANTT_OK) {
		sqlite3_bind_text(st, 1, f->sha256, -1, SQLITE_STATIC);
		known = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	if (known)
		return ANTT_OK;
	return err_set(err, ANTT_ERR_DENIED, "bộ tiêu chí %s (%s) là bộ mới với cơ sở dữ liệu này và được đọc từ thư mục "
		"ngoài chương trình: cần quản trị đăng nhập để dùng bộ tiêu chí mới", f->regulation, f->source);
}

antt_status form_files(const char *dir, char ***paths, size_t *n, antt_err *err)
{
	antt_status st = registry_glob(dir, sets.pattern, paths, n, err);

	if (st == ANTT_OK && !*n)
		return err_set(err, ANTT_ERR_NOT_FOUND, "%s: không có tệp bộ tiêu chí nào (%s). "
			"Kiểm tra thư mục forms hoặc biến ANTT_FORMS.", dir, sets.pattern);
	return st;
}

antt_status form_addition_files(const char *dir, char ***paths, size_t *n, antt_err *err)
{
	return registry_glob(dir, additions.pattern, paths, n, err);
}

void form_files_free(char **paths, size_t n)
{
	registry_paths_free(paths, n);
}

antt_status form_load_dir(const char *dir, form ***out, size_t *n, antt_err *err)
{
	char **paths;
	size_t count, i;
	form **list;
	antt_status st;

	*out = NULL;
	*n = 0;
	if ((st = form_files(dir, &paths, &count, err)) != ANTT_OK)
		return st;
	list = calloc(count, sizeof(*list));
	st = list ? ANTT_OK : ANTT_ERR_NOMEM;
	for (i = 0; st == ANTT_OK && i < count; i++)
		if ((st = form_load_file(paths[i], &list[i], err)) == ANTT_OK && (st = is_set(list[i], paths[i], err)) != ANTT_OK)
			i++;
	form_files_free(paths, count);
	if (st != ANTT_OK) {
		for (size_t k = 0; list && k < i; k++)
			form_free(list[k]);
		free(list);
		return st;
	}
	*out = list;
	*n = count;
	return ANTT_OK;
}

antt_status form_merge(const form *f, const form *const *adds, size_t n, form **out, antt_err *err)
{
	size_t len = f->text_len, slen = strlen(f->source) + 1;
	char *text, *source;
	antt_status st;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		len += 5 + adds[i]->text_len;
		slen += 3 + strlen(adds[i]->source);
	}
	text = malloc(len + 1);
	source = malloc(slen);
	if (!text || !source) {
		free(text);
		free(source);
		return ANTT_ERR_NOMEM;
	}
	memcpy(text, f->text, f->text_len);
	len = f->text_len;
	strcpy(source, f->source);
	for (size_t i = 0; i < n; i++) {
		memcpy(text + len, "\n---\n", 5);
		memcpy(text + len + 5, adds[i]->text, adds[i]->text_len);
		len += 5 + adds[i]->text_len;
		strcat(strcat(source, " + "), adds[i]->source);
	}
	st = form_load_text(source, text, len, out, err);
	free(text);
	free(source);
	return st;
}

/* The set *f with the province additions for this type and year merged in;
 * the merged set is kept by the registry (by SHA-256, as stored sets). */
static antt_status with_additions(antt_db *db, const form **f, const char *type, int year, antt_err *err)
{
	void *const *adds;
	const form **sel;
	form *merged;
	void *kept;
	size_t n_adds, n = 0;
	antt_status st;

	if ((st = registry_files(db, &additions, &adds, &n_adds, err)) != ANTT_OK || !n_adds)
		return st;
	if (!(sel = calloc(n_adds, sizeof(*sel))))
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < n_adds; i++)
		if (form_applies(adds[i], type, year))
			sel[n++] = adds[i];
	st = n ? form_merge(*f, sel, n, &merged, err) : ANTT_OK;
	free(sel);
	if (!n || st != ANTT_OK)
		return st;
	kept = merged;
	if ((st = registry_adopt(db, &sets, &kept, err)) == ANTT_OK)
		*f = kept;
	return st;
}

antt_status form_for_new(antt_db *db, const char *type, int year,
                         const form **out, sqlite3_int64 *set_id, antt_err *err)
{
	const void *found;
	const form *f;
	antt_status s;

	*out = NULL;
	if ((s = registry_find(db, &sets, type, year, &found, err)) != ANTT_OK)
		return s;
	f = found;
	if ((s = with_additions(db, &f, type, year, err)) != ANTT_OK)
		return s;
	if (set_id && ((s = may_store(db, f, err)) != ANTT_OK || (s = registry_store(db, &sets, f, set_id, err)) != ANTT_OK))
		return s;
	*out = f;
	return ANTT_OK;
}

antt_status form_for_set(antt_db *db, sqlite3_int64 set_id, const form **out, antt_err *err)
{
	const void *f;
	antt_status s = registry_stored(db, &sets, set_id, &f, err);

	*out = s == ANTT_OK ? f : NULL;
	return s;
}

/* SQL antt_answer_words(set_id, criterion, value): an answer's value as the
 * checklist shows it ("có", "97,5 %", "05/03/2024"), which needs the
 * criterion's type from its criteria set. */
static void answer_words(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	antt_db *db = sqlite3_user_data(ctx);
	const char *crit = (const char *)sqlite3_value_text(argv[1]);
	rule_value v = { .kind = RV_NULL };
	const form *f;
	char buf[256];
	int k;

	(void)argc;
	switch (sqlite3_value_type(argv[2])) {
	case SQLITE_INTEGER: v.kind = RV_INT; v.i = sqlite3_value_int64(argv[2]); break;
	case SQLITE_FLOAT:   v.kind = RV_REAL; v.d = sqlite3_value_double(argv[2]); break;
	case SQLITE_TEXT:    v.kind = RV_TEXT; v.s = (const char *)sqlite3_value_text(argv[2]); break;
	default:
		sqlite3_result_text(ctx, "(trống)", -1, SQLITE_STATIC);
		return;
	}
	if (crit && form_for_set(db, sqlite3_value_int64(argv[0]), &f, NULL) == ANTT_OK &&
	    (k = form_find(f, crit)) >= 0) {
		form_format_value(&f->items[k], &v, buf, sizeof(buf));
		sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_result_value(ctx, argv[2]);
	}
}

int form_sql_functions(antt_db *db)
{
	return sqlite3_create_function(db->sql, "antt_answer_words", 3, SQLITE_UTF8, db, answer_words, NULL, NULL);
}
