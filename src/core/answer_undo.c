/* Undo for answers: a criterion's answer kept as the text answer_set reads
 * back to the same value, and put back through the ordinary setters. */
#include "answer_undo.h"
#include "answer.h"
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The stored value as text that form_parse_value turns into the same
 * value: digits for yes/no (1/0) and counts, all the digits of a
 * percentage, a date as YYYY-MM-DD, other text as it is. */
static char *value_text(const rule_value *v)
{
	char buf[96];

	switch (v->kind) {
	case RV_INT:
		snprintf(buf, sizeof(buf), "%lld", (long long)v->i);
		break;
	case RV_REAL:
		snprintf(buf, sizeof(buf), "%.17g", v->d);
		if (strchr(buf, 'e'))   /* tiny: the parser takes no exponent */
			snprintf(buf, sizeof(buf), "%.40f", v->d);
		break;
	case RV_TEXT:
		return strdup(v->s);
	default:
		return NULL;
	}
	return strdup(buf);
}

void answer_prev_free(answer_prev *p)
{
	if (!p)
		return;
	free(p->criterion);
	free(p->value);
	free(p->note);
	memset(p, 0, sizeof(*p));
}

antt_status answer_prev_take(const assess_result *r, size_t k, answer_prev *out)
{
	const assess_item *a = &r->items[k];

	memset(out, 0, sizeof(*out));
	out->answered = a->answered;
	out->exception = a->exception;
	out->criterion = strdup(r->f->items[k].id);
	out->note = strdup(a->note ? a->note : "");
	if (a->answered)
		out->value = value_text(&a->value);
	if (!out->criterion || !out->note || (a->answered && !out->value)) {
		answer_prev_free(out);
		return ANTT_ERR_NOMEM;
	}
	return ANTT_OK;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int answer_prev_differs(const assess_result *r, size_t k, const answer_prev *p)
{
	answer_prev now;
	int differs;

	if (answer_prev_take(r, k, &now) != ANTT_OK)
		return 1;
	differs = now.answered != p->answered || !same(now.value, p->value) ||
		(p->answered && (!same(now.note, p->note) || now.exception != p->exception));
	answer_prev_free(&now);
	return differs;
}

/* The first of after[0..n) that the stored answers no longer match, in
 * *changed (n when none); read inside the caller's transaction. */
static antt_status find_changed(antt_db *db, const char *unit_code, int year, const answer_prev *after, size_t n,
                                size_t *changed, antt_err *err)
{
	assess_result r;
	antt_status s;

	*changed = n;
	if ((s = assess_load(db, unit_code, year, &r, err)) != ANTT_OK)
		return s;
	for (size_t i = 0; i < n && *changed == n; i++) {
		int k = form_find(r.f, after[i].criterion);
		if (k < 0 || answer_prev_differs(&r, (size_t)k, &after[i]))
			*changed = i;
	}
	assess_result_free(&r);
	if (*changed < n)
		return err_set(err, ANTT_ERR_INVALID, "tiêu chí %s đã được sửa ở nơi khác sau lần sửa này; "
			"bản hiện có được giữ nguyên", after[*changed].criterion);
	return ANTT_OK;
}

antt_status answer_restore_unchanged(antt_db *db, const char *unit_code, int year, const answer_prev *p,
                                     const answer_prev *after, size_t n, size_t *changed, antt_err *err)
{
	unit_row u;
	antt_status s;
	size_t none;

	if (!changed)
		changed = &none;
	*changed = n;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if (after)
		s = find_changed(db, unit_code, year, after, n, changed, err);
	if (s == ANTT_OK)
		s = unit_get(db, unit_code, &u, err);
	for (size_t i = 0; i < n && s == ANTT_OK; i++)
		s = p[i].answered
			? answer_set_tx(db, &u, year, p[i].criterion, p[i].value, p[i].note, p[i].exception, err)
			: answer_clear_tx(db, &u, year, p[i].criterion, err);
	if (s == ANTT_OK)
		s = assess_recompute_up(db, &u, year, err);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

antt_status answer_restore(antt_db *db, const char *unit_code, int year, const answer_prev *p, size_t n,
                           antt_err *err)
{
	return answer_restore_unchanged(db, unit_code, year, p, NULL, n, NULL, err);
}
