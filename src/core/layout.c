/* Loading a report layout. */
#include "layout.h"
#include "file.h"
#include "ydoc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void free_list(char **l, size_t n)
{
	for (size_t i = 0; l && i < n; i++)
		free(l[i]);
	free(l);
}

void layout_free(report_layout *l)
{
	if (!l)
		return;
	free(l->title);
	free(l->subject);
	free(l->row_header);
	free(l->totals_label);
	free(l->previous_label);
	free(l->target_label);
	free(l->preparer);
	free(l->recipients_label);
	free(l->period);
	free(l->old_period);
	free_list(l->recipients, l->n_recipients);
	for (size_t i = 0; i < l->n_groups; i++) {
		free(l->groups[i].label);
		free_list(l->groups[i].types, l->groups[i].n_types);
	}
	free(l->groups);
	for (size_t i = 0; i < l->n_columns; i++)
		free(l->columns[i].label);
	free(l->columns);
	free(l);
}

static antt_status load(ydoc *y, report_layout *l, int (*known)(const char *, void *), void *ctx)
{
	static const char *const keys[] = { "title", "subject", "row_header", "totals_label", "previous_label",
		"target_label", "groups", "columns", "preparer", "recipients_label", "recipients", "period", "old_period", NULL };
	static const char *const old_keys[] = { "until", "text", NULL };
	static const char *const group_keys[] = { "label", "types", NULL };
	static const char *const column_keys[] = { "measure", "label", NULL };
	/* in layout_measure's order; "recognised" is "passed" by its plain name */
	static const char *const measures[] = { "total", "registered", "passed", "rate", "self_passed", "approved",
		"recognised" };
	yaml_node_t *root = yaml_document_get_root_node(&y->doc), *n;
	yaml_node_item_t *it;
	antt_status s;

	if (!root || root->type != YAML_MAPPING_NODE)
		return ydoc_fail(y, root, 0, "tệp bố cục phải là một bảng khóa: giá trị (title, groups, columns, ...)");
	if ((s = ydoc_check_keys(y, root, keys, "bố cục báo cáo")) != ANTT_OK ||
	    (s = ydoc_text(y, root, "title", 1, &l->title)) != ANTT_OK ||
	    (s = ydoc_text(y, root, "subject", 1, &l->subject)) != ANTT_OK ||
	    (s = ydoc_text(y, root, "row_header", 1, &l->row_header)) != ANTT_OK ||
	    (s = ydoc_text(y, root, "totals_label", 1, &l->totals_label)) != ANTT_OK ||
	    (s = ydoc_text(y, root, "previous_label", 1, &l->previous_label)) != ANTT_OK ||
	    (s = ydoc_text(y, root, "target_label", 1, &l->target_label)) != ANTT_OK ||
	    (s = ydoc_text(y, root, "preparer", 1, &l->preparer)) != ANTT_OK ||
	    (s = ydoc_text(y, root, "recipients_label", 1, &l->recipients_label)) != ANTT_OK ||
	    (s = ydoc_text(y, root, "period", 0, &l->period)) != ANTT_OK)
		return s;
	if ((n = ydoc_get(y, root, "old_period"))) {
		char *until = NULL, *end = NULL;
		long v;

		if (n->type != YAML_MAPPING_NODE)
			return ydoc_fail(y, n, 0, "\"old_period\" cần until (năm cuối) và text");
		if ((s = ydoc_check_keys(y, n, old_keys, "old_period")) != ANTT_OK ||
		    (s = ydoc_text(y, n, "until", 1, &until)) != ANTT_OK ||
		    (s = ydoc_text(y, n, "text", 1, &l->old_period)) != ANTT_OK) {
			free(until);
			return s;
		}
		v = strtol(until, &end, 10);
		if (*end)
			v = 0;
		free(until);
		if (v < 1900 || v > 9999)
			return ydoc_fail(y, ydoc_get(y, n, "until"), 0, "\"until\" phải là một năm, như 2021");
		l->old_until = (int)v;
	}
	if (!(n = ydoc_get(y, root, "recipients")))
		return ydoc_fail(y, root, 0, "thiếu khóa \"recipients\" (nơi nhận)");
	if ((s = ydoc_list(y, n, "recipients", &l->recipients, &l->n_recipients)) != ANTT_OK)
		return s;

	n = ydoc_get(y, root, "groups");
	if (!n || n->type != YAML_SEQUENCE_NODE || n->data.sequence.items.top == n->data.sequence.items.start)
		return ydoc_fail(y, n ? n : root, 0, "\"groups\" phải là danh sách nhóm cột (label, types)");
	l->groups = calloc((size_t)(n->data.sequence.items.top - n->data.sequence.items.start), sizeof(*l->groups));
	if (!l->groups)
		return ANTT_ERR_NOMEM;
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *g = ydoc_node(y, *it), *types;
		layout_group *lg = &l->groups[l->n_groups++];

		if (g->type != YAML_MAPPING_NODE)
			return ydoc_fail(y, g, 0, "mỗi nhóm cột cần label và types");
		if ((s = ydoc_check_keys(y, g, group_keys, "nhóm cột")) != ANTT_OK ||
		    (s = ydoc_text(y, g, "label", 1, &lg->label)) != ANTT_OK)
			return s;
		if (!(types = ydoc_get(y, g, "types")))
			return ydoc_fail(y, g, 0, "nhóm \"%s\" thiếu \"types\"", lg->label);
		if ((s = ydoc_list(y, types, "types", &lg->types, &lg->n_types)) != ANTT_OK)
			return s;
		for (size_t k = 0; known && k < lg->n_types; k++)
			if (!known(lg->types[k], ctx))
				return ydoc_fail(y, types, 0, "loại đơn vị \"%s\" không có", lg->types[k]);
	}

	n = ydoc_get(y, root, "columns");
	if (!n || n->type != YAML_SEQUENCE_NODE || n->data.sequence.items.top == n->data.sequence.items.start)
		return ydoc_fail(y, n ? n : root, 0, "\"columns\" phải là danh sách cột (measure, label)");
	l->columns = calloc((size_t)(n->data.sequence.items.top - n->data.sequence.items.start), sizeof(*l->columns));
	if (!l->columns)
		return ANTT_ERR_NOMEM;
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *c = ydoc_node(y, *it);
		layout_column *lc = &l->columns[l->n_columns++];
		char *m = NULL;
		size_t k;

		if (c->type != YAML_MAPPING_NODE)
			return ydoc_fail(y, c, 0, "mỗi cột cần measure và label");
		if ((s = ydoc_check_keys(y, c, column_keys, "cột")) != ANTT_OK ||
		    (s = ydoc_text(y, c, "label", 1, &lc->label)) != ANTT_OK ||
		    (s = ydoc_text(y, c, "measure", 1, &m)) != ANTT_OK)
			return s;
		for (k = 0; k < sizeof(measures) / sizeof(*measures); k++)
			if (!strcmp(m, measures[k]))
				break;
		free(m);
		if (k == sizeof(measures) / sizeof(*measures))
			return ydoc_fail(y, ydoc_get(y, c, "measure"), 0,
				"measure phải là total, registered, passed (= recognised), rate, self_passed hoặc approved");
		lc->measure = k == MEASURE_COUNT ? MEASURE_PASSED : (layout_measure)k;
	}
	return ANTT_OK;
}

