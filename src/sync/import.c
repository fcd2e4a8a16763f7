/* Importing a package, start to end: check it whole and its signature
 * (verify.c), its signer's enrolment (trust.c), its criteria sets (known
 * here, or accepted by an admin), then in one transaction merge it
 * (merge.c), keep its audit rows as the sender's history, and record it.
 * Any refusal leaves the database as it was. */
#include "sync.h"
#include "sync_int.h"
#include "content.h"
#include "assess.h"
#include "auth.h"
#include "backup.h"
#include "form.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static antt_status exec(antt_db *db, const char *sql, antt_err *err, const char *what)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? ANTT_OK : db_fail(db, rc, err, what);
}

/* One statement with ?1 = text, run to the end. */
static antt_status run1(antt_db *db, const char *sql, const char *text, antt_err *err, const char *what)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, sql, &st, err);
	int rc;

	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ANTT_OK : db_fail(db, rc, err, what);
}

static int accepted(const sync_import_opts *o, const char *sha)
{
	for (int i = 0; i < o->n_accept; i++)
		if (!strcasecmp(o->accept_sets[i], sha))
			return 1;
	return 0;
}

/* 1 when this machine's forms/ folder has the set (it is stored in the
 * database only on first use). forms is loaded on the first question. A
 * folder other than antt's own (ANTT_FORMS: an officer's edited copy, the
 * same a colluding sender used) counts as it does for using a set: once
 * accounts are in use, only for a proven admin (form_store.c). */
static int in_forms(antt_db *db, form ***forms, size_t *n, int *loaded, const char *sha)
{
	if (!*loaded && !form_dir_own() && auth_accounts(db, ROLE_NONE) && db->role != ROLE_ADMIN) {
		*loaded = 1;
		*forms = NULL;
		*n = 0;
	}
	if (!*loaded) {
		char *dir = form_dir();
		antt_err e2;
		*loaded = 1;
		if (!dir || form_load_dir(dir, forms, n, &e2) != ANTT_OK) {
			*forms = NULL;
			*n = 0;
		}
		free(dir);
	}
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*forms)[i]->sha256, sha))
			return 1;
	return 0;
}

/* A criteria set decides who passes: one this machine does not have (in
 * the database or in its forms/ folder) is used only when an admin
 * accepted it by its SHA-256, or on the first set-up, where the office's
 * package brings everything. */
static antt_status check_new_sets(antt_db *db, const char *path, const sync_import_opts *o, const sync_trust *t,
                                  sync_result *r, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	form **forms = NULL;
	size_t n = 0;
	antt_status s;
	int rc, loaded = 0;

	if ((s = db_prepare(db, "SELECT sha256, coalesce(regulation, ''), coalesce(version, '') FROM pkg.criteria_sets"
		" WHERE sha256 NOT IN (SELECT sha256 FROM main.criteria_sets) ORDER BY sha256", &st, err)) != ANTT_OK)
		return s;
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		if (t->first || in_forms(db, &forms, &n, &loaded, sha))
			continue;
		if (accepted(o, sha)) {
			if (!o->dry_run)
				s = auth_require_admin_login(db, "chấp nhận bộ tiêu chí mới từ gói", err);
			continue;
		}
		snprintf(r->unknown_set, sizeof(r->unknown_set), "%s", sha);
		s = err_set(err, ANTT_ERR_DENIED, "%s: gói dùng bộ tiêu chí \"%s\" phiên bản \"%s\" (SHA-256 %s) mà máy này "
			"chưa có. Bộ tiêu chí quyết định đơn vị đạt hay không đạt, nên chỉ được dùng khi quản trị viên máy này "
			"đã xem và chấp nhận nó. Chưa nhập gì; cơ sở dữ liệu không bị thay đổi.", path,
			(const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2), sha);
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc bộ tiêu chí trong gói");
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++)
		form_free(forms[i]);
	free(forms);
	return s;
}

