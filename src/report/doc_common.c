/* What every printed document shares: its layout file's words, the units a
 * command names, the workbook on a temporary file (the report's, so the
 * refusals and the fixed properties are the same), the Nghị định 30 head,
 * paragraphs and rows sized to their wrapped text, signature blocks. */
#include "doc_int.h"
#include "file.h"
#include "form.h"
#include "text.h"
#include "ydoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the layout file ------------------------------------------------------ */

static void words_free(doc *d)
{
	for (size_t i = 0; i < d->n_words; i++) {
		free(d->words[i].key);
		free(d->words[i].text);
		for (size_t k = 0; k < d->words[i].n; k++)
			free(d->words[i].list[k]);
		free(d->words[i].list);
	}
	free(d->words);
	d->words = NULL;
	d->n_words = 0;
}

/* Every key of keys in the file, once; a scalar is a text, a sequence a
 * list of texts. */
static antt_status words_read(doc *d, ydoc *y, const char *const *keys)
{
	yaml_node_t *root = yaml_document_get_root_node(&y->doc);
	const char **names;
	size_t n = 0;
	antt_status s;

	if (!root || root->type != YAML_MAPPING_NODE)
		return ydoc_fail(y, root, 0, "tệp bố cục phải là một bảng khóa: giá trị (title, ...)");
	while (keys[n])
		n++;
	if (!(names = calloc(n + 1, sizeof(*names))))
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		names[i] = keys[i][0] == '?' ? keys[i] + 1 : keys[i];
	s = ydoc_check_keys(y, root, names, "bố cục văn bản");
	if (s == ANTT_OK && !(d->words = calloc(n ? n : 1, sizeof(*d->words))))
		s = ANTT_ERR_NOMEM;
	for (size_t i = 0; s == ANTT_OK && i < n; i++) {
		yaml_node_t *v = ydoc_get(y, root, names[i]);
		doc_word *w = &d->words[d->n_words];

		if (!v) {
			if (keys[i][0] != '?')
				s = ydoc_fail(y, root, 0, "thiếu khóa \"%s\"", names[i]);
			continue;
		}
		if (!(w->key = strdup(names[i]))) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		d->n_words++;
		s = v->type == YAML_SEQUENCE_NODE ? ydoc_list(y, v, names[i], &w->list, &w->n)
			: ydoc_text(y, root, names[i], 1, &w->text);
	}
	free(names);
	return s;
}

static antt_status words_load(doc *d, const char *file, const char *const *keys, antt_err *err)
{
	char *dir = NULL, *text = NULL;
	size_t len = 0;
	ydoc y = { 0 };
	antt_status s;

	if (d->o->layout) {
		d->layout_path = strdup(d->o->layout);
	} else if ((dir = form_dir())) {
		size_t n = strlen(dir) + strlen(file) + 16;
		if ((d->layout_path = malloc(n)))
			snprintf(d->layout_path, n, "%s/reports/%s", dir, file);
	}
	free(dir);
	if (!d->layout_path)
		return ANTT_ERR_NOMEM;
	if ((s = file_read_all(d->layout_path, &text, &len, err)) == ANTT_OK &&
	    (s = ydoc_load(&y, d->layout_path, text, len, err)) == ANTT_OK)
		s = words_read(d, &y, keys);
	ydoc_free(&y);
	free(text);
	return s;
}

antt_status doc_words_of(doc *t, const char *file, const char *const *keys, antt_err *err)
{
	static const doc_opts none = { 0 };   /* no --layout: the file in forms/reports */
	antt_status s;

	memset(t, 0, sizeof(*t));
	t->o = &none;
	if ((s = words_load(t, file, keys, err)) != ANTT_OK)
		doc_words_free(t);
	return s;
}

void doc_words_free(doc *t)
{
	words_free(t);
	free(t->layout_path);
	t->layout_path = NULL;
}

const char *doc_text(const doc *d, const char *key)
{
	for (size_t i = 0; i < d->n_words; i++)
		if (!strcmp(d->words[i].key, key))
			return d->words[i].text ? d->words[i].text : "";
	return "";
}

