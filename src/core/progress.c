/* Progress figures: this year and last from the counting model, the
 * targets, and the cycle's deadlines. */
#include "progress.h"
#include "date.h"
#include "packed.h"
#include "rule.h"
#include "unit.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

antt_status progress_types(antt_db *db, int year, progress_type **rows, size_t *n, antt_err *err)
{
	count_row *now = NULL, *prev = NULL;
	size_t nn = 0, np = 0;
	antt_status s;

	*rows = NULL;
	*n = 0;
	if ((s = count_by_type(db, year, NULL, &now, &nn, err)) == ANTT_OK &&
	    (s = count_by_type(db, year - 1, NULL, &prev, &np, err)) == ANTT_OK)
		s = progress_types_of(db, now, nn, prev, np, rows, n);
	free(now);
	free(prev);
	return s;
}

antt_status progress_types_of(antt_db *db, const count_row *now, size_t nn, const count_row *prev, size_t np,
                              progress_type **rows, size_t *n)
{
	progress_type *out = calloc(nn ? nn : 1, sizeof(*out));
	antt_status s;

	*rows = NULL;
	*n = 0;
	if (!out)
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < nn; i++) {
		char key[64], *v;
		out[i].now = now[i];
		snprintf(out[i].prev.type, sizeof(out[i].prev.type), "%s", now[i].type);
		for (size_t k = 0; k < np; k++)
			if (!strcmp(prev[k].type, now[i].type))
				out[i].prev = prev[k];
		snprintf(key, sizeof(key), "target_%s", now[i].type);
		if ((s = db_setting_read(db, key, NULL, &v, NULL)) != ANTT_OK) {
			free(out);
			return s;
		}
		out[i].target = v ? strtod(v, NULL) : -1;
		free(v);
	}
	*rows = out;
	*n = nn;
	return ANTT_OK;
}

antt_status progress_communes(antt_db *db, int year, progress_commune **rows, size_t *n, antt_err *err)
{
	count_commune *now = NULL, *prev = NULL;
	size_t nn = 0, np = 0;
	antt_status s;

	*rows = NULL;
	*n = 0;
	if ((s = count_by_commune(db, year, &now, &nn, err)) == ANTT_OK &&
	    (s = count_by_commune(db, year - 1, &prev, &np, err)) == ANTT_OK)
		s = progress_communes_of(now, nn, prev, np, rows, n);
	free(now);
	free(prev);
	return s;
}

static int commune_code(const void *key, const void *row)
{
	return strcmp(key, ((const count_commune *)row)->code);
}

antt_status progress_communes_of(const count_commune *now, size_t nn, const count_commune *prev, size_t np,
                                 progress_commune **rows, size_t *n)
{
	progress_commune *out = calloc(nn ? nn : 1, sizeof(*out));
	size_t *offs = calloc(nn ? nn : 1, sizeof(*offs));
	packed_names names = { 0 };
	antt_status s = ANTT_OK;

	*rows = NULL;
	*n = 0;
	if (!out || !offs) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < nn; i++) {
		const count_units *u = &now[i].units;
		progress_commune *c = &out[i];

		/* the code, then the name right after it (packed.h) */
		if ((offs[i] = packed_add(&names, now[i].code)) == PACKED_NOMEM ||
		    packed_add(&names, now[i].name) == PACKED_NOMEM) {
			s = ANTT_ERR_NOMEM;
			goto out;
		}
		c->verdict = now[i].verdict;
		c->recognised = now[i].recognised;
		c->units = count_units_in_scope(u);
		c->assessed = u->assessed;
		c->passed = u->passed;
		c->approved = u->approved;
		c->recognised_units = u->recognised;
		/* last year's row by a search, not a scan: 4,000 communes each
		 * side on a national database */
		const count_commune *p = np ? bsearch(now[i].code, prev, np, sizeof(*prev), commune_code) : NULL;
		/* a commune with no form last year has no rate then ("-"): its
		 * units are counted only when there was one to count */
		if (p && p->units.registered) {
			c->prev_units = count_units_in_scope(&p->units);
			c->prev_passed = p->units.passed;
			c->prev_recognised = p->units.recognised;
		}
	}
	if (!(*rows = packed_rows(out, nn, sizeof(*out), offsetof(progress_commune, code), offs, &names)))
		s = ANTT_ERR_NOMEM;
	else {
		out = NULL;   /* grown into *rows */
		*n = nn;
		for (size_t i = 0; i < nn; i++)
			(*rows)[i].name = (*rows)[i].code + strlen((*rows)[i].code) + 1;
	}
