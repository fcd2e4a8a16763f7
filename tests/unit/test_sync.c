/* sync: a package exported from one machine sets up an empty one (its
 * sender enrolled), arrives once (the same package again changes nothing),
 * and a package changed after signing is refused with nothing written. The
 * many forgeries are tests/cli/test_package_forgery.sh's concern. */
#include "testutil.h"
#include "answer.h"
#include "assess.h"
#include "session.h"
#include "sync/sync.h"
#include "sync/content.h"

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static antt_db *open_at(const char *name)
{
	antt_db *db = NULL;
	if (session_open(tu_path(name), DB_CREATE, &db, &err) != ANTT_OK)
		fail_msg("session_open: %s", err.msg);
	return db;
}

static void package_sets_up_an_empty_machine_once(void **state)
{
	antt_db *office = tu_commune(2), *commune;
	sync_export_opts eo = { .year = 2024, .path = tu_path("x1.antt") };
	sync_import_opts io = { 0 };
	sync_counts c;
	sync_result r;
	long long answers;
	(void)state;
	OK(answer_set(office, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(sync_export(office, &eo, &c, &err));
	assert_int_equal(c.units, 3);
	assert_int_equal(c.assessments, 1);
	assert_true(c.answers > 5);
	assert_int_equal(strlen(c.sha256), 64);
	answers = c.answers;
	assert_int_equal(sync_export(office, &eo, &c, &err), ANTT_ERR_EXISTS);

	commune = open_at("commune.db");
	/* the screens keep a small page cache; an import takes more for its
	 * transaction and gives back what it found */
	assert_int_equal(sqlite3_exec(commune->sql, "PRAGMA cache_size = -1024", NULL, NULL, NULL), SQLITE_OK);
	OK(sync_import(commune, eo.path, &io, &r, &err));
	assert_int_equal(tu_int(commune, "PRAGMA main.cache_size"), -1024);
	assert_true(r.enrolled);
	assert_int_equal(r.added[0], 3);
	assert_int_equal(r.added[1], 1);
	assert_true(r.fingerprint[0] != 0);
	assert_int_equal(tu_int(commune, "SELECT count(*) FROM answers"), answers);
	assert_int_equal(r.added[2], answers);

	{
		/* the lines antt import and the screens show: every kind, columns lined up */
		char line[256];
		int n = 0;
		assert_non_null(sync_result_line(&r, 0, line, sizeof(line)));
		assert_string_equal(line, "đơn vị       thêm 3, cập nhật 0, giữ nguyên 0, xung đột 0");
		assert_non_null(sync_result_line(&r, 2, line, sizeof(line)));
		assert_true(strncmp(line, "câu trả lời  thêm ", strlen("câu trả lời  thêm ")) == 0);
		while (sync_result_line(&r, n, line, sizeof(line)))
			n++;
		assert_int_equal(n, 5);
		assert_null(sync_result_line(&r, -1, line, sizeof(line)));
	}

	OK(sync_import(commune, eo.path, &io, &r, &err));
	assert_true(r.seen_before);
	assert_int_equal(r.added[0] + r.added[1] + r.added[2] + r.changed[0] + r.changed[1] + r.changed[2], 0);
	db_close(commune);
	tu_cleanup(office);
}

static void changed_package_is_refused(void **state)
{
	antt_db *office = tu_commune(1), *commune;
	sync_export_opts eo = { .year = 0, .path = tu_path("x1.antt") };
	sync_import_opts io = { 0 };
	sync_counts c;
	sync_result r;
	sqlite3 *raw;
	(void)state;
	OK(sync_export(office, &eo, &c, &err));
	assert_int_equal(sqlite3_open(eo.path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "UPDATE units SET name = 'Thôn giả' WHERE code = 'K1'", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(raw);
	commune = open_at("commune.db");
	assert_int_not_equal(sync_import(commune, eo.path, &io, &r, &err), ANTT_OK);
	assert_contains(err.msg, "không bị thay đổi");
	assert_int_equal(tu_int(commune, "SELECT count(*) FROM units"), 0);
	assert_int_equal(sync_import(commune, tu_path("none.antt"), &io, &r, &err), ANTT_ERR_IO);
	db_close(commune);
	tu_cleanup(office);
}

/* The attack: a package whose rows are refused (a unit's name with a
 * terminal escape and a right-to-left mark), signed by its sender, and a
 * copy with clean rows and the same manifest. Renamed over the officer's
 * file between two reads of it, the rows were checked on the clean one
 * and the checksum and signature on the signed one. A dry run reads the
 * officer's own file: it is read through one connection, and refused. */
static sqlite3_syscall_ptr real_open;
static char swap_target[600], swap_from[600];
static int swap_opens;

static int swap_open(const char *p, int flags, int mode)
{
	size_t n = strlen(p), t = strlen("/swap.antt");

	if (n >= t && !strcmp(p + n - t, "/swap.antt") && ++swap_opens == 2)
		rename(swap_from, swap_target);
	return ((int (*)(const char *, int, int))real_open)(p, flags, mode);
}

static void package_swapped_between_reads_is_refused(void **state)
{
	antt_db *office = tu_commune(1), *commune;
	sync_export_opts eo = { .year = 0, .path = tu_path("signed.antt") };
	sync_import_opts io = { .dry_run = 1 };
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	sync_counts c;
	sync_result r;
	sqlite3 *raw;
	char cmd[1400];
	(void)state;
	assert_int_equal(sqlite3_exec(office->sql, "UPDATE units SET name = 'Thôn ' || char(27) || '[2J' || char(8238)"
		" WHERE code = 'K1'", NULL, NULL, NULL), SQLITE_OK);
	OK(sync_export(office, &eo, &c, &err));
	snprintf(swap_from, sizeof(swap_from), "%s", tu_path("signed.antt"));
	snprintf(swap_target, sizeof(swap_target), "%s", tu_path("swap.antt"));
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", swap_from, swap_target);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(sqlite3_open(swap_target, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "UPDATE units SET name = 'Thôn 1' WHERE code = 'K1'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	commune = open_at("swap.db");
	/* each alone is refused */
	assert_int_equal(sync_import(commune, swap_from, &io, &r, &err), ANTT_ERR_INVALID);
	assert_int_equal(sync_import(commune, swap_target, &io, &r, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "SHA-256");
	/* the clean one first, the signed one renamed over it at the next open */
	real_open = vfs->xGetSystemCall(vfs, "open");
	swap_opens = 0;
	assert_int_equal(vfs->xSetSystemCall(vfs, "open", (sqlite3_syscall_ptr)swap_open), SQLITE_OK);
	assert_int_equal(sync_import(commune, swap_target, &io, &r, &err), ANTT_ERR_INVALID);
	vfs->xSetSystemCall(vfs, "open", NULL);
	assert_contains(err.msg, "SHA-256");
	assert_int_equal(tu_int(commune, "SELECT count(*) FROM units"), 0);
	db_close(commune);
	tu_cleanup(office);
}

/* A package refused after it was attached (here a first package with no
 * units) gives the connection's page cache back as it found it, as one
 * that goes in does: the screens keep 1 MiB, not SQLite's 2. */
static void refused_package_leaves_the_cache_as_it_was(void **state)
{
	antt_db *empty = tu_open(), *fresh;
	sync_export_opts eo = { .year = 0, .path = tu_path("empty.antt") };
	sync_import_opts io = { 0 };
	sync_counts c;
	sync_result r;
	(void)state;
	OK(db_setting_set(empty, "office_name", "Công an xã chưa có đơn vị", &err));
	OK(sync_export(empty, &eo, &c, &err));
	fresh = open_at("fresh.db");
	assert_int_equal(sqlite3_exec(fresh->sql, "PRAGMA cache_size = -1024", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sync_import(fresh, eo.path, &io, &r, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "không có đơn vị nào");
	assert_int_equal(tu_int(fresh, "PRAGMA main.cache_size"), -1024);
	db_close(fresh);
	tu_cleanup(empty);
}

/* The import compares an answer's history row with the JSON its insert
 * trigger writes (db/014) as text, built its own way (ANSWER_AUDIT_JSON):
 * the two must give the same bytes for every kind of value, exception
 * and note, or a genuine package's answers would each get a second row. */
static void answer_history_json_is_the_triggers(void **state)
{
	antt_db *db = tu_commune(1);
	static const char *const values[] = { "'có'", "12", "-3", "1.5", "2.0e-7", "NULL", "'chữ \"trích\" \\ / é'", "''" };
	static const char *const notes[] = { "''", "'ghi chú'", "'dòng 1' || char(10) || 'dòng \"2\"'" };
	char sql[512];
	int n = 0;
	(void)state;
	assert_int_equal(assess_register(db, "K1", 2024, &err), ANTT_OK);
	for (size_t v = 0; v < sizeof(values) / sizeof(*values); v++)
		for (int e = 0; e <= 1; e++)
			for (size_t k = 0; k < sizeof(notes) / sizeof(*notes); k++) {
				snprintf(sql, sizeof(sql), "INSERT INTO answers (uuid, rev, assessment_id, criterion, value, exception,"
					" note, updated_by) SELECT lower(hex(randomblob(16))), 1, id, 'c%d', %s, %d, %s, 'x' FROM assessments",
					n++, values[v], e, notes[k]);
				assert_int_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
			}
	assert_int_equal(tu_int(db, "SELECT count(*) FROM answers x JOIN audit h ON h.row_uuid = x.uuid"
		" AND h.tbl = 'answers' AND h.action = 'insert'"), n);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM answers x JOIN audit h ON h.row_uuid = x.uuid"
		" AND h.tbl = 'answers' AND h.action = 'insert' WHERE h.new_value IS NOT "
		ANSWER_AUDIT_JSON("x.criterion", "x.value", "x.exception", "x.note")), 0);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(package_sets_up_an_empty_machine_once),
		cmocka_unit_test(changed_package_is_refused),
		cmocka_unit_test(refused_package_leaves_the_cache_as_it_was),
		cmocka_unit_test(package_swapped_between_reads_is_refused),
		cmocka_unit_test(answer_history_json_is_the_triggers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