char *const *doc_list(const doc *d, const char *key, size_t *n)
{
	for (size_t i = 0; i < d->n_words; i++)
		if (!strcmp(d->words[i].key, key)) {
			*n = d->words[i].n;
			return d->words[i].list;
		}
	*n = 0;
	return NULL;
}

char *doc_fill(const doc *d, const char *text, const unit_row *u)
{
	static const char *const names[] = { "{year}", "{prev}", "{unit}", "{code}", "{type}", "{parent}" };
	enum { N_NAMES = sizeof(names) / sizeof(*names) };
	char year[16], prev[16];
	const char *blank = "……………………";
	unit_row parent;
	size_t cap = strlen(text) + 1, used = 0, longest = 0;
	const char *vals[N_NAMES];
	char *out;

	snprintf(year, sizeof(year), "%d", d->o->year);
	snprintf(prev, sizeof(prev), "%d", d->o->year - 1);
	if (!u || !u->parent_code[0] || unit_get(d->db, u->parent_code, &parent, NULL) != ANTT_OK)
		parent.name[0] = '\0';
	vals[0] = year;
	vals[1] = prev;
	vals[2] = u ? u->name : blank;
	vals[3] = u ? u->code : blank;
	vals[4] = u ? u->type_name : blank;
	vals[5] = parent.name[0] ? parent.name : blank;
	/* room for the longest value at every brace: nothing is cut */
	for (size_t k = 0; k < N_NAMES; k++)
		if (strlen(vals[k]) > longest)
			longest = strlen(vals[k]);
	for (const char *p = text; *p; p++)
		if (*p == '{')
			cap += longest;
	if (!(out = malloc(cap)))
		return NULL;
	for (const char *p = text; *p;) {
		size_t k = 0;

		for (; k < N_NAMES; k++)
			if (!strncmp(p, names[k], strlen(names[k])))
				break;
		if (k < N_NAMES) {
			used += (size_t)snprintf(out + used, cap - used, "%s", vals[k]);
			p += strlen(names[k]);
		} else {
			out[used++] = *p++;
		}
	}
	out[used] = '\0';
	return out;
}

char *doc_replace(const char *text, const char *key, const char *val)
{
	size_t n = 0, klen = strlen(key), vlen = strlen(val), used = 0;
	char *out;

	for (const char *p = strstr(text, key); p; p = strstr(p + klen, key))
		n++;
	if (!(out = malloc(strlen(text) + n * vlen + 1)))
		return NULL;
	for (const char *p = text, *hit; *p; p = hit + klen) {
		if (!(hit = strstr(p, key))) {
			strcpy(out + used, p);
			return out;
		}
		memcpy(out + used, p, (size_t)(hit - p));
		used += (size_t)(hit - p);
		memcpy(out + used, val, vlen);
		used += vlen;
	}
	out[used] = '\0';
	return out;
}

/* --- the file ------------------------------------------------------------- */

/* The name of the type o->type named ("Khu dân cư"), for a blank document. */
static antt_status type_name(doc *d, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(d->db, "SELECT name FROM unit_types WHERE code = ?1", &st, err);

	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, d->type, -1, SQLITE_STATIC);
	snprintf(d->type_name, sizeof(d->type_name), "%s",
		sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : d->type);
	sqlite3_finalize(st);
	return ANTT_OK;
}

antt_status doc_begin(doc *d, antt_db *db, const doc_opts *o, const char *file, const char *const *keys,
                      antt_err *err)
{
	antt_status s;

	memset(d, 0, sizeof(*d));
	d->o = o;
	d->db = db;
	d->w.db = db;
	d->w.year = o->year;
	d->w.l = &d->head;
	d->w.mode = BOOK_MODE(o->force, o->next_free);
	if ((s = report_date(&d->w, o->date, "ngày ghi trên văn bản", &d->tm, err)) != ANTT_OK ||
	    (o->type && ((s = unit_type_resolve(db, o->type, d->type, sizeof(d->type), err)) != ANTT_OK ||
	                 (s = type_name(d, err)) != ANTT_OK)) ||
	    (s = report_target(db, o->path, d->w.mode, err)) != ANTT_OK ||
	    (s = xlsx_load(err)) != ANTT_OK)   /* before anything is read for the document */
		return s;
	return words_load(d, file, keys, err);
}

