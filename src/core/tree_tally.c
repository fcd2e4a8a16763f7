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

/* A unit's figures in the model (count.c's columns), to add up. */
static count_units unit_figures(const tree_row *r)
{
	int in = !r->excluded;
	count_units c;

	c.total = 1;
	c.excluded = !in;
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

/* A count under way: the rows before o counted. The communes found so
 * far hold their rows' indices (cm_row), not the tree's texts: the codes
 * are taken at the end, from the tree as it is then (tree_tally_step
 * says when that is no longer the tree counted). */
struct tree_tally_job {
	const tree_state *states;
	int year;
	long long stamp;
	size_t n, o;
	count_units *per;          /* per type index */
	open_commune *open;
	size_t n_open, open_cap;
	count_commune *cm;
	uint32_t *cm_row;
	size_t n_cm, cap;
};

void tree_tally_drop(tree_tally_job *j)
{
	if (j) {
		free(j->per);
		free(j->open);
		free(j->cm);
		free(j->cm_row);
		free(j);
	}
}

tree_tally_job *tree_tally_start(const tree_view *t, const tree_state *states)
{
	tree_tally_job *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->states = states;
	j->year = t->year;
	j->stamp = t->stamp;
	j->n = t->n;
	j->open_cap = 16;   /* communes within communes: a few levels, grown when deeper */
	j->per = calloc(t->n_types ? t->n_types : 1, sizeof(*j->per));
	j->open = malloc(j->open_cap * sizeof(*j->open));
	if (!j->per || !j->open) {
		tree_tally_drop(j);
		return NULL;
	}
	return j;
}

/* The tree the job counts: the same year and database state, so the same
 * rows in the same order (a tree loaded again for them is the same), and
 * the same states. */
static int same_tree(const tree_tally_job *j, const tree_view *t, const tree_state *states)
{
	return t->year == j->year && t->stamp == j->stamp && t->n == j->n && states == j->states;
}

/* One row, in tree order, counted. */
static int count_row_at(tree_tally_job *j, const tree_view *t)
{
	uint32_t i = t->order[j->o];
	tree_row own = t->rows[i], *r = &own;
	size_t ti = r->type;

	if (j->states) {   /* another year's */
		const tree_state *x = &j->states[i];
		own.status = x->status;
		own.flow = x->flow;
		own.recognised = x->recognised;
		own.registered = x->registered;
		own.verdict = x->verdict;
	}
	while (j->n_open && j->open[j->n_open - 1].depth >= r->depth)
		j->n_open--;
	if (r->status != STATUS_NA && ti < t->n_types) {
		count_units one = unit_figures(r);
		count_units_add(&j->per[ti], &one);
		for (size_t k = 0; k < j->n_open; k++)   /* its units: below the commune */
			count_units_add(&j->cm[j->open[k].commune].units, &one);
	}
	if (ti < t->n_types && t->types[ti].commune) {
		count_commune *c;
		if (j->n_cm == j->cap) {
			size_t cap = j->cap ? j->cap * 2 : 64;
			count_commune *g = realloc(j->cm, cap * sizeof(*g));
			uint32_t *gr = g ? realloc(j->cm_row, cap * sizeof(*gr)) : NULL;
			if (g)
				j->cm = g;
			if (!gr)
				return -1;
			j->cm_row = gr;
			j->cap = cap;
		}
		if (j->n_open == j->open_cap) {
			open_commune *g = realloc(j->open, j->open_cap * 2 * sizeof(*g));
			if (!g)
				return -1;
			j->open = g;
			j->open_cap *= 2;
		}
		c = &j->cm[j->n_cm];
		memset(c, 0, sizeof(*c));
		c->verdict = r->verdict == 'p' ? RULE_PASS : r->verdict == 'f' ? RULE_FAIL :
			r->verdict == 'm' ? RULE_MISSING : -2;
		c->recognised = r->recognised;
		j->cm_row[j->n_cm] = i;
		j->open[j->n_open++] = (open_commune){ j->n_cm++, r->depth };
	}
	return 0;
}

int tree_tally_step(tree_tally_job *j, const tree_view *t, const tree_state *states, size_t rows)
{
	if (!same_tree(j, t, states))
		return -2;
	for (size_t k = 0; k < rows && j->o < j->n; k++, j->o++)
		if (count_row_at(j, t) != 0)
			return -1;
	return j->o < j->n;
}

antt_status tree_tally_finish(tree_tally_job *j, const tree_view *t, const tree_state *states, count_row **types,
                              size_t *n_types, count_commune **communes, size_t *n_communes)
{
	count_row *ty = NULL;
	size_t *rank = NULL, *offs = NULL, k = 0;
	packed_names codes = { 0 };
	antt_status s = ANTT_ERR_NOMEM;

	*types = NULL;
	*communes = NULL;
	*n_types = *n_communes = 0;
	if (!same_tree(j, t, states) || j->o < j->n) {
		s = ANTT_ERR_INVALID;   /* a caller's mistake: no figures of another tree */
		goto out;
	}
	ty = calloc(t->n_types ? t->n_types : 1, sizeof(*ty));
	rank = calloc(t->n_types ? t->n_types : 1, sizeof(*rank));
	if (!ty || !rank)
		goto out;
	/* rank[i]: where type i goes among the rows, in the types' order */
	for (size_t i = 0; i < t->n_types; i++)
		for (size_t m = 0; m < t->n_types; m++)
			rank[i] += t->types[m].sort < t->types[i].sort || (t->types[m].sort == t->types[i].sort && m < i);
	for (size_t i = 0; i < t->n_types; i++) {
		snprintf(ty[rank[i]].type, sizeof(ty[0].type), "%s", t->types[i].type);
		snprintf(ty[rank[i]].name, sizeof(ty[0].name), "%s", t->types[i].name);
		count_row_set(&ty[rank[i]], &j->per[i]);
	}
	/* the communes by code (the open stack held indices: sorted only
	 * now), their codes copied after the rows, each with an empty name
	 * (the tree holds none), in as much room as they take (Progress
	 * keeps two years) */
	for (size_t i = 0; i < j->n_cm; i++)
		j->cm[i].code = t->rows[j->cm_row[i]].code;
	if (j->n_cm > 1)
		qsort(j->cm, j->n_cm, sizeof(*j->cm), by_code);
	if (j->n_cm) {
		count_commune *packed;
		if (!(offs = malloc(j->n_cm * sizeof(*offs))))
			goto out;
		for (size_t i = 0; i < j->n_cm; i++)
			if ((offs[i] = packed_add(&codes, j->cm[i].code)) == PACKED_NOMEM || packed_add(&codes, "") == PACKED_NOMEM)
				goto out;
		if (!(packed = packed_rows(j->cm, j->n_cm, sizeof(*j->cm), offsetof(count_commune, code), offs, &codes)))
			goto out;
		j->cm = NULL;   /* grown into packed */
		count_communes_named(packed, j->n_cm);
		*communes = packed;
		*n_communes = j->n_cm;
	}
	for (size_t i = 0; i < t->n_types; i++)   /* types with units only, as GROUP BY gives */
		if (ty[i].total)
			ty[k++] = ty[i];
	*types = ty;
	*n_types = k;
	ty = NULL;
	s = ANTT_OK;
out:
	free(ty);
	free(rank);
	free(offs);
	packed_free(&codes);
	tree_tally_drop(j);
	return s;
}

antt_status tree_tally(const tree_view *t, const tree_state *states, count_row **types, size_t *n_types,
                       count_commune **communes, size_t *n_communes)
{
	tree_tally_job *j = tree_tally_start(t, states);

	*types = NULL;
	*communes = NULL;
	*n_types = *n_communes = 0;
	if (!j)
		return ANTT_ERR_NOMEM;
	if (tree_tally_step(j, t, states, SIZE_MAX) != 0) {
		tree_tally_drop(j);
		return ANTT_ERR_NOMEM;
	}
	return tree_tally_finish(j, t, states, types, n_types, communes, n_communes);
}
