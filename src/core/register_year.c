/* The registers read: a year's figures under a unit, the model-unit
 * candidates and the rows as lines for a screen. */
#include "register.h"
#include "score.h"
#include "unit.h"

#include <string.h>

#define SCOPE UNIT_SCOPE_SQL

static antt_status figure(antt_db *db, const char *sql, const char *under, int year, const char *extra,
                          long long *a, long long *b, long long *c, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, sql, &st, err);

	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	if (extra)
		sqlite3_bind_text(st, 3, extra, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (a) *a = sqlite3_column_int64(st, 0);
		if (b) *b = sqlite3_column_int64(st, 1);
		if (c) *c = sqlite3_column_int64(st, 2);
	} else {
		s = db_fail(db, sqlite3_errcode(db->sql), err, "tính số liệu phong trào");
	}
	sqlite3_finalize(st);
	return s;
}

/* Counts are summed with total() (a float) and cast back, not sum(): a row
 * written by an older antt, or arriving in a package, may hold a value
 * above NUM_COUNT_MAX, and sum() would then fail with "integer overflow"
 * on every show and report; the cast clamps instead. */
antt_status reg_year_figures(antt_db *db, const reg_lists *l, int year, const char *under, reg_figures *f, antt_err *err)
{
	static const char *const act = SCOPE "SELECT count(*), CAST(total(participants) AS INTEGER), 0 FROM activities"
		" WHERE " UNIT_IN_SCOPE("unit_id") " AND year = ?2 AND kind = ?3";
	antt_status s;

	memset(f, 0, sizeof(*f));
	if ((s = figure(db, act, under, year, "phat-dong", &f->launches, &f->launch_participants, NULL, err)) != ANTT_OK ||
	    (s = figure(db, act, under, year, "dien-dan", &f->forums, NULL, NULL, err)) != ANTT_OK ||
	    (s = figure(db, act, under, year, "tuyen-truyen", &f->sessions, NULL, NULL, err)) != ANTT_OK)
		return s;
	/* a model active in the year: kept if it started before, new if that year */
	if ((s = figure(db, SCOPE "SELECT count(*), coalesce(sum(year_started < ?2), 0), coalesce(sum(year_started = ?2), 0)"
		" FROM models WHERE " UNIT_IN_SCOPE("unit_id") " AND year_started <= ?2"
		" AND (year_ended IS NULL OR year_ended >= ?2)", under, year, NULL, &f->models, &f->models_kept, &f->models_new, err)) != ANTT_OK ||
	    (s = figure(db, SCOPE "SELECT CAST(total(places) AS INTEGER), CAST(total(teams) AS INTEGER), CAST(total(members) AS INTEGER)"
		" FROM models WHERE " UNIT_IN_SCOPE("unit_id") " AND year_started <= ?2"
		" AND (year_ended IS NULL OR year_ended >= ?2)", under, year, NULL, &f->places, &f->teams, &f->members, err)) != ANTT_OK ||
	    (s = figure(db, SCOPE "SELECT CAST(total(total) AS INTEGER), CAST(total(valuable) AS INTEGER), 0 FROM tipoffs"
		" WHERE " UNIT_IN_SCOPE("unit_id") " AND year = ?2", under, year, NULL, &f->tipoffs, &f->tipoffs_valuable, NULL, err)) != ANTT_OK ||
	    (s = figure(db, SCOPE "SELECT coalesce(sum(collective), 0), coalesce(sum(NOT collective), 0), 0 FROM commendations"
		" WHERE " UNIT_IN_SCOPE("unit_id") " AND year = ?2", under, year, NULL, &f->collective, &f->individual, NULL, err)) != ANTT_OK)
		return s;
	for (size_t i = 0; i < l->n_levels && i < REG_LEVELS_MAX; i++)
		if ((s = figure(db, SCOPE "SELECT count(*), 0, 0 FROM commendations WHERE " UNIT_IN_SCOPE("unit_id") ""
			" AND year = ?2 AND level = ?3", under, year, l->level_codes[i], &f->commendations[i], NULL, NULL, err)) != ANTT_OK)
			return s;
	return ANTT_OK;
}

