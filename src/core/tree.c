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

void tree_free(tree_view *t)
{
	free(t->rows);
	free(t->vis);
	free(t->counts);
	memset(t, 0, sizeof(*t));
}

static void copy(char *dst, size_t n, const unsigned char *s)
{
	snprintf(dst, n, "%s", s ? (const char *)s : "");
}

static antt_status count_row(tree_view *t, const tree_row *r)
{
	tree_count *c = NULL;

	if (r->status == STATUS_NA)
		return ANTT_OK;
	for (size_t i = 0; i < t->n_counts; i++)
		if (!strcmp(t->counts[i].type, r->u.type))
			c = &t->counts[i];
	if (!c) {
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
	return ANTT_OK;
}

antt_status tree_load(antt_db *db, int year, tree_view *t, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	antt_status s;
	int rc;

	memset(t, 0, sizeof(*t));
	t->year = year;
	t->status = -1;
	s = db_prepare(db,
		"WITH RECURSIVE tr(id, depth, path) AS ("
		"  SELECT id, 0, code FROM units u WHERE parent_id IS NULL AND " UNIT_IN_YEAR("u", "?1")
		"  UNION ALL SELECT u.id, tr.depth + 1, tr.path || char(31) || u.code FROM units u"
		"  JOIN tr ON u.parent_id = tr.id WHERE " UNIT_IN_YEAR("u", "?1") ")"
		" SELECT u.id, u.uuid, u.code, u.name, u.type, ty.name, p.code, u.excluded, tr.depth,"
		"  ty.assessed, a.status, a.verdict, u.name_key"
		" FROM tr JOIN units u ON u.id = tr.id JOIN unit_types ty ON ty.code = u.type"
		" LEFT JOIN units p ON p.id = u.parent_id"
		" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?1"
		" ORDER BY tr.path", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tree_row *r;
		const char *astatus = (const char *)sqlite3_column_text(st, 10);
		const char *verdict = (const char *)sqlite3_column_text(st, 11);
		char *ckey;

		if (t->n == cap) {
			tree_row *g = realloc(t->rows, (cap = cap ? cap * 2 : 256) * sizeof(*g));
			if (!g) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			t->rows = g;
		}
		r = &t->rows[t->n++];
		memset(r, 0, sizeof(*r));
		r->u.id = sqlite3_column_int64(st, 0);
		copy(r->u.uuid, sizeof(r->u.uuid), sqlite3_column_text(st, 1));
		copy(r->u.code, sizeof(r->u.code), sqlite3_column_text(st, 2));
		copy(r->u.name, sizeof(r->u.name), sqlite3_column_text(st, 3));
		copy(r->u.type, sizeof(r->u.type), sqlite3_column_text(st, 4));
		copy(r->u.type_name, sizeof(r->u.type_name), sqlite3_column_text(st, 5));
		copy(r->u.parent_code, sizeof(r->u.parent_code), sqlite3_column_text(st, 6));
		r->u.excluded = sqlite3_column_int(st, 7);
		r->u.depth = sqlite3_column_int(st, 8);
		if (!sqlite3_column_int(st, 9))
			r->status = STATUS_NA;
		else if (r->u.excluded)
			r->status = STATUS_EXCLUDED;
		else if (!astatus || !strcmp(astatus, "registered"))
			r->status = STATUS_NONE;
		else if (verdict && !strcmp(verdict, "pass"))
			r->status = STATUS_PASS;
		else if (verdict && !strcmp(verdict, "fail"))
			r->status = STATUS_FAIL;
		else
			r->status = STATUS_DRAFT;
		ckey = text_key(r->u.code);
		snprintf(r->key, sizeof(r->key), "%s %s", ckey ? ckey : "", (const char *)sqlite3_column_text(st, 12));
		free(ckey);
		if ((s = count_row(t, r)) != ANTT_OK)
			break;
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc cây đơn vị");
	sqlite3_finalize(st);
	if (s == ANTT_OK && !(t->vis = malloc((t->n ? t->n : 1) * sizeof(*t->vis))))
		s = ANTT_ERR_NOMEM;
	if (s != ANTT_OK) {
		tree_free(t);
		return s;
	}
	tree_filter(t, NULL, -1, NULL);
	return ANTT_OK;
}

void tree_filter(tree_view *t, const char *type, int status, const char *search)
{
	char *key = search && *search ? text_key(search) : NULL;

	snprintf(t->type, sizeof(t->type), "%s", type ? type : "");
	snprintf(t->search, sizeof(t->search), "%s", key ? key : "");
	t->status = status;
	free(key);
	t->n_vis = 0;
	for (size_t i = 0; i < t->n; i++) {
		const tree_row *r = &t->rows[i];
		if (t->type[0] && strcmp(r->u.type, t->type))
			continue;
		if (t->status >= 0 && (int)r->status != t->status)
			continue;
		if (t->search[0] && !strstr(r->key, t->search))
			continue;
		t->vis[t->n_vis++] = i;
	}
}

long tree_find(const tree_view *t, const char *code)
{
	for (size_t i = 0; i < t->n_vis; i++)
		if (!strcmp(t->rows[t->vis[i]].u.code, code))
			return (long)i;
	return -1;
}

long tree_next_pending(const tree_view *t, long from)
{
	for (size_t k = 1; k <= t->n_vis; k++) {
		size_t i = (size_t)(from + (long)k) % t->n_vis;
		unit_status s = t->rows[t->vis[i]].status;
		if (s == STATUS_NONE || s == STATUS_DRAFT)
			return (long)i;
	}
	return -1;
}
