/* Score sheets: loading, scoring, classing, storing. */
#include "score.h"
#include "assess.h"
#include "auth.h"
#include "csvimport.h"
#include "file.h"
#include "hex.h"
#include "form.h"
#include "num.h"
#include "text.h"
#include "ydoc.h"

#include <glob.h>
#include <limits.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const class_codes[] = { "yeu", "trung-binh", "kha", "xuat-sac" };
static const char *const class_names[] = { "Yếu", "Trung bình", "Khá", "Xuất sắc" };

const char *score_class_name(int c)
{
	return c >= 0 && c < CLASS_COUNT ? class_names[c] : "-";
}

const char *score_class_code(int c)
{
	return c >= 0 && c < CLASS_COUNT ? class_codes[c] : "";
}

void score_sheet_free(score_sheet *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_items; i++) {
		free(s->items[i].id);
		free(s->items[i].label);
	}
	free(s->items);
	for (size_t i = 0; i < s->n_unit_types; i++)
		free(s->unit_types[i]);
	free(s->unit_types);
	free(s->source);
	free(s->regulation);
	free(s->version);
	free(s->title);
	free(s->text);
	free(s);
}

int score_sheet_find(const score_sheet *s, const char *id)
{
	for (size_t i = 0; i < s->n_items; i++)
		if (!strcmp(s->items[i].id, id))
			return (int)i;
	return -1;
}

static antt_status number(ydoc *y, yaml_node_t *map, const char *key, int required, double *out)
{
	yaml_node_t *n = ydoc_get(y, map, key);
	const char *s = ydoc_scalar(n);
	char *end;

	if (!n) {
		if (required)
			return ydoc_fail(y, map, 0, "thiếu \"%s\"", key);
		return ANTT_OK;
	}
	*out = s ? strtod(s, &end) : -1;
	if (!s || *end || *out < 0 || *out > 100)
		return ydoc_fail(y, n, 0, "\"%s\" phải là một số từ 0 đến 100", key);
	return ANTT_OK;
}

static antt_status load_items(ydoc *y, score_sheet *s, yaml_node_t *seq, int parent, size_t *cap);

static antt_status load_item(ydoc *y, score_sheet *s, yaml_node_t *map, int parent, size_t *cap)
{
	/* source and reconstructed are for the maintainer: where the item was read */
	static const char *const keys[] = { "id", "label", "max", "deduct", "items", "source", "reconstructed", NULL };
	yaml_node_t *kids;
	score_item *it;
	antt_status st;
	int idx;

	if (map->type != YAML_MAPPING_NODE)
		return ydoc_fail(y, map, 0, "mỗi mục chấm điểm cần id, label, max");
	if ((st = ydoc_check_keys(y, map, keys, "mục chấm điểm")) != ANTT_OK)
		return st;
	if (s->n_items == *cap) {
		score_item *g = realloc(s->items, (*cap = *cap ? *cap * 2 : 16) * sizeof(*g));
		if (!g)
			return ANTT_ERR_NOMEM;
		s->items = g;
	}
	idx = (int)s->n_items++;
	it = &s->items[idx];
	memset(it, 0, sizeof(*it));
	it->parent = parent;
	if ((st = ydoc_text(y, map, "id", 1, &it->id)) != ANTT_OK ||
	    (st = ydoc_text(y, map, "label", 1, &it->label)) != ANTT_OK)
		return st;
	for (int k = 0; k < idx; k++)
		if (!strcmp(s->items[k].id, it->id))
			return ydoc_fail(y, ydoc_get(y, map, "id"), 0, "mã mục \"%s\" đã dùng", it->id);
	kids = ydoc_get(y, map, "items");
	if (kids) {
		it->leaf = 0;
		if ((st = load_items(y, s, kids, idx, cap)) != ANTT_OK)
			return st;
		it = &s->items[idx];
		for (size_t k = (size_t)idx + 1; k < s->n_items; k++)
			if (s->items[k].parent == idx && s->items[k].deduct <= 0)
				it->max += s->items[k].max;
		return ANTT_OK;
	}
	it->leaf = 1;
	if ((st = number(y, map, "max", 1, &it->max)) != ANTT_OK ||
	    (st = number(y, map, "deduct", 0, &it->deduct)) != ANTT_OK)
		return st;
	return ANTT_OK;
}

