/* The registers written: adding rows with their checks, CSV import, and
 * proposing a candidate. What they add up to is read in register_year.c. */
#include "register.h"
#include "auth.h"
#include "csvimport.h"
#include "date.h"
#include "file.h"
#include "form.h"
#include "num.h"
#include "text.h"
#include "unit.h"
#include "ydoc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The lists end with NULL (calloc'd one longer): a code read whose name
 * then failed is freed too. */
static void free_list(char **l)
{
	for (size_t i = 0; l && l[i]; i++)
		free(l[i]);
	free(l);
}

void reg_lists_free(reg_lists *l)
{
	if (!l)
		return;
	free_list(l->model_kinds);
	free_list(l->activity_codes);
	free_list(l->activity_names);
	free_list(l->level_codes);
	free_list(l->level_names);
	free(l);
}

static antt_status pairs(ydoc *y, yaml_node_t *root, const char *key, char ***codes, char ***names, size_t *n)
{
	yaml_node_t *seq = ydoc_get(y, root, key);
	size_t cap;

	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return ydoc_fail(y, seq ? seq : root, 0, "cần danh sách \"%s\" (code, name)", key);
	cap = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
	*codes = calloc(cap + 1, sizeof(char *));
	*names = calloc(cap + 1, sizeof(char *));
	if (!*codes || !*names)
		return ANTT_ERR_NOMEM;
	for (yaml_node_item_t *i = seq->data.sequence.items.start; i < seq->data.sequence.items.top; i++) {
		yaml_node_t *m = ydoc_node(y, *i);
		antt_status s;
		if (!m || m->type != YAML_MAPPING_NODE)
			return ydoc_fail(y, m, 0, "mỗi phần tử của \"%s\" cần code và name", key);
		if ((s = ydoc_text(y, m, "code", 1, &(*codes)[*n])) != ANTT_OK ||
		    (s = ydoc_text(y, m, "name", 1, &(*names)[*n])) != ANTT_OK)
			return s;
		(*n)++;
	}
	return ANTT_OK;
}

antt_status reg_lists_load(reg_lists **out, antt_err *err)
{
	reg_lists *l = calloc(1, sizeof(*l));
	char *dir = form_dir(), path[PATH_MAX], *text = NULL;
	ydoc y = { 0 };
	size_t len;
	antt_status s;

	*out = NULL;
	if (!l || !dir) {
		free(l);
		free(dir);
		return ANTT_ERR_NOMEM;
	}
	snprintf(path, sizeof(path), "%s/registers/lists.yaml", dir);
	free(dir);
	if ((s = file_read_all(path, &text, &len, err)) == ANTT_OK && (s = ydoc_load(&y, path, text, len, err)) == ANTT_OK) {
		yaml_node_t *root = yaml_document_get_root_node(&y.doc), *mk = root ? ydoc_get(&y, root, "model_kinds") : NULL;
		if (!mk)
			s = ydoc_fail(&y, root, 0, "thiếu \"model_kinds\"");
		else if ((s = ydoc_list(&y, mk, "model_kinds", &l->model_kinds, &l->n_model_kinds)) == ANTT_OK &&
		         (s = pairs(&y, root, "activity_kinds", &l->activity_codes, &l->activity_names, &l->n_activities)) == ANTT_OK)
			s = pairs(&y, root, "commendation_levels", &l->level_codes, &l->level_names, &l->n_levels);
		if (s == ANTT_OK && l->n_levels > REG_LEVELS_MAX)
			s = ydoc_fail(&y, root, 0, "tối đa %d cấp khen thưởng", REG_LEVELS_MAX);
	}
	ydoc_free(&y);
	free(text);
	if (s != ANTT_OK) {
		reg_lists_free(l);
		return s;
	}
	*out = l;
	return ANTT_OK;
}

/* A kind or level that is not in the lists: the message names them all,
 * each with its code where it has one ("Cuộc phát động (phat-dong)"). */
static antt_status unknown(antt_err *err, const char *what, const char *typed, char **names, char **codes, size_t n)
{
	char list[700] = "";
	size_t used = 0;

	for (size_t i = 0; i < n && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s%s%s%s", i ? "; " : "", names[i],
			codes ? " (" : "", codes ? codes[i] : "", codes ? ")" : "");
	return err_set(err, ANTT_ERR_INVALID, "%s \"%s\" không có. Các loại trong forms/registers/lists.yaml: %s",
		what, typed, list);
}

/* The code of a typed kind or level (code or name, any case or accents)
 * in *hit, NULL when none; codes NULL: a list of names alone, *hit is the
 * name. The lists are UTF-8 (ydoc checked): no key for them is no memory. */