out:
	free(out);
	free(offs);
	packed_free(&names);
	return s;
}

/* What is still due in a year, from one pass over its forms (a national
 * database: 90,000 of them, so not one pass per figure), then one over
 * the units for the scored ones; a row of either a step. */
struct progress_due {
	int year;
	int phase;          /* 0: the forms, 1: the units, 2: done */
	sqlite3_stmt *st;
	long long due[5];
};

void progress_due_free(progress_due *d)
{
	if (d) {
		sqlite3_finalize(d->st);
		free(d);
	}
}

static antt_status due_phase(antt_db *db, progress_due *d, antt_err *err)
{
	static const char *const sql[2] = {
		"SELECT u.type = 'khu-dan-cu', a.status <> 'approved',"
		"  NOT EXISTS (SELECT 1 FROM scores x WHERE x.unit_id = u.id AND x.year = ?1)"
		" FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = ?1 AND u.excluded = 0",
		/* a row a unit, not only those counted: every step is short */
		"SELECT EXISTS (SELECT 1 FROM scores x WHERE x.unit_id = u.id AND x.year = ?1)"
		"  AND NOT EXISTS (SELECT 1 FROM scores x WHERE x.unit_id = u.id AND x.year = ?1"
		"   AND x.reviewer IS NOT NULL)"
		" FROM units u WHERE u.excluded = 0",
	};
	antt_status s;

	sqlite3_finalize(d->st);
	d->st = NULL;
	if (d->phase > 1)
		return ANTT_OK;
	if ((s = db_prepare(db, sql[d->phase], &d->st, err)) == ANTT_OK)
		sqlite3_bind_int(d->st, 1, d->year);
	return s;
}

antt_status progress_due_step(antt_db *db, progress_due **job, int year, long rows, int *done, antt_err *err)
{
	progress_due *d = *job;
	antt_status s = ANTT_OK;
	int rc;

	*done = 0;
	if (!d) {
		if (!(d = *job = calloc(1, sizeof(*d))))
			return ANTT_ERR_NOMEM;
		d->year = year;
		if ((s = due_phase(db, d, err)) != ANTT_OK)
			return s;
	}
	for (long k = 0; d->phase < 2 && (rows < 0 || k < rows); k++) {
		if ((rc = sqlite3_step(d->st)) == SQLITE_ROW && d->phase == 0) {
			int o = sqlite3_column_int(d->st, 0) ? 0 : 1;   /* khu dân cư first */
			d->due[o] += sqlite3_column_int(d->st, 1);
			d->due[2 + o] += sqlite3_column_int(d->st, 2);
		} else if (rc == SQLITE_ROW) {
			d->due[4] += sqlite3_column_int(d->st, 0);
		} else if (rc == SQLITE_DONE) {
			d->phase++;
			if ((s = due_phase(db, d, err)) != ANTT_OK)
				return s;
		} else {
			return db_fail(db, rc, err, "tính hạn");
		}
	}
	*done = d->phase > 1;
	return ANTT_OK;
}

