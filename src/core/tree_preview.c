/* The first rows of a year's tree, for the first screen of a large
 * database: SQLite walks the tree depth first by code (a recursive query
 * whose queue is ordered by the path of codes) and stops after the rows a
 * screen holds, instead of reading every unit. The rows are those
 * tree_load would put first (tests/unit/test_tree_preview.c). */
#include "tree.h"
#include "tree_int.h"

#include <stdlib.h>
#include <string.h>

/* The path joins codes with char(1), below any character a code may hold,
 * so a unit's children come before the next sibling ("A" < "A\1B" < "A-B"),
 * as tree_load's walk has them. */
#define PREVIEW_SQL \
	"WITH RECURSIVE walk(id, depth, path, code, parent) AS (" \
	"  SELECT u.id, 0, u.code, u.code, '' FROM units u WHERE u.parent_id IS NULL AND " UNIT_IN_YEAR("u", "?1") \
	"  UNION ALL" \
	"  SELECT c.id, w.depth + 1, w.path || char(1) || c.code, c.code, w.code" \
	"   FROM walk w JOIN units c ON c.parent_id = w.id" \
	"   WHERE " UNIT_IN_YEAR("c", "?1") \
	"  ORDER BY 3 LIMIT ?2)" \
	" SELECT u.id, u.code, u.name, u.type, u.excluded, w.depth, u.name_key, u.managed_above, w.parent," \
	"  a.status, a.verdict, a.status = 'approved' AND EXISTS" \
	"   (SELECT 1 FROM recognitions rc WHERE rc.assessment_id = a.id AND rc.withdrawn_at IS NULL)" \
	" FROM walk w JOIN units u ON u.id = w.id" \
	" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?1" \
	" ORDER BY w.path"

/* at[d]: the last row read at depth d, the parent of a row at d + 1 (the
 * rows come in tree order) */
static antt_status read_row(tree_view *t, sqlite3_stmt *st, uint32_t *at)
{
	const char *type = (const char *)sqlite3_column_text(st, 3);
	const tree_type *ty = tree_type_named(t, type ? type : "");
	tree_row *r = &t->rows[t->n_rows];
	tree_state x;

	if (!ty)   /* a type the database does not know (cannot be: a foreign key) */
		return ANTT_OK;
	if (tree_row_read(t, r, ty, st) != ANTT_OK)
		return ANTT_ERR_NOMEM;
	/* the walk counts from 0 and stops at the rows asked: a depth is
	 * below their number */
	r->depth = (uint32_t)sqlite3_column_int64(st, 5);
	if (r->depth >= t->n_rows + 1)
		r->depth = 0;
	r->parent = r->depth ? at[r->depth - 1] : TREE_TOP;
	at[r->depth] = (uint32_t)t->n_rows;
	x = tree_state_of(r, (const char *)sqlite3_column_text(st, 9), (const char *)sqlite3_column_text(st, 10),
		sqlite3_column_int(st, 11));
	tree_set_state(r, &x);
	t->order[t->n_rows] = (uint32_t)t->n_rows;
	t->n_rows++;
	return ANTT_OK;
}

antt_status tree_preview(antt_db *db, int year, size_t max, tree_view *t, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	uint32_t *at = NULL;
	antt_status s;
	int rc = SQLITE_DONE;

	memset(t, 0, sizeof(*t));
	t->year = year;
	t->status = -1;
	t->stamp = tree_stamp(db);
	t->fresh = 1;
	t->partial = 1;
	if (max < 1)
		max = 1;
	if (max > INT32_MAX)
		max = INT32_MAX;
	t->rows = malloc(max * sizeof(*t->rows));
	t->order = malloc(max * sizeof(*t->order));
	t->vis = malloc(max * sizeof(*t->vis));
	at = malloc(max * sizeof(*at));
	if (!t->rows || !t->order || !t->vis || !at) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	if ((s = tree_read_types(db, t, err)) != ANTT_OK)
		goto out;
	if ((s = db_prepare(db, PREVIEW_SQL, &st, err)) != ANTT_OK)
		goto out;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	while (s == ANTT_OK && t->n_rows < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		s = read_row(t, st, at);
	if (s == ANTT_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc cây đơn vị");
out:
	free(at);
	sqlite3_finalize(st);
	if (s != ANTT_OK) {
		tree_free(t);
		return s;
	}
	t->n = t->n_rows;
	tree_filter(t, NULL, -1, NULL);
	return ANTT_OK;
}