static antt_status load_items(ydoc *y, score_sheet *s, yaml_node_t *seq, int parent, size_t *cap)
{
	if (!seq || seq->type != YAML_SEQUENCE_NODE || seq->data.sequence.items.top == seq->data.sequence.items.start)
		return ydoc_fail(y, seq, 0, "\"items\" phải là danh sách mục chấm điểm");
	for (yaml_node_item_t *i = seq->data.sequence.items.start; i < seq->data.sequence.items.top; i++) {
		antt_status st = load_item(y, s, ydoc_node(y, *i), parent, cap);
		if (st != ANTT_OK)
			return st;
	}
	return ANTT_OK;
}

static antt_status load_root(ydoc *y, score_sheet *s)
{
	static const char *const keys[] = { "kind", "regulation", "version", "title", "unit_types", "years",
		"classes", "xuat_sac_requires_standard", "items", NULL };
	yaml_node_t *root = yaml_document_get_root_node(&y->doc), *n;
	char *kind = NULL;
	size_t cap = 0;
	antt_status st;
	int k = 0;

	if (!root || root->type != YAML_MAPPING_NODE)
		return ydoc_fail(y, root, 0, "phiếu chấm điểm phải là một bảng khóa: giá trị");
	if ((st = ydoc_check_keys(y, root, keys, "phiếu chấm điểm")) != ANTT_OK ||
	    (st = ydoc_text(y, root, "kind", 1, &kind)) != ANTT_OK)
		return st;
	if (strcmp(kind, "score-sheet")) {
		free(kind);
		return ydoc_fail(y, ydoc_get(y, root, "kind"), 0, "\"kind\" phải là score-sheet");
	}
	free(kind);
	if ((st = ydoc_text(y, root, "regulation", 1, &s->regulation)) != ANTT_OK ||
	    (st = ydoc_text(y, root, "version", 1, &s->version)) != ANTT_OK ||
	    (st = ydoc_text(y, root, "title", 1, &s->title)) != ANTT_OK ||
	    (st = ydoc_bool(y, root, "xuat_sac_requires_standard", 0, &s->xs_requires_standard)) != ANTT_OK)
		return st;
	if (!(n = ydoc_get(y, root, "unit_types")) ||
	    (st = ydoc_list(y, n, "unit_types", &s->unit_types, &s->n_unit_types)) != ANTT_OK)
		return n ? st : ydoc_fail(y, root, 0, "thiếu \"unit_types\"");
	if ((n = ydoc_get(y, root, "years")) && n->type == YAML_MAPPING_NODE) {
		const char *f = ydoc_scalar(ydoc_get(y, n, "from")), *t = ydoc_scalar(ydoc_get(y, n, "to"));
		antt_err e;
		if ((f && num_year(f, &s->year_from, &e) != ANTT_OK) || (t && num_year(t, &s->year_to, &e) != ANTT_OK))
			return ydoc_fail(y, n, 0, "\"years\": %s", e.msg);
	}
	n = ydoc_get(y, root, "classes");
	if (!n || n->type != YAML_SEQUENCE_NODE ||
	    n->data.sequence.items.top - n->data.sequence.items.start != CLASS_COUNT)
		return ydoc_fail(y, n ? n : root, 0, "\"classes\" phải liệt kê đủ 4 loại: yeu, trung-binh, kha, xuat-sac");
	for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top; i++, k++) {
		yaml_node_t *c = ydoc_node(y, *i);
		const char *code = c && c->type == YAML_MAPPING_NODE ? ydoc_scalar(ydoc_get(y, c, "class")) : NULL;
		if (!code || strcmp(code, class_codes[k]))
			return ydoc_fail(y, c, 0, "loại thứ %d phải là \"%s\" (thứ tự: yeu, trung-binh, kha, xuat-sac)",
				k + 1, class_codes[k]);
		if ((st = number(y, c, "min", 1, &s->cut[k])) != ANTT_OK)
			return st;
		if (k > 0 && s->cut[k] <= s->cut[k - 1])
			return ydoc_fail(y, c, 0, "mức điểm xếp loại phải tăng dần: %s (%g) không lớn hơn %s (%g)",
				class_codes[k], s->cut[k], class_codes[k - 1], s->cut[k - 1]);
	}
	return load_items(y, s, ydoc_get(y, root, "items"), -1, &cap);
}

