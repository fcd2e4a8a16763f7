/* The registry of loaded criteria sets, kept on the database handle so each
 * file is parsed once per process. Stored sets are remembered by their
 * SHA-256, not their row id: a rolled-back transaction gives its id back,
 * and the next set stored may get it. */
#include "form_store.h"
#include "auth.h"

#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct set_entry {
	form *f;
	int owned;
};

struct form_registry {
	form **files;
	size_t n_files;
	form **adds;               /* province additions (tinh/) */
	size_t n_adds;
	int scanned;
	int outside;               /* files read from ANTT_FORMS or ./forms, not antt's own */
	struct set_entry *sets;
	size_t n_sets;
};

void form_registry_free(struct form_registry *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_files; i++)
		form_free(r->files[i]);
	free(r->files);
	for (size_t i = 0; i < r->n_adds; i++)
		form_free(r->adds[i]);
	free(r->adds);
	for (size_t i = 0; i < r->n_sets; i++)
		if (r->sets[i].owned)
			form_free(r->sets[i].f);
	free(r->sets);
	free(r);
}

static int is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Where the criteria sets are read from: ANTT_FORMS, else the forms
 * folder beside the program or installed with it, else ./forms. *own
 * (may be NULL) tells whether it is the program's own folder. */
static char *forms_folder(int *own)
{
	const char *env = getenv("ANTT_FORMS");
	char exe[PATH_MAX], try[PATH_MAX + 32], *slash;
	ssize_t n;

	if (own)
		*own = 0;
	if (env && *env)
		return strdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(try, sizeof(try), "%s/forms", exe);
			if (!is_dir(try))
				snprintf(try, sizeof(try), "%s/../share/antt/forms", exe);
			if (is_dir(try)) {
				if (own)
					*own = 1;
				return realpath(try, NULL);
			}
		}
	}
	return strdup("forms");
}

char *form_dir(void)
{
	return forms_folder(NULL);
}

int form_dir_own(void)
{
	int own;
	free(forms_folder(&own));
	return own;
}

/* A criteria set decides every verdict made with it. Once accounts are in
 * use, one this database has not seen that comes from a folder other than
 * antt's own (ANTT_FORMS: an edited copy of the official form whose rule
 * says 1 would pass every unit) is taken only by a proven admin. */
