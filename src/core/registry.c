/* The registry of YAML-defined sets on a database handle (see registry.h):
 * the files of each kind, read once, and every set met in criteria_sets or
 * made by a merge, by SHA-256. It hangs on the handle's kept slot, so
 * storage frees it without knowing what it is. */
#include "registry.h"
#include "file.h"
#include "grow.h"

#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct files {
	const registry_kind *kind;
	void **sets;
	size_t n;
};

struct known {
	const registry_kind *kind;
	void *set;
	int owned;                 /* freed with the registry (else it is one of the files) */
};

struct registry {
	struct files *files;       /* one entry per kind read */
	size_t n_files;
	int outside;               /* files read from ANTT_FORMS or ./forms */
	struct known *known;
	size_t n_known;
};

static void registry_free(void *p)
{
	struct registry *r = p;

	if (!r)
		return;
	for (size_t i = 0; i < r->n_files; i++) {
		for (size_t k = 0; k < r->files[i].n; k++)
			r->files[i].kind->free(r->files[i].sets[k]);
		free(r->files[i].sets);
	}
	free(r->files);
	for (size_t i = 0; i < r->n_known; i++)
		if (r->known[i].owned)
			r->known[i].kind->free(r->known[i].set);
	free(r->known);
	free(r);
}

static struct registry *registry_of(antt_db *db)
{
	if (!db->kept) {
		if (!(db->kept = calloc(1, sizeof(struct registry))))
			return NULL;
		db->kept_free = registry_free;
	}
	return db->kept;
}

static int is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

char *registry_dir(int *own)
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

void registry_paths_free(char **paths, size_t n)
{
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
}

antt_status registry_glob(const char *dir, const char *pattern, char ***paths, size_t *n, antt_err *err)
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
			registry_paths_free(*paths, i);
			*paths = NULL;
		}
	}
	*n = *paths ? g.gl_pathc : 0;
	globfree(&g);
	return *paths ? ANTT_OK : ANTT_ERR_NOMEM;
}

/* Read every file of kind k under dir into f; on the first bad file, keep
 * none (the next call reads them again and refuses again). */
static antt_status read_files(const char *dir, const registry_kind *k, struct files *f, antt_err *err)
{
	char **paths, *text;
	size_t count, len, i;
	antt_status st;

	if ((st = registry_glob(dir, k->pattern, &paths, &count, err)) != ANTT_OK)
		return st;
	if (!count && k->required)
		return err_set(err, ANTT_ERR_NOT_FOUND, "%s: không có tệp %s nào (%s). "
			"Kiểm tra thư mục forms hoặc biến ANTT_FORMS.", dir, k->what, k->pattern);
	if (!(f->sets = calloc(count ? count : 1, sizeof(*f->sets))))
		st = ANTT_ERR_NOMEM;
	for (i = 0; st == ANTT_OK && i < count; i++) {
		if ((st = file_read_all(paths[i], &text, &len, err)) != ANTT_OK)
			break;
		st = k->load(paths[i], text, len, &f->sets[i], err);
		free(text);
		if (st == ANTT_OK && k->check && (st = k->check(f->sets[i], paths[i], err)) != ANTT_OK)
			i++;   /* loaded, so freed below */
	}
	registry_paths_free(paths, count);
	if (st != ANTT_OK) {
		for (size_t j = 0; f->sets && j < i; j++)
			k->free(f->sets[j]);
		free(f->sets);
		f->sets = NULL;
		return st;
	}
	f->kind = k;
	f->n = count;
	return ANTT_OK;
}

antt_status registry_files(antt_db *db, const registry_kind *k, void *const **sets, size_t *n, antt_err *err)
{
	struct registry *r = registry_of(db);
	struct files got = { 0 }, *grown;
	antt_status st;
	char *dir;
	int own;

	if (!r)
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < r->n_files; i++)
		if (r->files[i].kind == k) {
			*sets = r->files[i].sets;
			*n = r->files[i].n;
			return ANTT_OK;
		}
	if (!(dir = registry_dir(&own)))
		return ANTT_ERR_NOMEM;
	st = read_files(dir, k, &got, err);
	free(dir);
	if (st != ANTT_OK)
		return st;
	if (!(grown = realloc(r->files, (r->n_files + 1) * sizeof(*grown)))) {
		for (size_t i = 0; i < got.n; i++)
			k->free(got.sets[i]);
		free(got.sets);
		return ANTT_ERR_NOMEM;
	}
	r->files = grown;
	r->files[r->n_files++] = got;
	r->outside = !own;
	*sets = got.sets;
	*n = got.n;
	return ANTT_OK;
}

