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

/* A unit as a row of the model (count.c's columns), to add up. */
static count_row unit_figures(const tree_row *r)
{
	int in = !r->excluded;
	count_row c = { .total = 1, .excluded = !in };

	c.registered = in && r->registered;
	c.assessed = in && (r->verdict == 'p' || r->verdict == 'f');
	c.passed = in && r->verdict == 'p';
	c.approved = in && r->verdict == 'p' && r->flow == FLOW_APPROVED;
	c.recognised = in && r->recognised;
	return c;
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
	packed_names codes = { 0 };
	size_t *offs = NULL;

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
			count_row one = unit_figures(r);
			count_add(&ty[rank[ti]], &one);
			for (size_t j = 0; j < n_open; j++)   /* its units: below the commune */
				count_add_units(&cm[open[j].commune].units, &one);
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
			c->code = r->code;   /* the tree's, until the rows are packed below */
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
	/* the open stack holds indices: sorted only now; then the codes
	 * copied after the rows, each with an empty name (the tree holds
	 * none), in as much room as they take (Progress keeps two years) */
	if (n_cm > 1)
		qsort(cm, n_cm, sizeof(*cm), by_code);
	if (n_cm) {
		count_commune *packed;
		if (!(offs = malloc(n_cm * sizeof(*offs))))
			goto nomem;
		for (size_t i = 0; i < n_cm; i++)
			if ((offs[i] = packed_add(&codes, cm[i].code)) == PACKED_NOMEM || packed_add(&codes, "") == PACKED_NOMEM)
				goto nomem;
		if (!(packed = packed_rows(cm, n_cm, sizeof(*cm), offsetof(count_commune, code), offs, &codes)))
			goto nomem;
		cm = packed;
		count_communes_named(cm, n_cm);
	}
	free(offs);
	packed_free(&codes);
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
	free(offs);
	packed_free(&codes);
	return ANTT_ERR_NOMEM;
}