static antt_status attach(antt_db *db, const char *path, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char uri[4200];
	antt_status s;

	/* read-only: nothing here can change the package; immutable: nothing
	 * is made beside it either (a file marked for WAL, sync_verify_as) */
	sync_file_uri(path, "mode=ro&immutable=1", uri, sizeof(uri));
	if ((s = db_prepare(db, "ATTACH ? AS pkg", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, uri, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		s = err_set(err, ANTT_ERR_IO, "%s: không mở được gói (%s)", path, sqlite3_errmsg(db->sql));
	sqlite3_finalize(st);
	return s;
}

/* The file attached is the one sync_verify checked, read the same way:
 * only the package's own tables (a view could show this connection other
 * rows than the checking one) and, when it is the officer's file (own is
 * 0: on a stick that can change or answer two reads differently), with
 * the signed content. import's own copy was checked itself. ATTACH keeps
 * the file open, so a file swapped after this is not read. */
static antt_status same_as_checked(antt_db *db, const char *path, const sync_result *r, int own, antt_err *err)
{
	char sha[65];
	antt_err e2;
	antt_status s = sync_check_schema(db->sql, "pkg", &e2);

	if (s == ANTT_OK && !own && (s = sync_checksum(db->sql, "pkg", sha, &e2)) == ANTT_OK && strcmp(sha, r->sha256))
		s = ANTT_ERR_INVALID;
	if (s == ANTT_ERR_NOMEM)
		return s;   /* out of memory is not a changed package */
	if (s != ANTT_OK)
		return err_set(err, ANTT_ERR_INVALID, "%s: tệp gói đã đổi trong lúc nhập, hoặc đọc ra khác lúc kiểm tra chữ ký: "
			"không nhập gì; cơ sở dữ liệu không bị thay đổi. Hãy chép lại gói từ máy gửi.", path);
	return ANTT_OK;
}

/* The unit a package says it is for (its manifest's under_uuid, which the
 * progress screen counts as that unit having sent its package) must be in
 * the signer's scope: a commune cannot report for its neighbour. */
static antt_status check_under(antt_db *db, const sync_trust *t, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;

	if (t->whole)
		return ANTT_OK;
	if ((s = db_prepare(db, "WITH RECURSIVE up(id) AS (SELECT id FROM main.units WHERE uuid ="
		" (SELECT value FROM pkg.manifest WHERE key = 'under_uuid')"
		"  UNION SELECT u.parent_id FROM main.units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)"
		" SELECT u.code || ' (' || u.name || ')' FROM main.units u"
		" WHERE u.uuid = (SELECT value FROM pkg.manifest WHERE key = 'under_uuid') AND ?1 NOT IN (SELECT id FROM up)",
		&st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, t->root_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = err_set(err, ANTT_ERR_DENIED, "gói ghi là gói của đơn vị %s — ngoài phạm vi mà máy gửi \"%s\" được ghi "
			"nhận ở máy này (%s và các đơn vị trực thuộc). Không nhập gì từ gói này; cơ sở dữ liệu không bị thay đổi.",
			(const char *)sqlite3_column_text(st, 0), t->origin, t->scope);
	sqlite3_finalize(st);
	return s;
}

/* The first package sets a machine up and enrols its sender: one with no
 * units would set nothing up, and the office's real package would then be
 * a stranger's. */
static antt_status check_sets_up(antt_db *db, const char *path, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;

	if ((s = db_prepare(db, "SELECT 1 FROM pkg.units LIMIT 1", &st, err)) != ANTT_OK)
		return s;
	if (sqlite3_step(st) != SQLITE_ROW)
		s = err_set(err, ANTT_ERR_INVALID, "%s: gói không có đơn vị nào, nên không lập được máy mới từ gói này; chưa "
			"nhập gì, cơ sở dữ liệu không bị thay đổi. Hãy xin công an cấp trên ghi gói của đơn vị mình (có danh "
			"sách đơn vị) rồi nhận lại", path);
	sqlite3_finalize(st);
	return s;
}

/* A unit type this machine does not know (unit_types): said by name, not
 * as a foreign key failing in the middle of the merge. */
static antt_status check_types(antt_db *db, const char *path, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;

	if ((s = db_prepare(db, "SELECT code, type FROM pkg.units WHERE type NOT IN (SELECT code FROM main.unit_types)"
		" LIMIT 1", &st, err)) != ANTT_OK)
		return s;
	if (sqlite3_step(st) == SQLITE_ROW)
		s = err_set(err, ANTT_ERR_INVALID, "%s: gói có đơn vị %s thuộc loại \"%s\" mà máy này không có. Hai máy cần "
			"cùng danh mục loại đơn vị (cùng phiên bản antt); chưa nhập gì, cơ sở dữ liệu không bị thay đổi.",
			path, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return s;
}

/* The units whose verdicts the package can change, for the years it
 * brings: its own units and those its assessments and recognitions name,
 * where a unit it moves stood before (temp.import_touched holds those,
 * read before the merge), and every unit above them (a commune's computed
 * criteria follow its units). Year by year, units before their communes,
 * as assess_recompute_year orders them; the rest of a national database is
 * not read (recomputing every unit of the year took longer than the merge
 * at 30 provinces). One walk of the tree for every year (one a year took
 * 0.8 s of a province's import at 3 provinces). */
static const char *const touched_sql =
	"WITH RECURSIVE up(id) AS (SELECT id FROM temp.import_touched"
	"  UNION SELECT u.parent_id FROM main.units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL),"
	" d(id, depth) AS (SELECT id, 0 FROM main.units WHERE parent_id IS NULL AND id IN (SELECT id FROM up)"
	"  UNION ALL SELECT u.id, d.depth + 1 FROM main.units u JOIN d ON u.parent_id = d.id WHERE u.id IN (SELECT id FROM up)),"
	" y(year) AS (SELECT year FROM pkg.assessments UNION SELECT year FROM pkg.recognitions)"
	" SELECT a.year, u.code FROM d JOIN main.assessments a ON a.unit_id = d.id AND a.year IN (SELECT year FROM y)"
	" JOIN main.units u ON u.id = d.id ORDER BY a.year, d.depth DESC, u.code";

static antt_status recompute(antt_db *db, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((s = exec(db, "INSERT OR IGNORE INTO temp.import_touched SELECT id FROM main.units WHERE uuid IN"
		" (SELECT uuid FROM pkg.units UNION SELECT unit_uuid FROM pkg.assessments UNION SELECT unit_uuid FROM pkg.recognitions)",
		err, "nhập gói")) != ANTT_OK ||
	    (s = db_prepare(db, touched_sql, &st, err)) != ANTT_OK)
		goto out;
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		unit_row u;
		if ((s = unit_get(db, (const char *)sqlite3_column_text(st, 1), &u, err)) == ANTT_OK)
			s = assess_recompute_unit(db, &u, sqlite3_column_int(st, 0), err);
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "tính lại kết luận");
out:
	sqlite3_finalize(st);
	return s;
}

/* The sender's history, copied as it is (the rows a package carries,
 * those of ?1 to ?2), each row once: one already here from an earlier
 * import is found among the rows of its form (or unit) from before this
 * one. ONLY: a further condition on p, the package's row. */
#define AUDIT_COPY(only) \
	"INSERT OR FAIL INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value, origin)" \
	" SELECT p.at, p.who, p.tbl, p.row_uuid, p.scope, p.action, p.old_value, p.new_value," \
	" (SELECT origin FROM sync_origin LIMIT 1) FROM pkg.audit p WHERE p.id BETWEEN ?1 AND ?2" only \
	" AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.scope = p.scope AND a.id <= (SELECT id FROM temp.import_before)" \
	"  AND a.row_uuid IS p.row_uuid AND a.at = p.at AND a.who = p.who AND a.action = p.action" \
	"  AND a.old_value IS p.old_value AND a.new_value IS p.new_value) ORDER BY p.id"

/* The row answers_ai would have written (db/014) for each answer this
 * import inserted whose history does not end, in the rows this import
 * copied, with it: the package brought none, or none that was taken
 * (history_scopes), or under its form's other uuid (the form was
 * registered on both machines), or rows that end with other values (a
 * package brings whatever history its sender wrote). Compared as text:
 * the sender's triggers write the same JSON (db/012 on), and one that
 * does not keeps this row too. The copied rows are read once, in order
 * (a province's 370,000 answers looked up one by one among their forms'
 * rows took 2 s more; this takes the time the search it replaces took).
 * The rows copied read by id, from where the import began (NOT INDEXED:
 * for its GROUP BY SQLite chose the scope index, and read every row of
 * the audit through it, 2 million at 3 provinces). */
#define ANSWERS_TRACE \
	"INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)" \
	" WITH n AS (SELECT x.id, x.updated_by AS who, x.uuid AS answer, a.uuid AS form," \
	"  " ANSWER_AUDIT_JSON("x.criterion", "x.value", "x.exception", "x.note") " AS j" \
	"  FROM main.answers x JOIN main.assessments a ON a.id = x.assessment_id" \
	"  WHERE x.id > (SELECT answer FROM temp.import_before))," \
	" last AS (SELECT h.scope, h.row_uuid, h.new_value, max(h.id) FROM main.audit h NOT INDEXED" \
	"  WHERE h.id > (SELECT id FROM temp.import_before) AND h.tbl = 'answers' AND h.action IN ('insert', 'update')" \
	"  GROUP BY h.scope, h.row_uuid)" \
	" SELECT n.who, 'answers', n.answer, n.form, 'insert', n.j, (SELECT origin FROM sync_origin LIMIT 1)" \
	" FROM n LEFT JOIN last l ON l.scope = n.form AND l.row_uuid = n.answer WHERE n.j IS NOT l.new_value ORDER BY n.id"

/* The rows the audit triggers wrote while the import changed things here
 * (db/016: into import_trace, at the time of the import), left out when
 * the sender's history already says them. A package brings whatever
 * history its sender wrote, so that is when each of a row's changes has
 * its row there (an insert: an insert of the row; an update: a row this
 * import copied with the same values) and the history, read to its last
 * row, ends with the values the import left in it (each insert or update
 * row gives the values it names, the last to name one holds; a row that
 * is no JSON names none). Otherwise every row the triggers wrote for that
 * row is kept, after the history, so it ends with what the office holds:
 * a new unit the history names otherwise (another name, another parent),
 * a form in another state (an approval not taken here, a status row left
 * out), a recognition under another decision, a change the history
 * undoes after saying it. Nothing the import did is left without a row.
 * Each key's last value in the import's rows: the row of max(id) in its
 * group, whose other columns SQLite gives with it (a window numbering
 * the rows took a third more: 0.4 s a province). */
#define TRACE_KEEP \
	"INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value, origin)" \
	" WITH kv AS (SELECT t.tbl, t.row_uuid, t.scope, k.fullkey, k.type, k.value, max(t.id)" \
	"   FROM main.import_trace t, json_each(t.new_value) k GROUP BY t.tbl, t.row_uuid, t.scope, k.fullkey)," \
	" unsaid AS (SELECT t.tbl, t.row_uuid, t.scope FROM main.import_trace t" \
	"   WHERE NOT (t.action = 'insert' AND EXISTS (SELECT 1 FROM main.audit a WHERE a.scope = t.scope" \
	"     AND a.tbl = t.tbl AND a.row_uuid = t.row_uuid AND a.action = 'insert'))" \
	"   AND NOT (t.action = 'update' AND EXISTS (SELECT 1 FROM main.audit a WHERE a.scope = t.scope" \
	"     AND a.id > (SELECT id FROM temp.import_before) AND a.tbl = t.tbl AND a.row_uuid = t.row_uuid" \
	"     AND a.action = 'update' AND a.old_value IS t.old_value AND a.new_value IS t.new_value))" \
	"  UNION SELECT x.tbl, x.row_uuid, x.scope FROM kv x WHERE NOT EXISTS (SELECT 1 FROM" \
	"   (SELECT a.new_value v FROM main.audit a WHERE a.scope = x.scope AND a.tbl = x.tbl AND a.row_uuid = x.row_uuid" \
	"    AND a.action IN ('insert', 'update') AND iif(json_valid(a.new_value), json_type(a.new_value, x.fullkey), NULL)" \
	"    IS NOT NULL ORDER BY a.id DESC LIMIT 1)" \
	"   WHERE json_type(v, x.fullkey) = x.type AND json_extract(v, x.fullkey) IS x.value))" \
	" SELECT t.at, t.who, t.tbl, t.row_uuid, t.scope, t.action, t.old_value, t.new_value, t.origin" \
	" FROM main.import_trace t WHERE (t.tbl, coalesce(t.row_uuid, ''), coalesce(t.scope, '')) IN" \
	"  (SELECT tbl, coalesce(row_uuid, ''), coalesce(scope, '') FROM unsaid)" \
	" ORDER BY t.id;" \
	"DELETE FROM main.import_trace"

/* A form the package carries whose history, read to its last row, ends
 * with another status than it has here: an approval this office did not
 * take (the sender may not give it), on a form it already had, changed
 * nothing here, so no trigger wrote a row, and the sender's rows said
 * the form was approved. A row of the office's (?1, who imported; marked
 * with the sender's name as every row of the import) says the state kept.
 * Only forms whose package status is not the one here are read. */
#define STATUS_KEPT \
	"INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)" \
	" SELECT ?1, 'assessments', s.uuid, s.uuid, 'update', json_object('status', s.said)," \
	" json_object('status', s.status, 'reason', 'trạng thái ở máy này giữ nguyên, không theo gói của máy gửi')," \
	" (SELECT origin FROM sync_origin LIMIT 1) FROM" \
	" (SELECT m.id, m.uuid, m.status, (SELECT json_extract(a.new_value, '$.status') FROM main.audit a" \
	"   WHERE a.scope = m.uuid AND a.tbl = 'assessments' AND a.row_uuid = m.uuid AND a.action IN ('insert', 'update')" \
	"   AND iif(json_valid(a.new_value), json_type(a.new_value, '$.status'), NULL) = 'text' ORDER BY a.id DESC LIMIT 1) AS said" \
	"  FROM pkg.assessments p JOIN main.assessments m ON m.uuid = p.uuid WHERE p.status IS NOT m.status) s" \
	" WHERE s.said <> s.status ORDER BY s.id"

/* What the sender's history may name (read after the merge). Each row
 * names its unit or form (scope) and is copied as it is, so a signed
 * package could name a neighbour's form, give its own form the uuid of a
 * neighbour's, or write the district above: rows this office would show
 * in that unit's history as the sender's. temp.import_scopes: the units
 * and forms of the package that are here, by their uuid, in the signer's
 * scope; only their rows are taken (the history of a unit comes from
 * whoever may report for it; a genuine package also carries the rows of
 * the units above its own, which place it, most often here already); the
 * units in scope are temp.import_sub (merge.c). A signer who may change
 * every unit (t->whole) brings every row, as before. */
static antt_status history_scopes(antt_db *db, const sync_trust *t, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if (t->whole)
		return ANTT_OK;
	if ((s = exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_scopes (uuid TEXT PRIMARY KEY);"
		"DELETE FROM temp.import_scopes", err, "nhập nhật ký")) != ANTT_OK ||
	    (s = db_prepare(db, "INSERT OR IGNORE INTO temp.import_scopes"
		" SELECT p.uuid FROM pkg.units p JOIN main.units u ON u.uuid = p.uuid WHERE u.id IN (SELECT id FROM temp.import_sub)"
		" UNION ALL SELECT p.uuid FROM pkg.assessments p JOIN main.assessments a ON a.uuid = p.uuid"
		"  WHERE a.unit_id IN (SELECT id FROM temp.import_sub)", &st, err)) != ANTT_OK)
		return s;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ANTT_OK : db_fail(db, rc, err, "nhập nhật ký");
}

/* Everything inside the transaction. */
static antt_status take(antt_db *db, const sync_import_opts *o, const sync_trust *t, sqlite3_int64 attach_id,
                        sync_result *r, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;

	if (db_prepare(db, "SELECT 1 FROM packages WHERE sha256 = ?", &st, NULL) == ANTT_OK) {
		sqlite3_bind_text(st, 1, r->sha256, -1, SQLITE_STATIC);
		r->seen_before = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	st = NULL;
	/* sets an admin accepted (--accept-set): audited as the admin's
	 * acceptance. Not the sets of the set-up, nor those this machine's
	 * forms/ folder has: no one accepted those here */
	for (int i = 0; !t->first && i < o->n_accept; i++) {
		if ((s = db_prepare(db, "INSERT INTO audit (who, tbl, row_uuid, action, new_value)"
			" SELECT ?1, 'criteria_sets', sha256, 'insert', json_object('regulation', regulation, 'version', version)"
			" FROM pkg.criteria_sets WHERE sha256 = lower(?2) AND sha256 NOT IN (SELECT sha256 FROM main.criteria_sets)",
			&st, err)) != ANTT_OK)
			return s;
		sqlite3_bind_text(st, 1, db->user, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, o->accept_sets[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			s = db_fail(db, sqlite3_errcode(db->sql), err, "ghi nhật ký");
		sqlite3_finalize(st);
		st = NULL;
		if (s != ANTT_OK)
			return s;
		r->sets_accepted += sqlite3_changes(db->sql);
	}
	/* where the units the package names stand before it moves any */
	if ((s = exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_touched (id INTEGER PRIMARY KEY);"
		"DELETE FROM temp.import_touched;"
		"INSERT OR IGNORE INTO temp.import_touched SELECT parent_id FROM main.units"
		" WHERE uuid IN (SELECT uuid FROM pkg.units) AND parent_id IS NOT NULL", err, "nhập gói")) != ANTT_OK)
		return s;
	/* the audit's last row before this import: the sender's history is
	 * looked for among the rows before it (below); and the last answer:
	 * those after it are the import's (ANSWERS_TRACE) */
	if ((s = exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_before (id INTEGER, answer INTEGER);"
		"DELETE FROM temp.import_before;"
		"INSERT INTO temp.import_before SELECT (SELECT coalesce(max(id), 0) FROM main.audit),"
		" (SELECT coalesce(max(id), 0) FROM main.answers)", err, "nhập gói")) != ANTT_OK)
		return s;
	/* the audit triggers mark every change of the merge as the sender's
	 * (by the number of its name, kept once: db/017); without that row
	 * every change would read as this machine's own, so it must be there */
	if ((s = run1(db, "INSERT OR IGNORE INTO audit_origins (origin) VALUES (?1)", t->origin, err, "nhập gói")) != ANTT_OK ||
	    (s = run1(db, "INSERT INTO sync_origin (origin) SELECT '#' || id FROM audit_origins WHERE origin = ?1", t->origin,
		err, "nhập gói")) != ANTT_OK)
		return s;
	if (sqlite3_changes(db->sql) != 1)
		return err_set(err, ANTT_ERR_INVALID, "không ghi được tên máy gửi \"%s\" vào nhật ký (bảng sync_origin của "
			"cơ sở dữ liệu đã bị sửa ngoài antt). Không nhập gì từ gói này; cơ sở dữ liệu không bị thay đổi. Hãy khôi "
			"phục cơ sở dữ liệu từ bản sao lưu gần nhất rồi nhập lại gói.", t->origin);
	if ((s = exec(db, "INSERT OR IGNORE INTO criteria_sets (regulation, version, source, body, sha256)"
		" SELECT regulation, version, source, body, sha256 FROM pkg.criteria_sets", err, "nhập bộ tiêu chí")) != ANTT_OK ||
	    (s = sync_merge(db, t, attach_id, r, err)) != ANTT_OK)
		return s;
	/* the sender's history, each row once, marked as the sender's: it can
	 * never read as something this machine's accounts did (sync_origin
	 * holds the number of the sender's name); in slices (sync_slices). A row is here
	 * already when an earlier import brought it: looked for among the rows
	 * of its form (or unit) from before this import, so the rows this one
	 * adds to a form new here cost no search. Only the rows of the units
	 * and forms the signer may report (history_scopes). OR FAIL: a row
	 * refused fails the import, whose transaction is then rolled back
	 * whole, so SQLite needs no undo copy of each slice's pages (which
	 * cost a third of this step: every slice copied the index pages it
	 * touched, 520,000 rows a province) */
	r->audit = 0;
	if ((s = history_scopes(db, t, err)) != ANTT_OK ||
	    (s = sync_slices(db, t->whole ? AUDIT_COPY("") : AUDIT_COPY(" AND p.scope IN (SELECT uuid FROM temp.import_scopes)"),
		"SELECT max(id) FROM (SELECT id FROM pkg.audit WHERE id >= ?1 ORDER BY id LIMIT ?2)",
		&r->audit, err, "nhập nhật ký")) != ANTT_OK)
		return s;
	/* an answer inserted whose history in its form here does not end
	 * with it (during an import answers_ai writes no row, db/014): the
	 * row the trigger would have written, so none arrives without a trace
	 * of what it holds */
	if ((s = exec(db, ANSWERS_TRACE, err, "ghi nhật ký")) != ANTT_OK)
		return s;
	/* communes follow their units: recompute the years the package
	 * brought; the verdicts its answers change are the sender's too. Then
	 * the rows the triggers wrote meanwhile that the history lacks, and
	 * the state kept of a form whose history ends with another */
	if ((s = recompute(db, err)) != ANTT_OK || (s = exec(db, TRACE_KEEP, err, "ghi nhật ký")) != ANTT_OK ||
	    (s = run1(db, STATUS_KEPT, db->user, err, "ghi nhật ký")) != ANTT_OK ||
	    (s = exec(db, "DELETE FROM sync_origin", err, "nhập gói")) != ANTT_OK)
		return s;
	if (t->first) {
		if ((s = sync_trust_enrol(db, r, NULL, 1, err)) != ANTT_OK)
			return s;
		r->enrolled = 1;
	}
	if ((s = db_prepare(db, "INSERT OR IGNORE INTO packages (sha256, sender, under_code, under_uuid, years,"
		" created_at, imported_by, fingerprint) SELECT ?1, ?2, nullif(?3, ''),"
		" nullif((SELECT value FROM pkg.manifest WHERE key = 'under_uuid'), ''), ?4, ?5, ?6, ?7", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, r->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->under, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->years, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->created, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, db->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, r->fingerprint, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		s = db_fail(db, sqlite3_errcode(db->sql), err, "ghi gói đã nhận");
	sqlite3_finalize(st);
	return s;
}

/* The -wal and -shm SQLite makes beside import's copy of a package marked
 * for WAL, even to read it (empty: nothing writes to the copy). */
static void remove_sides(const char *pkg)
{
	char side[4210];

	snprintf(side, sizeof(side), "%s-wal", pkg);
	remove(side);
	snprintf(side, sizeof(side), "%s-shm", pkg);
	remove(side);
}

antt_status sync_import(antt_db *db, const char *path, const sync_import_opts *o, sync_result *r, antt_err *err)
{
	char saved[4200] = "", state[400], pkg[4200] = "";
	long long cache = 0;   /* the connection's page cache, given back after (out:) */
	sqlite3_int64 attach_id = 0;
	sync_trust t;
	antt_status s;
	int made = 0, done = 0, alone = 0;
	antt_err e2;

	memset(r, 0, sizeof(*r));
	if (!o->dry_run && (s = auth_require(db, CAN_ENTER, "nhập gói dữ liệu", err)) != ANTT_OK)
		return s;
	/* the package copied beside the backups first, checked and read
	 * from there, and kept when it went in (backup.h): the bytes checked
	 * are the bytes merged, with no second checksum of a whole province
	 * (1.3 s at 3 provinces). Not copied (a full disk, a dry run, or what
	 * is no package at all: sync_looks_like_package), it is
	 * read from the officer's file, its checksum taken again once
	 * attached (same_as_checked); it still goes in: its own way back (a
	 * backup and the packages kept before it) needs nothing of it. The
	 * chain stops there, so the next import copies the database first,
	 * or is refused while the disk is full: no import is ever without a
	 * way back. */
	if (!o->dry_run && sync_looks_like_package(path))
		backup_package_copy(db, path, pkg, sizeof(pkg), &e2);
	if ((s = sync_verify_as(pkg[0] ? pkg : path, path, r, err)) != ANTT_OK ||
	    (s = sync_trust_find(db, path, r, &t, err)) != ANTT_OK)
		goto drop;
	if (t.first && !o->dry_run &&
	    (s = auth_require(db, CAN_ADMIN, "nhận gói đầu tiên và ghi nhận máy gửi", err)) != ANTT_OK)
		goto drop;
	if (o->attach_under) {
		unit_row u;
		if ((s = unit_get(db, o->attach_under, &u, err)) != ANTT_OK)
			goto drop;
		attach_id = u.id;
	}
	if ((s = attach(db, pkg[0] ? pkg : path, err)) != ANTT_OK)
		goto drop;
	if ((s = same_as_checked(db, path, r, pkg[0] != '\0', err)) != ANTT_OK || (s = check_under(db, &t, err)) != ANTT_OK ||
	    (s = check_types(db, path, err)) != ANTT_OK || (t.first && (s = check_sets_up(db, path, err)) != ANTT_OK))
		goto out;
	if ((s = check_new_sets(db, path, o, &t, r, err)) != ANTT_OK)
		goto out;
	/* a province's package is a transaction of hundreds of megabytes:
	 * 128 MiB of pages (at most, as needed) instead of 2 halves its writes
	 * to the log and its time (64 MiB took 2.8 s more a province at 3
	 * provinces, 256 MiB no less). Each statement's own undo copy (a row
	 * insert whose audit trigger could fail is undone alone) kept in
	 * memory, not written to a temporary file and truncated again for
	 * every row: 1.5 GB of writes a province, a third of the CPU time.
	 * The defaults back after. And, when no other program has the
	 * database open, a rollback journal instead of the WAL: the new pages
	 * written once, not twice (db_journal.c); a dry run, rolled back,
	 * stays in the WAL, where a rollback costs nothing. */
	cache = db_cache_swap(db, "main", -131072);
	sqlite3_exec(db->sql, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	alone = !o->dry_run && db_journal_alone(db);
	if ((s = db_begin(db, err)) != ANTT_OK)
		goto out;
	/* a way back to the state before the import, inside its transaction
	 * (backup.h says when that is a copy and when not) */
	if (!o->dry_run && (s = backup_before_import(db, saved, sizeof(saved), &made, state, sizeof(state), err)) != ANTT_OK) {
		db_rollback(db);
		goto out;
	}
	if ((s = take(db, o, &t, attach_id, r, err)) != ANTT_OK || o->dry_run ||
	    (s = backup_state(db, state, sizeof(state), err)) != ANTT_OK)
		db_rollback(db);
	else
		done = (s = db_commit(db, err)) == ANTT_OK;
out:
	if (cache)   /* the caller's (the screens keep less) */
		db_cache_swap(db, "main", cache);
	sqlite3_exec(db->sql, "PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
	if (alone)
		db_journal_wal(db);
	sqlite3_exec(db->sql, "DETACH pkg", NULL, NULL, NULL);
	if (done) {
		backup_after_import(db, saved, state, pkg, r->kept, sizeof(r->kept));
		if (pkg[0])
			remove_sides(pkg);
		return s;
	}
drop:
	if (pkg[0]) {
		remove(pkg);
		remove_sides(pkg);
	}
	return s;
}

char *sync_result_line(const sync_result *r, int i, char *buf, size_t n)
{
	static const char *const kinds[] = { "đơn vị", "phiếu", "câu trả lời", "nhật ký", "công nhận" };
	char kind[64];   /* padded by columns: printf pads bytes */

	if (i < 0 || i > 4)
		return NULL;
	text_pad(kind, sizeof(kind), kinds[i], 12);
	if (i < 3)
		snprintf(buf, n, "%s thêm %lld, cập nhật %lld, giữ nguyên %lld, xung đột %lld", kind, r->added[i], r->changed[i],
			r->unchanged[i], r->conflicts[i]);
	else if (i == 3)
		snprintf(buf, n, "%s thêm %lld dòng (ghi là lịch sử của máy gửi)", kind, r->audit);
	else
		snprintf(buf, n, "%s thêm %lld, rút %lld", kind, r->recognised, r->unrecognised);
	return buf;
}
