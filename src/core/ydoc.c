/* YAML documents with positions: libyaml's document API keeps the line and
 * column of every node, so every problem in a data file (criteria sets,
 * report layouts) is reported as file:line:column. */
#include "ydoc.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

antt_status ydoc_stream_open(ydoc_stream *s, const char *source, const char *text, size_t len, antt_err *err)
{
	s->source = source;
	s->err = err;
	if (!yaml_parser_initialize(&s->parser))
		return ANTT_ERR_NOMEM;
	yaml_parser_set_input_string(&s->parser, (const unsigned char *)text, len);
	return ANTT_OK;
}

antt_status ydoc_stream_next(ydoc_stream *s, ydoc *y, int *end)
{
	y->source = s->source;
	y->err = s->err;
	y->loaded = 0;
	y->line_base = 0;
	*end = 0;
	if (!yaml_parser_load(&s->parser, &y->doc))
		return err_set(s->err, ANTT_ERR_FORM, "%s:%zu:%zu: YAML sai cú pháp: %s%s%s", s->source,
			s->parser.problem_mark.line + 1, s->parser.problem_mark.column + 1,
			s->parser.problem ? s->parser.problem : "?",
			s->parser.context ? " " : "", s->parser.context ? s->parser.context : "");
	y->loaded = 1;
	if (!yaml_document_get_root_node(&y->doc)) {
		ydoc_free(y);
		*end = 1;
	}
	return ANTT_OK;
}

void ydoc_stream_close(ydoc_stream *s)
{
	yaml_parser_delete(&s->parser);
}

antt_status ydoc_load(ydoc *y, const char *source, const char *text, size_t len, antt_err *err)
{
	ydoc_stream s;
	antt_status st;
	int end;

	y->loaded = 0;
	if ((st = ydoc_stream_open(&s, source, text, len, err)) != ANTT_OK)
		return st;
	st = ydoc_stream_next(&s, y, &end);
	ydoc_stream_close(&s);
	/* an empty text is one empty document, as before: the caller's root check refuses it */
	if (st == ANTT_OK && end) {
		y->doc = (yaml_document_t){ 0 };
		if (!yaml_document_initialize(&y->doc, NULL, NULL, NULL, 1, 1))
			return ANTT_ERR_NOMEM;
		y->loaded = 1;
	}
	return st;
}

void ydoc_free(ydoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}

antt_status ydoc_fail(ydoc *y, const yaml_node_t *n, int coladd, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n)
		return err_set(y->err, ANTT_ERR_FORM, "%s:%zu:%zu: %s", y->source,
			n->start_mark.line + 1 - y->line_base, n->start_mark.column + 1 + (size_t)coladd, msg);
	return err_set(y->err, ANTT_ERR_FORM, "%s: %s", y->source, msg);
}

yaml_node_t *ydoc_node(ydoc *y, int id)
{
	return yaml_document_get_node(&y->doc, id);
}

const char *ydoc_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

yaml_node_t *ydoc_get(ydoc *y, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const char *k = ydoc_scalar(ydoc_node(y, p->key));
		if (k && strcmp(k, key) == 0)
			return ydoc_node(y, p->value);
	}
	return NULL;
}

/* Refuse keys the format does not know: a typo ("lable") must not be
 * silently ignored. */
antt_status ydoc_check_keys(ydoc *y, yaml_node_t *map, const char *const *allowed, const char *where)
{
	yaml_node_pair_t *p, *q;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = ydoc_node(y, p->key);
		const char *k = ydoc_scalar(kn);
		const char *const *a;
		int ok = 0;

		if (!k)
			return ydoc_fail(y, kn, 0, "khóa phải là chữ");
		for (a = allowed; *a; a++)
			if (strcmp(*a, k) == 0)
				ok = 1;
		if (!ok) {
			char list[256] = "";
			for (a = allowed; *a; a++) {
				size_t used = strlen(list);
				snprintf(list + used, sizeof(list) - used, "%s%s", *a, a[1] ? ", " : "");
			}
			return ydoc_fail(y, kn, 0, "khóa \"%s\" không dùng được trong %s (chỉ dùng: %s)", k, where, list);
		}
		for (q = map->data.mapping.pairs.start; q < p; q++) {
			const char *k2 = ydoc_scalar(ydoc_node(y, q->key));
			if (k2 && strcmp(k, k2) == 0)
				return ydoc_fail(y, kn, 0, "khóa \"%s\" xuất hiện hai lần", k);
		}
	}
	return ANTT_OK;
}