antt_status doc_open(doc *d, const char *title, antt_err *err)
{
	writer *w = &d->w;
	antt_status s = report_book_open(w, d->o->path, title, &d->tm, err);

	if (s != ANTT_OK)
		return s;
	d->opened = 1;
	d->f[D_CENTER] = report_fmt(w, 12, 0, 0, LXW_ALIGN_CENTER, 1, NULL);
	format_set_text_wrap(d->f[D_CENTER]);
	d->f[D_GROUP] = report_fmt(w, 12, 1, 0, LXW_ALIGN_LEFT, 1, NULL);
	format_set_text_wrap(d->f[D_GROUP]);
	format_set_align(d->f[D_GROUP], LXW_ALIGN_VERTICAL_TOP);
	d->f[D_GROUP_ID] = report_fmt(w, 12, 1, 0, LXW_ALIGN_CENTER, 1, NULL);
	d->f[D_LINE] = report_fmt(w, 13, 0, 0, LXW_ALIGN_LEFT, 0, NULL);
	format_set_text_wrap(d->f[D_LINE]);
	d->f[D_LINE_BOLD] = report_fmt(w, 13, 1, 0, LXW_ALIGN_LEFT, 0, NULL);
	format_set_text_wrap(d->f[D_LINE_BOLD]);
	d->f[D_HINT] = report_fmt(w, 12, 0, 1, LXW_ALIGN_CENTER, 0, NULL);
	d->f[D_NOTE] = report_fmt(w, 12, 0, 1, LXW_ALIGN_LEFT, 0, NULL);
	format_set_text_wrap(d->f[D_NOTE]);
	format_set_align(d->f[D_NOTE], LXW_ALIGN_VERTICAL_TOP);
	d->f[D_BOX] = report_fmt(w, 12, 1, 0, LXW_ALIGN_CENTER, 1, NULL);
	d->f[D_SIGN_WRAP] = report_fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	format_set_text_wrap(d->f[D_SIGN_WRAP]);
	return ANTT_OK;
}

antt_status doc_end(doc *d, antt_status s, antt_err *err)
{
	if (d->opened && (s = report_book_close(&d->w, s, d->o->path, err)) == ANTT_OK && d->o->landed)
		snprintf(d->o->landed, d->o->landed_n, "%s", d->w.done);
	d->opened = 0;
	words_free(d);
	free(d->heights);
	free(d->breaks);
	d->heights = NULL;
	d->breaks = NULL;
	free(d->layout_path);
	d->layout_path = NULL;
	return s;
}

/* --- the units ------------------------------------------------------------- */

typedef struct {
	doc *d;
	int (*want)(doc *d, const unit_row *u);
	unit_row *rows;
	size_t n, cap;
	antt_status s;
} collect;

static int collect_one(const unit_row *u, void *ctx)
{
	collect *c = ctx;

	if (c->want && !c->want(c->d, u))
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		unit_row *rows = realloc(c->rows, cap * sizeof(*rows));
		if (!rows) {
			c->s = ANTT_ERR_NOMEM;
			return 1;
		}
		c->rows = rows;
		c->cap = cap;
	}
	c->rows[c->n++] = *u;
	return 0;
}

antt_status doc_units(doc *d, int (*want)(doc *d, const unit_row *u), unit_row **out, size_t *n, antt_err *err)
{
	const char *code = d->o->unit ? d->o->unit : d->o->under;
	collect c = { .d = d, .want = want, .s = ANTT_OK };
	unit_row u;
	antt_status s;

	*out = NULL;
	*n = 0;
	if (!code)
		return err_set(err, ANTT_ERR_USAGE, "chưa nói in cho đơn vị nào");
	if ((s = unit_get(d->db, code, &u, err)) != ANTT_OK)
		return s;
	if (d->o->unit) {
		if ((s = collect_one(&u, &c)) == 0 && c.s == ANTT_OK) {
			*out = c.rows;
			*n = c.n;
			return ANTT_OK;
		}
		free(c.rows);
		return c.s;
	}
	s = unit_list(d->db, &(unit_filter){ .under = code, .year = d->o->year }, collect_one, &c, err);
	if (s == ANTT_OK)
		s = c.s;
	if (s != ANTT_OK) {
		free(c.rows);
		return s;
	}
	*out = c.rows;
	*n = c.n;
	return ANTT_OK;
}

