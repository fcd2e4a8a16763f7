/* propose: a commune's level lists its own units and not those of a
 * commune below another level; the level above lists the communes and the
 * units no commune holds; excluded and retired units are left out; the
 * results (criteria held) and a recognition come with each unit; a unit's
 * name after "Ủy ban nhân dân" reads "xã Hòa Bình". */
#include "testutil.h"
#include "assess.h"
#include "form_store.h"
#include "propose.h"
#include "recognise.h"

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

typedef struct {
	char seen[16][64];
	int held[16], total[16], recognised[16];
	int n;
} collected;

static int collect(const propose_unit *u, void *ctx)
{
	collected *c = ctx;
	if (c->n < 16) {
		snprintf(c->seen[c->n], sizeof(c->seen[0]), "%s", u->code);
		c->held[c->n] = u->held;
		c->total[c->n] = u->total;
		c->recognised[c->n] = u->decision != NULL;
	}
	c->n++;
	return 0;
}

/* H (huyện) > X1 (xã) > K1, K2 (khu dân cư), CQ (cơ quan); H > X2 (xã) > K3;
 * H > DN (doanh nghiệp, held by no commune); K2 excluded. */
static antt_db *office(void)
{
	antt_db *db = tu_open();
	const form *f;
	sqlite3_int64 id;

	OK(unit_add(db, "H", "huyen", "Huyện Sông Lam", NULL, &err));
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", "H", &err));
	OK(unit_add(db, "X2", "thi-tran", "Thị trấn Đồng Tâm", "H", &err));
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn Đông", "X1", &err));
	OK(unit_add(db, "K2", "khu-dan-cu", "Thôn Tây", "X1", &err));
	OK(unit_add(db, "CQ", "co-quan", "Trường Trung học cơ sở Hòa Bình", "X1", &err));
	OK(unit_add(db, "K3", "khu-dan-cu", "Tổ dân phố 1", "X2", &err));
	OK(unit_add(db, "DN", "doanh-nghiep", "Công ty Sông Lam", "H", &err));
	OK(assess_set_excluded(db, "K2", 1, &err));
	OK(form_for_new(db, "khu-dan-cu", 2024, &f, &id, &err));
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	return db;
}

static void commune_lists_its_own_units(void **state)
{
	antt_db *db = office();
	collected c = { .n = 0 };
	(void)state;

	OK(propose_units(db, 2024, "X1", collect, &c, &err));
	assert_int_equal(c.n, 2);   /* K2 excluded */
	assert_string_equal(c.seen[0], "K1");
	assert_string_equal(c.seen[1], "CQ");
	/* K1 answered đạt: every top-level criterion of TT 124 (5) holds */
	assert_int_equal(c.total[0], 5);
	assert_int_equal(c.held[0], 5);
	assert_int_equal(c.total[1], 0);   /* CQ not registered */
	tu_cleanup(db);
}

static void office_lists_communes_and_free_units(void **state)
{
	antt_db *db = office();
	collected c = { .n = 0 };
	(void)state;

	OK(propose_units(db, 2024, NULL, collect, &c, &err));
	assert_int_equal(c.n, 3);
	assert_string_equal(c.seen[0], "X1");   /* types' order: xã, thị trấn, … doanh nghiệp */
	assert_string_equal(c.seen[1], "X2");
	assert_string_equal(c.seen[2], "DN");
	c.n = 0;
	OK(propose_units(db, 2024, "H", collect, &c, &err));
	assert_int_equal(c.n, 3);
	tu_cleanup(db);
}

static void unknown_unit_refused(void **state)
{
	antt_db *db = office();
	collected c = { .n = 0 };
	(void)state;

	assert_int_equal(propose_units(db, 2024, "NOPE", collect, &c, &err), ANTT_ERR_NOT_FOUND);
	assert_non_null(strstr(err.msg, "NOPE"));
	assert_int_equal(c.n, 0);
	tu_cleanup(db);
}

static void level_and_words(void **state)
{
	antt_db *db = office();
	unit_row u;
	char words[256], bare[256];
	int found;
	(void)state;

	OK(propose_level(db, NULL, &u, &found, &err));
	assert_int_equal(found, 1);
	assert_string_equal(u.code, "H");
	propose_words(&u, words, sizeof(words), bare, sizeof(bare));
	assert_string_equal(words, "huyện Sông Lam");
	assert_string_equal(bare, "Sông Lam");
	OK(propose_level(db, "X2", &u, &found, &err));
	propose_words(&u, words, sizeof(words), bare, sizeof(bare));
	assert_string_equal(words, "thị trấn Đồng Tâm");
	assert_string_equal(bare, "Đồng Tâm");
	/* a name that does not begin with its type stays as it is */
	OK(propose_level(db, "DN", &u, &found, &err));
	propose_words(&u, words, sizeof(words), bare, sizeof(bare));
	assert_string_equal(words, "Công ty Sông Lam");
	/* two tops: no single level */
	OK(unit_add(db, "H2", "huyen", "Huyện Khác", NULL, &err));
	OK(propose_level(db, NULL, &u, &found, &err));
	assert_int_equal(found, 0);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(commune_lists_its_own_units),
		cmocka_unit_test(office_lists_communes_and_free_units),
		cmocka_unit_test(unknown_unit_refused),
		cmocka_unit_test(level_and_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
