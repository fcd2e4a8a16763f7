/* Loading the unit tree for one year: the rows, their tree order and the
 * counts per type; a unit's state again after its checklist was edited.
 * Filtering is in tree_filter.c, the states of other years in tree_year.c. */
#include "tree.h"
#include "tree_int.h"
#include "text.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a row's state in 3-bit fields; a national tree's rows and states */
_Static_assert(STATUS_COUNT <= 8 && FLOW_COUNT <= 8, "a status or flow has 3 bits");
_Static_assert(sizeof(tree_row) <= 32 && sizeof(tree_state) == 2, "a row is 32 bytes, a state 2");

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

/* The pool: texts of the rows, in blocks that never move, so the rows'
 * pointers stay good while it grows. */
struct tree_block {
	struct tree_block *next;
	size_t used, size;
	char text[];
};

#define BLOCK_SIZE (64 * 1024 - 64)

/* Room for n bytes and a '\0' after them (set), or NULL. */
static char *pool_room(tree_view *t, size_t n)
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
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

static const char *pool_add(tree_view *t, const char *s, size_t n)
{
	char *p = pool_room(t, n);

	if (p)
		memcpy(p, s, n);
	return p;
}

const char *tree_pool_text(tree_view *t, const unsigned char *s)
{
	return pool_add(t, s ? (const char *)s : "", s ? strlen((const char *)s) : 0);
}

/* The names read last, for the screen: a ring, the oldest let go first. */
struct tree_names {
	size_t next;
	antt_status failed;   /* the last failure not yet asked for (tree_name_failed) */
	antt_err why;
	struct {
		uint32_t row;   /* TREE_TOP: empty */
		char *text;
	} slot[TREE_NAMES];
};

static const char NAME_SQL[] = "SELECT name FROM units WHERE id = ?1";

const char *tree_name(antt_db *db, const tree_view *t, const tree_row *r)
{
	struct tree_names *nm = t->names;
	uint32_t row = (uint32_t)(r - t->rows);
	sqlite3_stmt *st = NULL;
	const unsigned char *name;
	char *copy = NULL;
	antt_status s;
	int rc;

	if (!nm) {
		/* t is the caller's; the ring is only a cache of what the
		 * database holds, so it is made here, through a cast */
		if (!(nm = ((tree_view *)t)->names = calloc(1, sizeof(*nm))))
			return "";
		for (size_t i = 0; i < TREE_NAMES; i++)
			nm->slot[i].row = TREE_TOP;
	}
	for (size_t i = 0; i < TREE_NAMES; i++)
		if (nm->slot[i].row == row)
			return nm->slot[i].text;
	if ((s = db_cached(db, NAME_SQL, &st, &nm->why)) != ANTT_OK) {
		nm->failed = s;
		return "";
	}
	sqlite3_bind_int64(st, 1, r->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && (name = sqlite3_column_text(st, 0)) &&
	    !(copy = strdup((const char *)name)))
		nm->failed = err_set(&nm->why, ANTT_ERR_NOMEM, "%s", antt_strerror(ANTT_ERR_NOMEM));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)   /* DONE: no such unit now, nothing failed */
		nm->failed = db_fail(db, rc, &nm->why, "đọc tên đơn vị");
	sqlite3_reset(st);
	if (!copy)
		return "";
	free(nm->slot[nm->next].text);
	nm->slot[nm->next].row = row;
	nm->slot[nm->next].text = copy;
	nm->next = (nm->next + 1) % TREE_NAMES;
	return copy;
}

antt_status tree_name_failed(const tree_view *t, antt_err *err)
{
	struct tree_names *nm = t->names;
	antt_status s = nm ? nm->failed : ANTT_OK;

	if (s != ANTT_OK) {
		err_set(err, s, "%s", nm->why.msg);
		nm->failed = ANTT_OK;   /* said once: the ring is the caller's cache, as in tree_name */
	}
	return s;
}

static void names_free(struct tree_names *nm)
{
	for (size_t i = 0; nm && i < TREE_NAMES; i++)
		free(nm->slot[i].text);
	free(nm);
}

const tree_type *tree_type_of(const tree_view *t, const tree_row *r)
{
	return &t->types[r->type];
}

const char *tree_parent_code(const tree_view *t, const tree_row *r)
{
	return r->parent == TREE_TOP ? "" : t->rows[r->parent].code;
}

