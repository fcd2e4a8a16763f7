/* Loading and filtering the unit tree for one year. */
#include "tree.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tree_status_name(unit_status s)
{
	static const char *const names[] = {
		[STATUS_NONE] = "chưa đánh giá", [STATUS_DRAFT] = "đang nhập", [STATUS_PASS] = "đạt",
		[STATUS_FAIL] = "chưa đạt", [STATUS_EXCLUDED] = "không thuộc diện", [STATUS_NA] = "",
	};
	return s < STATUS_COUNT ? names[s] : "";
}

const char *tree_flow_name(tree_flow f)
{
	static const char *const names[] = {
		[FLOW_NONE] = "", [FLOW_DRAFT] = "nháp", [FLOW_SUBMITTED] = "đã trình",
		[FLOW_RETURNED] = "trả lại", [FLOW_APPROVED] = "đã duyệt",
	};
	return f < FLOW_COUNT ? names[f] : "";
}

int tree_filter_next(int f)
{
	if (f < 0)
		return STATUS_NONE;
	if (f < STATUS_EXCLUDED)
		return f + 1;
	if (f == STATUS_EXCLUDED)
		return TREE_BY_FLOW + FLOW_SUBMITTED;
	if (f >= TREE_BY_FLOW + FLOW_SUBMITTED && f < TREE_BY_FLOW + FLOW_APPROVED)
		return f + 1;
	return -1;
}

const char *tree_filter_name(int f)
{
	if (f < 0)
		return "tất cả";
	if (f >= TREE_BY_FLOW)
		return tree_flow_name((tree_flow)(f - TREE_BY_FLOW));
	return tree_status_name((unit_status)f);
}

/* The pool: texts of the rows, in blocks that never move, so the rows'
 * pointers stay good while it grows. */
struct tree_block {
	struct tree_block *next;
	size_t used, size;
	char text[];
};

#define BLOCK_SIZE (64 * 1024 - 64)

