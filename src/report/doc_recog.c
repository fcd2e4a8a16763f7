/* The recognition documents' shared pieces: who decides and who proposes,
 * the units proposed, their numbered list by type, the "Căn cứ" lines
 * chosen by the criteria sets used, and the signature with Nơi nhận. */
#include "doc_recog.h"
#include "propose.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Append len bytes of s to the growing string *out (used, cap); 0 on no
 * memory (*out is freed). */
static int append(char **out, size_t *used, size_t *cap, const char *s, size_t len)
{
	if (*used + len + 1 > *cap) {
		char *g = realloc(*out, *cap = (*used + len + 1) * 2);
		if (!g) {
			free(*out);
			*out = NULL;
			return 0;
		}
		*out = g;
	}
	memcpy(*out + *used, s, len);
	*used += len;
	(*out)[*used] = '\0';
	return 1;
}

/* text with every "{name}" of pairs (name, value, …, NULL) replaced. */
static char *replace(const char *text, const char *const *pairs)
{
	size_t cap = 0, used = 0;
	char *out = NULL;

	if (!append(&out, &used, &cap, "", 0))
		return NULL;
	for (const char *p = text; *p;) {
		const char *val = NULL;
		size_t skip = 1;

		for (size_t k = 0; *p == '{' && pairs[k]; k += 2) {
			size_t n = strlen(pairs[k]);
			if (!strncmp(p + 1, pairs[k], n) && p[n + 1] == '}') {
				val = pairs[k + 1];
				skip = n + 2;
				break;
			}
		}
		if (!append(&out, &used, &cap, val ? val : p, val ? strlen(val) : 1))
			return NULL;
		p += skip;
	}
	return out;
}

/* A unit that is itself recognised and no commune (a khu dân cư, a cơ
 * quan) decides on nothing: refused in words naming the level above it. */
static antt_status level_check(doc *d, const unit_row *u, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(d->db, "SELECT assessed AND NOT commune FROM unit_types WHERE code = ?1", &st, err);
	unit_row p;
	char type[64], words[320], bare[256];
	int leaf;

	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, u->type, -1, SQLITE_STATIC);
	leaf = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!leaf || !u->parent_code[0])
		return ANTT_OK;
	if ((s = unit_get(d->db, u->parent_code, &p, err)) != ANTT_OK)
		return s;
	text_lower(u->type_name, type, sizeof(type));
	propose_words(&p, words, sizeof(words), bare, sizeof(bare));
	return err_set(err, ANTT_ERR_INVALID, "%s (%s) là %s: tờ trình và quyết định công nhận lập cho một đơn vị "
		"cấp xã (ở đây: %s, mã %s) hoặc cho cả đơn vị", u->code, u->name, type, words, p.code);
}

/* s (NULL: "") into buf of n bytes: 0 when it does not fit whole. */
static int put(char *buf, size_t n, const char *s)
{
	return snprintf(buf, n, "%s", s ? s : "") < (int)n;
}

antt_status recog_level_get(doc *d, recog_level *lv, const char *committee_line, const char *issuer,
                            antt_err *err)
{
	unit_row u;
	int found = 0, fit;
	antt_status s;

	memset(lv, 0, sizeof(*lv));
	if ((s = propose_level(d->db, d->o->under, &u, &found, err)) != ANTT_OK ||
	    (found && (s = level_check(d, &u, err)) != ANTT_OK))
		return s;
	lv->office = !d->o->under || !u.parent_code[0];
	if (found) {
		propose_words(&u, lv->words, sizeof(lv->words), lv->place, sizeof(lv->place));
		text_lower(u.type_name, lv->level, sizeof(lv->level));
	} else {
		snprintf(lv->words, sizeof(lv->words), "……");
	}
	snprintf(lv->committee, sizeof(lv->committee), "%s %s", committee_line, lv->words);
	if (lv->office) {
		char *office = report_setting(&d->w, "office_name", ""), *parent = report_setting(&d->w, "parent_agency", "");
		char *place = report_setting(&d->w, "place", "");
		fit = put(lv->issuer, sizeof(lv->issuer), office) && put(lv->agency, sizeof(lv->agency), parent) &&
		      put(lv->place, sizeof(lv->place), place);
		free(office);
		free(parent);
		free(place);
	} else {
		char *office = report_setting(&d->w, "office_name", "");
		char *who = replace(issuer, (const char *const[]){ "unit", lv->words, NULL });
		fit = put(lv->issuer, sizeof(lv->issuer), who) && put(lv->agency, sizeof(lv->agency), office);
		free(who);
		free(office);
	}
	if (!fit)   /* set in the database past what antt lets anyone type */
		return err_set(err, ANTT_ERR_INVALID, "tên cơ quan, cơ quan chủ quản hoặc địa danh trong thiết lập dài quá "
			"%d ký tự: không in được đủ; hãy đặt lại cho ngắn hơn (Thiết lập)", SETTING_VALUE_MAX);
	return ANTT_OK;
}