/* --- the pieces ------------------------------------------------------------ */

void doc_parent_name(doc *d, const unit_row *u, char *buf, size_t n)
{
	unit_row p;

	snprintf(buf, n, "……………………");
	if (u && u->parent_code[0] && unit_get(d->db, u->parent_code, &p, NULL) == ANTT_OK)
		snprintf(buf, n, "%s", p.name);
}

/* A blank unit: the type's name, the rest dots to fill in. */
static void blank_unit(unit_row *b, const char *type_name)
{
	memset(b, 0, sizeof(*b));
	snprintf(b->type_name, sizeof(b->type_name), "%s", type_name ? type_name : "……………………");
	snprintf(b->name, sizeof(b->name), "……………………………………");
	snprintf(b->code, sizeof(b->code), "…………");
}

int doc_unit_head(doc *d, lxw_worksheet *ws, const double *widths, int last_col, const unit_row *u,
                  const char *type_name, const char *const *keys, size_t n, const char *set, const char *set_key)
{
	unit_row blank;
	char parent[sizeof(blank.name)];   /* a unit's name whole */
	char *subject, *t;
	int r;

	blank_unit(&blank, type_name);
	doc_parent_name(d, u, parent, sizeof(parent));
	if (!(subject = doc_fill(d, doc_text(d, "subject"), u ? u : &blank)))
		return -1;
	r = doc_head(d, ws, widths, last_col, parent, u ? u->name : "……………………", "", doc_text(d, "title"), subject);
	free(subject);
	for (size_t k = 0; k < n; k++) {
		if (!(t = doc_fill(d, doc_text(d, keys[k]), u ? u : &blank)))
			return -1;
		r = doc_paragraph(d, ws, r, 0, last_col, widths, t, d->f[D_LINE], 13);
		free(t);
	}
	if (set) {
		if (!(t = doc_replace(doc_text(d, set_key), "{set}", set)))
			return -1;
		r = doc_paragraph(d, ws, r, 0, last_col, widths, t, d->f[D_LINE], 13);
		free(t);
	}
	return r;
}

int doc_table_head(doc *d, lxw_worksheet *ws, int r, int ncols, int wide)
{
	size_t n;
	char *const *cols = doc_list(d, "columns", &n);

	for (int c = 0, k = 0; c < ncols; c++) {
		const char *label = (size_t)k < n ? cols[k] : "";
		if (c == wide + 1)
			continue;
		if (c == wide)
			worksheet_merge_range(ws, (lxw_row_t)r, (lxw_col_t)c, (lxw_row_t)r, (lxw_col_t)c + 1, label,
				d->w.f[F_HEAD]);
		else
			worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, label, d->w.f[F_HEAD]);
		k++;
	}
	doc_row(d, ws, r, 32);
	if (d->head_row < 0) {   /* the first: copies are written by doc_table_row */
		d->head_row = r;
		d->head_ncols = ncols;
		d->head_wide = wide;
	}
	return r + 1;
}