antt_status score_sheet_load_text(const char *source, const char *text, size_t len, score_sheet **out, antt_err *err)
{
	score_sheet *s = calloc(1, sizeof(*s));
	ydoc y = { 0 };
	antt_status st;

	*out = NULL;
	if (!s)
		return ANTT_ERR_NOMEM;
	s->source = strdup(source);
	s->text = malloc(len + 1);
	if (!s->source || !s->text) {
		score_sheet_free(s);
		return ANTT_ERR_NOMEM;
	}
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->text_len = len;
	hex_sha256(text, len, s->sha256);
	if ((st = ydoc_load(&y, source, text, len, err)) == ANTT_OK)
		st = load_root(&y, s);
	ydoc_free(&y);
	if (st != ANTT_OK) {
		score_sheet_free(s);
		return st;
	}
	*out = s;
	return ANTT_OK;
}

antt_status score_sheet_load_file(const char *path, score_sheet **out, antt_err *err)
{
	char *buf;
	size_t len;
	antt_status st;

	if ((st = file_read_all(path, &buf, &len, err)) != ANTT_OK)
		return st;
	st = score_sheet_load_text(path, buf, len, out, err);
	free(buf);
	return st;
}

/* --- the registry ----------------------------------------------------------- */

struct score_registry {
	score_sheet **files;
	size_t n_files;
	int scanned;
	struct { score_sheet *s; int owned; } *sets;   /* by SHA-256, as criteria sets */
	size_t n_sets;
};

void score_registry_free(struct score_registry *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_files; i++)
		score_sheet_free(r->files[i]);
	free(r->files);
	for (size_t i = 0; i < r->n_sets; i++)
		if (r->sets[i].owned)
			score_sheet_free(r->sets[i].s);
	free(r->sets);
	free(r);
}

static antt_status scan(struct score_registry *r, antt_err *err)
{
	char *dir = form_dir(), pattern[PATH_MAX];
	glob_t g;
	antt_status st = ANTT_OK;

	if (!dir)
		return ANTT_ERR_NOMEM;
	snprintf(pattern, sizeof(pattern), "%s/qd*/*.yaml", dir);
	free(dir);
	if (glob(pattern, 0, NULL, &g) == 0) {
		r->files = calloc(g.gl_pathc, sizeof(*r->files));
		for (size_t i = 0; r->files && i < g.gl_pathc && st == ANTT_OK; i++)
			if ((st = score_sheet_load_file(g.gl_pathv[i], &r->files[r->n_files], err)) == ANTT_OK)
				r->n_files++;
		globfree(&g);
	}
	r->scanned = 1;
	return st;
}

static int applies(const score_sheet *s, const char *type, int year)
{
	if ((s->year_from && year < s->year_from) || (s->year_to && year > s->year_to))
		return 0;
	for (size_t i = 0; i < s->n_unit_types; i++)
		if (!strcmp(s->unit_types[i], type))
			return 1;
	return 0;
}

static const score_sheet *known(struct score_registry *r, const char *sha256)
{
	for (size_t i = 0; sha256 && i < r->n_sets; i++)
		if (!strcmp(r->sets[i].s->sha256, sha256))
			return r->sets[i].s;
	return NULL;
}

static antt_status remember(struct score_registry *r, score_sheet *sh, int owned)
{
	void *g = realloc(r->sets, (r->n_sets + 1) * sizeof(*r->sets));

	if (!g)
		return ANTT_ERR_NOMEM;
	r->sets = g;
	r->sets[r->n_sets].s = sh;
	r->sets[r->n_sets++].owned = owned;
	return ANTT_OK;
}

/* The sheet of an existing score (set_id) or the one for the type and year,
 * stored on first use when store is set. Sheets are remembered by SHA-256,
 * not row id: a rolled-back import gives its id back (form_store.c). */