static antt_status may_store(antt_db *db, const struct form_registry *r, const form *f, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	int known = 0;

	if (!r->outside || !auth_accounts(db, ROLE_NONE) || db->role == ROLE_ADMIN)
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

/* The files matching dir/pattern, sorted; none is not an error here. */
static antt_status files_matching(const char *dir, const char *pattern, char ***paths, size_t *n, antt_err *err)
{
	char full[PATH_MAX];
	glob_t g;
	int rc;

	*paths = NULL;
	*n = 0;
	snprintf(full, sizeof(full), "%s/%s", dir, pattern);
	rc = glob(full, 0, NULL, &g);
	if (rc == GLOB_NOMATCH)
		return ANTT_OK;
	if (rc != 0)
		return err_set(err, ANTT_ERR_IO, "%s: không đọc được thư mục bộ tiêu chí", dir);
	*paths = calloc(g.gl_pathc, sizeof(char *));
	for (size_t i = 0; *paths && i < g.gl_pathc; i++) {
		if (!((*paths)[i] = strdup(g.gl_pathv[i]))) {
			form_files_free(*paths, i);
			*paths = NULL;
		}
	}
	*n = *paths ? g.gl_pathc : 0;
	globfree(&g);
	return *paths ? ANTT_OK : ANTT_ERR_NOMEM;
}

antt_status form_files(const char *dir, char ***paths, size_t *n, antt_err *err)
{
	/* Criteria sets live in one folder per regulation (tt124-2021, ...);
	 * report layouts and score sheets have folders and loaders of their own. */
	antt_status st = files_matching(dir, "tt*/*.yaml", paths, n, err);

	if (st == ANTT_OK && !*n)
		return err_set(err, ANTT_ERR_NOT_FOUND, "%s: không có tệp bộ tiêu chí nào (tt*/*.yaml). "
			"Kiểm tra thư mục forms hoặc biến ANTT_FORMS.", dir);
	return st;
}

antt_status form_addition_files(const char *dir, char ***paths, size_t *n, antt_err *err)
{
	return files_matching(dir, "tinh/*.yaml", paths, n, err);
}

void form_files_free(char **paths, size_t n)
{
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
}

/* Load the files of paths (freed here); each must be a set, or with
 * additions set each must be a province's additions. */
static antt_status load_list(char **paths, size_t count, int additions, form ***out, size_t *n, antt_err *err)
{
	form **list = calloc(count ? count : 1, sizeof(*list));
	antt_status st = list ? ANTT_OK : ANTT_ERR_NOMEM;
	size_t i;

	for (i = 0; st == ANTT_OK && i < count; i++) {
		if ((st = form_load_file(paths[i], &list[i], err)) != ANTT_OK)
			break;
		if (list[i]->is_addition != additions) {
			st = err_set(err, ANTT_ERR_FORM, additions
				? "%s: tệp trong thư mục tinh phải là phần bổ sung của tỉnh (có \"adds_to\")"
				: "%s: phần bổ sung của tỉnh (adds_to) phải đặt trong thư mục tinh, không đặt cùng bộ tiêu chí",
				paths[i]);
			i++;
		}
	}
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

antt_status form_load_dir(const char *dir, form ***out, size_t *n, antt_err *err)
{
	char **paths;
	size_t count;
	antt_status st;

	*out = NULL;
	*n = 0;
	if ((st = form_files(dir, &paths, &count, err)) != ANTT_OK)
		return st;
	return load_list(paths, count, 0, out, n, err);
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

static antt_status registry(antt_db *db, struct form_registry **out)
{
	if (!db->forms) {
		db->forms = calloc(1, sizeof(*db->forms));
		if (!db->forms)
			return ANTT_ERR_NOMEM;
	}
	*out = db->forms;
	return ANTT_OK;
}

static antt_status remember(struct form_registry *r, form *f, int owned)
{
	struct set_entry *s = realloc(r->sets, (r->n_sets + 1) * sizeof(*s));

	if (!s)
		return ANTT_ERR_NOMEM;
	r->sets = s;
	r->sets[r->n_sets++] = (struct set_entry){ f, owned };
	return ANTT_OK;
}

static const form *known_set(struct form_registry *r, const char *sha256)
{
	for (size_t i = 0; i < r->n_sets; i++)
		if (!strcmp(r->sets[i].f->sha256, sha256))
			return r->sets[i].f;
	return NULL;
}

static antt_status load_additions(const char *dir, struct form_registry *r, antt_err *err)
{
	char **paths;
	size_t count;
	antt_status st = form_addition_files(dir, &paths, &count, err);

	return st != ANTT_OK ? st : load_list(paths, count, 1, &r->adds, &r->n_adds, err);
}

/* The set *f with the province additions for this type and year merged in;
 * the merged set is kept by the registry (by SHA-256, as stored sets). */
static antt_status with_additions(struct form_registry *r, form **f, const char *type, int year, antt_err *err)
{
	const form **sel;
	const form *known;
	form *merged;
	size_t n = 0;
	antt_status st;

	if (!r->n_adds)
		return ANTT_OK;
	if (!(sel = calloc(r->n_adds, sizeof(*sel))))
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < r->n_adds; i++)
		if (form_applies(r->adds[i], type, year))
			sel[n++] = r->adds[i];
	st = n ? form_merge(*f, sel, n, &merged, err) : ANTT_OK;
	free(sel);
	if (!n || st != ANTT_OK)
		return st;
	if ((known = known_set(r, merged->sha256))) {
		form_free(merged);
		*f = (form *)known;
		return ANTT_OK;
	}
	if ((st = remember(r, merged, 1)) != ANTT_OK) {
		form_free(merged);
		return st;
	}
	*f = merged;
	return ANTT_OK;
}

antt_status form_for_new(antt_db *db, const char *type, int year,
                         const form **out, sqlite3_int64 *set_id, antt_err *err)
{
	struct form_registry *r;
	sqlite3_stmt *st = NULL;
	form *found = NULL;
	antt_status s;
	char *dir;
	int rc;

	*out = NULL;
	if ((s = registry(db, &r)) != ANTT_OK)
		return s;
	if (!r->scanned) {
		int own;
		dir = forms_folder(&own);
		r->outside = !own;
		if (!dir)
			return ANTT_ERR_NOMEM;
		s = form_load_dir(dir, &r->files, &r->n_files, err);
		if (s == ANTT_OK)
			s = load_additions(dir, r, err);
		free(dir);
		if (s != ANTT_OK)
			return s;
		r->scanned = 1;
	}
	for (size_t i = 0; i < r->n_files; i++) {
		if (!form_applies(r->files[i], type, year))
			continue;
		if (found)
			return err_set(err, ANTT_ERR_FORM, "hai bộ tiêu chí cùng áp dụng cho loại %s năm %d: "
				"%s và %s. Hãy sửa khoảng năm (years) của một tệp.",
				type, year, found->source, r->files[i]->source);
		found = r->files[i];
	}
	if (!found)
		return err_set(err, ANTT_ERR_NOT_FOUND, "không có bộ tiêu chí nào cho loại đơn vị %s năm %d "
			"trong thư mục forms", type, year);
	if ((s = with_additions(r, &found, type, year, err)) != ANTT_OK)
		return s;
	if (!set_id) {
		*out = found;
		return ANTT_OK;
	}

	if ((s = may_store(db, r, found, err)) != ANTT_OK)
		return s;
	s = db_prepare(db, "INSERT INTO criteria_sets (regulation, version, source, body, sha256) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO UPDATE SET sha256 = sha256 "
		"RETURNING id", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, found->regulation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, found->version, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, found->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, found->text, (int)found->text_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, found->sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		s = db_fail(db, rc, err, "lưu bộ tiêu chí");
		sqlite3_finalize(st);
		return s;
	}
	*set_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!known_set(r, found->sha256) && (s = remember(r, found, 0)) != ANTT_OK)
		return s;
	*out = found;
	return ANTT_OK;
}

antt_status form_for_set(antt_db *db, sqlite3_int64 set_id, const form **out, antt_err *err)
{
	struct form_registry *r;
	sqlite3_stmt *st = NULL;
	const char *sha;
	form *f = NULL;
	antt_status s;
	char source[64];
	int rc;

	*out = NULL;
	if ((s = registry(db, &r)) != ANTT_OK)
		return s;
	s = db_cached(db, "SELECT sha256, body FROM criteria_sets WHERE id = ?", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, set_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		s = rc == SQLITE_DONE
			? err_set(err, ANTT_ERR_NOT_FOUND, "bộ tiêu chí số %lld không có trong cơ sở dữ liệu", (long long)set_id)
			: db_fail(db, rc, err, "đọc bộ tiêu chí");
		goto out;
	}
	sha = (const char *)sqlite3_column_text(st, 0);
	if (sha && (*out = known_set(r, sha)))
		goto out;
	snprintf(source, sizeof(source), "bộ tiêu chí đã lưu số %lld", (long long)set_id);
	s = form_load_text(source, (const char *)sqlite3_column_text(st, 1),
		(size_t)sqlite3_column_bytes(st, 1), &f, err);
	if (s != ANTT_OK)
		goto out;
	s = remember(r, f, 1);
	if (s != ANTT_OK) {
		form_free(f);
		goto out;
	}
	*out = f;
out:
	sqlite3_reset(st);
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