/* --- the units proposed ---------------------------------------------------- */

typedef struct {
	doc *d;
	recog_list *l;
	antt_status s;
	char today[16];   /* the document's date, "2024-11-20" */
} gather;

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static int take(const propose_unit *p, void *ctx)
{
	gather *g = ctx;
	recog_unit *u;
	int decided;

	if (!p->status || strcmp(p->status, "approved") || strcmp(p->verdict, "pass") ||
	    (g->d->type[0] && strcmp(p->type, g->d->type)))
		return 0;
	if (g->l->n == g->l->cap) {
		size_t cap = g->l->cap ? g->l->cap * 2 : 16;
		recog_unit *grown = realloc(g->l->u, cap * sizeof(*grown));
		if (!grown) {
			g->s = ANTT_ERR_NOMEM;
			return 1;
		}
		g->l->u = grown;
		g->l->cap = cap;
	}
	/* a paper dated D cannot cite a decision made after D */
	decided = p->decision && p->decision_date && strcmp(p->decision_date, g->today) <= 0;
	u = &g->l->u[g->l->n++];
	*u = (recog_unit){ dup(p->code), dup(p->name), dup(p->type), dup(p->type_name), dup(p->regulation),
		decided ? dup(p->decision) : NULL, p->held, p->total };
	if (!u->code || !u->name || !u->type || !u->type_name || !u->regulation || (decided && !u->decision)) {
		g->s = ANTT_ERR_NOMEM;
		return 1;
	}
	return 0;
}

antt_status recog_proposed(doc *d, const recog_level *lv, recog_list *l, antt_err *err)
{
	gather g = { d, l, ANTT_OK, "" };
	antt_status s;

	memset(l, 0, sizeof(*l));
	strftime(g.today, sizeof(g.today), "%Y-%m-%d", &d->tm);
	if ((s = propose_units(d->db, d->o->year, d->o->under, take, &g, err)) != ANTT_OK)
		return s;
	if (g.s != ANTT_OK)
		return g.s;
	if (l->n == 0)
		return err_set(err, ANTT_ERR_NOT_FOUND, "năm %d chưa có đơn vị nào%s%s%s%s được lãnh đạo duyệt đạt: "
			"chưa có gì để đề nghị công nhận", d->o->year, d->type[0] ? " loại " : "", d->type,
			lv->office ? "" : lv->words[0] ? " thuộc " : "", lv->office ? "" : lv->words);
	return ANTT_OK;
}

void recog_list_free(recog_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		recog_unit *u = &l->u[i];
		free(u->code);
		free(u->name);
		free(u->type);
		free(u->type_name);
		free(u->regulation);
		free(u->decision);
	}
	free(l->u);
	memset(l, 0, sizeof(*l));
}

/* "5 khu dân cư, 1 cơ quan": the units by type, in the list's order. */
static char *counts(const recog_list *l)
{
	size_t cap = 0, used = 0;
	char *out = NULL;

	if (!append(&out, &used, &cap, "", 0))
		return NULL;
	for (size_t i = 0, n = 0; i < l->n; i++) {
		char lower[128], part[200];
		n++;
		if (i + 1 < l->n && !strcmp(l->u[i + 1].type, l->u[i].type))
			continue;
		text_lower(l->u[i].type_name, lower, sizeof(lower));
		snprintf(part, sizeof(part), "%s%zu %s", used ? ", " : "", n, lower);
		if (!append(&out, &used, &cap, part, strlen(part)))
			return NULL;
		n = 0;
	}
	return out;
}