static antt_status sheet_for(antt_db *db, const char *type, int year, sqlite3_int64 set_id, int store,
                             const score_sheet **out, sqlite3_int64 *out_id, antt_err *err)
{
	struct score_registry *r;
	sqlite3_stmt *st = NULL;
	score_sheet *found = NULL;
	antt_status s;
	int rc;

	if (!db->scores && !(db->scores = calloc(1, sizeof(*db->scores))))
		return ANTT_ERR_NOMEM;
	r = db->scores;
	if (set_id) {
		if ((s = db_cached(db, "SELECT sha256, body FROM criteria_sets WHERE id = ?", &st, err)) != ANTT_OK)
			return s;
		sqlite3_bind_int64(st, 1, set_id);
		if (sqlite3_step(st) != SQLITE_ROW)
			s = err_set(err, ANTT_ERR_NOT_FOUND, "không có phiếu chấm điểm số %lld", (long long)set_id);
		else if (!(*out = known(r, (const char *)sqlite3_column_text(st, 0))) &&
		         (s = score_sheet_load_text("phiếu chấm điểm đã lưu", (const char *)sqlite3_column_text(st, 1),
		              (size_t)sqlite3_column_bytes(st, 1), &found, err)) == ANTT_OK) {
			if ((s = remember(r, found, 1)) != ANTT_OK)
				score_sheet_free(found);
			else
				*out = found;
		}
		sqlite3_reset(st);
		*out_id = set_id;
		return s;
	}
	if (!r->scanned && (s = scan(r, err)) != ANTT_OK)
		return s;
	for (size_t i = 0; i < r->n_files; i++)
		if (applies(r->files[i], type, year))
			found = r->files[i];
	if (!found)
		return err_set(err, ANTT_ERR_NOT_FOUND, "không có phiếu chấm điểm cho loại %s năm %d trong forms", type, year);
	*out = found;
	*out_id = 0;
	if (!store)
		return ANTT_OK;
	if ((s = db_prepare(db, "INSERT INTO criteria_sets (regulation, version, source, body, sha256) VALUES (?, ?, ?, ?, ?)"
		" ON CONFLICT (sha256) DO UPDATE SET sha256 = sha256 RETURNING id", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, found->regulation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, found->version, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, found->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, found->text, (int)found->text_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, found->sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	set_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (!set_id)
		return db_fail(db, rc, err, "lưu phiếu chấm điểm");
	*out_id = set_id;
	return known(r, found->sha256) ? ANTT_OK : remember(r, found, 0);
}

/* --- scoring ----------------------------------------------------------------- */

double score_points(const score_item *it, double value)
{
	if (it->deduct > 0) {
		double d = value * it->deduct;
		return -(d > it->max ? it->max : d);
	}
	return value;
}

void score_result_free(score_result *r)
{
	free(r->e);
	r->e = NULL;
}

/* The office's cut-offs where it set them (and they still increase). */
static void cutoffs(antt_db *db, const score_sheet *s, double cut[CLASS_COUNT])
{
	double c[CLASS_COUNT];
	int ok = 1;

	for (int k = 0; k < CLASS_COUNT; k++) {
		char key[48], *v;
		snprintf(key, sizeof(key), "class_min_%s", class_codes[k]);
		v = db_setting_get(db, key, NULL);
		c[k] = v ? strtod(v, NULL) : s->cut[k];
		free(v);
		if (k > 0 && c[k] <= c[k - 1])
			ok = 0;
	}
	for (int k = 0; k < CLASS_COUNT; k++)
		cut[k] = ok ? c[k] : s->cut[k];
}

antt_status score_load(antt_db *db, const char *code, int year, score_result *r, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 set_id = 0, out_id;
	antt_status s;
	int rc;

	memset(r, 0, sizeof(*r));
	r->year = year;
	r->cls = -1;
	if ((s = unit_get(db, code, &r->unit, err)) != ANTT_OK)
		return s;
	if ((s = db_prepare(db, "SELECT sheet_id FROM scores WHERE unit_id = ? AND year = ? LIMIT 1", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, r->unit.id);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		set_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((s = sheet_for(db, r->unit.type, year, set_id, 0, &r->sheet, &out_id, err)) != ANTT_OK)
		return s;
	if (!(r->e = calloc(r->sheet->n_items ? r->sheet->n_items : 1, sizeof(*r->e))))
		return ANTT_ERR_NOMEM;
	if ((s = db_prepare(db, "SELECT item, self, reviewer FROM scores WHERE unit_id = ? AND year = ?", &st, err)) != ANTT_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, r->unit.id);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = score_sheet_find(r->sheet, (const char *)sqlite3_column_text(st, 0));
		if (k < 0)
			continue;
		if ((r->e[k].has_self = sqlite3_column_type(st, 1) != SQLITE_NULL))
			r->e[k].self = sqlite3_column_double(st, 1);
		if ((r->e[k].has_reviewer = sqlite3_column_type(st, 2) != SQLITE_NULL))
			r->e[k].reviewer = sqlite3_column_double(st, 2);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < r->sheet->n_items; i++) {
		const score_item *it = &r->sheet->items[i];
		if (!it->leaf)
			continue;
		if (r->e[i].has_self) {
			r->self_total += score_points(it, r->e[i].self);
			r->has_self = 1;
		}
		if (r->e[i].has_reviewer) {
			r->reviewer_total += score_points(it, r->e[i].reviewer);
			r->has_reviewer = 1;
		}
	}
	r->self_total = fmax(0, fmin(100, r->self_total));
	r->reviewer_total = fmax(0, fmin(100, r->reviewer_total));
	cutoffs(db, r->sheet, r->cut);
	for (size_t i = 0; i < r->sheet->n_items; i++)
		if (r->sheet->items[i].leaf && !(r->has_reviewer ? r->e[i].has_reviewer : r->e[i].has_self))
			r->missing++;
	if ((r->has_self || r->has_reviewer) && r->missing == 0) {
		double total = r->has_reviewer ? r->reviewer_total : r->self_total;
		for (int k = CLASS_COUNT - 1; k >= 0 && r->cls < 0; k--)
			if (total >= r->cut[k])
				r->cls = k;
		if (r->cls == CLASS_XUAT_SAC && r->sheet->xs_requires_standard) {
			assess_result a;
			int passed = 0;
			if (assess_load(db, code, year, &a, NULL) == ANTT_OK) {
				passed = a.verdict == RULE_PASS;
				assess_result_free(&a);
			}
			if (!passed) {
				r->cls = CLASS_KHA;
				r->capped = 1;
			}
		}
	}
	return ANTT_OK;
fail:
	score_result_free(r);
	return s;
}

static antt_status parse_score(const score_item *it, const char *text, const char *field, double *out, antt_err *err)
{
	char buf[64], *end;
	size_t n = strlen(text);

	if (n == 0 || n >= sizeof(buf))
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: cần một số", it->id, field);
	memcpy(buf, text, n + 1);
	for (char *c = buf; *c; c++)
		if (*c == ',')
			*c = '.';
	/* digits with one point or comma: strtod alone also takes 0x2,
	 * 0x1p1, 2e0 and "infinity" */
	end = buf + strspn(buf, " ");
	if (*end == '-')
		end++;
	if (!isdigit((unsigned char)*end) || end[strspn(end, "0123456789.")] != '\0')
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: \"%s\" không phải một số (viết như 7 hoặc 7,5)",
			it->id, field, text);
	*out = strtod(buf, &end);
	if (*end || isnan(*out))
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: \"%s\" không phải một số", it->id, field, text);
	if (*out < 0)
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: không được âm (%s)", it->id, field, text);
	if (it->deduct > 0) {
		if (*out != floor(*out))
			return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: mục trừ điểm nhận số vụ việc (số nguyên), không phải %s",
				it->id, field, text);
		if (*out * it->deduct > it->max)
			return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: %s vụ × %g điểm vượt mức trừ tối đa %g của mục",
				it->id, field, text, it->deduct, it->max);
	} else if (*out > it->max) {
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: %s vượt điểm chuẩn %g", it->id, field, text, it->max);
	}
	return ANTT_OK;
}