static antt_status pick(char **codes, char **names, size_t n, const char *typed, const char **hit)
{
	char *k;
	antt_status s;

	*hit = NULL;
	if ((s = text_key_of(typed, &k)) != ANTT_OK)
		return s == ANTT_ERR_NOMEM ? s : ANTT_OK;   /* not UTF-8: no hit */
	for (size_t i = 0; i < n && !*hit && s == ANTT_OK; i++) {
		char *kc = codes ? text_key(codes[i]) : NULL, *kn = text_key(names[i]);
		if ((codes && !kc) || !kn)
			s = ANTT_ERR_NOMEM;
		else if ((kc && !strcmp(k, kc)) || !strcmp(k, kn))
			*hit = codes ? codes[i] : names[i];
		free(kc);
		free(kn);
	}
	free(k);
	return s;
}

antt_status reg_check_date(const char *date, int year, char iso[11], antt_err *err)
{
	char d[11];
	antt_status s;

	if ((s = date_parse(date, "ngày", d, err)) != ANTT_OK)
		return s;
	if (atoi(d) != year)
		return err_set(err, ANTT_ERR_INVALID, "ngày %s không thuộc năm %d", date, year);
	memcpy(iso, d, sizeof(d));
	return ANTT_OK;
}

/* Run one INSERT/UPDATE with text parameters (NULL binds NULL). */
static antt_status write(antt_db *db, const char *sql, const char *const *v, int n, antt_err *err, const char *what)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, sql, &st, err);
	int rc;

	if (s != ANTT_OK)
		return s;
	for (int i = 0; i < n; i++)
		if (v[i])
			sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, what);
	else if (sqlite3_changes(db->sql) == 0)
		s = err_set(err, ANTT_ERR_NOT_FOUND, "không tìm thấy dòng cần sửa (%s)", what);
	sqlite3_finalize(st);
	return s;
}

