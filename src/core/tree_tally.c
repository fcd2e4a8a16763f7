/* The progress figures from the tree the units screen has loaded: the
 * same counting model as count.c (the tests compare the two), in one pass
 * over memory instead of recursive walks over the database, so the
 * progress screen opens without reading every unit again. */
#include "tree.h"
#include "packed.h"
#include "rule.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Add a unit to a row of the model (count.c's columns). */
static void add_unit(count_row *c, const tree_row *r)
{
	int in = !r->excluded;

	c->total++;
	c->excluded += !in;
	c->registered += in && r->registered;
	c->assessed += in && (r->verdict == 'p' || r->verdict == 'f');
	c->passed += in && r->verdict == 'p';
	c->approved += in && r->verdict == 'p' && r->flow == FLOW_APPROVED;
	c->recognised += in && r->recognised;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const count_commune *)a)->code, ((const count_commune *)b)->code);
}

/* The communes' names (the tree holds none), from one read by type
 * rather than one per commune; cm sorted by code. Each name's offset in
 * names into offs; a commune not met keeps "" (offs PACKED_NOMEM). */
static antt_status commune_names(antt_db *db, const count_commune *cm, size_t n, size_t *offs, packed_names *names)
{
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;
	int rc;

	if (sqlite3_prepare_v2(db->sql, "SELECT code, name FROM units"
	                       " WHERE type IN (SELECT code FROM unit_types WHERE commune)", -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return ANTT_ERR_DB;
	}
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		size_t lo = 0, hi = n;

		while (code && lo < hi) {   /* cm by code */
			size_t mid = (lo + hi) / 2;
			int d = strcmp(cm[mid].code, code);
			if (!d) {
				if ((offs[mid] = packed_add(names, (const char *)sqlite3_column_text(st, 1))) == PACKED_NOMEM)
					s = ANTT_ERR_NOMEM;
				break;
			}
			if (d < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = ANTT_ERR_DB;
	sqlite3_finalize(st);
	return s;
}

typedef struct {
	size_t commune;   /* index in the communes */
	uint32_t depth;
} open_commune;

antt_status tree_tally(antt_db *db, const tree_view *t, const tree_state *states, count_row **types, size_t *n_types,
                       count_commune **communes, size_t *n_communes)
{
	count_row *ty = calloc(t->n_types ? t->n_types : 1, sizeof(*ty));
	size_t *rank = calloc(t->n_types ? t->n_types : 1, sizeof(*rank)), n_open = 0, n_cm = 0, cap = 0, k = 0;
	size_t open_cap = 16;   /* communes within communes: a few levels, grown when deeper */
	open_commune *open = malloc(open_cap * sizeof(*open));
	count_commune *cm = NULL, *block = NULL;
	size_t *offs = NULL;
	packed_names names = { 0 };
	antt_status s;

	*types = NULL;
	*communes = NULL;
	*n_types = *n_communes = 0;
	if (!ty || !rank || !open)
		goto nomem;
	/* rank[i]: where type i goes among the rows, in the types' order */
	for (size_t i = 0; i < t->n_types; i++)
		for (size_t j = 0; j < t->n_types; j++)
			rank[i] += t->types[j].sort < t->types[i].sort || (t->types[j].sort == t->types[i].sort && j < i);
	for (size_t i = 0; i < t->n_types; i++) {
		snprintf(ty[rank[i]].type, sizeof(ty[0].type), "%s", t->types[i].type);
		snprintf(ty[rank[i]].name, sizeof(ty[0].name), "%s", t->types[i].name);
	}
	for (size_t o = 0; o < t->n; o++) {
		tree_row own = t->rows[t->order[o]], *r = &own;
		size_t ti = r->type;

		if (states) {   /* another year's */
			const tree_state *x = &states[t->order[o]];
			own.status = x->status;
			own.flow = x->flow;
			own.recognised = x->recognised;
			own.registered = x->registered;
			own.verdict = (unsigned char)x->verdict;
		}

		while (n_open && open[n_open - 1].depth >= r->depth)
			n_open--;
		if (r->status != STATUS_NA && ti < t->n_types) {
			add_unit(&ty[rank[ti]], r);
			for (size_t j = 0; j < n_open; j++)   /* its units: below the commune */
				add_unit(&cm[open[j].commune].units, r);
		}
		if (ti < t->n_types && t->types[ti].commune) {
			count_commune *c;
			if (n_cm == cap) {
				count_commune *g = realloc(cm, (cap = cap ? cap * 2 : 64) * sizeof(*g));
				size_t *go = g ? realloc(offs, cap * sizeof(*go)) : NULL;
				if (g)
					cm = g;
				if (!go)
					goto nomem;
				offs = go;
			}
			c = &cm[n_cm];
			memset(c, 0, sizeof(*c));
			snprintf(c->code, sizeof(c->code), "%s", r->code);
			offs[n_cm] = PACKED_NOMEM;   /* no name yet: commune_names */
			c->verdict = r->verdict == 'p' ? RULE_PASS : r->verdict == 'f' ? RULE_FAIL :
				r->verdict == 'm' ? RULE_MISSING : -2;
			c->recognised = r->recognised;
			if (n_open == open_cap) {
				open_commune *g = realloc(open, (open_cap *= 2) * sizeof(*g));
				if (!g)
					goto nomem;
				open = g;
			}
			open[n_open++] = (open_commune){ n_cm++, r->depth };
		}
	}
	/* sorted (the open stack held indices), their names read, then
	 * after the rows */
	if (n_cm > 1)
		qsort(cm, n_cm, sizeof(*cm), by_code);
	if (n_cm && (s = commune_names(db, cm, n_cm, offs, &names)) != ANTT_OK)
		goto fail;
	if (!(block = packed_rows(cm, n_cm, sizeof(*cm), offsetof(count_commune, name), offs, &names)))
		goto nomem;
	free(cm);
	free(offs);
	packed_free(&names);
	cm = block;
	for (size_t i = 0; i < t->n_types; i++)   /* types with units only, as GROUP BY gives */
		if (ty[i].total)
			ty[k++] = ty[i];
	free(rank);
	free(open);
	*types = ty;
	*n_types = k;
	*communes = cm;
	*n_communes = n_cm;
	return ANTT_OK;
nomem:
	s = ANTT_ERR_NOMEM;
fail:
	free(ty);
	free(rank);
	free(open);
	free(cm);
	free(offs);
	packed_free(&names);
	return s;
}
