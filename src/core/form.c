/* The form loader: YAML (libyaml's document API, which keeps line and
 * column of every node) into a form, with every check an officer or a
 * maintainer editing forms/ needs reported as file:line:column. */
#include "form.h"
#include "file.h"
#include "hex.h"
#include "num.h"
#include "text.h"
#include "ydoc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

struct loader {
	ydoc y;
	form *f;
	size_t cap;
	size_t first_item;   /* the first item of the document being read */
};

static const char *const type_names[] = {
	[FORM_YESNO] = "yesno", [FORM_COUNT] = "count", [FORM_PERCENT] = "percent",
	[FORM_CHOICE] = "choice", [FORM_TEXT] = "text", [FORM_DATE] = "date",
};

const char *form_type_name(form_type t)
{
	return type_names[t];
}

/* Ids follow the article's numbering: digits, then a letter (dd for đ),
 * then an optional .N for unlettered parts: 1, 3a, 3dd, 1.2, 4b.1 */
static int id_valid(const char *id)
{
	const char *p = id;

	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (p[0] == 'd' && p[1] == 'd')
		p += 2;
	else if (*p >= 'a' && *p <= 'z')
		p++;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

/* A long rule is quoted by its start only: the place is in file:line:col,
 * and the reason must still fit in the message. */
#define QUOTE_MAX 200

static antt_status compile_rule(struct loader *L, form_item *it, yaml_node_t *rn)
{
	char msg[512];
	int off = -1, quote = (int)strlen(it->rule);
	antt_status st;

	st = rule_compile(L->f->engine, it->rule, &it->rule_stmt, &off, msg, sizeof(msg));
	if (st == ANTT_ERR_RULE) {
		int quoted = rn && (rn->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		                    rn->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		int plain_line = rn && (rn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE || quoted) &&
		                 !strchr(it->rule, '\n');
		if (quote > QUOTE_MAX)
			for (quote = QUOTE_MAX; quote > 0 && (it->rule[quote] & 0xC0) == 0x80; quote--)
				;
		return ydoc_fail(&L->y, rn, plain_line && off >= 0 ? off + quoted : 0,
			"tiêu chí %s: quy tắc \"%.*s%s\" sai: %s", it->id, quote, it->rule,
			it->rule[quote] ? "…" : "", msg);
	}
	return st;
}

/* The k-th name in a merged set's source "set + addition + ..." (form_merge),
 * so a message about an addition names its own file; the whole source when
 * it has no such part. */
static const char *part_name(const char *source, int k, char *buf, size_t n)
{
	const char *p = source, *q;

	for (; k > 0 && p; k--)
		if ((p = strstr(p, " + ")))
			p += 3;
	if (!p)
		return source;
	q = strstr(p, " + ");
	snprintf(buf, n, "%.*s", q ? (int)(q - p) : (int)strlen(p), p);
	return buf;
}

static antt_status add_item(struct loader *L, form_item **out)
{
	form *f = L->f;

	if (f->n_items == L->cap) {
		size_t cap = L->cap ? L->cap * 2 : 32;
		form_item *n = realloc(f->items, cap * sizeof(*n));
		if (!n)
			return ANTT_ERR_NOMEM;
		f->items = n;
		L->cap = cap;
	}
	*out = &f->items[f->n_items++];
	memset(*out, 0, sizeof(**out));
	return ANTT_OK;
}

static antt_status load_items(struct loader *L, yaml_node_t *seq, int parent, const char *key);

/* An item's id: well formed, starting with its parent's, used once in the
 * set and in the set it adds to. n is the "id" node. */
static antt_status check_id(struct loader *L, const form_item *it, int idx, int parent, yaml_node_t *n)
{
	if (!id_valid(it->id))
		return ydoc_fail(&L->y, n, 0, "mã tiêu chí \"%s\" sai dạng: dùng số theo khoản, chữ theo điểm "
			"(viết dd cho đ), ví dụ 1, 3a, 3dd, 1.2", it->id);
	if (parent >= 0) {
		const char *pid = L->f->items[parent].id;
		if (strncmp(it->id, pid, strlen(pid)) != 0 || strlen(it->id) == strlen(pid))
			return ydoc_fail(&L->y, n, 0, "mã \"%s\" phải bắt đầu bằng mã tiêu chí chứa nó \"%s\"", it->id, pid);
	}
	for (int k = 0; k < idx; k++)
		if (strcmp(L->f->items[k].id, it->id) == 0) {
			char set[512];
			if ((size_t)k >= L->first_item)
				return ydoc_fail(&L->y, n, 0, "mã tiêu chí \"%s\" đã dùng ở dòng %d", it->id, L->f->items[k].line);
			return ydoc_fail(&L->y, n, 0, "mã tiêu chí \"%s\" đã có trong bộ tiêu chí %s (dòng %d): "
				"tiêu chí bổ sung phải dùng mã khác", it->id,
				part_name(L->f->source, 0, set, sizeof(set)), L->f->items[k].line);
		}
	return ANTT_OK;
}

/* A leaf's kind of answer: counted from child units ("computed"), or typed. */
static antt_status load_type(struct loader *L, form_item *it, yaml_node_t *map)
{
	yaml_node_t *n = ydoc_get(&L->y, map, "computed");
	antt_status st;
	char *type = NULL;
	int k;

	if (n) {
		yaml_node_t *of;
		if (n->type != YAML_MAPPING_NODE || !(of = ydoc_get(&L->y, n, "of")))
			return ydoc_fail(&L->y, n, 0, "\"computed\" phải có dạng {of: [khu-dan-cu, co-quan, ...]}");
		if ((st = ydoc_list(&L->y, of, "of", &it->of_types, &it->n_of_types)) != ANTT_OK)
			return st;
		for (size_t i = 0; i < it->n_of_types; i++)
			if (!rule_engine_type_known(L->f->engine, it->of_types[i]))
				return ydoc_fail(&L->y, of, 0, "loại đơn vị \"%s\" không có", it->of_types[i]);
		it->computed = 1;
		it->type = FORM_COUNT;
		if (ydoc_get(&L->y, map, "type"))
			return ydoc_fail(&L->y, ydoc_get(&L->y, map, "type"), 0, "tiêu chí tính tự động (computed) không có \"type\"");
		if (!ydoc_get(&L->y, map, "pass"))
			return ydoc_fail(&L->y, map, 0, "tiêu chí %s tính tự động phải có quy tắc \"pass\"", it->id);
		return ANTT_OK;
	}
	if ((st = ydoc_text(&L->y, map, "type", 1, &type)) != ANTT_OK)
		return st;
	for (k = 0; k <= FORM_DATE; k++)
		if (strcmp(type, type_names[k]) == 0)
			break;
	if (k > FORM_DATE)
		st = ydoc_fail(&L->y, ydoc_get(&L->y, map, "type"), 0, "kiểu trả lời \"%s\" không có; dùng một trong: "
			"yesno, count, percent, choice, text, date", type);
	else
		it->type = (form_type)k;
	free(type);
	return st;
}

/* A leaf's options, the value that holds it, and its pass rule (compiled). */
static antt_status load_rule(struct loader *L, form_item *it, yaml_node_t *map)
{
	yaml_node_t *n = ydoc_get(&L->y, map, "options"), *rn;
	antt_status st;

	if (it->type == FORM_CHOICE) {
		if (!n)
			return ydoc_fail(&L->y, map, 0, "tiêu chí %s kiểu choice phải có \"options\"", it->id);
		if ((st = ydoc_list(&L->y, n, "options", &it->options, &it->n_options)) != ANTT_OK)
			return st;
	} else if (n) {
		return ydoc_fail(&L->y, n, 0, "chỉ kiểu choice mới có \"options\"");
	}

	if ((st = ydoc_text(&L->y, map, "holds", 0, &it->holds)) != ANTT_OK)
		return st;
	if (!it->holds && it->type == FORM_YESNO && !it->computed && !(it->holds = strdup("có")))
		return ANTT_ERR_NOMEM;
	if (it->holds) {
		rule_value v;
		antt_err e2;
		if ((st = form_parse_value(it, it->holds, &v, &e2)) == ANTT_ERR_NOMEM)
			return st;
		if (st != ANTT_OK)
			return ydoc_fail(&L->y, ydoc_get(&L->y, map, "holds"), 0, "\"holds\" sai: %s", e2.msg);
		if (v.kind == RV_TEXT)
			free((char *)v.s);
	}

	rn = ydoc_get(&L->y, map, "pass");
	it->rule_line = rn ? (int)(rn->start_mark.line + 1 - L->y.line_base) : it->line;
	if ((st = ydoc_text(&L->y, map, "pass", 0, &it->rule)) != ANTT_OK)
		return st;
	if (!it->rule) {
		const char *def = it->type == FORM_YESNO
			? (it->exception ? "value = 1 OR exception = 1" : "value = 1")
			: "value IS NOT NULL";
		it->rule = strdup(def);
		if (!it->rule)
			return ANTT_ERR_NOMEM;
	}
	return compile_rule(L, it, rn);
}

static antt_status load_item(struct loader *L, yaml_node_t *map, int parent)
{
	static const char *const keys[] = { "id", "label", "article", "note", "source", "reconstructed",
		"type", "exception", "required", "options", "holds", "pass", "computed", "items", NULL };
	yaml_node_t *n;
	form_item *it;
	antt_status st;
	int idx;

	if (map->type != YAML_MAPPING_NODE)
		return ydoc_fail(&L->y, map, 0, "mỗi tiêu chí phải là một bảng khóa: giá trị (id, label, ...)");
	st = ydoc_check_keys(&L->y, map, keys, "tiêu chí");
	if (st != ANTT_OK)
		return st;
	st = add_item(L, &it);
	if (st != ANTT_OK)
		return st;
	idx = (int)(it - L->f->items);
	it->parent = parent;
	it->line = (int)(map->start_mark.line + 1 - L->y.line_base);

	if ((st = ydoc_text(&L->y, map, "id", 1, &it->id)) != ANTT_OK ||
	    (st = check_id(L, it, idx, parent, ydoc_get(&L->y, map, "id"))) != ANTT_OK)
		return st;
	if ((st = ydoc_text(&L->y, map, "label", 1, &it->label)) != ANTT_OK)
		return st;
	if ((st = ydoc_text(&L->y, map, "article", 0, &it->article)) != ANTT_OK)
		return st;
	if ((st = ydoc_text(&L->y, map, "note", 0, &it->note)) != ANTT_OK ||
	    (st = ydoc_text(&L->y, map, "source", 0, &it->cite)) != ANTT_OK ||
	    (st = ydoc_bool(&L->y, map, "reconstructed", 0, &it->reconstructed)) != ANTT_OK)
		return st;

	n = ydoc_get(&L->y, map, "items");
	if (n) {
		static const char *const leaf_only[] = { "type", "exception", "options", "holds", "pass", "computed", NULL };
		const char *const *lk;
		for (lk = leaf_only; *lk; lk++)
			if (ydoc_get(&L->y, map, *lk))
				return ydoc_fail(&L->y, ydoc_get(&L->y, map, *lk), 0, "tiêu chí %s có các ý con nên không "
					"được có \"%s\": đặt \"%s\" ở từng ý", it->id, *lk, *lk);
		it->leaf = 0;
		it->required = 1;
		return load_items(L, n, idx, "items");
	}

	it->leaf = 1;
	if ((st = ydoc_bool(&L->y, map, "required", 1, &it->required)) != ANTT_OK)
		return st;
	if ((st = ydoc_bool(&L->y, map, "exception", 0, &it->exception)) != ANTT_OK)
		return st;
	/* re-fetch: the items array may have moved */
	it = &L->f->items[idx];
	if ((st = load_type(L, it, map)) != ANTT_OK)
		return st;
	return load_rule(L, it, map);
}

static antt_status load_items(struct loader *L, yaml_node_t *seq, int parent, const char *key)
{
	yaml_node_item_t *i;
	antt_status st;

	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return ydoc_fail(&L->y, seq, 0, "\"%s\" phải là một danh sách tiêu chí (mỗi tiêu chí bắt đầu bằng \"- id:\")", key);
	if (seq->data.sequence.items.top == seq->data.sequence.items.start)
		return ydoc_fail(&L->y, seq, 0, "\"%s\" không được để trống", key);
	for (i = seq->data.sequence.items.start; i < seq->data.sequence.items.top; i++) {
		st = load_item(L, ydoc_node(&L->y, *i), parent);
		if (st != ANTT_OK)
			return st;
	}
	return ANTT_OK;
}

static antt_status year_of(struct loader *L, yaml_node_t *years, const char *key, int *out)
{
	yaml_node_t *n = ydoc_get(&L->y, years, key);
	const char *s = ydoc_scalar(n);
	char *end;
	long v;

	*out = 0;
	if (!n)
		return ANTT_OK;
	v = s ? strtol(s, &end, 10) : 0;
	if (!s || *end || v < NUM_YEAR_MIN || v > NUM_YEAR_MAX)
		return ydoc_fail(&L->y, n, 0, "năm \"%s\" không hợp lệ (cần một năm từ %d đến %d)", s ? s : "?",
			NUM_YEAR_MIN, NUM_YEAR_MAX);
	*out = (int)v;
	return ANTT_OK;
}

/* A province's additions merged after a set (a later document of a stored
 * set): its criteria join the set's list, its regulation is named in
 * f->additions. Its years and unit types were checked when it was chosen. */
static antt_status merge_addition(struct loader *L, yaml_node_t *root)
{
	static const char *const keys[] = { "adds_to", "regulation", "title", "note", "years", "criteria", NULL };
	form *f = L->f;
	char *reg = NULL, *all;
	antt_status st;
	yaml_node_t *n;

	if ((st = ydoc_check_keys(&L->y, root, keys, "phần bổ sung của tỉnh")) != ANTT_OK ||
	    (st = ydoc_text(&L->y, root, "regulation", 1, &reg)) != ANTT_OK)
		return st;
	all = malloc((f->additions ? strlen(f->additions) + 2 : 0) + strlen(reg) + 1);
	if (!all) {
		free(reg);
		return ANTT_ERR_NOMEM;
	}
	sprintf(all, "%s%s%s", f->additions ? f->additions : "", f->additions ? "; " : "", reg);
	free(reg);
	free(f->additions);
	f->additions = all;
	if (!(n = ydoc_get(&L->y, root, "criteria")))
		return ydoc_fail(&L->y, root, 0, "thiếu khóa \"criteria\" (danh sách tiêu chí bổ sung)");
	return load_items(L, n, -1, "criteria");
}

/* The first document: a criteria set, or with "adds_to" a province's
 * additions to the sets of those unit types (read alone, to be checked). */
static antt_status load_root(struct loader *L, int later)
{
	static const char *const keys[] = { "regulation", "version", "title", "note", "recognition",
		"period", "unit_types", "years", "criteria", NULL };
	static const char *const add_keys[] = { "adds_to", "regulation", "title", "note", "years", "criteria", NULL };
	static const char *const year_keys[] = { "from", "to", NULL };
	yaml_node_t *root = yaml_document_get_root_node(&L->y.doc), *n;
	form *f = L->f;
	antt_status st;
	int adding;

	if (!root || root->type != YAML_MAPPING_NODE)
		return ydoc_fail(&L->y, root, 0, "tệp bộ tiêu chí phải là một bảng khóa: giá trị "
			"(regulation, version, title, unit_types, years, criteria)");
	adding = ydoc_get(&L->y, root, "adds_to") != NULL;
	if (later) {
		if (!adding || f->is_addition)
			return ydoc_fail(&L->y, root, 0, "sau \"---\" chỉ được có phần bổ sung của tỉnh (adds_to), "
				"và chỉ sau một bộ tiêu chí");
		return merge_addition(L, root);
	}
	f->is_addition = adding;
	if ((st = ydoc_check_keys(&L->y, root, adding ? add_keys : keys,
	                          adding ? "phần bổ sung của tỉnh" : "bộ tiêu chí")) != ANTT_OK)
		return st;
	if ((st = ydoc_text(&L->y, root, "regulation", 1, &f->regulation)) != ANTT_OK ||
	    (!adding && (st = ydoc_text(&L->y, root, "version", 1, &f->version)) != ANTT_OK) ||
	    (st = ydoc_text(&L->y, root, "title", 1, &f->title)) != ANTT_OK ||
	    (st = ydoc_text(&L->y, root, "note", 0, &f->note)) != ANTT_OK ||
	    (st = ydoc_text(&L->y, root, "recognition", 0, &f->recognition)) != ANTT_OK ||
	    (st = ydoc_text(&L->y, root, "period", 0, &f->period)) != ANTT_OK)
		return st;
	n = ydoc_get(&L->y, root, adding ? "adds_to" : "unit_types");
	if (!n)
		return ydoc_fail(&L->y, root, 0, "thiếu khóa \"unit_types\"");
	if ((st = ydoc_list(&L->y, n, adding ? "adds_to" : "unit_types", &f->unit_types, &f->n_unit_types)) != ANTT_OK)
		return st;
	for (size_t i = 0; i < f->n_unit_types; i++)
		if (!rule_engine_type_known(f->engine, f->unit_types[i]))
			return ydoc_fail(&L->y, n, 0, "loại đơn vị \"%s\" không có (dùng mã như khu-dan-cu, xa, co-quan)",
				f->unit_types[i]);
	n = ydoc_get(&L->y, root, "years");
	if (!n || n->type != YAML_MAPPING_NODE)
		return ydoc_fail(&L->y, n ? n : root, 0, "cần \"years: {from: NĂM, to: NĂM}\" (có thể bỏ một đầu)");
	if ((st = ydoc_check_keys(&L->y, n, year_keys, "years")) != ANTT_OK ||
	    (st = year_of(L, n, "from", &f->year_from)) != ANTT_OK ||
	    (st = year_of(L, n, "to", &f->year_to)) != ANTT_OK)
		return st;
	if (f->year_from && f->year_to && f->year_from > f->year_to)
		return ydoc_fail(&L->y, n, 0, "năm bắt đầu %d sau năm kết thúc %d", f->year_from, f->year_to);
	n = ydoc_get(&L->y, root, "criteria");
	if (!n)
		return ydoc_fail(&L->y, root, 0, "thiếu khóa \"criteria\" (danh sách tiêu chí)");
	return load_items(L, n, -1, "criteria");
}

/* Every document of the text: the set, then any additions merged in. */
static antt_status load_stream(struct loader *L, const char *source, const char *text, size_t len, antt_err *err)
{
	char name[512];
	ydoc_stream s;
	antt_status st;
	int end = 0;

	if ((st = ydoc_stream_open(&s, source, text, len, err)) != ANTT_OK)
		return st;
	for (int k = 0; st == ANTT_OK && !end; k++) {
		st = ydoc_stream_next(&s, &L->y, &end);
		if (k > 0 && !end) {
			/* a later document starts on its "---" line: count from the line after it */
			L->y.line_base = L->y.doc.start_mark.line + 1;
			L->y.source = part_name(source, k, name, sizeof(name));
			L->first_item = L->f->n_items;
		}
		if (st == ANTT_OK && !end)
			st = load_root(L, k > 0);
		else if (st == ANTT_OK && k == 0)
			st = ydoc_fail(&L->y, NULL, 0, "tệp bộ tiêu chí phải là một bảng khóa: giá trị "
				"(regulation, version, title, unit_types, years, criteria)");
		ydoc_free(&L->y);
	}
	ydoc_stream_close(&s);
	return st;
}

antt_status form_load_text(const char *source, const char *text, size_t len, form **out, antt_err *err)
{
	struct loader L = { .y = { .source = source, .err = err } };
	antt_status st;

	*out = NULL;
	if (u8_check((const uint8_t *)text, len))
		return err_set(err, ANTT_ERR_FORM, "%s: tệp không phải văn bản UTF-8; hãy lưu lại với mã UTF-8", source);
	L.f = calloc(1, sizeof(form));
	if (!L.f)
		return ANTT_ERR_NOMEM;
	L.f->source = strdup(source);
	L.f->text = malloc(len + 1);
	if (!L.f->source || !L.f->text) {
		st = ANTT_ERR_NOMEM;
		goto out;
	}
	memcpy(L.f->text, text, len);
	L.f->text[len] = '\0';
	L.f->text_len = len;
	hex_sha256(text, len, L.f->sha256);

	st = rule_engine_new(&L.f->engine, err);
	if (st != ANTT_OK)
		goto out;

	st = load_stream(&L, source, text, len, err);
out:
	ydoc_free(&L.y);
	if (st != ANTT_OK) {
		if (st == ANTT_ERR_NOMEM)
			err_set(err, st, "%s: hết bộ nhớ khi đọc bộ tiêu chí", source);
		form_free(L.f);
		return st;
	}
	*out = L.f;
	return ANTT_OK;
}

antt_status form_load_file(const char *path, form **out, antt_err *err)
{
	char *buf;
	size_t len;
	antt_status st;

	*out = NULL;
	if ((st = file_read_all(path, &buf, &len, err)) != ANTT_OK)
		return st;
	st = form_load_text(path, buf, len, out, err);
	free(buf);
	return st;
}

static void free_list(char **l, size_t n)
{
	for (size_t i = 0; l && i < n; i++)
		free(l[i]);
	free(l);
}

void form_free(form *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_items; i++) {
		form_item *it = &f->items[i];
		free(it->id);
		free(it->label);
		free(it->article);
		free(it->note);
		free(it->cite);
		free_list(it->options, it->n_options);
		free(it->holds);
		free(it->rule);
		sqlite3_finalize(it->rule_stmt);
		free_list(it->of_types, it->n_of_types);
	}
	free(f->items);
	rule_engine_free(f->engine);
	free(f->source);
	free(f->regulation);
	free(f->version);
	free(f->title);
	free(f->note);
	free(f->recognition);
	free(f->period);
	free(f->additions);
	free_list(f->unit_types, f->n_unit_types);
	free(f->text);
	free(f);
}

int form_find(const form *f, const char *id)
{
	for (size_t i = 0; i < f->n_items; i++)
		if (strcmp(f->items[i].id, id) == 0)
			return (int)i;
	return -1;
}

int form_applies(const form *f, const char *type, int year)
{
	if (f->year_from && year < f->year_from)
		return 0;
	if (f->year_to && year > f->year_to)
		return 0;
	for (size_t i = 0; i < f->n_unit_types; i++)
		if (strcmp(f->unit_types[i], type) == 0)
			return 1;
	return 0;
}