antt_status layout_load(const char *path, int (*known_type)(const char *code, void *ctx), void *ctx,
                        report_layout **out, antt_err *err)
{
	report_layout *l = calloc(1, sizeof(*l));
	ydoc y = { 0 };
	char *text = NULL;
	size_t len;
	antt_status s;

	*out = NULL;
	if (!l)
		return ANTT_ERR_NOMEM;
	if ((s = file_read_all(path, &text, &len, err)) == ANTT_OK &&
	    (s = ydoc_load(&y, path, text, len, err)) == ANTT_OK)
		s = load(&y, l, known_type, ctx);
	ydoc_free(&y);
	free(text);
	if (s != ANTT_OK) {
		layout_free(l);
		return s;
	}
	*out = l;
	return ANTT_OK;
}

size_t layout_type_rank(const report_layout *l, const char *type)
{
	size_t k = 0;

	for (size_t g = 0; g < l->n_groups; g++)
		for (size_t t = 0; t < l->groups[g].n_types; t++, k++)
			if (!strcmp(l->groups[g].types[t], type))
				return k;
	return SIZE_MAX;
}

const char *layout_period(const report_layout *l, int year)
{
	return l->old_period && year <= l->old_until ? l->old_period : l->period;
}

char *layout_expand(const char *text, int year)
{
	size_t n = strlen(text) + 32;
	char *out = malloc(n), *o = out;

	if (!out)
		return NULL;
	while (*text) {
		if (!strncmp(text, "{year}", 6)) {
			o += sprintf(o, "%d", year);
			text += 6;
		} else if (!strncmp(text, "{prev}", 6)) {
			o += sprintf(o, "%d", year - 1);
			text += 6;
		} else {
			*o++ = *text++;
		}
		if ((size_t)(o - out) + 16 > n) {
			size_t used = (size_t)(o - out);
			char *g = realloc(out, n *= 2);
			if (!g) {
				free(out);
				return NULL;
			}
			out = g;
			o = out + used;
		}
	}
	*o = '\0';
	return out;
}