lxw_worksheet *doc_sheet(doc *d, const char *name, int flags, const double *widths, int n)
{
	char clean[128], unique[160];
	size_t used = 0;
	lxw_worksheet *ws;

	/* Excel: at most 31 characters, none of []:*?/\ */
	for (const char *p = name; *p && used + 1 < sizeof(clean); p++)
		clean[used++] = strchr("[]:*?/\\", *p) ? '-' : *p;
	clean[used] = '\0';
	clean[text_fit(clean, 24)] = '\0';
	snprintf(unique, sizeof(unique), "%s", clean);
	for (int k = 2; workbook_get_worksheet_by_name(d->w.wb, unique); k++)
		snprintf(unique, sizeof(unique), "%s (%d)", clean, k);
	if (!(ws = workbook_add_worksheet(d->w.wb, unique)))
		return NULL;
	free(d->heights);
	free(d->breaks);
	d->heights = NULL;
	d->breaks = NULL;
	d->n_heights = d->n_breaks = 0;
	d->head_row = -1;
	d->landscape = flags & PAGE_LANDSCAPE;
	report_page(ws, flags);
	worksheet_set_start_page(ws, 1);   /* each unit's paper, each annex from page 1, printed together or not */
	for (int c = 0; c < n; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	d->sheets++;
	return ws;
}

int doc_head(doc *d, lxw_worksheet *ws, const double *widths, int last_col, const char *agency, const char *issuer,
             const char *kind, const char *title, const char *subject)
{
	int r;

	d->w.agency = agency;
	d->w.issuer = issuer;
	d->w.kind = kind;
	d->head.title = (char *)title;      /* only read */
	d->head.subject = (char *)subject;
	r = report_header(&d->w, ws, widths, last_col);
	for (int k = 0; k < r; k++)   /* for the page model */
		doc_row_height_note(d, k, d->w.head_h[k]);
	return r;
}

/* text over columns c0..c1 of row r (a single column is not merged). */
static void put(lxw_worksheet *ws, int r, int c0, int c1, const char *text, lxw_format *f)
{
	if (c1 > c0)
		worksheet_merge_range(ws, (lxw_row_t)r, (lxw_col_t)c0, (lxw_row_t)r, (lxw_col_t)c1, text, f);
	else
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c0, text, f);
}

int doc_paragraph(doc *d, lxw_worksheet *ws, int r, int c0, int c1, const double *widths, const char *text,
                  lxw_format *f, double pt)
{
	int bold = f == d->f[D_LINE_BOLD] || f == d->f[D_GROUP];
	double width = 0;

	for (int c = c0; c <= c1; c++)
		width += widths[c];
	put(ws, r, c0, c1, text, f);
	doc_row(d, ws, r, report_row_height(report_lines(text, width + 0.7 * (c1 - c0), pt, bold), pt));
	return r + 1;
}

int doc_signatures(doc *d, lxw_worksheet *ws, int r, const double *widths, int last_col,
                   char *const *titles, const char *const *names, size_t n)
{
	int split = report_left_end(&d->w, last_col), lines = 1;
	char up[512];

	for (size_t k = 0; k < n; k++) {
		/* two: the head's halves; more: columns shared out evenly */
		int c0 = n == 2 ? (k ? split + 1 : 0) : (int)k * (last_col + 1) / (int)n;
		int c1 = n == 2 ? (k ? last_col : split) : (int)(k + 1) * (last_col + 1) / (int)n - 1;
		const char *name = names && names[k] ? names[k] : "";

		double width = 0;
		int l;

		for (int c = c0; c <= c1; c++)
			width += widths[c];
		text_upper(titles[k], up, sizeof(up));
		/* a long title (ĐẠI DIỆN CẤP TRÊN …) wraps within its half */
		l = report_lines(up, width, 13, 1);
		put(ws, r, c0, c1, up, l > 1 ? d->f[D_SIGN_WRAP] : d->w.f[F_SIGN_TITLE]);
		if (l > lines)
			lines = l;
		put(ws, r + 1, c0, c1, "(Ký, ghi rõ họ tên)", d->f[D_HINT]);
		put(ws, r + 6, c0, c1, name, d->w.f[F_SIGN_NAME]);
	}
	if (lines > 1)
		doc_row(d, ws, r, report_row_height(lines, 13));
	return r + 7;
}

double doc_fit(const char *const *texts, const double *widths, int n, int bold)
{
	int lines = 1;

	for (int k = 0; k < n; k++) {
		int l = report_lines(texts[k], widths[k], 12, bold);
		if (l > lines)
			lines = l;
	}
	return report_row_height(lines, 12);
}