int registry_outside(antt_db *db)
{
	struct registry *r = db->kept;
	return r && r->outside;
}

antt_status registry_find(antt_db *db, const registry_kind *k, const char *type, int year,
                          const void **out, antt_err *err)
{
	void *const *sets;
	registry_info a, b;
	const void *found = NULL;
	size_t n;
	antt_status st;

	*out = NULL;
	if ((st = registry_files(db, k, &sets, &n, err)) != ANTT_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		if (!k->applies(sets[i], type, year))
			continue;
		if (found) {
			k->info(found, &a);
			k->info(sets[i], &b);
			return err_set(err, ANTT_ERR_FORM, "hai %s cùng áp dụng cho loại %s năm %d: "
				"%s và %s. Hãy sửa khoảng năm (years) của một tệp.", k->what, type, year, a.source, b.source);
		}
		found = sets[i];
	}
	if (!found)
		return err_set(err, ANTT_ERR_NOT_FOUND, "không có %s nào cho loại đơn vị %s năm %d "
			"trong thư mục forms", k->what, type, year);
	*out = found;
	return ANTT_OK;
}

static void *known(struct registry *r, const registry_kind *k, const char *sha256)
{
	registry_info in;

	for (size_t i = 0; sha256 && i < r->n_known; i++) {
		if (r->known[i].kind != k)
			continue;
		k->info(r->known[i].set, &in);
		if (!strcmp(in.sha256, sha256))
			return r->known[i].set;
	}
	return NULL;
}

static antt_status remember(struct registry *r, const registry_kind *k, void *set, int owned)
{
	struct known *g = grow_one(r->known, r->n_known, sizeof(*g));

	if (!g)
		return ANTT_ERR_NOMEM;
	r->known = g;
	r->known[r->n_known++] = (struct known){ k, set, owned };
	return ANTT_OK;
}

antt_status registry_adopt(antt_db *db, const registry_kind *k, void **set, antt_err *err)
{
	struct registry *r = registry_of(db);
	registry_info in;
	void *same;
	antt_status st = ANTT_ERR_NOMEM;

	(void)err;
	if (r) {
		k->info(*set, &in);
		if ((same = known(r, k, in.sha256))) {
			k->free(*set);
			*set = same;
			return ANTT_OK;
		}
		if ((st = remember(r, k, *set, 1)) == ANTT_OK)
			return ANTT_OK;
	}
	k->free(*set);
	*set = NULL;
	return st;
}

antt_status registry_store(antt_db *db, const registry_kind *k, const void *set, sqlite3_int64 *id,
                           antt_err *err)
{
	struct registry *r = registry_of(db);
	sqlite3_stmt *st = NULL;
	registry_info in;
	antt_status s;
	char what[96];
	int rc;

	if (!r)
		return ANTT_ERR_NOMEM;
	k->info(set, &in);
	s = db_prepare(db, "INSERT INTO criteria_sets (regulation, version, source, body, sha256) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO UPDATE SET sha256 = sha256 "
		"RETURNING id", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, in.regulation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, in.version, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in.source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, in.text, (int)in.text_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, in.sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		snprintf(what, sizeof(what), "lưu %s", k->what);
		s = db_fail(db, rc, err, what);
		sqlite3_finalize(st);
		return s;
	}
	*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* a file's set stays the file list's; a merge was adopted already */
	return known(r, k, in.sha256) ? ANTT_OK : remember(r, k, (void *)set, 0);
}

antt_status registry_stored(antt_db *db, const registry_kind *k, sqlite3_int64 id, const void **out,
                            antt_err *err)
{
	struct registry *r = registry_of(db);
	sqlite3_stmt *st = NULL;
	void *set = NULL;
	antt_status s;
	char source[96];
	int rc;

	*out = NULL;
	if (!r)
		return ANTT_ERR_NOMEM;
	s = db_cached(db, "SELECT sha256, body FROM criteria_sets WHERE id = ?", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		s = rc == SQLITE_DONE
			? err_set(err, ANTT_ERR_NOT_FOUND, "%s số %lld không có trong cơ sở dữ liệu", k->what, (long long)id)
			: db_fail(db, rc, err, "đọc bộ tiêu chí");
		goto out;
	}
	if ((*out = known(r, k, (const char *)sqlite3_column_text(st, 0))))
		goto out;
	snprintf(source, sizeof(source), "%s đã lưu số %lld", k->what, (long long)id);
	s = k->load(source, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1), &set, err);
	if (s != ANTT_OK)
		goto out;
	if ((s = remember(r, k, set, 1)) != ANTT_OK) {
		k->free(set);
		goto out;
	}
	*out = set;
out:
	sqlite3_reset(st);
	return s;
}
