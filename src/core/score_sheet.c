/* Score sheets as data: the YAML loader (after form.c's pattern, through
 * ydoc) and the sheets as a kind of the one registry (registry.c). */
#include "score.h"
#include "hex.h"
#include "num.h"
#include "registry.h"
#include "ydoc.h"

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

/* --- the registry ----------------------------------------------------------- */

static antt_status sheet_load(const char *source, const char *text, size_t len, void **out, antt_err *err)
{
	score_sheet *s;
	antt_status st = score_sheet_load_text(source, text, len, &s, err);

	*out = s;
	return st;
}

static void sheet_free(void *s)
{
	score_sheet_free(s);
}

static int sheet_applies(const void *set, const char *type, int year)
{
	const score_sheet *s = set;

	if ((s->year_from && year < s->year_from) || (s->year_to && year > s->year_to))
		return 0;
	for (size_t i = 0; i < s->n_unit_types; i++)
		if (!strcmp(s->unit_types[i], type))
			return 1;
	return 0;
}

static void sheet_info(const void *set, registry_info *out)
{
	const score_sheet *s = set;

	*out = (registry_info){ s->source, s->regulation, s->version, s->text, s->text_len, s->sha256 };
}

static const registry_kind sheets = {
	"phiếu chấm điểm", "qd*/*.yaml", 0, sheet_load, NULL, sheet_free, sheet_applies, sheet_info,
};

antt_status score_sheet_for(antt_db *db, const char *type, int year, sqlite3_int64 set_id, int store,
                            const score_sheet **out, sqlite3_int64 *out_id, antt_err *err)
{
	const void *found;
	antt_status s;

	*out = NULL;
	*out_id = set_id;
	if (set_id)
		s = registry_stored(db, &sheets, set_id, &found, err);
	else if ((s = registry_find(db, &sheets, type, year, &found, err)) == ANTT_OK && store)
		s = registry_store(db, &sheets, found, out_id, err);
	if (s == ANTT_OK)
		*out = found;
	return s;
}