/* The checks and writes, inside the caller's transaction. */
static antt_status model_tx(antt_db *db, reg_lists *l, const char *unit, const char *name, const char *kind,
                            int started, long long places, long long teams, long long members, antt_err *err)
{
	char num[4][24], uuid[37], *nname = NULL;
	const char *v[10];
	unit_row u;
	const char *known;
	antt_status s;

	if ((s = unit_get(db, unit, &u, err)) != ANTT_OK ||
	    (s = pick(NULL, l->model_kinds, l->n_model_kinds, kind, &known)) != ANTT_OK)
		return s;
	if (!known)
		return unknown(err, "loại mô hình", kind, l->model_kinds, NULL, l->n_model_kinds);
	kind = known;
	if ((s = num_check(started, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm bắt đầu", err)) != ANTT_OK ||
	    (s = num_check(places, 0, NUM_COUNT_MAX, "số điểm", err)) != ANTT_OK ||
	    (s = num_check(teams, 0, NUM_COUNT_MAX, "số tổ", err)) != ANTT_OK ||
	    (s = num_check(members, 0, NUM_COUNT_MAX, "số thành viên", err)) != ANTT_OK)
		return s;
	if ((s = text_clean(name, "tên mô hình", &nname, err)) != ANTT_OK)
		return s;
	if (!*nname) {
		free(nname);
		return err_set(err, ANTT_ERR_INVALID, "cần tên mô hình");
	}
	db_uuid(db, uuid);
	snprintf(num[0], sizeof(num[0]), "%d", started);
	snprintf(num[1], sizeof(num[1]), "%lld", places);
	snprintf(num[2], sizeof(num[2]), "%lld", teams);
	snprintf(num[3], sizeof(num[3]), "%lld", members);
	v[0] = uuid; v[1] = u.code; v[2] = nname; v[3] = kind; v[4] = num[0]; v[5] = num[1]; v[6] = num[2];
	v[7] = num[3]; v[8] = db->user;
	s = write(db, "INSERT INTO models (uuid, unit_id, name, kind, year_started, places, teams, members, updated_by)"
		" VALUES (?1, (SELECT id FROM units WHERE code = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9)", v, 9, err, "thêm mô hình");
	free(nname);
	return s;
}

static antt_status activity_tx(antt_db *db, reg_lists *l, const char *unit, int year, const char *kind,
                               const char *date, long long participants, const char *note, antt_err *err)
{
	char num[2][24], uuid[37], *nnote = NULL, iso[11];
	const char *code, *v[8];
	unit_row u;
	antt_status s;

	if ((s = unit_get(db, unit, &u, err)) != ANTT_OK ||
	    (s = pick(l->activity_codes, l->activity_names, l->n_activities, kind, &code)) != ANTT_OK)
		return s;
	if (!code)
		return unknown(err, "loại hoạt động", kind, l->activity_names, l->activity_codes, l->n_activities);
	if ((s = num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err)) != ANTT_OK ||
	    (s = reg_check_date(date, year, iso, err)) != ANTT_OK)
		return s;
	if ((s = num_check(participants, 0, NUM_COUNT_MAX, "số người tham gia", err)) != ANTT_OK)
		return s;
	if ((s = text_clean(note ? note : "", "ghi chú", &nnote, err)) != ANTT_OK)
		return s;
	db_uuid(db, uuid);
	snprintf(num[0], sizeof(num[0]), "%d", year);
	snprintf(num[1], sizeof(num[1]), "%lld", participants);
	v[0] = uuid; v[1] = u.code; v[2] = num[0]; v[3] = code; v[4] = iso; v[5] = num[1]; v[6] = nnote; v[7] = db->user;
	s = write(db, "INSERT INTO activities (uuid, unit_id, year, kind, date, participants, note, updated_by)"
		" VALUES (?1, (SELECT id FROM units WHERE code = ?2), ?3, ?4, ?5, ?6, ?7, ?8)", v, 8, err, "thêm hoạt động");
	free(nnote);
	return s;
}

static antt_status tipoff_tx(antt_db *db, const char *unit, int year, long long total, long long valuable,
                             const char *outcome, antt_err *err)
{
	char num[3][24], *nout = NULL;
	const char *v[6];
	unit_row u;
	antt_status s;

	if ((s = unit_get(db, unit, &u, err)) != ANTT_OK)
		return s;
	if ((s = num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err)) != ANTT_OK ||
	    (s = num_check(total, 0, NUM_COUNT_MAX, "tổng số tin báo", err)) != ANTT_OK ||
	    (s = num_check(valuable, 0, NUM_COUNT_MAX, "số tin có giá trị", err)) != ANTT_OK)
		return s;
	if (valuable > total)
		return err_set(err, ANTT_ERR_INVALID, "tin báo: số tin có giá trị (%lld) không được vượt tổng số (%lld)",
			valuable, total);
	if ((s = text_clean(outcome ? outcome : "", "kết quả xử lý tin báo", &nout, err)) != ANTT_OK)
		return s;
	snprintf(num[0], sizeof(num[0]), "%d", year);
	snprintf(num[1], sizeof(num[1]), "%lld", total);
	snprintf(num[2], sizeof(num[2]), "%lld", valuable);
	v[0] = u.code; v[1] = num[0]; v[2] = num[1]; v[3] = num[2]; v[4] = nout; v[5] = db->user;
	s = write(db, "INSERT INTO tipoffs (unit_id, year, total, valuable, outcome, updated_by)"
		" VALUES ((SELECT id FROM units WHERE code = ?1), ?2, ?3, ?4, ?5, ?6)"
		" ON CONFLICT (unit_id, year) DO UPDATE SET total = excluded.total, valuable = excluded.valuable,"
		" outcome = excluded.outcome, updated_by = excluded.updated_by", v, 6, err, "ghi tin báo");
	free(nout);
	return s;
}

static antt_status commendation_tx(antt_db *db, reg_lists *l, const char *unit, int year, const char *level,
                                   int collective, const char *recipient, const char *reason, const char *no,
                                   const char *date, antt_err *err)
{
	char num[2][24], uuid[37], *t[3] = { NULL, NULL, NULL }, iso[11];
	const char *code, *v[10];
	unit_row u;
	antt_status s;

	if ((s = unit_get(db, unit, &u, err)) != ANTT_OK ||
	    (s = pick(l->level_codes, l->level_names, l->n_levels, level, &code)) != ANTT_OK)
		return s;
	if (!code)
		return unknown(err, "cấp khen thưởng", level, l->level_names, l->level_codes, l->n_levels);
	if ((s = num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err)) != ANTT_OK ||
	    (s = num_check(collective, 0, 1, "cột tập thể (1: tập thể, 0: cá nhân)", err)) != ANTT_OK)
		return s;
	if (date && *date && (s = date_parse(date, "ngày quyết định", iso, err)) != ANTT_OK)
		return s;
	if (date && *date && atoi(iso) != year && atoi(iso) != year + 1)
		return err_set(err, ANTT_ERR_INVALID, "ngày quyết định %s không thuộc năm %d (hoặc đầu năm sau)", date, year);
	if (!collective && (!recipient || !*recipient))
		return err_set(err, ANTT_ERR_INVALID, "khen cá nhân cần họ tên người được khen");
	if ((s = text_clean(recipient ? recipient : "", "người được khen", &t[0], err)) == ANTT_OK &&
	    (s = text_clean(reason ? reason : "", "lý do khen", &t[1], err)) == ANTT_OK &&
	    (s = text_clean(no ? no : "", "số quyết định", &t[2], err)) == ANTT_OK) {
		db_uuid(db, uuid);
		snprintf(num[0], sizeof(num[0]), "%d", year);
		snprintf(num[1], sizeof(num[1]), "%d", collective ? 1 : 0);
		v[0] = uuid; v[1] = u.code; v[2] = num[0]; v[3] = code; v[4] = num[1]; v[5] = t[0];
		v[6] = t[1]; v[7] = t[2]; v[8] = date && *date ? iso : NULL; v[9] = db->user;
		s = write(db, "INSERT INTO commendations (uuid, unit_id, year, level, collective, recipient, reason,"
			" decision_no, decision_date, updated_by) VALUES (?1, (SELECT id FROM units WHERE code = ?2), ?3, ?4, ?5,"
			" ?6, ?7, ?8, ?9, ?10)", v, 10, err, "thêm khen thưởng");
	}
	for (int i = 0; i < 3; i++)
		free(t[i]);
	return s;
}