void tree_free(tree_view *t)
{
	tree_job_drop(t);
	while (t->pool) {
		struct tree_block *next = t->pool->next;
		free(t->pool);
		t->pool = next;
	}
	tree_words_free(t);
	names_free(t->names);
	free(t->rows);
	free(t->order);
	free(t->vis);
	free(t->hits);
	free(t->counts);
	free(t->types);
	free(t->other[0]);
	free(t->other[1]);
	memset(t, 0, sizeof(*t));
	t->status = -1;   /* no filter: 0 is "chưa đánh giá", which a list left empty showed */
}

/* This connection's writes and other connections' commits so far. */
static long long data_version(antt_db *db)
{
	sqlite3_stmt *st = NULL;
	long long v = 0;

	/* kept prepared: asked at every key (tree_changed) */
	if (db_cached(db, "PRAGMA data_version", &st, NULL) == ANTT_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

long long tree_stamp(antt_db *db)
{
	/* the screens' place, saved as the officer moves (db_state_set), is
	 * no change of data: opening and leaving a checklist must not make
	 * the tree and Progress's figures be read again */
	return data_version(db) * 1000003 + (long long)sqlite3_total_changes64(db->sql) - db->quiet;
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
tree_state tree_state_of(const tree_row *r, const char *astatus, const char *verdict, int recognised)
{
	tree_state x;

	x.status = (unsigned char)status_of(r->status != STATUS_NA, r->excluded, astatus, verdict);
	x.flow = (unsigned char)(x.status == STATUS_NA || x.status == STATUS_EXCLUDED ? FLOW_NONE : flow_of(astatus));
	x.recognised = x.flow == FLOW_APPROVED && recognised;
	x.registered = astatus != NULL;
	x.verdict = (char)(!astatus ? 0 : verdict && !strcmp(verdict, "pass") ? 'p' :
		verdict && !strcmp(verdict, "fail") ? 'f' : 'm');
	return x;
}

void tree_set_state(tree_row *r, const tree_state *x)
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
	if (!(c = count_of(t, t->types[r->type].type))) {
		tree_count *g = grow_one(t->counts, t->n_counts, sizeof(*g));
		if (!g)
			return ANTT_ERR_NOMEM;
		t->counts = g;
		c = &t->counts[t->n_counts++];
		memset(c, 0, sizeof(*c));
		snprintf(c->type, sizeof(c->type), "%s", t->types[r->type].type);
		snprintf(c->name, sizeof(c->name), "%s", t->types[r->type].name);
	}
	c->n[r->status]++;
	c->total++;
	c->recognised += r->recognised;
	return ANTT_OK;
}

antt_status tree_recount(tree_view *t)
{
	antt_status s = ANTT_OK;

	t->n_counts = 0;
	for (size_t k = 0; k < t->n && s == ANTT_OK; k++)
		s = count_unit(t, &t->rows[t->order[k]]);
	return s;
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
	return strcmp(sorting[x->row].code, sorting[y->row].code);
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

/* Every unit type, its texts in the pool (a row holds the index of its
 * type): a few rows, read once instead of a join per unit. */
antt_status tree_read_types(antt_db *db, tree_view *t, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_prepare(db, "SELECT code, name, sort, commune, assessed FROM unit_types", &st, err);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		tree_type *g;
		if (t->n_types > UINT16_MAX) {   /* a row's type is 16 bits */
			s = err_set(err, ANTT_ERR_INVALID, "có quá %u loại đơn vị", (unsigned)UINT16_MAX + 1);
			break;
		}
		if (!(g = grow_one(t->types, t->n_types, sizeof(*g)))) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		t->types = g;
		g = t->types + t->n_types;
		g->type = tree_pool_text(t, sqlite3_column_text(st, 0));
		g->name = tree_pool_text(t, sqlite3_column_text(st, 1));
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

const tree_type *tree_type_named(const tree_view *t, const char *code)
{
	for (size_t i = 0; i < t->n_types; i++)
		if (!strcmp(t->types[i].type, code))
			return &t->types[i];
	return NULL;
}

/* A row's code and, after its '\0', its name's search key as the
 * numbers of its words (tree_words.c): no pointer of its own. */
static const char *code_and_key(tree_view *t, const unsigned char *code, const unsigned char *name_key)
{
	size_t cl = code ? strlen((const char *)code) : 0, nl = 0;
	const unsigned char *words = tree_words_encode(t, (const char *)name_key, &nl);
	char *p = words ? pool_room(t, cl + 1 + nl) : NULL;

	if (!p)
		return NULL;
	memcpy(p, code ? (const char *)code : "", cl);
	p[cl] = '\0';
	memcpy(p + cl + 1, words, nl);
	return p;
}

/* A name's width as the screen draws it (a control character as '?'),
 * capped at what a row holds. */
static uint16_t name_width(const unsigned char *name)
{
	size_t w = name ? text_safe_width((const char *)name) : 0;

	return (uint16_t)(w < UINT16_MAX ? w : UINT16_MAX);
}

antt_status tree_row_read(tree_view *t, tree_row *r, const tree_type *ty, sqlite3_stmt *st)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->parent = TREE_TOP;
	if (!(r->code = code_and_key(t, sqlite3_column_text(st, 1), sqlite3_column_text(st, 6))))
		return ANTT_ERR_NOMEM;
	r->name_width = name_width(sqlite3_column_text(st, 2));
	r->type = (uint16_t)(ty - t->types);
	r->excluded = sqlite3_column_int(st, 4) != 0;
	r->managed_above = sqlite3_column_int(st, 7) != 0;
	r->status = ty->assessed ? STATUS_NONE : STATUS_NA;   /* the year's state comes after */
	return ANTT_OK;
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
	if ((s = tree_read_types(db, t, err)) != ANTT_OK)
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
			ty = tree_type_named(t, type ? type : "");

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
		if ((s = tree_row_read(t, r, ty, st)) != ANTT_OK)
			break;
		t->n_rows++;   /* read_states sets the year's states */
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc cây đơn vị");
	sqlite3_finalize(st);
	if (s == ANTT_OK)
		s = tree_apply_states(db, t, t->year, err);
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
		t->rows[sorted[e - 1].row].depth = 0;
		stack[sp++] = (uint32_t)--e;
	}
	while (sp > 0) {
		size_t k = stack[--sp], c;
		tree_row *r = &t->rows[sorted[k].row];

		t->order[t->n++] = sorted[k].row;
		if ((s = count_unit(t, r)) != ANTT_OK)
			goto out;
		for (c = children_of(sorted, n, r->id), e = c; e < n && sorted[e].parent_id == r->id; e++)
			;
		while (e > c && sp < n) {
			tree_row *child = &t->rows[sorted[e - 1].row];
			child->depth = r->depth + 1;
			child->parent = sorted[k].row;
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
	tree_row *r = NULL;
	antt_status s;
	int guard = 0;

	s = db_prepare(db, "SELECT a.status, a.verdict,"
		"  EXISTS (SELECT 1 FROM recognitions rc WHERE rc.assessment_id = a.id AND rc.withdrawn_at IS NULL)"
		" FROM units u"
		" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?2 WHERE u.id = ?1", &st, err);
	if (s != ANTT_OK)
		return s;
	t->last.from = t->last.to = 0;
	t->last.n = 0;
	for (size_t i = 0; i < t->n_rows && !r; i++)
		if (!strcmp(t->rows[i].code, code))
			r = &t->rows[i];
	for (; r && guard++ < 64; r = r->parent == TREE_TOP ? NULL : &t->rows[r->parent]) {
		tree_count *c;
		unit_status old;

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int(st, 2, t->year);
		if (sqlite3_step(st) != SQLITE_ROW) {
			s = db_fail(db, sqlite3_errcode(db->sql), err, "đọc trạng thái đơn vị");
			break;
		}
		old = r->status;
		if (old != STATUS_NA && old != STATUS_EXCLUDED) {
			/* the whole state, as read_states gives it: Progress
			 * counts the form and its verdict too */
			tree_state x = tree_state_of(r, (const char *)sqlite3_column_text(st, 0),
				(const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2));
			if ((c = count_of(t, t->types[r->type].type))) {
				c->n[old]--;
				c->recognised -= r->recognised;
			}
			if (t->last.n < sizeof(t->last.rows) / sizeof(*t->last.rows)) {
				t->last.rows[t->last.n] = (uint32_t)(r - t->rows);
				t->last.before[t->last.n++] = (tree_state){ r->status, r->flow, r->recognised, r->registered,
					r->verdict };
			}
			tree_set_state(r, &x);
			if (c) {
				c->n[r->status]++;
				c->recognised += r->recognised;
			}
		}
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
		tree_filter(t, t->type, t->status, t->typed);
	return s;
}