char *recog_fill(doc *d, const recog_level *lv, const recog_list *l, const char *text, const char *const *pairs)
{
	char count[32], *list = l ? counts(l) : NULL, *mid, *out;
	const char *all[32] = { "issuer", lv->issuer, "committee", lv->committee, "level", lv->level[0] ? lv->level : "……",
		"count", count, "list", list ? list : "" };
	size_t k = 10;

	snprintf(count, sizeof(count), "%zu", l ? l->n : 0);
	for (size_t i = 0; pairs && pairs[i] && k + 2 < sizeof(all) / sizeof(*all); i += 2) {
		all[k++] = pairs[i];
		all[k++] = pairs[i + 1];
	}
	all[k] = NULL;
	mid = replace(text, all);
	out = mid ? doc_fill(d, mid, NULL) : NULL;
	free(mid);
	free(list);
	return out;
}

/* --- the pieces ------------------------------------------------------------- */

const char *recog_lookup(doc *d, const char *key, const char *name)
{
	size_t n, len = strlen(name);
	char *const *lines = doc_list(d, key, &n);

	for (size_t i = 0; i < n; i++)
		if (!strncmp(lines[i], name, len) && !strncmp(lines[i] + len, " = ", 3))
			return lines[i] + len + 3;
	return NULL;
}

/* The first word with a '/' in it, a text's number ("124/2021/TT-BCA"),
 * into buf; 0 when there is none. */
static int number(const char *line, char *buf, size_t n)
{
	const char *slash = strchr(line, '/'), *a, *b;

	if (!slash)
		return 0;
	for (a = slash; a > line && a[-1] != ' '; a--)
		;
	for (b = slash; *b && *b != ' ' && *b != ',' && *b != ';'; b++)
		;
	snprintf(buf, n, "%.*s", (int)(b - a), a);
	return 1;
}

int recog_grounds(doc *d, lxw_worksheet *ws, int r, const double *widths, int last_col, const recog_list *l,
                  lxw_format *f, double pt)
{
	size_t n;
	char *const *lines = doc_list(d, "grounds", &n);

	/* the layout's lines, in its order, for a regulation some unit used */
	for (size_t k = 0; k < n; k++) {
		char want[128];
		int used = 0;
		if (!number(lines[k], want, sizeof(want)))
			continue;
		for (size_t i = 0; !used && i < l->n; i++)
			used = strstr(l->u[i].regulation, want) != NULL;
		if (used)
			r = doc_paragraph(d, ws, r, 0, last_col, widths, lines[k], f, pt);
	}
	/* a regulation no line names: its own name */
	for (size_t i = 0; i < l->n; i++) {
		int named = 0, seen = 0;
		char line[600];
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(l->u[j].regulation, l->u[i].regulation);
		for (size_t k = 0; k < n && !named && !seen; k++) {
			char want[128];
			named = number(lines[k], want, sizeof(want)) && strstr(l->u[i].regulation, want);
		}
		if (seen || named || !l->u[i].regulation[0])
			continue;
		snprintf(line, sizeof(line), "Căn cứ %s;", l->u[i].regulation);
		r = doc_paragraph(d, ws, r, 0, last_col, widths, line, f, pt);
	}
	return r;
}

static const char *const ROMAN[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };

int recog_table(doc *d, lxw_worksheet *ws, int r, const double *widths, int ncols, const recog_list *l,
                recog_cells cells, void *ctx)
{
	size_t group = 0;
	char **out = calloc((size_t)ncols, sizeof(*out)), num[32], line[400];
	const char **shown = calloc((size_t)ncols, sizeof(*shown));
	/* the name wraps at the left, centred in its row as the other columns */
	lxw_format *name = report_fmt(&d->w, 12, 0, 0, LXW_ALIGN_LEFT, 1, NULL);

	format_set_text_wrap(name);
	if (!out || !shown) {
		free(out);
		free(shown);
		return r;
	}
	r = doc_table_head(d, ws, r, ncols, ncols);   /* no label spans two columns */
	for (size_t i = 0; i < l->n; i++) {
		const recog_unit *u = &l->u[i];
		double h;
		snprintf(num, sizeof(num), "%zu", i + 1);
		for (int c = 0; c < ncols; c++)
			out[c] = NULL;
		cells(d, u, out, (size_t)ncols, ctx);
		shown[0] = num;
		shown[1] = u->name;
		for (int c = 2; c < ncols; c++)
			shown[c] = out[c] ? out[c] : "";
		h = doc_fit(shown, widths, ncols, 0);
		if (i == 0 || strcmp(u->type, l->u[i - 1].type)) {
			size_t in = 0;
			for (size_t j = i; j < l->n && !strcmp(l->u[j].type, u->type); j++)
				in++;
			if (group < sizeof(ROMAN) / sizeof(*ROMAN))
				snprintf(line, sizeof(line), "%s. %s (%zu)", ROMAN[group], u->type_name, in);
			else
				snprintf(line, sizeof(line), "%zu. %s (%zu)", group + 1, u->type_name, in);
			group++;
			r = doc_table_row_keep(d, ws, r, 20, h);
			worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)(ncols - 1), line, d->f[D_GROUP]);
			doc_row(d, ws, r, 20);
			r++;
		}
		r = doc_table_row_keep(d, ws, r, h, i + 1 == l->n ? 20 : 0);   /* 20: the totals */
		for (int c = 0; c < ncols; c++)
			worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, shown[c],
				c == 1 ? name : d->f[D_CENTER]);
		doc_row(d, ws, r, h);
		for (int c = 2; c < ncols; c++)
			free(out[c]);
		r++;
	}
	snprintf(line, sizeof(line), "%zu đơn vị", l->n);
	r = doc_table_row(d, ws, r, 20);
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, 1, doc_text(d, "totals_label"), d->w.f[F_TOTAL_TEXT]);
	worksheet_merge_range(ws, (lxw_row_t)r, 2, (lxw_row_t)r, (lxw_col_t)(ncols - 1), line, d->w.f[F_TOTAL_TEXT]);
	doc_row(d, ws, r, 20);
	free(out);
	free(shown);
	return r + 1;
}

antt_status recog_annex(doc *d, const recog_level *lv, const recog_list *l, const double *widths, int ncols,
                        recog_cells cells, void *ctx, const char *const *pairs)
{
	char *title = recog_fill(d, lv, l, doc_text(d, "annex_title"), pairs);
	char *note = recog_fill(d, lv, l, doc_text(d, "annex_note"), pairs);
	lxw_worksheet *ws = doc_sheet(d, "Danh sách", PAGE_PORTRAIT, widths, ncols);
	antt_status s = ANTT_OK;
	int r;

	if (!title || !note || !ws) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	r = doc_paragraph(d, ws, 0, 0, ncols - 1, widths, title, d->w.f[F_SHEET_TITLE], 13);
	r = doc_paragraph(d, ws, r, 0, ncols - 1, widths, note, d->w.f[F_APPENDIX], 12);
	doc_row(d, ws, r, 9);
	report_rule(ws, r, 0, ncols - 1, widths, report_text_px(note, 12, 0.4));
	r = recog_table(d, ws, r + 2, widths, ncols, l, cells, ctx);
	doc_sheet_end(d, ws, r - 1, r - 1, ncols - 1);
out:
	free(title);
	free(note);
	return s;
}

int recog_signature(doc *d, lxw_worksheet *ws, int r, int last_col, const char *title, const char *name)
{
	int left_end = report_left_end(&d->w, last_col), right = left_end + 1, lines = 0, end;
	size_t n;
	char *const *to = doc_list(d, "recipients", &n);
	char up[512], line[600];

	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)left_end, doc_text(d, "recipients_label"),
		d->w.f[F_RECIPIENTS_LABEL]);
	for (size_t i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "- %s", to[i]);
		worksheet_merge_range(ws, (lxw_row_t)(r + 1 + (int)i), 0, (lxw_row_t)(r + 1 + (int)i), (lxw_col_t)left_end,
			line, d->w.f[F_RECIPIENT]);
	}
	text_upper(title, up, sizeof(up));
	for (char *p = up, *nl; p; p = nl ? nl + 1 : NULL, lines++) {
		if ((nl = strchr(p, '\n')))
			*nl = '\0';
		worksheet_merge_range(ws, (lxw_row_t)(r + lines), (lxw_col_t)right, (lxw_row_t)(r + lines),
			(lxw_col_t)last_col, p, d->w.f[F_SIGN_TITLE]);
	}
	end = r + lines + 4;   /* four rows to sign and stamp */
	worksheet_merge_range(ws, (lxw_row_t)end, (lxw_col_t)right, (lxw_row_t)end, (lxw_col_t)last_col, name,
		d->w.f[F_SIGN_NAME]);
	return (r + 1 + (int)n > end + 1 ? r + 1 + (int)n : end + 1);
}