/* Each public call: right, lists, one transaction. */
#define REG_CALL(what, call) do { \
	reg_lists *l = NULL; \
	antt_status s_; \
	(void)l; \
	if ((s_ = auth_require(db, CAN_ENTER, what, err)) != ANTT_OK) return s_; \
	if ((s_ = reg_lists_load(&l, err)) != ANTT_OK) return s_; \
	if ((s_ = db_begin(db, err)) == ANTT_OK) { \
		s_ = (call); \
		if (s_ == ANTT_OK) s_ = db_commit(db, err); else db_rollback(db); \
	} \
	reg_lists_free(l); \
	return s_; \
} while (0)

antt_status reg_model_add(antt_db *db, const char *unit, const char *name, const char *kind, int started,
                          long long places, long long teams, long long members, antt_err *err)
{
	REG_CALL("ghi sổ mô hình", model_tx(db, l, unit, name, kind, started, places, teams, members, err));
}

antt_status reg_model_end(antt_db *db, long long id, int last_year, antt_err *err)
{
	char a[24], b[24];
	const char *v[3] = { a, b, db->user };
	snprintf(a, sizeof(a), "%lld", id);
	snprintf(b, sizeof(b), "%d", last_year);
	REG_CALL("ghi sổ mô hình", write(db, "UPDATE models SET year_ended = ?2, rev = rev + 1, updated_by = ?3"
		" WHERE id = ?1 AND year_started <= ?2", v, 3, err, "ghi năm dừng của mô hình"));
}

antt_status reg_activity_add(antt_db *db, const char *unit, int year, const char *kind, const char *date,
                             long long participants, const char *note, antt_err *err)
{
	REG_CALL("ghi sổ hoạt động", activity_tx(db, l, unit, year, kind, date, participants, note, err));
}

antt_status reg_tipoff_set(antt_db *db, const char *unit, int year, long long total, long long valuable,
                           const char *outcome, antt_err *err)
{
	REG_CALL("ghi tin báo", tipoff_tx(db, unit, year, total, valuable, outcome, err));
}

antt_status reg_commendation_add(antt_db *db, const char *unit, int year, const char *level, int collective,
                                 const char *recipient, const char *reason, const char *decision_no,
                                 const char *decision_date, antt_err *err)
{
	REG_CALL("ghi khen thưởng", commendation_tx(db, l, unit, year, level, collective, recipient, reason,
		decision_no, decision_date, err));
}

antt_status reg_import_csv(antt_db *db, const char *what, const char *path, int *count, antt_err *err)
{
	return reg_import_csv_list(db, what, path, count, NULL, err);
}

typedef struct {
	const char *what;
	reg_lists *l;
} reg_import;

/* What a register's file holds, for a row with the wrong number of columns
 * (the columns reg_row reads, in README's words). */
static const char *columns_of(const char *what)
{
	if (!strcmp(what, "models"))
		return "sổ mô hình cần 7 cột: unit_code,name,kind,year_started,places,teams,members";
	if (!strcmp(what, "activities"))
		return "sổ hoạt động cần 5 hoặc 6 cột: unit_code,year,kind,date,participants[,note]";
	if (!strcmp(what, "commendations"))
		return "sổ khen thưởng cần 8 cột: unit_code,year,level,collective,recipient,reason,decision_no,decision_date";
	return "sổ tin báo cần 4 hoặc 5 cột: unit_code,year,total,valuable[,outcome]";
}