/* Inside the caller's transaction. */
static antt_status set_tx(antt_db *db, const unit_row *u, int year, const char *item, const char *self,
                          const char *reviewer, antt_err *err)
{
	const score_sheet *sh;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 set_id = 0, out_id = 0;
	double sv = 0, rv = 0;
	antt_status s;
	char uuid[37];
	int k, rc;

	if ((s = num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err)) != ANTT_OK)
		return s;
	if ((s = db_prepare(db, "SELECT sheet_id FROM scores WHERE unit_id = ? AND year = ? LIMIT 1", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		set_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((s = sheet_for(db, u->type, year, set_id, 1, &sh, &out_id, err)) != ANTT_OK)
		return s;
	if ((k = score_sheet_find(sh, item)) < 0)
		return err_set(err, ANTT_ERR_NOT_FOUND, "phiếu chấm điểm của %s không có mục \"%s\"", u->type_name, item);
	if (!sh->items[k].leaf)
		return err_set(err, ANTT_ERR_INVALID, "mục %s gồm các ý nhỏ: chấm từng ý", item);
	if (self && *self && (s = parse_score(&sh->items[k], self, "điểm tự chấm", &sv, err)) != ANTT_OK)
		return s;
	if (reviewer && *reviewer && (s = parse_score(&sh->items[k], reviewer, "điểm cấp trên chấm", &rv, err)) != ANTT_OK)
		return s;
	if (reviewer && (s = auth_require(db, CAN_REVIEW, "chấm điểm của cấp trên", err)) != ANTT_OK)
		return s;
	db_uuid(uuid);
	s = db_prepare(db, "INSERT INTO scores (uuid, unit_id, year, sheet_id, item, self, reviewer, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?8 THEN ?6 END, CASE WHEN ?9 THEN ?7 END, ?10)"
		" ON CONFLICT (unit_id, year, item) DO UPDATE SET"
		"  self = CASE WHEN ?11 THEN excluded.self ELSE self END,"
		"  reviewer = CASE WHEN ?12 THEN excluded.reviewer ELSE reviewer END,"
		"  rev = rev + 1, updated_by = excluded.updated_by, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int64(st, 4, out_id);
	sqlite3_bind_text(st, 5, item, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 6, sv);
	sqlite3_bind_double(st, 7, rv);
	sqlite3_bind_int(st, 8, self && *self);
	sqlite3_bind_int(st, 9, reviewer && *reviewer);
	sqlite3_bind_text(st, 10, db->user, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, self != NULL);
	sqlite3_bind_int(st, 12, reviewer != NULL);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "lưu điểm");
	sqlite3_finalize(st);
	return s;
}

antt_status score_set(antt_db *db, const char *code, int year, const char *item,
                      const char *self, const char *reviewer, antt_err *err)
{
	unit_row u;
	antt_status s;

	if ((s = auth_require(db, CAN_ENTER, "chấm điểm", err)) != ANTT_OK)
		return s;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = unit_get(db, code, &u, err)) == ANTT_OK)
		s = set_tx(db, &u, year, item, self, reviewer, err);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

static antt_status score_row(antt_db *db, const csvtab_row *r, void *ctx, antt_err *e)
{
	unit_row u;
	int year;
	antt_status s;

	(void)ctx;
	if (r->n < 4 || r->n > 5)
		return err_set(e, ANTT_ERR_INVALID, "cần unit_code,year,item,self[,reviewer]");
	if ((s = unit_get(db, r->fields[0], &u, e)) != ANTT_OK || (s = num_year(r->fields[1], &year, e)) != ANTT_OK)
		return s;
	return set_tx(db, &u, year, r->fields[2], r->fields[3], r->n == 5 && *r->fields[4] ? r->fields[4] : NULL, e);
}

antt_status score_import_csv(antt_db *db, const char *path, int *count, antt_err *err)
{
	static const char *const header[] = { "unit code", "ma don vi", NULL };
	const csv_import imp = { header, "tệp điểm", score_row, NULL, NULL };
	antt_status s;

	*count = 0;
	if ((s = auth_require(db, CAN_ENTER, "nhập điểm", err)) != ANTT_OK)
		return s;
	return csv_import_run(db, path, &imp, count, NULL, err);
}

antt_status score_sheet_for(antt_db *db, const char *type, int year, const score_sheet **out, antt_err *err)
{
	sqlite3_int64 id;

	return sheet_for(db, type, year, 0, 0, out, &id, err);
}