antt_status progress_due_follow(antt_db *db, progress_due *d, const tree_view *t, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;

	if (d->phase < 2 || d->year != t->year)
		return err_set(err, ANTT_ERR_INVALID, "số còn hạn chưa tính xong cho năm %d", t->year);
	for (size_t i = 0; i < t->last.n && s == ANTT_OK; i++) {
		const tree_row *r = &t->rows[t->last.rows[i]];
		const tree_state *b = &t->last.before[i];
		int k = strcmp(tree_type_of(t, r)->type, "khu-dan-cu") ? 1 : 0, scored = 0;

		if (r->excluded)
			continue;
		/* a form not yet approved; a form with no QĐ 510 score */
		d->due[k] += (r->registered && r->flow != FLOW_APPROVED) - (b->registered && b->flow != FLOW_APPROVED);
		if (r->registered == b->registered)
			continue;
		if (!st && (s = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM scores WHERE unit_id = ?1 AND year = ?2)",
		                           &st, err)) != ANTT_OK)
			break;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int(st, 2, t->year);
		if (sqlite3_step(st) == SQLITE_ROW)
			scored = sqlite3_column_int(st, 0);
		else
			s = db_fail(db, sqlite3_errcode(db->sql), err, "tính hạn");
		if (!scored)
			d->due[2 + k] += r->registered ? 1 : -1;
	}
	sqlite3_finalize(st);
	return s;
}

/* One deadline: the day stored under key (month-day) for the year, or def
 * when the stored day is not one of every year (02-31, 02-29), with what
 * is due then; late when today is past the day and something is due. */
static antt_status one_deadline(antt_db *db, const char *key, const char *def, const char *label, int year,
                                const char *today, long long due, progress_deadline *out, antt_err *err)
{
	char *stored, md[6], dm[8];
	sqlite3_stmt *st = NULL;
	antt_status s;

	if ((s = db_setting_read(db, key, def, &stored, err)) != ANTT_OK)
		return s;
	if (date_parse_day_month(stored ? stored : "", "hạn", md, NULL) != ANTT_OK)
		snprintf(md, sizeof(md), "%s", def);
	free(stored);
	snprintf(out->label, sizeof(out->label), "%s", label);
	snprintf(out->date, sizeof(out->date), "%s/%04d", date_show_day_month(md, dm, sizeof(dm)), year % 10000);
	out->due = due;
	if ((s = db_prepare(db, "SELECT date(?2) > date(printf('%04d-%s', ?1, ?3))", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, today ? today : "now", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, md, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		out->late = sqlite3_column_int(st, 0) && out->due > 0;
	else
		s = db_fail(db, sqlite3_errcode(db->sql), err, "tính hạn");
	sqlite3_finalize(st);
	return s;
}

antt_status progress_due_deadlines(antt_db *db, const progress_due *d, const char *today, progress_deadline out[2],
                                   progress_deadline movement[3], antt_err *err)
{
	static const char *const keys[5] = { "deadline_khu-dan-cu", "deadline_others",
		"deadline_510_khu-dan-cu", "deadline_510_others", "deadline_510_above" };
	static const char *const defaults[5] = { "11-15", "11-20", "11-20", "11-30", "12-15" };
	static const char *const labels[5] = { "khu dân cư", "xã, cơ quan, doanh nghiệp, cơ sở giáo dục",
		"khu dân cư", "xã, cơ quan, doanh nghiệp, cơ sở giáo dục", "cấp trên chấm" };
	antt_status s = ANTT_OK;

	for (int i = 0; i < 5 && s == ANTT_OK; i++)
		if (i < 2 ? out != NULL : movement != NULL)
			s = one_deadline(db, keys[i], defaults[i], labels[i], d->year, today, d->due[i],
				i < 2 ? &out[i] : &movement[i - 2], err);
	return s;
}

antt_status progress_all_deadlines(antt_db *db, int year, const char *today, progress_deadline out[2],
                                   progress_deadline movement[3], antt_err *err)
{
	progress_due *d = NULL;
	int done = 0;
	antt_status s = progress_due_step(db, &d, year, -1, &done, err);

	if (s == ANTT_OK)
		s = progress_due_deadlines(db, d, today, out, movement, err);
	progress_due_free(d);
	return s;
}

antt_status progress_deadlines(antt_db *db, int year, const char *today, progress_deadline out[2], antt_err *err)
{
	return progress_all_deadlines(db, year, today, out, NULL, err);
}

antt_status progress_movement_deadlines(antt_db *db, int year, const char *today, progress_deadline out[3],
                                        antt_err *err)
{
	return progress_all_deadlines(db, year, today, NULL, out, err);
}