/* One row of a register's file, by the register's columns. */
static antt_status reg_row(antt_db *db, const csvtab_row *r, void *ctx, antt_err *e)
{
	const reg_import *c = ctx;
	const char *what = c->what;
	reg_lists *l = c->l;
	char **f = r->fields;
	antt_status rs;

	if (!strcmp(what, "models") && r->n == 7) {
		long long a, b, n;
		int y;
		if ((rs = num_year(f[3], &y, e)) == ANTT_OK && (rs = num_count(f[4], "số điểm", &a, e)) == ANTT_OK &&
		    (rs = num_count(f[5], "số tổ", &b, e)) == ANTT_OK &&
		    (rs = num_count(f[6], "số thành viên", &n, e)) == ANTT_OK)
			rs = model_tx(db, l, f[0], f[1], f[2], y, a, b, n, e);
	} else if (!strcmp(what, "activities") && (r->n == 5 || r->n == 6)) {
		long long p;
		int y;
		if ((rs = num_year(f[1], &y, e)) == ANTT_OK &&
		    (rs = num_count(f[4], "số người tham gia", &p, e)) == ANTT_OK)
			rs = activity_tx(db, l, f[0], y, f[2], f[3], p, r->n == 6 ? f[5] : "", e);
	} else if (!strcmp(what, "commendations") && r->n == 8) {
		long long coll;
		int y;
		if ((rs = num_year(f[1], &y, e)) == ANTT_OK &&
		    (rs = num_parse(f[3], 0, 1, "cột tập thể (1: tập thể, 0: cá nhân)", &coll, e)) == ANTT_OK)
			rs = commendation_tx(db, l, f[0], y, f[2], (int)coll, f[4], f[5], f[6], f[7], e);
	} else if (!strcmp(what, "tipoffs") && (r->n == 4 || r->n == 5)) {
		long long tt, v;
		int y;
		if ((rs = num_year(f[1], &y, e)) == ANTT_OK && (rs = num_count(f[2], "tổng số tin báo", &tt, e)) == ANTT_OK &&
		    (rs = num_count(f[3], "số tin có giá trị", &v, e)) == ANTT_OK)
			rs = tipoff_tx(db, f[0], y, tt, v, r->n == 5 ? f[4] : "", e);
	} else {
		rs = err_set(e, ANTT_ERR_INVALID, "có %zu cột, %s", r->n, columns_of(what));
	}
	return rs;
}

antt_status reg_import_csv_list(antt_db *db, const char *what, const char *path, int *count, char **errors,
                                antt_err *err)
{
	static const char *const header[] = { "unit code", "ma don vi", NULL };
	reg_import c = { what, NULL };
	const csv_import imp = { header, "tệp", reg_row, NULL, &c, columns_of(what) };
	reg_lists *l = NULL;
	antt_status s;

	*count = 0;
	if (errors)
		*errors = NULL;
	if (strcmp(what, "models") && strcmp(what, "activities") && strcmp(what, "commendations") && strcmp(what, "tipoffs"))
		return err_set(err, ANTT_ERR_USAGE, "không có sổ \"%s\" (models, activities, commendations, tipoffs)", what);
	if ((s = auth_require(db, CAN_ENTER, "nhập sổ theo dõi", err)) != ANTT_OK || (s = reg_lists_load(&l, err)) != ANTT_OK)
		return s;
	c.l = l;
	s = csv_import_run(db, path, &imp, count, errors, err);
	reg_lists_free(l);
	return s;
}

antt_status reg_propose(antt_db *db, const char *unit, int year, int proposed, antt_err *err)
{
	char y[16], p[4];
	const char *v[4] = { unit, y, p, db->user };

	snprintf(y, sizeof(y), "%d", year);
	snprintf(p, sizeof(p), "%d", proposed ? 1 : 0);
	if (auth_require(db, CAN_ENTER, "đề nghị điển hình", err) != ANTT_OK)
		return ANTT_ERR_DENIED;
	{
		unit_row u;
		antt_status s = unit_get(db, unit, &u, err);
		if (s != ANTT_OK)
			return s;
	}
	REG_CALL("đề nghị điển hình", write(db, "INSERT INTO candidates (unit_id, year, proposed, updated_by)"
		" VALUES ((SELECT id FROM units WHERE code = ?1), ?2, ?3, ?4)"
		" ON CONFLICT (unit_id, year) DO UPDATE SET proposed = excluded.proposed, updated_by = excluded.updated_by",
		v, 4, err, "đề nghị điển hình"));
}