antt_status reg_candidates(antt_db *db, int year, const char *under, int (*fn)(const reg_candidate *c, void *ctx),
                           void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	/* units that met the standard (được công nhận by a decision) and have
	 * scores; their class decides */
	s = db_prepare(db, SCOPE "SELECT u.code, u.name, t.name, coalesce(p.name, ''), coalesce(c.proposed, 0)"
		" FROM units u JOIN unit_types t ON t.code = u.type JOIN assessments a ON a.unit_id = u.id AND a.year = ?2"
		" JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL"
		" LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN candidates c ON c.unit_id = u.id AND c.year = ?2"
		" WHERE " UNIT_IN_SCOPE("u.id") ""
		"  AND EXISTS (SELECT 1 FROM scores WHERE year = ?2)"   /* once: none scored, no unit read */
		"  AND EXISTS (SELECT 1 FROM scores x WHERE x.unit_id = u.id AND x.year = ?2)"
		" ORDER BY t.sort, p.code, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		score_result r;
		const char *code = (const char *)sqlite3_column_text(st, 0);
		if ((s = score_load(db, code, year, &r, err)) != ANTT_OK)
			break;
		if (r.cls >= CLASS_KHA) {
			reg_candidate c = { code, (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
				(const char *)sqlite3_column_text(st, 3), r.has_reviewer ? r.reviewer_total : r.self_total, r.cls,
				sqlite3_column_int(st, 4) };
			if (fn(&c, ctx)) {
				score_result_free(&r);
				break;
			}
		}
		score_result_free(&r);
	}
	sqlite3_finalize(st);
	return s;
}

antt_status reg_rows(antt_db *db, const char *unit, int year,
                     int (*fn)(const char *section, long long id, const char *text, void *ctx), void *ctx, antt_err *err)
{
	static const char *const sql = SCOPE
		"SELECT 'Mô hình', m.id, printf('%s — %s, %s, từ %d%s; %d điểm, %d tổ, %d thành viên', u.name, m.name, m.kind,"
		"  m.year_started, CASE WHEN m.year_started = ?2 THEN ' (mới)' ELSE ' (duy trì)' END, m.places, m.teams, m.members)"
		" FROM models m JOIN units u ON u.id = m.unit_id WHERE " UNIT_IN_SCOPE("m.unit_id") ""
		"  AND m.year_started <= ?2 AND (m.year_ended IS NULL OR m.year_ended >= ?2)"
		" UNION ALL SELECT 'Hoạt động', a.id, printf('%s — %s %s, %d người%s', u.name,"
		"  CASE a.kind WHEN 'phat-dong' THEN 'phát động' WHEN 'dien-dan' THEN 'diễn đàn' ELSE 'tuyên truyền' END,"
		"  strftime('%d/%m/%Y', a.date), a.participants, CASE WHEN a.note <> '' THEN '; ' || a.note ELSE '' END)"
		" FROM activities a JOIN units u ON u.id = a.unit_id WHERE " UNIT_IN_SCOPE("a.unit_id") " AND a.year = ?2"
		" UNION ALL SELECT 'Khen thưởng', c.id, printf('%s — %s (%s)%s, QĐ %s', u.name, CASE c.level"
		"  WHEN ?3 THEN ?4 WHEN ?5 THEN ?6 WHEN ?7 THEN ?8 WHEN ?9 THEN ?10 WHEN ?11 THEN ?12"
		"  WHEN ?13 THEN ?14 WHEN ?15 THEN ?16 WHEN ?17 THEN ?18 ELSE c.level END,"
		"  CASE WHEN c.collective THEN 'tập thể' ELSE 'cá nhân: ' || c.recipient END,"
		"  CASE WHEN c.reason <> '' THEN ': ' || c.reason ELSE '' END, c.decision_no)"
		" FROM commendations c JOIN units u ON u.id = c.unit_id WHERE " UNIT_IN_SCOPE("c.unit_id") " AND c.year = ?2"
		" UNION ALL SELECT 'Tin báo', 0, printf('%s — %d tin, %d có giá trị%s', u.name, t.total, t.valuable,"
		"  CASE WHEN t.outcome <> '' THEN '; ' || t.outcome ELSE '' END)"
		" FROM tipoffs t JOIN units u ON u.id = t.unit_id WHERE " UNIT_IN_SCOPE("t.unit_id") " AND t.year = ?2";
	sqlite3_stmt *st = NULL;
	reg_lists *l = NULL;
	antt_status s = db_prepare(db, sql, &st, err);
	int rc;

	if (s != ANTT_OK)
		return s;
	if (unit)
		sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	/* commendations by their names in the lists (at most REG_LEVELS_MAX levels,
	 * checked when the lists load); without the lists, the stored code */
	if (reg_lists_load(&l, NULL) == ANTT_OK)
		for (size_t i = 0; i < l->n_levels && i < REG_LEVELS_MAX; i++) {
			sqlite3_bind_text(st, 3 + 2 * (int)i, l->level_codes[i], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4 + 2 * (int)i, l->level_names[i], -1, SQLITE_STATIC);
		}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
			(const char *)sqlite3_column_text(st, 2), ctx))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc sổ theo dõi");
	sqlite3_finalize(st);
	reg_lists_free(l);
	return s;
}