static const char *pool_add(tree_view *t, const char *s, size_t n)
{
	struct tree_block *b = t->pool;
	char *p;

	if (!b || b->size - b->used < n + 1) {
		size_t size = n + 1 > BLOCK_SIZE ? n + 1 : BLOCK_SIZE;
		if (!(b = malloc(sizeof(*b) + size)))
			return NULL;
		b->next = t->pool;
		b->used = 0;
		b->size = size;
		t->pool = b;
	}
	p = b->text + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

static const char *pool_text(tree_view *t, const unsigned char *s)
{
	return pool_add(t, s ? (const char *)s : "", s ? strlen((const char *)s) : 0);
}

/* Reading a year's states ahead, a step at a time (tree_states_ahead). */
struct tree_job {
	int year;
	long long stamp;
	int declined;          /* the units differ that year: nothing to read */
	sqlite3_stmt *st;
	tree_state *out;
};

static void job_drop(tree_view *t);

void tree_free(tree_view *t)
{
	job_drop(t);
	while (t->pool) {
		struct tree_block *next = t->pool->next;
		free(t->pool);
		t->pool = next;
	}
	free(t->rows);
	free(t->order);
	free(t->vis);
	free(t->counts);
	free(t->types);
	free(t->other[0]);
	free(t->other[1]);
	memset(t, 0, sizeof(*t));
}

/* This connection's writes and other connections' commits so far. */
static long long data_version(antt_db *db)
{
	sqlite3_stmt *st = NULL;
	long long v = 0;

	if (sqlite3_prepare_v2(db->sql, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

long long tree_stamp(antt_db *db)
{
	return data_version(db) * 1000003 + (long long)sqlite3_total_changes64(db->sql);
}

int tree_changed(antt_db *db, const tree_view *t)
{
	return tree_stamp(db) != t->stamp;
}

static unit_status status_of(int assessed, int excluded, const char *astatus, const char *verdict)
{
	if (!assessed)
		return STATUS_NA;
	if (excluded)
		return STATUS_EXCLUDED;
	if (!astatus || !strcmp(astatus, "registered"))
		return STATUS_NONE;
	if (verdict && !strcmp(verdict, "pass"))
		return STATUS_PASS;
	if (verdict && !strcmp(verdict, "fail"))
		return STATUS_FAIL;
	return STATUS_DRAFT;
}

static tree_flow flow_of(const char *astatus)
{
	if (!astatus || !strcmp(astatus, "registered"))
		return FLOW_NONE;
	if (!strcmp(astatus, "submitted"))
		return FLOW_SUBMITTED;
	if (!strcmp(astatus, "returned"))
		return FLOW_RETURNED;
	if (!strcmp(astatus, "approved"))
		return FLOW_APPROVED;
	return FLOW_DRAFT;
}

/* A row's state from its form of the year (astatus NULL: none). */
static tree_state state_of(const tree_row *r, const char *astatus, const char *verdict, int recognised)
{
	tree_state x;

	x.status = (unsigned char)status_of(r->status != STATUS_NA, r->u.excluded, astatus, verdict);
	x.flow = (unsigned char)(x.status == STATUS_NA || x.status == STATUS_EXCLUDED ? FLOW_NONE : flow_of(astatus));
	x.recognised = x.flow == FLOW_APPROVED && recognised;
	x.registered = astatus != NULL;
	x.verdict = (char)(!astatus ? 0 : verdict && !strcmp(verdict, "pass") ? 'p' :
		verdict && !strcmp(verdict, "fail") ? 'f' : 'm');
	return x;
}

static void set_state(tree_row *r, const tree_state *x)
{
	r->status = x->status;
	r->flow = x->flow;
	r->recognised = x->recognised;
	r->registered = x->registered;
	r->verdict = x->verdict;
}

static tree_count *count_of(tree_view *t, const char *type)
{
	for (size_t i = 0; i < t->n_counts; i++)
		if (!strcmp(t->counts[i].type, type))
			return &t->counts[i];
	return NULL;
}

static antt_status count_unit(tree_view *t, const tree_row *r)
{
	tree_count *c;

	if (r->status == STATUS_NA)
		return ANTT_OK;
	if (!(c = count_of(t, r->u.type))) {
		tree_count *g = realloc(t->counts, (t->n_counts + 1) * sizeof(*g));
		if (!g)
			return ANTT_ERR_NOMEM;
		t->counts = g;
		c = &t->counts[t->n_counts++];
		memset(c, 0, sizeof(*c));
		snprintf(c->type, sizeof(c->type), "%s", r->u.type);
		snprintf(c->name, sizeof(c->name), "%s", r->u.type_name);
	}
	c->n[r->status]++;
	c->total++;
	c->recognised += r->recognised;
	return ANTT_OK;
}

/* A row's place for sorting: its parent, then its code (the row's). */
typedef struct {
	sqlite3_int64 parent_id;
	uint32_t row;
} link;

static const tree_row *sorting;   /* the rows by_parent_code compares (qsort has no context) */

static int by_parent_code(const void *a, const void *b)
{
	const link *x = a, *y = b;

	if (x->parent_id != y->parent_id)
		return x->parent_id < y->parent_id ? -1 : 1;
	return strcmp(sorting[x->row].u.code, sorting[y->row].u.code);
}

/* First index in sorted[0..n) whose parent is pid. */
static size_t children_of(const link *sorted, size_t n, sqlite3_int64 pid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (sorted[mid].parent_id < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static antt_status read_states(antt_db *db, const tree_view *t, int year, tree_state *out, antt_err *err);

/* How many units there are (at least 16): the rows' room. */
static size_t units_count(antt_db *db)
{
	sqlite3_stmt *st = NULL;
	size_t n = 16;

	if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM units", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 16)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
static antt_status apply_states(antt_db *db, tree_view *t, int year, antt_err *err);

/* Every unit type, its texts in the pool (a row's u.type and u.type_name
 * point at them): a few rows, read once instead of a join per unit. */
static antt_status read_types(antt_db *db, tree_view *t, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_prepare(db, "SELECT code, name, sort, commune, assessed FROM unit_types", &st, err);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		tree_type *g = realloc(t->types, (t->n_types + 1) * sizeof(*g));
		if (!g) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		t->types = g;
		g += t->n_types;
		g->type = pool_text(t, sqlite3_column_text(st, 0));
		g->name = pool_text(t, sqlite3_column_text(st, 1));
		g->sort = sqlite3_column_int(st, 2);
		g->commune = sqlite3_column_int(st, 3);
		g->assessed = sqlite3_column_int(st, 4);
		if (!g->type || !g->name)
			s = ANTT_ERR_NOMEM;
		else
			t->n_types++;
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc loại đơn vị");
	sqlite3_finalize(st);
	return s;
}

static const tree_type *type_named(const tree_view *t, const char *code)
{
	for (size_t i = 0; i < t->n_types; i++)
		if (!strcmp(t->types[i].type, code))
			return &t->types[i];
	return NULL;
}

/* The search key "code name_key": the code in lower case with '-' and '_'
 * read as spaces, as text_key() would (codes are ASCII); the name's key is
 * stored with the unit. */
static const char *key_of(tree_view *t, const char *code, const unsigned char *name_key)
{
	size_t cl = strlen(code), nl = name_key ? strlen((const char *)name_key) : 0;
	char buf[512], *k;

	if (cl + nl + 2 > sizeof(buf))
		nl = sizeof(buf) - 2 - (cl < sizeof(buf) - 2 ? cl : sizeof(buf) - 2), cl = cl < sizeof(buf) - 2 ? cl : sizeof(buf) - 2;
	memcpy(buf, code, cl);
	buf[cl] = ' ';
	if (nl)
		memcpy(buf + cl + 1, name_key, nl);
	for (k = buf; k < buf + cl; k++)
		*k = (char)(*k >= 'A' && *k <= 'Z' ? *k - 'A' + 'a' : *k == '-' || *k == '_' ? ' ' : *k);
	return pool_add(t, buf, cl + 1 + nl);
}

static antt_status read_rows(antt_db *db, tree_view *t, sqlite3_int64 **parents, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 *par = NULL;
	const tree_type *ty = NULL;
	size_t cap = 0;
	antt_status s;
	int rc;

	t->n_rows = 0;
	if ((s = read_types(db, t, err)) != ANTT_OK)
		return s;
	/* the units alone, by id (the rowid order: no sort); their forms of
	 * the year come after from one index (read_states) rather than a
	 * lookup per unit */
	s = db_prepare(db,
		"SELECT u.id, u.code, u.name, u.type, u.excluded, coalesce(u.parent_id, 0), u.name_key, u.managed_above"
		" FROM units u WHERE " UNIT_IN_YEAR("u", "?1") " ORDER BY u.id", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, t->year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 3);
		tree_row *r;

		/* units come in runs of a type: the last one first */
		if (!ty || !type || strcmp(ty->type, type))
			ty = type_named(t, type ? type : "");

		if (!ty)   /* a type the database does not know (cannot be: a foreign key) */
			continue;

		if (t->n_rows == cap) {
			/* as many as there are units (a count from an index), not
			 * doubling: 90,000 rows would be 131,072 */
			tree_row *g = realloc(t->rows, (cap = cap ? cap * 2 : units_count(db)) * sizeof(*g));
			sqlite3_int64 *gp = g ? realloc(par, cap * sizeof(*gp)) : NULL;
			if (g)
				t->rows = g;
			if (!g || !gp) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			par = gp;
		}
		par[t->n_rows] = sqlite3_column_int64(st, 5);
		r = &t->rows[t->n_rows];
		memset(r, 0, sizeof(*r));
		r->u.id = sqlite3_column_int64(st, 0);
		r->u.parent_code = "";
		if (!(r->u.code = pool_text(t, sqlite3_column_text(st, 1))) ||
		    !(r->u.name = pool_text(t, sqlite3_column_text(st, 2))) ||
		    !(r->key = key_of(t, r->u.code, sqlite3_column_text(st, 6)))) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		t->n_rows++;
		r->u.type = ty->type;
		r->u.type_name = ty->name;
		r->u.excluded = sqlite3_column_int(st, 4);
		r->u.managed_above = sqlite3_column_int(st, 7);
		r->status = ty->assessed ? STATUS_NONE : STATUS_NA;   /* read_states sets the year's */
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc cây đơn vị");
	sqlite3_finalize(st);
	if (s == ANTT_OK)
		s = apply_states(db, t, t->year, err);
	if (s != ANTT_OK) {
		free(par);
		return s;
	}
	*parents = par;
	return ANTT_OK;
}

/* Tree order is worked out here rather than by SQLite: rows sorted by
 * (parent, code), then a depth-first walk; a unit whose parent is not in
 * force that year is not reached, as in a recursive query. */
antt_status tree_load(antt_db *db, int year, tree_view *t, antt_err *err)
{
	sqlite3_int64 *parents = NULL;
	link *sorted = NULL;
	uint32_t *stack = NULL;
	size_t n = 0, sp = 0, i, e;
	antt_status s;

	memset(t, 0, sizeof(*t));
	t->year = year;
	t->status = -1;
	t->stamp = tree_stamp(db);
	t->dv = data_version(db);
	t->fresh = 1;
	if ((s = read_rows(db, t, &parents, err)) != ANTT_OK) {
		tree_free(t);
		return s;
	}
	n = t->n_rows;
	if (n > UINT32_MAX || !(sorted = malloc((n ? n : 1) * sizeof(*sorted)))) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		sorted[i] = (link){ parents[i], (uint32_t)i };
	free(parents);   /* before the rest is allocated: a national tree's peak */
	parents = NULL;
	sorting = t->rows;
	qsort(sorted, n, sizeof(*sorted), by_parent_code);
	stack = malloc((n ? n : 1) * sizeof(*stack));
	t->order = malloc((n ? n : 1) * sizeof(*t->order));
	t->vis = malloc((n ? n : 1) * sizeof(*t->vis));
	if (!stack || !t->order || !t->vis) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}

	/* the roots (parent 0) pushed in reverse, so the first pops first; a
	 * row's depth is set when it is pushed */
	for (i = children_of(sorted, n, 0), e = i; e < n && sorted[e].parent_id == 0; e++)
		;
	while (e > i) {
		t->rows[sorted[e - 1].row].u.depth = 0;
		stack[sp++] = (uint32_t)--e;
	}
	while (sp > 0) {
		size_t k = stack[--sp], c;
		tree_row *r = &t->rows[sorted[k].row];

		t->order[t->n++] = sorted[k].row;
		if ((s = count_unit(t, r)) != ANTT_OK)
			goto out;
		for (c = children_of(sorted, n, r->u.id), e = c; e < n && sorted[e].parent_id == r->u.id; e++)
			;
		while (e > c && sp < n) {
			tree_row *child = &t->rows[sorted[e - 1].row];
			child->u.depth = r->u.depth + 1;
			child->u.parent_code = r->u.code;
			stack[sp++] = (uint32_t)--e;
		}
	}
out:
	free(parents);
	free(sorted);
	free(stack);
	if (s != ANTT_OK) {
		tree_free(t);
		return s;
	}
	tree_filter(t, NULL, -1, NULL);
	return ANTT_OK;
}

antt_status tree_update(antt_db *db, tree_view *t, const char *code, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char want[64];
	antt_status s;
	int guard = 0;

	s = db_prepare(db, "SELECT a.status, a.verdict,"
		"  EXISTS (SELECT 1 FROM recognitions rc WHERE rc.assessment_id = a.id AND rc.withdrawn_at IS NULL)"
		" FROM units u"
		" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?2 WHERE u.code = ?1", &st, err);
	if (s != ANTT_OK)
		return s;
	snprintf(want, sizeof(want), "%s", code);
	t->last.from = t->last.to = 0;
	t->last.n = 0;
	while (want[0] && guard++ < 64) {
		tree_row *r = NULL;
		tree_count *c;
		unit_status old;

		for (size_t i = 0; i < t->n_rows && !r; i++)
			if (!strcmp(t->rows[i].u.code, want))
				r = &t->rows[i];
		if (!r)
			break;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, want, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, t->year);
		if (sqlite3_step(st) != SQLITE_ROW) {
			s = db_fail(db, sqlite3_errcode(db->sql), err, "đọc trạng thái đơn vị");
			break;
		}
		old = r->status;
		if (old != STATUS_NA && old != STATUS_EXCLUDED) {
			/* the whole state, as read_states gives it: Progress
			 * counts the form and its verdict too */
			tree_state x = state_of(r, (const char *)sqlite3_column_text(st, 0),
				(const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2));
			if ((c = count_of(t, r->u.type))) {
				c->n[old]--;
				c->recognised -= r->recognised;
			}
			if (t->last.n < sizeof(t->last.rows) / sizeof(*t->last.rows)) {
				t->last.rows[t->last.n] = (uint32_t)(r - t->rows);
				t->last.before[t->last.n++] = (tree_state){ r->status, r->flow, r->recognised, r->registered,
					r->verdict };
			}
			set_state(r, &x);
			if (c) {
				c->n[r->status]++;
				c->recognised += r->recognised;
			}
		}
		snprintf(want, sizeof(want), "%s", r->u.parent_code);   /* "" at the top: the walk ends */
	}
	sqlite3_finalize(st);
	if (s == ANTT_OK && data_version(db) == t->dv) {
		/* that unit's form of t's year is all that changed: the
		 * states kept or being read for other years still hold */
		long long was = t->stamp;
		t->stamp = tree_stamp(db);
		t->last.from = was;
		t->last.to = t->stamp;
		for (int k = 0; k < 2; k++)
			if (t->other[k] && t->other_stamp[k] == was && t->other_year[k] != t->year)
				t->other_stamp[k] = t->stamp;
		if (t->job && t->job->stamp == was && t->job->year != t->year)
			t->job->stamp = t->stamp;
	}
	if (s == ANTT_OK)
		tree_filter(t, t->type, t->status, t->search);
	return s;
}

/* Every word of the key occurs somewhere in the row's key. */
static int has_words(const char *row, const char *key)
{
	char word[256];

	while (*key) {
		size_t n = strcspn(key, " ");
		if (n) {
			snprintf(word, sizeof(word), "%.*s", (int)n, key);
			if (!strstr(row, word))
				return 0;
		}
		key += n;
		key += strspn(key, " ");
	}
	return 1;
}

static int passes(const tree_view *t, const tree_row *r)
{
	if (t->type[0] && strcmp(r->u.type, t->type))
		return 0;
	if (t->status >= TREE_BY_FLOW && (int)r->flow != t->status - TREE_BY_FLOW)
		return 0;
	if (t->status >= 0 && t->status < TREE_BY_FLOW && (int)r->status != t->status)
		return 0;
	return !t->search[0] || has_words(r->key, t->search);
}

void tree_filter(tree_view *t, const char *type, int status, const char *search)
{
	char *key = search && *search ? text_key(search) : NULL;
	char ty[sizeof(t->type)];

	/* type may be t->type itself: copied before it is overwritten */
	snprintf(ty, sizeof(ty), "%s", type ? type : "");
	snprintf(t->type, sizeof(t->type), "%s", ty);
	snprintf(t->search, sizeof(t->search), "%s", key ? key : "");
	t->status = status;
	free(key);
	t->n_vis = 0;
	for (size_t k = 0; k < t->n; k++)
		if (passes(t, &t->rows[t->order[k]]))
			t->vis[t->n_vis++] = t->order[k];
}

long tree_find(const tree_view *t, const char *code)
{
	for (size_t i = 0; i < t->n_vis; i++)
		if (!strcmp(t->rows[t->vis[i]].u.code, code))
			return (long)i;
	return -1;
}

static int pending(const tree_row *r)
{
	return r->status == STATUS_NONE || r->status == STATUS_DRAFT;
}

static int submitted(const tree_row *r)
{
	return r->flow == FLOW_SUBMITTED;
}

static long next_where(const tree_view *t, long from, int (*want)(const tree_row *))
{
	for (size_t k = 1; k <= t->n_vis; k++) {
		size_t i = (size_t)(from + (long)k) % t->n_vis;
		if (want(&t->rows[t->vis[i]]))
			return (long)i;
	}
	return -1;
}

long tree_next_pending(const tree_view *t, long from)
{
	return next_where(t, from, pending);
}

long tree_next_submitted(const tree_view *t, long from)
{
	return next_where(t, from, submitted);
}

size_t tree_below(const tree_view *t, const char *code)
{
	size_t k = 0, n = 0;

	while (k < t->n && strcmp(t->rows[t->order[k]].u.code, code))
		k++;
	if (k == t->n)
		return 0;
	for (size_t j = k + 1; j < t->n && t->rows[t->order[j]].u.depth > t->rows[t->order[k]].u.depth; j++)
		n++;
	return n;
}

/* 1 when every unit in force in year a is in force in year b and back: no
 * unit starts or ends in between (UNIT_IN_YEAR counts by the date's year). */
static antt_status same_units(antt_db *db, int a, int b, int *same, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char lo[8], hi[8];
	antt_status s;

	snprintf(lo, sizeof(lo), "%04d", (a < b ? a : b) % 10000 + 1);
	snprintf(hi, sizeof(hi), "%04d", (a < b ? b : a) % 10000 + 1);
	s = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM units WHERE valid_from >= ?1 AND valid_from < ?2)"
		" OR EXISTS (SELECT 1 FROM units WHERE valid_to >= ?1 AND valid_to < ?2)", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*same = !sqlite3_column_int(st, 0);
	else
		s = db_fail(db, sqlite3_errcode(db->sql), err, "đọc thời gian hiệu lực của đơn vị");
	sqlite3_finalize(st);
	return s;
}

/* The index of the row of the unit with this id (the rows are read by
 * id), or n_rows. */
static size_t row_by_id(const tree_view *t, sqlite3_int64 id)
{
	size_t lo = 0, hi = t->n_rows;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->rows[mid].u.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n_rows && t->rows[lo].u.id == id ? lo : t->n_rows;
}

/* Reading a year's states: every row's none into out (one per row), then
 * each form of the year and each recognition in force (one range of
 * assessments_year_state), at most max rows a step (-1: all); rc of the
 * last step, SQLITE_DONE at the end. */
static antt_status states_begin(antt_db *db, const tree_view *t, int year, tree_state *out, sqlite3_stmt **st,
                                antt_err *err)
{
	antt_status s;

	for (size_t i = 0; i < t->n_rows; i++)
		out[i] = state_of(&t->rows[i], NULL, NULL, 0);
	s = db_prepare(db, "SELECT a.unit_id, a.status, a.verdict, a.status = 'approved' AND EXISTS"
		" (SELECT 1 FROM recognitions rc WHERE rc.assessment_id = a.id AND rc.withdrawn_at IS NULL)"
		" FROM assessments a WHERE a.year = ?1", st, err);
	if (s == ANTT_OK)
		sqlite3_bind_int(*st, 1, year);
	return s;
}

static int states_step(const tree_view *t, sqlite3_stmt *st, long max, tree_state *out)
{
	int rc = SQLITE_ROW;

	for (long k = 0; (max < 0 || k < max) && (rc = sqlite3_step(st)) == SQLITE_ROW; k++) {
		size_t i = row_by_id(t, sqlite3_column_int64(st, 0));
		if (i < t->n_rows)
			out[i] = state_of(&t->rows[i], (const char *)sqlite3_column_text(st, 1),
				(const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 3));
	}
	return rc;   /* SQLITE_ROW: stopped at max */
}

static antt_status read_states(antt_db *db, const tree_view *t, int year, tree_state *out, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((s = states_begin(db, t, year, out, &st, err)) != ANTT_OK)
		return s;
	if ((rc = states_step(t, st, -1, out)) != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc trạng thái đơn vị");
	sqlite3_finalize(st);
	return s;
}

/* The rows take their states in year. */
static antt_status apply_states(antt_db *db, tree_view *t, int year, antt_err *err)
{
	tree_state *x = malloc((t->n_rows ? t->n_rows : 1) * sizeof(*x));
	antt_status s;

	if (!x)
		return ANTT_ERR_NOMEM;
	if ((s = read_states(db, t, year, x, err)) == ANTT_OK)
		for (size_t i = 0; i < t->n_rows; i++)
			set_state(&t->rows[i], &x[i]);
	free(x);
	return s;
}

/* The slot of the states kept for year (see tree_view) when they are
 * current, else -1. */
static int other_of(antt_db *db, const tree_view *t, int year)
{
	for (int k = 0; k < 2; k++)
		if (t->other[k] && t->other_year[k] == year && t->other_stamp[k] == t->stamp && !tree_changed(db, t))
			return k;
	return -1;
}

const tree_state *tree_kept(antt_db *db, const tree_view *t, int year)
{
	int k = other_of(db, t, year);
	return k >= 0 ? t->other[k] : NULL;
}

/* Keep states (t->n_rows of them, now owned by t) as year's, first; the
 * oldest kept goes. */
static void keep_other(antt_db *db, tree_view *t, int year, tree_state *states)
{
	for (int k = 0; k < 2; k++)
		if (t->other[k] && t->other_year[k] == year) {
			free(t->other[k]);
			t->other[k] = NULL;
		}
	if (t->other[0]) {
		free(t->other[1]);
		t->other[1] = t->other[0];
		t->other_year[1] = t->other_year[0];
		t->other_stamp[1] = t->other_stamp[0];
	}
	t->other[0] = states;
	t->other_year[0] = year;
	t->other_stamp[0] = tree_changed(db, t) ? -1 : t->stamp;
}

static void job_drop(tree_view *t)
{
	if (t->job) {
		sqlite3_finalize(t->job->st);
		free(t->job->out);
		free(t->job);
		t->job = NULL;
	}
}

int tree_states_ahead(antt_db *db, tree_view *t, int year, long rows)
{
	struct tree_job *j = t->job;
	antt_err err = { "" };
	int same = 0, rc;

	if (other_of(db, t, year) >= 0)
		return 0;
	if (j && (j->year != year || j->stamp != t->stamp || tree_changed(db, t)))
		job_drop(t);
	if (tree_changed(db, t))
		return -1;
	if (!(j = t->job)) {
		if (!(j = t->job = calloc(1, sizeof(*j))))
			return -1;
		j->year = year;
		j->stamp = t->stamp;
		if (same_units(db, t->year, year, &same, &err) != ANTT_OK || !same)
			j->declined = 1;
		else if (!(j->out = malloc((t->n_rows ? t->n_rows : 1) * sizeof(*j->out))) ||
		         states_begin(db, t, year, j->out, &j->st, &err) != ANTT_OK) {
			job_drop(t);
			return -1;
		}
		return 1;
	}
	if (j->declined)
		return -1;
	if ((rc = states_step(t, j->st, rows, j->out)) == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		keep_other(db, t, year, j->out);
		j->out = NULL;
	}
	job_drop(t);
	return rc == SQLITE_DONE ? 0 : -1;
}

antt_status tree_states(antt_db *db, tree_view *t, int year, tree_state **states, antt_err *err)
{
	size_t size = (t->n_rows ? t->n_rows : 1) * sizeof(**states);
	int slot = other_of(db, t, year);
	const tree_state *kept = slot >= 0 ? t->other[slot] : NULL;
	tree_state *copy;
	antt_status s;
	int same = 0;

	*states = NULL;
	if (!kept && ((s = same_units(db, t->year, year, &same, err)) != ANTT_OK || !same))
		return s;
	if (!(*states = malloc(size)))
		return ANTT_ERR_NOMEM;
	if (kept) {
		memcpy(*states, kept, size);
		return ANTT_OK;
	}
	if ((s = read_states(db, t, year, *states, err)) != ANTT_OK) {
		free(*states);
		*states = NULL;
	} else if ((copy = malloc(size))) {   /* kept for [ or ] to that year; none when short of memory */
		memcpy(copy, *states, size);
		keep_other(db, t, year, copy);
	}
	return s;
}

/* The rows take the states of year, read or kept; the states they had
 * are kept as their year's. */
static antt_status swap_states(antt_db *db, tree_view *t, int year, antt_err *err)
{
	size_t size = (t->n_rows ? t->n_rows : 1) * sizeof(tree_state);
	int slot = other_of(db, t, year), fresh = slot < 0;
	tree_state *now = malloc(size), *next = fresh ? NULL : t->other[slot];
	antt_status s = ANTT_OK;

	if (!now)
		return ANTT_ERR_NOMEM;
	if (fresh && !(next = malloc(size)))
		s = ANTT_ERR_NOMEM;
	if (s == ANTT_OK && fresh)
		s = read_states(db, t, year, next, err);
	if (s != ANTT_OK) {
		free(now);
		if (fresh)
			free(next);
		return s;
	}
	for (size_t i = 0; i < t->n_rows; i++) {
		now[i] = (tree_state){ t->rows[i].status, t->rows[i].flow, t->rows[i].recognised, t->rows[i].registered,
			t->rows[i].verdict };
		set_state(&t->rows[i], &next[i]);
	}
	if (!fresh)
		t->other[slot] = NULL;   /* next is applied: let go below */
	free(next);
	keep_other(db, t, t->year, now);
	return ANTT_OK;
}

antt_status tree_set_year(antt_db *db, tree_view *t, int year, antt_err *err)
{
	char type[sizeof(t->type)], search[sizeof(t->search)];
	int status = t->status, same = 0;
	antt_status s;

	snprintf(type, sizeof(type), "%s", t->type);
	snprintf(search, sizeof(search), "%s", t->search);
	if (!tree_changed(db, t) && other_of(db, t, year) < 0 && (s = same_units(db, t->year, year, &same, err)) != ANTT_OK)
		return s;
	if (same || other_of(db, t, year) >= 0) {
		if ((s = swap_states(db, t, year, err)) != ANTT_OK)
			return s;
		t->year = year;
		t->fresh = 0;
		/* the counts again, over the rows in tree order */
		t->n_counts = 0;
		for (size_t k = 0; k < t->n && s == ANTT_OK; k++)
			s = count_unit(t, &t->rows[t->order[k]]);
	} else {
		tree_free(t);
		s = tree_load(db, year, t, err);
	}
	if (s == ANTT_OK)
		tree_filter(t, type, status, search);
	return s;
}
