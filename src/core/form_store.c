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

antt_status form_files(const char *dir, char ***paths, size_t *n, antt_err *err)
{
	char pattern[PATH_MAX];
	glob_t g;
	int rc;

	*paths = NULL;
	*n = 0;
	/* Criteria sets live in one folder per regulation (tt124-2021, ...);
	 * report layouts and score sheets have folders and loaders of their own. */
	snprintf(pattern, sizeof(pattern), "%s/tt*/*.yaml", dir);
	rc = glob(pattern, 0, NULL, &g);
	if (rc == GLOB_NOMATCH)
		return err_set(err, ANTT_ERR_NOT_FOUND, "%s: không có tệp bộ tiêu chí nào (tt*/*.yaml). "
			"Kiểm tra thư mục forms hoặc biến ANTT_FORMS.", dir);
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

void form_files_free(char **paths, size_t n)
{
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
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
	if (!list) {
		form_files_free(paths, count);
		return ANTT_ERR_NOMEM;
	}
	for (i = 0; i < count; i++)
		if ((st = form_load_file(paths[i], &list[i], err)) != ANTT_OK)
			break;
	form_files_free(paths, count);
	if (st != ANTT_OK) {
		for (size_t k = 0; k < i; k++)
			form_free(list[k]);
		free(list);
		return st;
	}
	*out = list;
	*n = count;
	return ANTT_OK;
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
