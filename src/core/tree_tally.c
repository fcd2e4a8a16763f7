/* The progress figures from the tree the units screen has loaded: the
 * same counting model as count.c (the tests compare the two), in one pass
 * over memory instead of recursive walks over the database, so the
 * progress screen opens without reading every unit again. */
#include "tree.h"
#include "rule.h"

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

typedef struct {
	size_t commune;   /* index in the communes */
	uint32_t depth;
} open_commune;

antt_status tree_tally(const tree_view *t, const tree_state *states, count_row **types, size_t *n_types,
                       count_commune **communes, size_t *n_communes)
{
	count_row *ty = calloc(t->n_types ? t->n_types : 1, sizeof(*ty));
	size_t *rank = calloc(t->n_types ? t->n_types : 1, sizeof(*rank)), n_open = 0, n_cm = 0, cap = 0, k = 0;
	size_t open_cap = 16;   /* communes within communes: a few levels, grown when deeper */
	open_commune *open = malloc(open_cap * sizeof(*open));
	count_commune *cm = NULL;

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
			own.verdict = x->verdict;
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
				if (!g)
					goto nomem;
				cm = g;
			}
			c = &cm[n_cm];
			memset(c, 0, sizeof(*c));
			snprintf(c->code, sizeof(c->code), "%s", r->code);
			c->name = "";   /* the tree holds no names */
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
	/* the open stack holds indices: sorted only now; kept as many as
	 * there are, not the room doubled to (Progress keeps two years) */
	if (n_cm > 1)
		qsort(cm, n_cm, sizeof(*cm), by_code);
	if (n_cm && n_cm < cap) {
		count_commune *fit = realloc(cm, n_cm * sizeof(*cm));
		if (fit)
			cm = fit;
	}
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
	free(ty);
	free(rank);
	free(open);
	free(cm);
	return ANTT_ERR_NOMEM;
}