antt_status ydoc_text(ydoc *y, yaml_node_t *map, const char *key, int required, char **out)
{
	yaml_node_t *n = ydoc_get(y, map, key);
	const char *s = ydoc_scalar(n);
	antt_status st;

	*out = NULL;
	if (!n) {
		if (required)
			return ydoc_fail(y, map, 0, "thiếu khóa \"%s\"", key);
		return ANTT_OK;
	}
	if (!s)
		return ydoc_fail(y, n, 0, "\"%s\" phải là một chuỗi chữ", key);
	st = text_nfc(s, out);
	if (st == ANTT_ERR_INVALID)
		return ydoc_fail(y, n, 0, "\"%s\" không phải văn bản UTF-8 hợp lệ", key);
	if (st != ANTT_OK)
		return st;
	if (required && !**out) {
		/* found by fuzzing: the empty string was left to a caller that
		 * gives up on the error */
		free(*out);
		*out = NULL;
		return ydoc_fail(y, n, 0, "\"%s\" không được để trống", key);
	}
	return ANTT_OK;
}

antt_status ydoc_bool(ydoc *y, yaml_node_t *map, const char *key, int def, int *out)
{
	yaml_node_t *n = ydoc_get(y, map, key);
	const char *s = ydoc_scalar(n);

	*out = def;
	if (!n)
		return ANTT_OK;
	if (s && (!strcmp(s, "true") || !strcmp(s, "yes")))
		*out = 1;
	else if (s && (!strcmp(s, "false") || !strcmp(s, "no")))
		*out = 0;
	else
		return ydoc_fail(y, n, 0, "\"%s\" phải là true hoặc false", key);
	return ANTT_OK;
}

antt_status ydoc_list(ydoc *y, yaml_node_t *n, const char *key, char ***out, size_t *count)
{
	yaml_node_item_t *i;
	antt_status st = ANTT_OK;
	size_t k = 0;

	*out = NULL;
	*count = 0;
	if (!n || n->type != YAML_SEQUENCE_NODE)
		return ydoc_fail(y, n, 0, "\"%s\" phải là một danh sách, ví dụ [a, b]", key);
	*out = calloc((size_t)(n->data.sequence.items.top - n->data.sequence.items.start) + 1, sizeof(char *));
	if (!*out)
		return ANTT_ERR_NOMEM;
	for (i = n->data.sequence.items.start; i < n->data.sequence.items.top && st == ANTT_OK; i++) {
		yaml_node_t *e = ydoc_node(y, *i);
		const char *s = ydoc_scalar(e);

		if (!s || !*s)
			st = ydoc_fail(y, e, 0, "mỗi phần tử của \"%s\" phải là một chuỗi chữ", key);
		else if ((st = text_nfc(s, &(*out)[k])) == ANTT_OK)
			k++;
		else if (st != ANTT_ERR_NOMEM)
			st = ydoc_fail(y, e, 0, "phần tử của \"%s\" không phải UTF-8 hợp lệ", key);
	}
	if (st == ANTT_OK && k == 0)
		st = ydoc_fail(y, n, 0, "\"%s\" không được để trống", key);
	if (st != ANTT_OK) {
		/* nothing for the caller to free */
		while (k > 0)
			free((*out)[--k]);
		free(*out);
		*out = NULL;
		return st;
	}
	*count = k;
	return ANTT_OK;
}
